"""The socket.io channel works with an existing Rasa web-chat client (rasa-webchat 1.0.1).

The embedding page passes a chat token in the socket URL's query string (the widget sends no
socket.io ``auth`` payload); without one the widget gets no answer at all.
"""

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
from tests.e2e.servers import Stack, chat_token

BUNDLE = project_root() / "build" / "webchat" / "rasa-webchat-1.0.1.js"

PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>web chat</title></head>
<body><div id="webchat"></div>
<script src="rasa-webchat-1.0.1.js"></script>
<script>
  WebChat.default({{
    socketUrl: "http://127.0.0.1:{rasa_port}{query}",
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
def embedding_site(stack: Stack, tmp_path: Path) -> Iterator[Path]:
    """A site on the stack's allowed embedding origin serving the rasa-webchat bundle; pages go in the folder."""
    if not BUNDLE.exists():
        pytest.fail(f"{BUNDLE} is missing: 'make test' fetches it (scripts/ensure-webchat.sh)")
    shutil.copy(BUNDLE, tmp_path / BUNDLE.name)
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", stack.embed_port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield tmp_path
    finally:
        server.shutdown()
        server.server_close()


def page_url(stack: Stack, site: Path, name: str, token: str | None) -> str:
    query = f"?token={token}" if token else ""
    (site / name).write_text(PAGE.format(rasa_port=stack.rasa_port, query=query), encoding="utf-8")
    return f"{stack.embed_origin}/{name}"


def test_rasa_webchat_converses_over_socket_io(page: Page, stack: Stack, embedding_site: Path) -> None:
    page.goto(page_url(stack, embedding_site, "index.html", chat_token(sender=None)))
    responses = page.locator(".rw-response")
    expect(responses.first).to_contain_text("打开案件", timeout=60_000)  # the greeting, from initPayload

    box = page.locator(".rw-new-message")
    box.fill("打开案件 YJ20261125004")
    box.press("Enter")
    expect(page.locator(".rw-response").filter(has_text="陈女士,您好")).to_be_visible(timeout=60_000)


def test_rasa_webchat_without_a_token_gets_nothing(page: Page, stack: Stack, embedding_site: Path) -> None:
    page.goto(page_url(stack, embedding_site, "anonymous.html", None))
    page.wait_for_timeout(5_000)  # the greeting comes within a second when the socket is accepted
    expect(page.locator(".rw-response")).to_have_count(0)
