"""The Rasa server as the panel reaches it: the REST channel and the tracker of the HTTP API."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import httpx

from assistant.domain.limits import MESSAGE_TOO_LONG
from assistant.errors import AssistantNoReply, AssistantUnavailable, InvalidField
from assistant.security.tokens import ChatIdentity, issue_chat_token

logger = logging.getLogger(__name__)

# A message can run several custom actions (database look-ups); give them time.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class RasaClient:
    """A synchronous client of one Rasa server; implements ``AssistantChannel``.

    Args:
        base_url: the Rasa server, e.g. ``http://localhost:5005``.
        token: the HTTP API's auth token (``--auth-token``), needed for the tracker.
        jwt_key: the key that signs the chat tokens the REST channel requires.
        token_seconds: lifetime of each chat token (one is signed per message).
        timeout: request timeout.
        transport: an httpx transport to use instead of the network (tests).
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        jwt_key: str,
        *,
        token_seconds: int = 300,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token
        self._jwt_key = jwt_key
        self._token_seconds = token_seconds
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport)

    def send(self, sender: str, text: str, speaker: ChatIdentity) -> list[dict[str, Any]]:
        """Send a message over the REST channel as ``speaker``; return the replies (``[{"recipient_id", "text"}]``).

        Raises:
            InvalidField: when the channel refuses the text as too long.
            AssistantNoReply: when the assistant produced no reply (an action or the database failed).
            AssistantUnavailable: on a connection error, a timeout, or another error answer.
        """
        chat_token = issue_chat_token(self._jwt_key, speaker, ttl_seconds=self._token_seconds)
        replies = self._request(
            "POST",
            "/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            headers={"Authorization": f"Bearer {chat_token}"},
        )
        if not isinstance(replies, list):
            raise AssistantUnavailable(self.base_url, f"unexpected REST answer: {type(replies).__name__}")
        return [reply for reply in replies if isinstance(reply, dict)]

    def tracker(self, sender: str) -> dict[str, Any]:
        """The conversation's tracker (``slots``, ``events`` …) from the HTTP API.

        Raises:
            AssistantUnavailable: on a connection error, a timeout, or an error answer.
        """
        tracker = self._request("GET", f"/conversations/{quote(sender, safe='')}/tracker", params={"token": self._token})
        if not isinstance(tracker, dict):
            raise AssistantUnavailable(self.base_url, f"unexpected tracker: {type(tracker).__name__}")
        return tracker

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def _request(self, method: str, path: str, **options: Any) -> Any:
        try:
            response = self._http.request(method, path, **options)
        except httpx.HTTPError as error:
            raise AssistantUnavailable(self.base_url, f"{method} {path}: {type(error).__name__}: {error}") from error
        if response.status_code == 413:
            raise InvalidField("text", None, MESSAGE_TOO_LONG)
        if response.status_code == 503 and _error_code(response) in ("no_reply", "action_failed"):
            raise AssistantNoReply(self.base_url, str(response.json().get("message") or ""))
        if response.status_code >= 400:
            # 5xx: the server failed; 4xx: the panel is misconfigured (wrong token, old Rasa).
            # Either way the officer can only retry later; the log says which.
            # Not the body: it may quote what was typed or a case's data.
            logger.error("Rasa answered %s to %s %s", response.status_code, method, path.split("/conversations/")[0] or path)
            raise AssistantUnavailable(self.base_url, f"{method} {path}: HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError as error:
            raise AssistantUnavailable(self.base_url, f"{method} {path}: invalid JSON") from error


def _error_code(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return str(body.get("error")) if isinstance(body, dict) else None
