"""The conversation as the side panel shows it, read from Rasa tracker events (plain dicts).

Rasa's REST channel answers with bare texts; which of them are suggestions (sentences to say
to the person) is only known from the bot events' metadata in the tracker (``utter_action``,
or ``suggestion`` for "another way to say it").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from assistant.dialogue.history import Event, is_suggestion

# Responses that say the last step failed and nothing was done or saved: the panel shows them
# as errors and keeps the officer's text in the input box.
ERROR_RESPONSES = frozenset({"utter_internal_error", "utter_not_signed_in"})


@dataclass(frozen=True)
class Reply:
    """One reply of the assistant.

    Its text, whether it is a sentence to say to the person, and whether it reports a failure
    (nothing was done or saved).
    """

    text: str
    suggestion: bool
    error: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The reply as the panel API shows it."""
        return {"text": self.text, "suggestion": self.suggestion, "error": self.error}


@dataclass(frozen=True)
class Message:
    """One message of the conversation so far."""

    sender: str  # "officer" or "assistant"
    text: str
    suggestion: bool
    at: datetime | None

    def as_dict(self) -> dict[str, Any]:
        """The message as the panel API shows it (``at`` in ISO 8601, local time)."""
        at = self.at.isoformat(timespec="seconds") if self.at else None
        return {"from": self.sender, "text": self.text, "suggestion": self.suggestion, "at": at}


def bot_response(event: Event) -> str | None:
    """The response name a bot event came from, if its metadata says."""
    metadata = event.get("metadata") or {}
    name = metadata.get("suggestion") or metadata.get("utter_action")
    return str(name) if name else None


def is_suggestion_event(event: Event) -> bool:
    """Whether a bot event is a suggestion of what to say."""
    return is_suggestion(bot_response(event))


def latest_timestamp(events: Iterable[Event]) -> float:
    """The timestamp of the latest event (0 for a conversation without events)."""
    return max((float(event.get("timestamp") or 0) for event in events), default=0.0)


def replies_since(events: Sequence[Event], since: float, texts: Sequence[str]) -> list[Reply]:
    """Mark the replies of the last exchange as suggestions or not.

    Args:
        events: the tracker's events after the exchange.
        since: the timestamp of the latest event before the exchange.
        texts: the reply texts the REST channel returned, in order; they decide what is
            shown, the bot events added since ``since`` only say which are suggestions.

    Returns:
        One reply per text; a text with no matching bot event is not a suggestion.
    """
    new_bot_events = [
        event
        for event in events
        if event.get("event") == "bot" and float(event.get("timestamp") or 0) > since and event.get("text")
    ]
    replies: list[Reply] = []
    for text in texts:
        match = next((event for event in new_bot_events if event.get("text") == text), None)
        if match is not None:
            new_bot_events.remove(match)
        response = bot_response(match) if match is not None else None
        replies.append(Reply(text, match is not None and is_suggestion_event(match), response in ERROR_RESPONSES))
    return replies


def _when(event: Event) -> datetime | None:
    timestamp = event.get("timestamp")
    return datetime.fromtimestamp(float(timestamp)) if timestamp else None


def messages(events: Iterable[Event]) -> list[Message]:
    """The officer's and the assistant's messages, oldest first.

    Commands the panel sends on the officer's behalf ("/session_start", reminders) start with
    a slash and are not shown.
    """
    shown: list[Message] = []
    for event in events:
        text = str(event.get("text") or "")
        if not text:
            continue
        if event.get("event") == "user" and not text.startswith("/"):
            shown.append(Message("officer", text, False, _when(event)))
        elif event.get("event") == "bot":
            shown.append(Message("assistant", text, is_suggestion_event(event), _when(event)))
    return shown


def reply_texts(rest_replies: Iterable[Mapping[str, Any]]) -> list[str]:
    """The texts of the REST channel's replies (images, buttons-only replies are skipped)."""
    return [str(reply["text"]) for reply in rest_replies if reply.get("text")]
