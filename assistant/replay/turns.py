"""A conversation as turns: what one officer message (or reminder) led to.

The same function reads a recorded story and a live tracker, so the two are compared on the
same footing. Events before the first message (the session start, or a case opened from
session metadata) belong to the first turn.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    ReminderScheduled,
    SlotSet,
    UserUttered,
)

from assistant.channels.guard import TOKEN_METADATA_KEY
from assistant.security.tokens import read_claims

# Key of a story's metadata that holds what the story format cannot (response names per turn).
REPLAY_KEY = "replay"
# Vary from one run to the next (times, the raw session metadata): never compared.
IGNORED_SLOTS = frozenset({"case_opened_at", "transfer_time_iso", "session_started_metadata"})
# Bookkeeping actions: listening, and the session start the story writer leaves out.
IGNORED_ACTIONS = frozenset({"action_listen", "action_session_start"})


@dataclass
class Turn:
    """One officer message (or fired reminder) and what the assistant did about it.

    Attributes:
        text: the message as sent; ``None`` for a reminder.
        intent: the predicted intent.
        entities: ``(entity, value, role)`` of every entity found, values as strings.
        actions: the actions run after the message, without ``action_listen``.
        slots: ``(slot, value)`` of every slot set, in order, without the ignored slots.
        loops: the active loop changes (``None`` when a loop ended).
        responses: names of the responses sent (``utter_action``, or ``suggestion`` for a
            rephrased suggestion); plain texts have no name and are not listed.
        reminders: intents of the reminders scheduled.
        external: whether the turn is a fired reminder rather than an officer message.
        metadata: the message metadata to send it with (a case id from the web panel).
    """

    text: str | None = None
    intent: str | None = None
    entities: list[tuple[str, str, str | None]] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    slots: list[tuple[str, Any]] = field(default_factory=list)
    loops: list[str | None] = field(default_factory=list)
    responses: list[str] = field(default_factory=list)
    reminders: list[str] = field(default_factory=list)
    external: bool = False
    metadata: dict[str, Any] = field(default_factory=dict)

    def absorb(self, earlier: Turn) -> None:
        """Put what happened before this turn's message (the session start) in front of it."""
        self.actions[:0] = earlier.actions
        self.slots[:0] = earlier.slots
        self.loops[:0] = earlier.loops
        self.responses[:0] = earlier.responses
        self.reminders[:0] = earlier.reminders


def response_name(event: BotUttered) -> str | None:
    """The name of the response a bot message came from, if it had one."""
    metadata = event.metadata or {}
    name = metadata.get("utter_action") or metadata.get("suggestion")
    return str(name) if name else None


def entity_key(entity: dict[str, Any]) -> tuple[str, str, str | None]:
    """An entity as compared: its name, its value as text and its role."""
    role = entity.get("role")
    return str(entity.get("entity")), normalise_text(entity.get("value")), str(role) if role else None


def normalise_text(value: Any) -> str:
    """A value as text, with whole floats written as integers (``80000.0`` → ``80000``)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def is_external(event: UserUttered) -> bool:
    """Whether a user event is a fired reminder or external event rather than a message."""
    intent = event.intent_name or ""
    return bool((event.metadata or {}).get("is_external")) or intent.startswith("EXTERNAL_")


def speaker_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """``{"case_id", "officer_id"}`` of a recorded message.

    Read from its chat token, or, in conversations recorded before tokens, the plain metadata.
    """
    claims = read_claims(metadata.get(TOKEN_METADATA_KEY))
    if claims:
        found = {"case_id": claims.get("case"), "officer_id": claims.get("sub")}
    else:
        found = {key: metadata.get(key) for key in ("case_id", "officer_id")}
    return {key: value for key, value in found.items() if value}


def turns_from_events(events: Iterable[Event]) -> list[Turn]:
    """Split a conversation's events into turns, one per user event."""
    turns: list[Turn] = []
    current = Turn()
    for event in events:
        if isinstance(event, UserUttered):
            turn = Turn(
                text=event.text,
                intent=event.intent_name,
                entities=sorted((entity_key(e) for e in event.entities), key=repr),
                external=is_external(event),
                metadata=speaker_metadata(event.metadata or {}),
            )
            if not turns:
                turn.absorb(current)
            turns.append(turn)
            current = turn
        elif isinstance(event, ActionExecuted):
            if event.action_name and event.action_name not in IGNORED_ACTIONS:
                current.actions.append(event.action_name)
        elif isinstance(event, SlotSet):
            if event.key not in IGNORED_SLOTS:
                current.slots.append((event.key, event.value))
        elif isinstance(event, ActiveLoop):
            current.loops.append(event.name)
        elif isinstance(event, BotUttered):
            name = response_name(event)
            if name:
                current.responses.append(name)
        elif isinstance(event, ReminderScheduled):
            current.reminders.append(event.intent)
    return turns
