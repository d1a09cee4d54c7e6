"""The life-safety path on the intervention record: what the danger was, where, and when.

Doctrine: "Life safety comes before money". The assistant's path (keep the person talking,
ask where they are now, get someone there) is recorded here so the station briefing and the
panel show it: one event per path of a conversation, started by the first life-safety
message, given a location when the person says where they are, ended by the officer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from assistant.db import repository
from assistant.db.models import LifeSafetyEvent
from assistant.db.unit_of_work import UnitOfWork

# The kinds of danger (slot ``life_safety``), as the station reads them.
KIND_LABELS: dict[str, str] = {
    "suicide": "有轻生/自伤言行",
    "medical": "突发疾病(呼吸困难/胸痛/晕倒)",
    "confined": "被骗子控制或隔离(如被诱导独自入住宾馆)",
    "minor": "未成年人处于危险",
}
LIFE_SAFETY_INTENT_PREFIX = "life_safety_"
# Long enough for an address and a room; an officer's whole paragraph is cut.
MAX_LOCATION_LENGTH = 120


@dataclass(frozen=True)
class LifeSafetyView:
    """A recorded life-safety event, as the briefing and the panel show it."""

    event_id: int
    conversation_id: str
    case_id: str | None
    officer: str
    kind: str
    label: str
    location: str | None
    started_at: datetime
    located_at: datetime | None
    resolved_at: datetime | None


def kind_of_intent(intent: str | None) -> str | None:
    """The kind of danger an intent starts the path for (``life_safety_confined`` → ``confined``)."""
    if not intent or not intent.startswith(LIFE_SAFETY_INTENT_PREFIX):
        return None
    kind = intent.removeprefix(LIFE_SAFETY_INTENT_PREFIX)
    return kind if kind in KIND_LABELS else None


def location_from(mentions: Sequence[str], text: str | None) -> str | None:
    """Where the person is: the places the entity rules found, else what the officer typed.

    The officer's own words are the fallback because a place the rules do not know
    ("后山那个亭子") must still reach the station.
    """
    places = [mention.strip() for mention in mentions if mention and mention.strip()]
    unique = list(dict.fromkeys(places))
    found = ",".join(unique) if unique else (text or "").strip()
    return found[:MAX_LOCATION_LENGTH] or None


def _view(event: LifeSafetyEvent, case_id: str | None) -> LifeSafetyView:
    return LifeSafetyView(
        event_id=event.id,
        conversation_id=event.conversation_id,
        case_id=case_id,
        officer=event.officer,
        kind=event.kind,
        label=KIND_LABELS.get(event.kind, event.kind),
        location=event.location,
        started_at=event.started_at,
        located_at=event.located_at,
        resolved_at=event.resolved_at,
    )


def start_life_safety(
    uow: UnitOfWork,
    *,
    conversation_id: str,
    case_id: str | None,
    officer: str,
    kind: str,
    now: datetime,
    location: str | None = None,
) -> LifeSafetyView:
    """Record that the path started (or, when it is already on, that the danger changed).

    A path already on in the conversation keeps its start time and takes the latest kind; a
    location given with the message is stored too. The event is on the case's alert when a
    case is open, and on the conversation alone otherwise.

    Raises:
        ValueError: when ``kind`` is not one of ``KIND_LABELS``.
    """
    if kind not in KIND_LABELS:
        raise ValueError(f"unknown life-safety kind: {kind!r}")
    with uow() as session:
        alert = repository.alert_by_case_id(session, case_id) if case_id else None
        event = repository.open_life_safety_event(session, conversation_id)
        if event is None:
            event = LifeSafetyEvent(conversation_id=conversation_id, started_at=now, officer=officer)
            session.add(event)
        event.kind = kind
        if alert is not None:
            event.alert_id = alert.id
        if location:
            event.location = location[:MAX_LOCATION_LENGTH]
            event.located_at = now
        session.flush()
        return _view(event, alert.case_id if alert is not None else None)


def record_location(
    uow: UnitOfWork, *, conversation_id: str, location: str, now: datetime
) -> LifeSafetyView | None:
    """Store where the person is on the conversation's active path; ``None`` when none is on."""
    with uow() as session:
        event = repository.open_life_safety_event(session, conversation_id)
        if event is None:
            return None
        event.location = location[:MAX_LOCATION_LENGTH]
        event.located_at = now
        session.flush()
        return _view(event, event.alert.case_id if event.alert is not None else None)


def resolve_life_safety(
    uow: UnitOfWork, *, conversation_id: str, officer: str, now: datetime
) -> LifeSafetyView | None:
    """End the conversation's active path (the officer's "危机解除"); ``None`` when none is on."""
    with uow() as session:
        event = repository.open_life_safety_event(session, conversation_id)
        if event is None:
            return None
        event.resolved_at = now
        event.resolved_by = officer
        session.flush()
        return _view(event, event.alert.case_id if event.alert is not None else None)


def life_safety_of_case(uow: UnitOfWork, case_id: str) -> list[LifeSafetyView]:
    """Every life-safety event on a case, oldest first (empty for an unknown case)."""
    with uow() as session:
        alert = repository.alert_by_case_id(session, case_id)
        if alert is None:
            return []
        return [_view(event, alert.case_id) for event in repository.life_safety_events_of_alert(session, alert.id)]


def briefing_lines(events: Iterable[LifeSafetyEvent]) -> list[str]:
    """The station briefing's life-safety lines, one per event, the danger and the place first."""
    lines = []
    for event in events:
        state = f"{event.resolved_at:%H:%M}已解除" if event.resolved_at else "仍在处置中"
        lines.append(
            f"【生命安全】{event.started_at:%m-%d %H:%M} 对象{KIND_LABELS.get(event.kind, event.kind)},"
            f"所在位置:{event.location or '未问到'};{state}。"
        )
    return lines
