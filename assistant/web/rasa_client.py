"""The Rasa server as the panel reaches it: the REST channel and the tracker of the HTTP API."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from assistant.errors import AssistantUnavailable

logger = logging.getLogger(__name__)

# A message can run several custom actions (database look-ups); give them time.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class RasaClient:
    """A synchronous client of one Rasa server; implements ``AssistantChannel``.

    Args:
        base_url: the Rasa server, e.g. ``http://localhost:5005``.
        token: the HTTP API's auth token (``--auth-token``), needed for the tracker.
        timeout: request timeout.
        transport: an httpx transport to use instead of the network (tests).
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport)

    def send(self, sender: str, text: str, metadata: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Send a message over the REST channel; return the replies (``[{"recipient_id", "text"}]``).

        Raises:
            AssistantUnavailable: on a connection error, a timeout, or an error answer.
        """
        payload: dict[str, Any] = {"sender": sender, "message": text}
        if metadata:
            payload["metadata"] = dict(metadata)
        replies = self._request("POST", "/webhooks/rest/webhook", json=payload)
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
        if response.status_code >= 400:
            # 5xx: the server failed; 4xx: the panel is misconfigured (wrong token, old Rasa).
            # Either way the officer can only retry later; the log says which.
            logger.error("Rasa answered %s to %s %s: %s", response.status_code, method, path, response.text[:200])
            raise AssistantUnavailable(self.base_url, f"{method} {path}: HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError as error:
            raise AssistantUnavailable(self.base_url, f"{method} {path}: invalid JSON") from error
