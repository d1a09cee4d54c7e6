"""The socket.io channel for web-chat widgets, open only to a verified chat token.

Rasa's ``socketio`` channel checks a JWT only in the socket.io ``auth`` payload, which
rasa-webchat 1.0.1 never sends; this one also takes ``?token=…`` from the handshake's query
string (the widget passes its ``socketUrl`` query on). A connection without a valid token is
refused. Each conversation id is prefixed with the verified user, so nobody writes into
another user's conversation by guessing its session id; messages are capped in length; the
client's metadata is replaced by the verified speaker; a turn without a reply gets a clear
message. Web origins allowed to connect come from ``QUANZU_CORS_ORIGINS`` (same origin only when
unset); pass the same list to ``rasa run --cors`` for the CORS headers.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from assistant.channels.guard import (
    ACTION_FAILED,
    NO_REPLY,
    ChannelGuard,
    Refused,
    install_action_failure_watch,
    run_turn,
)
from assistant.security.tokens import ChatIdentity

logger = logging.getLogger(__name__)

IDENTITY = "identity"


class _CountingOutput(SocketIOOutput):
    """Socket.io output that remembers whether anything was sent."""

    def __init__(self, sio: AsyncServer, bot_message_evt: str) -> None:
        super().__init__(sio, bot_message_evt)
        self.sent = 0

    async def _send_message(self, socket_id: str, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)


def handshake_token(environ: dict[str, Any], auth: Any) -> str | None:
    """The chat token of a socket.io handshake: ``auth.token``, else ``?token=`` of the URL."""
    if isinstance(auth, dict) and isinstance(auth.get("token"), str):
        return str(auth["token"])
    values = parse_qs(str(environ.get("QUERY_STRING") or "")).get("token")
    return values[0] if values else None


def origin_allowed(environ: dict[str, Any], allowed: tuple[str, ...]) -> bool:
    """Whether a handshake's web origin may connect: none (not a browser), the server's own, or a configured one."""
    origin = str(environ.get("HTTP_ORIGIN") or "").rstrip("/")
    if not origin:
        return True
    scheme = str(environ.get("HTTP_X_FORWARDED_PROTO") or environ.get("wsgi.url_scheme") or "http")
    return origin in allowed or origin == f"{scheme}://{environ.get('HTTP_HOST', '')}"


def conversation_of(identity: ChatIdentity, session_id: str) -> str:
    """The Rasa conversation id of a widget session: the verified user's namespace + the session."""
    return f"web--{identity.username}--{session_id}"


class SecureSocketIOInput(SocketIOInput):
    """Socket.io behind a chat token (``credentials.yml``: ``assistant.channels.socketio.SecureSocketIOInput``)."""

    @classmethod
    def name(cls) -> str:
        """The channel's name (its webhook URL is ``/webhooks/socketio/``)."""
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """The channel from ``credentials.yml`` (events, path), the chat-token key from the environment."""
        credentials = credentials or {}
        channel = cls(
            credentials.get("user_message_evt", "user_uttered"),
            credentials.get("bot_message_evt", "bot_uttered"),
            credentials.get("namespace"),
            True,
            credentials.get("socketio_path", "/socket.io"),
            metadata_key=credentials.get("metadata_key", "metadata"),
        )
        channel.guard = ChannelGuard.from_env()
        return channel

    guard: ChannelGuard

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The socket.io server and its event handlers."""
        install_action_failure_watch()
        # CORS headers come from the Rasa server's own CORS setting (--cors, the same origins):
        # engineio must not add a second copy. The origin check is done at connect instead.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        webhook = SocketBlueprint(sio, self.socketio_path, "quanzu_secure_socketio", __name__)
        self.sio = sio

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> bool:
            if not origin_allowed(environ, self.guard.cors_origins):
                logger.info("socket.io connection refused: web origin not allowed")
                return False
            try:
                identity = self.guard.identify(handshake_token(environ, auth))
            except Refused:
                logger.info("socket.io connection refused: no valid chat token")
                return False
            await sio.save_session(sid, {IDENTITY: identity}, namespace=self.namespace)
            return True

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            identity = await self._identity(sio, sid)
            if identity is None:
                return
            data = data if isinstance(data, dict) else {}
            session_id = data.get("session_id")
            if not isinstance(session_id, str) or not session_id or len(session_id) > 64:
                session_id = uuid.uuid4().hex
            sio.enter_room(sid, conversation_of(identity, session_id), namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any) -> None:
            identity = await self._identity(sio, sid)
            if identity is None or not isinstance(data, dict) or not data.get("session_id"):
                return
            sender = conversation_of(identity, str(data["session_id"]))
            output = _CountingOutput(sio, self.bot_message_evt)
            try:
                _, text = self.guard.check_message(identity, sender, data.get("message", ""))
            except Refused as refused:
                await output.send_text_message(sender, refused.message)
                return
            message = UserMessage(
                text, output, sender, input_channel=self.name(), metadata=self.guard.metadata(identity)
            )
            turn = await run_turn(on_new_message, message, sender)
            if turn.action_failed:
                await output.send_text_message(sender, ACTION_FAILED)
            elif not output.sent:
                await output.send_text_message(sender, NO_REPLY)

        return webhook

    async def _identity(self, sio: AsyncServer, sid: str) -> ChatIdentity | None:
        try:
            session = await sio.get_session(sid, namespace=self.namespace)
        except KeyError:
            return None
        identity = session.get(IDENTITY) if isinstance(session, dict) else None
        return identity if isinstance(identity, ChatIdentity) else None



