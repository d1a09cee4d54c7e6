"""Talking to the live Rasa server: the REST channel for messages, the HTTP API for trackers."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import requests
from rasa.shared.core.events import Event, deserialise_events

from assistant.replay.errors import ReplayConnectionError
from assistant.security.tokens import ChatIdentity, issue_chat_token

# Who a replayed message comes from when the recording names no officer.
REPLAY_OFFICER = "replay_officer"


class RasaClient:
    """A client of one Rasa server.

    Args:
        base_url: the server, e.g. ``http://127.0.0.1:5005``.
        token: the token of its HTTP API (``--auth-token``), needed to read trackers.
        jwt_key: the key that signs chat tokens (``QUANZU_JWT_KEY``): replayed messages come
            from the recorded officer, with the officer role.
        timeout: seconds to wait for one reply (custom actions included).
    """

    def __init__(self, base_url: str, token: str | None, jwt_key: str | None, timeout: float = 120.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token
        self._jwt_key = jwt_key
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
        """Send one message over the REST channel as the officer ``metadata`` names; return the bot's messages.

        Args:
            sender: the conversation id.
            text: the message.
            metadata: ``{"case_id", "officer_id"}`` of the recorded message, if any.
        """
        if not self._jwt_key:
            raise ReplayConnectionError("QUANZU_JWT_KEY is not set: replayed messages need a chat token")
        metadata = metadata or {}
        speaker = ChatIdentity(
            username=str(metadata.get("officer_id") or REPLAY_OFFICER),
            role="officer",
            case_id=str(metadata["case_id"]).upper() if metadata.get("case_id") else None,
            sender=sender,
        )
        headers = {"Authorization": f"Bearer {issue_chat_token(self._jwt_key, speaker)}"}
        payload = {"sender": sender, "message": text}
        return list(self._request("POST", "/webhooks/rest/webhook", json=payload, headers=headers).json())

    def events(self, sender: str) -> list[Event]:
        """Every event of the conversation, from the tracker API."""
        response = self._request("GET", f"/conversations/{quote(sender, safe='')}/tracker", params={"token": self._token})
        return deserialise_events(response.json().get("events") or [])
