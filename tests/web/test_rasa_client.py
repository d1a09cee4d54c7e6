"""RasaClient against a mocked HTTP transport: the requests it makes and how failures surface."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from assistant.errors import AssistantNoReply, AssistantUnavailable, InvalidField
from assistant.security.tokens import ChatIdentity, verify_chat_token
from assistant.web.rasa_client import RasaClient

Handler = Callable[[httpx.Request], httpx.Response]
JWT_KEY = "client-tests-jwt-key-" + "j" * 20
LI = ChatIdentity("li", "officer", "YJ1", "YJ1--li")


def client(handler: Handler) -> RasaClient:
    return RasaClient("http://rasa.test:5005/", "secret-token", JWT_KEY, transport=httpx.MockTransport(handler))


def test_send_posts_to_the_rest_webhook_as_the_signed_in_user() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[{"recipient_id": "YJ1--li", "text": "你好"}, {"recipient_id": "YJ1--li", "image": "x"}])

    replies = client(handler).send("YJ1--li", "/session_start", LI)
    assert replies == [{"recipient_id": "YJ1--li", "text": "你好"}, {"recipient_id": "YJ1--li", "image": "x"}]
    (request,) = seen
    assert request.method == "POST"
    assert str(request.url) == "http://rasa.test:5005/webhooks/rest/webhook"
    assert json.loads(request.content) == {"sender": "YJ1--li", "message": "/session_start"}  # no client metadata
    scheme, _, token = request.headers["Authorization"].partition(" ")
    assert scheme == "Bearer"
    assert verify_chat_token(JWT_KEY, token) == LI


def test_a_refused_long_message_and_a_silent_turn_are_clear_errors() -> None:
    too_long = client(lambda request: httpx.Response(413, json={"error": "message_too_long", "message": "x"}))
    with pytest.raises(InvalidField, match="text"):
        too_long.send("s", "转8万 " * 300, LI)
    for code in ("no_reply", "action_failed"):
        silent = client(lambda request, code=code: httpx.Response(503, json={"error": code, "message": "没有保存"}))
        with pytest.raises(AssistantNoReply) as caught:
            silent.send("s", "劝阻成功", LI)
        assert caught.value.message == "没有保存"


def test_tracker_gets_the_conversation_with_the_token() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"sender_id": "YJ1--li", "slots": {"case_id": "YJ1"}, "events": []})

    tracker = client(handler).tracker("YJ1--li")
    assert tracker["slots"] == {"case_id": "YJ1"}
    (request,) = seen
    assert request.method == "GET"
    assert request.url.path == "/conversations/YJ1--li/tracker"
    assert request.url.params["token"] == "secret-token"


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("connection refused"),
        httpx.ReadTimeout("timed out"),
        httpx.RemoteProtocolError("server hung up"),
    ],
)
def test_network_failures_become_assistant_unavailable(failure: Exception) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise failure

    rasa = client(handler)
    with pytest.raises(AssistantUnavailable) as caught:
        rasa.send("s", "你好", LI)
    assert caught.value.url == "http://rasa.test:5005"
    assert caught.value.response == "utter_internal_error"
    with pytest.raises(AssistantUnavailable):
        rasa.tracker("s")


@pytest.mark.parametrize("status", [500, 502, 503, 401])
def test_error_answers_become_assistant_unavailable_without_leaking_the_token(status: int) -> None:
    rasa = client(lambda request: httpx.Response(status, json={"message": "boom"}))
    with pytest.raises(AssistantUnavailable) as caught:
        rasa.tracker("s")
    assert f"HTTP {status}" in str(caught.value)
    assert "secret-token" not in str(caught.value)
    with pytest.raises(AssistantUnavailable):
        rasa.send("s", "你好", LI)


@pytest.mark.parametrize("body", [b"<html>not json</html>", b'{"not": "a list"}'])
def test_unexpected_rest_answers_become_assistant_unavailable(body: bytes) -> None:
    rasa = client(lambda request: httpx.Response(200, content=body))
    with pytest.raises(AssistantUnavailable):
        rasa.send("s", "你好", LI)


def test_unreachable_real_server_is_assistant_unavailable() -> None:
    # Port 9 (discard) on localhost: nothing listens, the connection is refused at once.
    rasa = RasaClient("http://127.0.0.1:9", "t", JWT_KEY, timeout=httpx.Timeout(2.0))
    try:
        with pytest.raises(AssistantUnavailable):
            rasa.send("s", "你好", LI)
    finally:
        rasa.close()
