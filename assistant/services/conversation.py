"""The officer's conversation with the assistant about one case, through the Rasa server.

One conversation per case and officer: its id is ``"{case_id}--{username}"``. Every message
goes as the signed-in user (a ``ChatIdentity`` naming user, role, case and conversation, which
the channel receives as a signed chat token), so the assistant opens the case when a session
starts and the records name the right officer.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from assistant.dialogue.history import first_event_time, recent_reactions
from assistant.dialogue.transcript import Message, Reply, latest_timestamp, messages, replies_since, reply_texts
from assistant.domain.limits import MAX_MESSAGE_CHARS, MESSAGE_TOO_LONG
from assistant.domain.roles import Role
from assistant.errors import AssistantUnavailable, InvalidField
from assistant.security.tokens import ChatIdentity
from assistant.services.stop_payment import validate_account, validate_amount, validate_bank

logger = logging.getLogger(__name__)

SESSION_START = "/session_start"


class AssistantChannel(Protocol):
    """How the panel reaches the assistant (the Rasa server's REST channel and HTTP API)."""

    def send(self, sender: str, text: str, speaker: ChatIdentity) -> list[dict[str, Any]]:
        """Send a message as ``speaker``; return the replies (``[{"recipient_id", "text"}, ...]``).

        Raises:
            InvalidField: when the message is refused as too long.
            AssistantUnavailable: when the assistant cannot be reached, fails or gives no reply.
        """
        ...

    def tracker(self, sender: str) -> dict[str, Any]:
        """The conversation's tracker: ``{"slots": {...}, "events": [...], ...}``.

        Raises:
            AssistantUnavailable: when the assistant cannot be reached or fails.
        """
        ...


@dataclass(frozen=True)
class Transcript:
    """The conversation so far and the assistant's slots."""

    messages: list[Message]
    slots: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CallContext:
    """What the conversation tells the records: the person's reactions and when the call began."""

    reactions: list[str]
    started_at: datetime | None


def conversation_id(case_id: str, username: str) -> str:
    """The Rasa conversation id of this case and officer."""
    return f"{case_id}--{username}"


def speaker_of(case_id: str, username: str, role: str) -> ChatIdentity:
    """The speaker of this case's conversation: the user, their role, the case, the one conversation."""
    return ChatIdentity(username=username, role=role, case_id=case_id, sender=conversation_id(case_id, username))


@dataclass(frozen=True)
class Exchange:
    """One message and what came of it: the replies, and the slots after it (empty if unknown)."""

    replies: list[Reply]
    slots: dict[str, Any] = field(default_factory=dict)


def _exchange(channel: AssistantChannel, case_id: str, username: str, role: str, text: str) -> Exchange:
    sender = conversation_id(case_id, username)
    since = latest_timestamp(channel.tracker(sender).get("events") or [])
    texts = reply_texts(channel.send(sender, text, speaker_of(case_id, username, role)))
    try:
        tracker = channel.tracker(sender)
    except AssistantUnavailable as error:
        # The message went through; show the replies even if we cannot tell the suggestions.
        logger.warning("replies shown without suggestion flags: %s", type(error).__name__)
        tracker = {}
    return Exchange(replies_since(tracker.get("events") or [], since, texts), dict(tracker.get("slots") or {}))


def start_conversation(
    channel: AssistantChannel, case_id: str, username: str, role: str = Role.TRAINEE.value
) -> Exchange:
    """Start the session: the assistant loads the case and answers with its card and the opening."""
    return _exchange(channel, case_id, username, role, SESSION_START)


def send_message(
    channel: AssistantChannel, case_id: str, username: str, text: str, role: str = Role.TRAINEE.value
) -> Exchange:
    """Send what the officer typed; return the assistant's replies.

    Raises:
        InvalidField: when the text is empty or too long.
        AssistantUnavailable: when the assistant cannot be reached or gives no reply.
    """
    text = (text or "").strip()
    if not text:
        raise InvalidField("text", text, "请输入要发送的内容")
    if len(text) > MAX_MESSAGE_CHARS:
        raise InvalidField("text", None, MESSAGE_TOO_LONG)
    return _exchange(channel, case_id, username, role, text)


def load_transcript(channel: AssistantChannel, case_id: str, username: str) -> Transcript:
    """The conversation so far (empty for a new conversation) and its slots."""
    tracker = channel.tracker(conversation_id(case_id, username))
    return Transcript(messages(tracker.get("events") or []), dict(tracker.get("slots") or {}))


def _first(value: Any) -> Any:
    # Slots filled from several entities hold a list; the first one is what was meant.
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _valid_or_none(validate: Any, raw: Any) -> Any:
    if raw in (None, ""):
        return None
    try:
        return validate(raw)
    except InvalidField:
        return None


def stop_payment_draft(slots: Mapping[str, Any]) -> dict[str, Any]:
    """The stop-payment fields the assistant already extracted (``None`` where unknown or invalid)."""
    transfer_time = _first(slots.get("transfer_time"))
    return {
        "payee_account": _valid_or_none(lambda raw: validate_account(str(raw)), _first(slots.get("payee_account"))),
        "payee_bank": _valid_or_none(validate_bank, _first(slots.get("payee_bank"))),
        "amount": _valid_or_none(validate_amount, _first(slots.get("amount"))),
        "transfer_time": str(transfer_time) if transfer_time else None,
    }


def load_stop_payment_draft(channel: AssistantChannel, case_id: str, username: str) -> dict[str, Any]:
    """The stop-payment draft of this case's conversation."""
    return stop_payment_draft(channel.tracker(conversation_id(case_id, username)).get("slots") or {})


def load_call_context(channel: AssistantChannel, case_id: str, username: str) -> CallContext:
    """The person's reactions so far (newest first) and when the case was opened in the conversation."""
    tracker = channel.tracker(conversation_id(case_id, username))
    events = tracker.get("events") or []
    opened = (tracker.get("slots") or {}).get("case_opened_at") or first_event_time(events)
    return CallContext(recent_reactions(events), datetime.fromtimestamp(float(opened)) if opened else None)
