"""``quanzu replay export``: recorded conversations → masked Rasa test stories.

Trackers are read with Rasa's own ``SQLTrackerStore`` and written with Rasa's own
``YAMLStoryWriter`` (test-story format: the officer's text, the intent, inline entities,
actions, slots and form loops). What a story cannot hold goes in the story's ``metadata``
under ``replay``: per turn, the names of the responses sent, the reminders scheduled, the
message metadata (a case opened from the web panel) and whether the turn was a fired
reminder. Bot texts are not exported.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
from collections import OrderedDict
from collections.abc import Coroutine, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import rasa.shared.utils.io
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore, create_tracker_store
from rasa.core.utils import read_endpoints_from_path
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    ReminderScheduled,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.core.training_data.story_writer.yaml_story_writer import YAMLStoryWriter
from rasa.shared.core.training_data.structures import Story, StoryStep

from assistant.replay.errors import ExportError
from assistant.replay.masking import Masker
from assistant.replay.turns import (
    IGNORED_SLOTS,
    REPLAY_KEY,
    is_external,
    response_name,
    speaker_metadata,
    turns_from_events,
)

FILE_HEADER = (
    "# Replay of recorded conversations, personal data masked. Written by `quanzu replay export`;\n"
    "# replayed against the live stack by `quanzu replay run`. The per-turn response names are in\n"
    "# each story's metadata (replay.turns), one entry per user step.\n"
)

T = TypeVar("T")


@dataclass(frozen=True)
class ExportFilter:
    """Which conversations to export; every given criterion must hold.

    Attributes:
        since: first message on or after this day.
        until: first message on or before this day.
        case_id: the case was open in the conversation.
        fraud_type: the ``fraud_type`` slot took this value.
        outcome: an intervention with this outcome was logged in the conversation.
        conversations: only these conversation (sender) ids.
    """

    since: date | None = None
    until: date | None = None
    case_id: str | None = None
    fraud_type: str | None = None
    outcome: str | None = None
    conversations: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConversationFacts:
    """What the filters look at in a conversation."""

    sender_id: str
    started: datetime | None
    case_ids: tuple[str, ...]
    fraud_types: tuple[str, ...]
    outcomes: tuple[str, ...]

    def matches(self, criteria: ExportFilter) -> bool:
        """Whether this conversation passes every criterion of ``criteria``."""
        day = self.started.date() if self.started else None
        return (
            (not criteria.conversations or self.sender_id in criteria.conversations)
            and (criteria.since is None or (day is not None and day >= criteria.since))
            and (criteria.until is None or (day is not None and day <= criteria.until))
            and (criteria.case_id is None or criteria.case_id.upper() in self.case_ids)
            and (criteria.fraud_type is None or criteria.fraud_type in self.fraud_types)
            and (criteria.outcome is None or criteria.outcome in self.outcomes)
        )


@dataclass
class ExportedConversation:
    """One conversation as a story: the story step and its replay metadata."""

    facts: ConversationFacts
    story: StoryStep
    metadata: dict[str, Any]
    turns: int


@dataclass
class ExportResult:
    """What an export wrote."""

    files: list[Path] = field(default_factory=list)
    conversations: list[ExportedConversation] = field(default_factory=list)


def _unique(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(OrderedDict((str(v), None) for v in values if v not in (None, "")))


def conversation_facts(
    sender_id: str, events: Sequence[Event], logged_outcomes: Mapping[str, set[str]] | None = None
) -> ConversationFacts:
    """Read the first message's time, the cases, fraud types and outcomes of a conversation.

    Outcomes come from the case database (``logged_outcomes``, by conversation id) and from the
    conversation itself (the ``outcome`` entity of a turn that ran ``action_log_outcome``).
    """
    user_times = [e.timestamp for e in events if isinstance(e, UserUttered) and e.timestamp]
    started = datetime.fromtimestamp(min(user_times)) if user_times else None
    slot_values: dict[str, list[Any]] = {"case_id": [], "fraud_type": []}
    for event in events:
        if isinstance(event, SlotSet) and event.key in slot_values:
            slot_values[event.key].append(event.value)
        case_id = speaker_metadata(event.metadata or {}).get("case_id") if isinstance(event, UserUttered) else None
        if case_id:
            slot_values["case_id"].append(str(case_id).upper())
    outcomes = list((logged_outcomes or {}).get(sender_id, ()))
    for turn in turns_from_events(events):
        if "action_log_outcome" in turn.actions:
            outcomes += [value for entity, value, _ in turn.entities if entity == "outcome"]
    return ConversationFacts(
        sender_id=sender_id,
        started=started,
        case_ids=_unique(slot_values["case_id"]),
        fraud_types=_unique(slot_values["fraud_type"]),
        outcomes=_unique(sorted(outcomes)),
    )


def replayable_events(events: Sequence[Event]) -> list[Event]:
    """The events a replay can reproduce.

    A session that expired and restarted between two messages (hours later) cannot be
    reproduced by sending the messages again: that restart is left out. The session start
    before the first message, and one asked for with ``/session_start``, stay.
    """
    kept: list[Event] = []
    seen_user = False
    skipping = False
    previous_action: str | None = None
    for event in events:
        if isinstance(event, ActionExecuted):
            if skipping:
                if event.action_name == "action_listen":
                    skipping = False
                continue
            if event.action_name == "action_session_start" and seen_user and previous_action == "action_listen":
                skipping = True
                continue
            previous_action = event.action_name
        elif skipping:
            continue
        elif isinstance(event, UserUttered):
            seen_user = True
            previous_action = None
        kept.append(event)
    return kept


def _masked_user_event(event: UserUttered, masker: Masker) -> UserUttered:
    intent = {"name": event.intent_name, "confidence": 1.0}
    if is_external(event):
        # A fired reminder: nothing was typed, it is waited for rather than sent.
        return UserUttered(None, intent, [], timestamp=event.timestamp, metadata={"is_external": True})
    text = event.text or ""
    masked_text, position = masker.text_with_offsets(text)
    entities = []
    for entity in event.entities:
        if entity.get("start") is None or entity.get("end") is None:
            continue  # entities not in the text (an intent typed as "/intent{...}") cannot be annotated
        masked = {
            "entity": entity["entity"],
            "start": position(int(entity["start"])),
            "end": position(int(entity["end"])),
            "value": masker.value(entity.get("value")),
        }
        for key in ("role", "group"):
            if entity.get(key):
                masked[key] = entity[key]
        entities.append(masked)
    metadata = masker.message_metadata(speaker_metadata(event.metadata or {}))
    return UserUttered(masked_text, intent, entities, timestamp=event.timestamp, metadata=metadata)


def masked_events(events: Sequence[Event], masker: Masker) -> list[Event]:
    """The conversation's events with personal data masked and only what a story needs.

    Bot messages keep only their response name; slots that vary from run to run are dropped.
    """
    masked: list[Event] = []
    for event in events:
        if isinstance(event, UserUttered):
            masked.append(_masked_user_event(event, masker))
        elif isinstance(event, SlotSet):
            if event.key not in IGNORED_SLOTS:
                masked.append(SlotSet(event.key, masker.slot(event.key, event.value), timestamp=event.timestamp))
        elif isinstance(event, BotUttered):
            name = response_name(event)
            if name:
                masked.append(BotUttered(metadata={"utter_action": name}, timestamp=event.timestamp))
        elif isinstance(event, ReminderScheduled):
            masked.append(ReminderScheduled(event.intent, event.trigger_date_time, name=event.name))
        else:
            masked.append(event)
    return masked


def turn_metadata(events: Sequence[Event]) -> list[dict[str, Any]]:
    """Per user step: what the story format cannot hold (response names, reminders, metadata)."""
    entries = []
    for turn in turns_from_events(events):
        entry: dict[str, Any] = {"responses": list(turn.responses)}
        if turn.reminders:
            entry["reminders"] = list(turn.reminders)
        if turn.metadata:
            entry["message_metadata"] = dict(turn.metadata)
        if turn.external:
            entry["external"] = True
        entries.append(entry)
    return entries


def default_story_name(facts: ConversationFacts, masker: Masker) -> str:
    """A story name that says what the conversation was about, without personal data."""
    day = facts.started.strftime("%Y-%m-%d") if facts.started else "undated"
    parts = [
        f"conversation {masker.conversation(facts.sender_id)} of {day}",
        f"case {', '.join(facts.case_ids)}" if facts.case_ids else "no case",
    ]
    if facts.fraud_types:
        parts.append("fraud type " + " → ".join(facts.fraud_types))
    if facts.outcomes:
        parts.append("outcome " + ", ".join(facts.outcomes))
    return "; ".join(parts)


def export_conversation(
    tracker: DialogueStateTracker,
    masker: Masker,
    facts: ConversationFacts,
    name: str | None = None,
) -> ExportedConversation | None:
    """Turn one tracker into a masked test story; ``None`` when it holds no message."""
    events = masked_events(replayable_events(list(tracker.events)), masker)
    metadata_turns = turn_metadata(events)
    if not metadata_turns:
        return None
    story_name = name or default_story_name(facts, masker)
    story = Story.from_events(events, story_name).story_steps[0]
    metadata: dict[str, Any] = {
        "conversation": masker.conversation(facts.sender_id),
        "recorded_on": facts.started.strftime("%Y-%m-%d") if facts.started else None,
        "case_ids": list(facts.case_ids),
        "fraud_types": list(facts.fraud_types),
        "outcomes": list(facts.outcomes),
        "turns": metadata_turns,
    }
    return ExportedConversation(facts, story, {REPLAY_KEY: metadata}, len(metadata_turns))


def stories_yaml(conversations: Sequence[ExportedConversation]) -> str:
    """The test-story YAML of ``conversations`` (Rasa's writer), each with its replay metadata."""
    writer = YAMLStoryWriter()
    document = writer.stories_to_yaml([c.story for c in conversations], is_test_story=True)
    stories = []
    for conversation, written in zip(conversations, document.get("stories", []), strict=True):
        story = OrderedDict([("story", written["story"]), ("metadata", conversation.metadata)])
        story["steps"] = written["steps"]
        stories.append(story)
    document["stories"] = stories
    stream = io.StringIO()
    rasa.shared.utils.io.write_yaml(document, stream, True)
    return FILE_HEADER + stream.getvalue()


# --- reading the tracker store -------------------------------------------------------------
def open_tracker_store(domain: Domain, endpoints: Path | None = None, tracker_db: Path | None = None) -> TrackerStore:
    """Rasa's SQL tracker store: a SQLite file given directly, or the one ``endpoints.yml`` names.

    Raises:
        ExportError: when the store is not a SQL store or its SQLite file does not exist.
    """
    if tracker_db is not None:
        if not tracker_db.exists():
            raise ExportError(f"no tracker database at {tracker_db}")
        return SQLTrackerStore(domain=domain, dialect="sqlite", db=str(tracker_db))
    config = read_endpoints_from_path(endpoints).tracker_store if endpoints else None
    if config is None or (config.type or "").lower() != "sql":
        raise ExportError(f"{endpoints} does not configure a SQL tracker store; give --tracker-db")
    db = config.kwargs.get("db")
    if (config.kwargs.get("dialect") or "sqlite") == "sqlite" and db and not Path(db).exists():
        raise ExportError(f"no tracker database at {db} (named in {endpoints})")
    return create_tracker_store(config, domain)


async def _read_trackers(store: TrackerStore, only: Sequence[str]) -> list[DialogueStateTracker]:
    sender_ids = list(only) if only else sorted(await store.keys())
    trackers = []
    for sender_id in sender_ids:
        tracker = await store.retrieve_full_tracker(sender_id)
        if tracker is not None:
            trackers.append(tracker)
    return trackers


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from synchronous code.

    When this thread already runs an event loop (a caller inside async code, or a test
    session where Playwright's sync API keeps one), the coroutine runs in a helper thread.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def read_trackers(store: TrackerStore, only: Sequence[str] = ()) -> list[DialogueStateTracker]:
    """Every conversation in the store (all sessions), or only the given conversation ids."""
    return run_sync(_read_trackers(store, only))


def select_conversations(
    trackers: Iterable[DialogueStateTracker],
    criteria: ExportFilter,
    logged_outcomes: Mapping[str, set[str]] | None = None,
) -> list[tuple[DialogueStateTracker, ConversationFacts]]:
    """The trackers that pass the filter, oldest conversation first."""
    selected = []
    for tracker in trackers:
        facts = conversation_facts(tracker.sender_id, list(tracker.events), logged_outcomes)
        if facts.matches(criteria):
            selected.append((tracker, facts))
    return sorted(selected, key=lambda pair: (pair[1].started or datetime.min, pair[0].sender_id))


def export(
    trackers: Iterable[DialogueStateTracker],
    out: Path,
    masker: Masker,
    criteria: ExportFilter = ExportFilter(),
    logged_outcomes: Mapping[str, set[str]] | None = None,
    name: str | None = None,
) -> ExportResult:
    """Write the selected conversations as masked test stories.

    Args:
        trackers: the recorded conversations.
        out: a ``.yml`` file (all stories in it) or a directory (one file per conversation).
        masker: replaces personal data.
        criteria: which conversations to export.
        logged_outcomes: outcomes per conversation id, from the case database.
        name: the story name, when exactly one conversation is exported.

    Returns:
        The files written and the conversations in them.
    """
    result = ExportResult()
    for tracker, facts in select_conversations(trackers, criteria, logged_outcomes):
        exported = export_conversation(tracker, masker, facts, name)
        if exported is not None:
            result.conversations.append(exported)
    if not result.conversations:
        return result
    if out.suffix in (".yml", ".yaml"):
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(stories_yaml(result.conversations), encoding="utf-8")
        result.files.append(out)
        return result
    out.mkdir(parents=True, exist_ok=True)
    for conversation in result.conversations:
        day = conversation.facts.started.strftime("%Y%m%d") if conversation.facts.started else "undated"
        path = out / f"replay_{day}_{conversation.metadata[REPLAY_KEY]['conversation']}.yml"
        path.write_text(stories_yaml([conversation]), encoding="utf-8")
        result.files.append(path)
    return result
