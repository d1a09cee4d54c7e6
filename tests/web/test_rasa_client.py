"""RasaClient against a mocked HTTP transport: the requests it makes and how failures surface."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from assistant.errors import AssistantUnavailable
from assistant.web.rasa_client import RasaClient

Handler = Callable[[httpx.Request], httpx.Response]


def client(handler: Handler) -> RasaClient:
    return RasaClient("http://rasa.test:5005/", "secret-token", transport=httpx.MockTransport(handler))


def test_send_posts_to_the_rest_webhook_with_metadata() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[{"recipient_id": "YJ1--li", "text": "你好"}, {"recipient_id": "YJ1--li", "image": "x"}])

    replies = client(handler).send("YJ1--li", "/session_start", {"case_id": "YJ1", "officer_id": "li"})
    assert replies == [{"recipient_id": "YJ1--li", "text": "你好"}, {"recipient_id": "YJ1--li", "image": "x"}]
    (request,) = seen
    assert request.method == "POST"
    assert str(request.url) == "http://rasa.test:5005/webhooks/rest/webhook"
    assert json.loads(request.content) == {
        "sender": "YJ1--li",
        "message": "/session_start",
        "metadata": {"case_id": "YJ1", "officer_id": "li"},
    }


def test_send_without_metadata_leaves_it_out() -> None:
    bodies: list[dict[str, object]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        return httpx.Response(200, json=[])

    assert client(handler).send("s", "你好") == []
    assert bodies == [{"sender": "s", "message": "你好"}]


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
        rasa.send("s", "你好")
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
        rasa.send("s", "你好")


@pytest.mark.parametrize("body", [b"<html>not json</html>", b'{"not": "a list"}'])
def test_unexpected_rest_answers_become_assistant_unavailable(body: bytes) -> None:
    rasa = client(lambda request: httpx.Response(200, content=body))
    with pytest.raises(AssistantUnavailable):
        rasa.send("s", "你好")


def test_unreachable_real_server_is_assistant_unavailable() -> None:
    # Port 9 (discard) on localhost: nothing listens, the connection is refused at once.
    rasa = RasaClient("http://127.0.0.1:9", "t", timeout=httpx.Timeout(2.0))
    try:
        with pytest.raises(AssistantUnavailable):
            rasa.send("s", "你好")
    finally:
        rasa.close()
