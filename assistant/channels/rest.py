"""The REST channel (``POST /webhooks/rest/webhook``), open only to a verified chat token.

Like Rasa's own ``rest`` channel (same URL and answer), plus: ``Authorization: Bearer <chat
token>`` is required (401 without), the sender must be the token's conversation (403), the
message is at most ``MAX_MESSAGE_CHARS`` long (413), client-sent metadata is replaced by the
verified speaker, and a turn that produced no reply at all is answered 503 with a clear
message instead of an empty list.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.channels.guard import (
    ACTION_FAILED,
    NO_REPLY,
    ChannelGuard,
    Refused,
    install_action_failure_watch,
    log_id,
    run_turn,
    silence_expected,
)
from assistant.security.tokens import bearer_token

logger = logging.getLogger(__name__)


class SecureRestInput(InputChannel):
    """The REST channel behind a chat token (``credentials.yml``: ``assistant.channels.rest.SecureRestInput``)."""

    @classmethod
    def name(cls) -> str:
        """The channel's name, which is also its URL (``/webhooks/rest/``)."""
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """The channel, with the chat-token key from the environment (never from a file)."""
        return cls(ChannelGuard.from_env())

    def __init__(self, guard: ChannelGuard) -> None:
        self.guard = guard

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The channel's routes: a health check and the webhook."""
        install_action_failure_watch()
        webhook = Blueprint("quanzu_secure_rest", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                identity = self.guard.identify(bearer_token(request.headers.get("Authorization")))
                try:
                    body = request.json
                except Exception as error:  # Sanic raises on a body that is not JSON
                    raise Refused(400, "bad_request", "请求体不是有效的 JSON") from error
                if not isinstance(body, dict):
                    raise Refused(400, "bad_request", "请求体不是有效的 JSON")
                sender, text = self.guard.check_message(identity, body.get("sender"), body.get("message"))
            except Refused as refused:
                return response.json(refused.as_json(), status=refused.status)
            collector = CollectingOutputChannel()
            message = UserMessage(
                text, collector, sender, input_channel=self.name(), metadata=self.guard.metadata(identity)
            )
            turn = await run_turn(on_new_message, message, sender)
            if turn.action_failed:
                # Whatever else was said, a step the officer asked for did not happen.
                logger.warning("an action failed in a message of conversation %s", log_id(sender))
                return response.json(
                    {"error": "action_failed", "message": ACTION_FAILED, "replies": collector.messages}, status=503
                )
            if not collector.messages and not silence_expected(identity, text):
                logger.warning("no reply to a message of conversation %s", log_id(sender))
                return response.json({"error": "no_reply", "message": NO_REPLY}, status=503)
            return response.json(collector.messages)

        return webhook
