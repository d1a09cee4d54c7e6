"""Terminal chat with the running assistant over its REST channel (``make shell``).

The shell signs in like the panel (a panel account: username and password, checked against
the case database) and then sends each line as that user, with a chat token signed with
``QUANZU_JWT_KEY``. ``/case YJ…`` starts a new conversation on that case; ``/quit`` leaves.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

import requests

from assistant.config import ConfigError, Settings, require, require_secrets
from assistant.security.tokens import ChatIdentity, issue_chat_token


def send(url: str, sender: str, message: str, token: str) -> list[str]:
    """Send one message with a chat token and return the texts of the replies (or the refusal)."""
    response = requests.post(
        url, json={"sender": sender, "message": message}, headers={"Authorization": f"Bearer {token}"}, timeout=60
    )
    body: Any = response.json() if response.headers.get("content-type", "").startswith("application/json") else None
    if response.status_code >= 400:
        detail = body.get("message") if isinstance(body, dict) else None
        return [f"[{detail or f'HTTP {response.status_code}'}]"]
    return [str(reply["text"]) for reply in body or [] if isinstance(reply, dict) and reply.get("text")]


def _lines() -> Iterator[str]:
    if not sys.stdin.isatty():
        yield from sys.stdin
        return
    while True:
        try:
            yield input("> ")
        except EOFError:
            return


def _sign_in(settings: Settings, username: str | None) -> ChatIdentity | None:
    from assistant.db.unit_of_work import SqlUnitOfWork
    from assistant.services.users import authenticate

    username = username or input("用户名: ").strip()
    password = os.environ.get("QUANZU_SHELL_PASSWORD") or getpass.getpass("密码: ")
    account = authenticate(SqlUnitOfWork.from_settings(settings), username, password)
    return ChatIdentity(account.username, account.role) if account else None


def main(argv: Sequence[str] | None = None) -> int:
    """Sign in, then run the chat loop until end of input or ``/quit``."""
    parser = argparse.ArgumentParser(prog="quanzu-shell", description=__doc__)
    parser.add_argument("--url", default="http://localhost:5005/webhooks/rest/webhook")
    parser.add_argument("--user", help="panel account to sign in as (asked when omitted)")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    try:
        require_secrets(settings, "jwt_key")
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    user = _sign_in(settings, args.user)
    if user is None:
        print("用户名或密码错误", file=sys.stderr)
        return 1
    key = require(settings.jwt_key, "jwt_key")
    speaker = ChatIdentity(user.username, user.role, sender=f"shell-{user.username}-{uuid.uuid4().hex[:8]}")
    print("劝阻助手 — 输入对方的话或指令(“帮助”查看用法,/case YJ… 开新案件,/quit 退出)")
    for line in _lines():
        text = line.strip()
        if not text:
            continue
        if text == "/quit":
            break
        if text.startswith("/case "):
            case_id = text.split(maxsplit=1)[1].strip().upper()
            speaker = ChatIdentity(user.username, user.role, case_id, f"shell-{user.username}-{uuid.uuid4().hex[:8]}")
            text = "/session_start"
        try:
            token = issue_chat_token(key, speaker, ttl_seconds=settings.chat_token_seconds)
            replies = send(args.url, str(speaker.sender), text, token)
        except (requests.RequestException, ValueError) as error:
            print(f"[助手无响应:{type(error).__name__}。请确认 make run 正在运行。]")
            continue
        for reply in replies:
            print(f"\n{reply}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
