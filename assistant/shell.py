"""Terminal chat with the running assistant over its REST channel (``make shell``).

Each line typed is sent as the officer's message; the assistant's replies are printed.
``/case YJ…`` starts a new conversation on that case (passed as session metadata, like the
panel does); ``/quit`` leaves.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

import requests


def send(url: str, sender: str, message: str, metadata: dict[str, Any] | None = None) -> list[str]:
    """Send one message and return the texts of the replies."""
    payload: dict[str, Any] = {"sender": sender, "message": message}
    if metadata:
        payload["metadata"] = metadata
    response = requests.post(url, json=payload, timeout=60)
    response.raise_for_status()
    return [str(reply["text"]) for reply in response.json() if reply.get("text")]


def _lines() -> Iterator[str]:
    if not sys.stdin.isatty():
        yield from sys.stdin
        return
    while True:
        try:
            yield input("> ")
        except EOFError:
            return


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chat loop until end of input or ``/quit``."""
    parser = argparse.ArgumentParser(prog="quanzu-shell", description=__doc__)
    parser.add_argument("--url", default="http://localhost:5005/webhooks/rest/webhook")
    parser.add_argument("--officer", default="officer_demo")
    args = parser.parse_args(argv)
    sender = f"shell-{uuid.uuid4().hex[:8]}"
    metadata: dict[str, Any] = {"officer_id": args.officer}
    print("劝阻助手 — 输入对方的话或指令(“帮助”查看用法,/case YJ… 开新案件,/quit 退出)")
    for line in _lines():
        text = line.strip()
        if not text:
            continue
        if text == "/quit":
            break
        if text.startswith("/case "):
            sender = f"shell-{uuid.uuid4().hex[:8]}"
            metadata = {"officer_id": args.officer, "case_id": text.split(maxsplit=1)[1]}
            text = "/session_start"
        try:
            replies = send(args.url, sender, text, metadata)
        except requests.RequestException as error:
            print(f"[助手无响应:{error}。请确认 make run 正在运行。]")
            continue
        for reply in replies:
            print(f"\n{reply}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
