"""The standard socket.io channel works with an existing Rasa web-chat client (rasa-webchat 1.0.1)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assistant.config import project_root
from tests.e2e.servers import Stack, free_port

BUNDLE = project_root() / "build" / "webchat" / "rasa-webchat-1.0.1.js"

PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>web chat</title></head>
<body><div id="webchat"></div>
<script src="rasa-webchat-1.0.1.js"></script>
<script>
  WebChat.default({{
    socketUrl: "http://127.0.0.1:{rasa_port}",
    socketPath: "/socket.io/",
    initPayload: "/greet",
    embedded: true,
    params: {{storage: "session"}}
  }}, document.getElementById("webchat"));
</script></body></html>
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        return


@pytest.fixture()
def webchat_url(stack: Stack, tmp_path: Path) -> Iterator[str]:
    """A page on localhost embedding the rasa-webchat bundle, pointed at the stack's socket.io channel."""
    if not BUNDLE.exists():
        pytest.fail(f"{BUNDLE} is missing: 'make test' fetches it (scripts/ensure-webchat.sh)")
    shutil.copy(BUNDLE, tmp_path / BUNDLE.name)
    (tmp_path / "index.html").write_text(PAGE.format(rasa_port=stack.rasa_port), encoding="utf-8")
    port = free_port()
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/index.html"
    finally:
        server.shutdown()


def test_rasa_webchat_converses_over_socket_io(page: Page, webchat_url: str) -> None:
    page.goto(webchat_url)
    responses = page.locator(".rw-response")
    expect(responses.first).to_contain_text("打开案件", timeout=60_000)  # the greeting, from initPayload

    box = page.locator(".rw-new-message")
    box.fill("打开案件 YJ20261125004")
    box.press("Enter")
    expect(page.locator(".rw-response").filter(has_text="陈女士,您好")).to_be_visible(timeout=60_000)
