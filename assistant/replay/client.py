"""Talking to the live Rasa server: the REST channel for messages, the HTTP API for trackers."""

from __future__ import annotations

from typing import Any

import requests
from rasa.shared.core.events import Event, deserialise_events

from assistant.replay.errors import ReplayConnectionError


class RasaClient:
    """A client of one Rasa server.

    Args:
        base_url: the server, e.g. ``http://127.0.0.1:5005``.
        token: the token of its HTTP API (``--auth-token``), needed to read trackers.
        timeout: seconds to wait for one reply (custom actions included).
    """

    def __init__(self, base_url: str, token: str | None, timeout: float = 120.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token
        self._timeout = timeout
        self._http = requests.Session()

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        try:
            response = self._http.request(method, f"{self.base_url}{path}", timeout=self._timeout, **kwargs)
        except requests.ConnectionError as error:
            raise ReplayConnectionError(f"cannot reach the Rasa server at {self.base_url}: {error}") from error
        if response.status_code in (401, 403):
            raise ReplayConnectionError(f"the Rasa server at {self.base_url} refused the token ({response.status_code})")
        response.raise_for_status()
        return response

    def check(self) -> None:
        """Fail early, with a clear message, when the server or its API is not usable."""
        self._request("GET", "/status", params={"token": self._token})

    def send(self, sender: str, text: str, metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Send one message over the REST channel; return the bot's messages."""
        payload: dict[str, Any] = {"sender": sender, "message": text}
        if metadata:
            payload["metadata"] = metadata
        return list(self._request("POST", "/webhooks/rest/webhook", json=payload).json())

    def events(self, sender: str) -> list[Event]:
        """Every event of the conversation, from the tracker API."""
        response = self._request("GET", f"/conversations/{sender}/tracker", params={"token": self._token})
        return deserialise_events(response.json().get("events") or [])
