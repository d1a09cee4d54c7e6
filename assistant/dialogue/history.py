"""Reading the conversation so far from its events (plain dictionaries, as Rasa sends them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Sentences for the officer to say to the person. utter_urge_freeze and utter_urge_dispatch are
# instructions to the officer ("file the stop-payment now", "get someone there"), not sentences
# for the person, so they are not ones.
SUGGESTION_PREFIXES = ("utter_open_", "utter_respond_", "utter_life_safety_")
REACTION_INTENTS = frozenset(
    {
        "claims_real_official", "distrusts_officer", "money_already_sent", "about_to_send",
        "shared_code_or_screen", "told_to_keep_secret", "defends_investment", "agrees_to_stop",
        "call_dropped", "asks_how_to_verify", "emotional_distress", "reported_by_relative",
        "asks_recovery",
    }
)

Event = Mapping[str, Any]


@dataclass(frozen=True)
class Suggestion:
    """A suggestion the assistant made: the response it came from and the text shown."""

    response: str
    text: str


def is_suggestion(response: str | None) -> bool:
    """Whether a response name is a suggestion of what to say (not a system message)."""
    return bool(response) and str(response).startswith(SUGGESTION_PREFIXES)


def last_suggestion(events: Sequence[Event]) -> Suggestion | None:
    """The latest suggestion in the conversation, or ``None`` if there was none."""
    for event in reversed(events):
        if event.get("event") != "bot":
            continue
        metadata = event.get("metadata") or {}
        response = metadata.get("suggestion") or metadata.get("utter_action")
        if is_suggestion(response):
            return Suggestion(str(response), str(event.get("text") or ""))
    return None


def recent_reactions(events: Iterable[Event], limit: int = 10) -> list[str]:
    """The person's latest reaction intents, newest first."""
    reactions = [
        str(((event.get("parse_data") or {}).get("intent") or {}).get("name"))
        for event in events
        if event.get("event") == "user"
    ]
    return [intent for intent in reversed(reactions) if intent in REACTION_INTENTS][:limit]


def first_event_time(events: Sequence[Event]) -> float | None:
    """Timestamp of the conversation's first user message, if any."""
    for event in events:
        if event.get("event") == "user" and event.get("timestamp"):
            return float(event["timestamp"])
    return None
