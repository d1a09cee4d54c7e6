"""The life-safety path: start it, note where the person is, end it (doctrine: life before money).

The rules say the lines; these actions set the path's slots and put the event on the record.
Recording never stands in the way of the path: a trainee (who writes no records), a speaker
nobody verified, or a database failure still gets the slots, so the next line is the right one.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import default_unit_of_work, record_keeper, run_blocking
from assistant.db.unit_of_work import UnitOfWork
from assistant.errors import NotSignedIn, RecordsNotAllowed
from assistant.logging_setup import describe_exception
from assistant.services.life_safety import (
    kind_of_intent,
    location_from,
    record_location,
    resolve_life_safety,
    start_life_safety,
)

logger = logging.getLogger(__name__)


def _latest_locations(tracker: Tracker) -> list[str]:
    return [str(value) for value in tracker.get_latest_entity_values("person_location")]


def _officer(tracker: Tracker, operation: str) -> str | None:
    """Who may write the record, or ``None`` (trainee, not signed in): the path goes on unrecorded."""
    try:
        return record_keeper(tracker, operation).username
    except (NotSignedIn, RecordsNotAllowed) as error:
        logger.info("life-safety event not recorded: %s", type(error).__name__)
        return None


class _RecordsLifeSafety:
    """What the three actions share: the unit of work, and recording that never fails the turn.

    A mixin, not an ``Action``: the SDK registers every concrete ``Action`` subclass it finds.
    """

    def __init__(self, unit_of_work: UnitOfWork | None = None) -> None:
        self._unit_of_work = unit_of_work

    def _uow(self) -> UnitOfWork:
        return self._unit_of_work or default_unit_of_work()

    async def _record(self, function: Any, **kwargs: Any) -> None:
        try:
            await run_blocking(function, self._uow(), **kwargs)
        except Exception as error:
            # The person comes first: the line is said whether or not the record was written.
            logger.error("life-safety event not recorded: %s", describe_exception(error))


class ActionLifeSafety(_RecordsLifeSafety, Action):
    """Starts the path for the kind of danger of the latest message (``life_safety_<kind>``)."""

    def name(self) -> str:
        return "action_life_safety"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        kind = kind_of_intent((tracker.latest_message.get("intent") or {}).get("name")) or tracker.get_slot(
            "life_safety"
        )
        events: list[EventType] = [SlotSet("life_safety_active", True)]
        if kind is None:
            return events
        events.insert(0, SlotSet("life_safety", kind))
        places = _latest_locations(tracker)
        location = location_from(places, None) if places else None
        if location:
            events.append(SlotSet("person_location", location))
        officer = _officer(tracker, "生命安全记录")
        if officer is not None:
            await self._record(
                start_life_safety,
                conversation_id=tracker.sender_id,
                case_id=tracker.get_slot("case_id") if tracker.get_slot("case_loaded") else None,
                officer=officer,
                kind=kind,
                location=location,
                now=datetime.now(),
            )
        return events


class ActionLifeSafetyLocation(_RecordsLifeSafety, Action):
    """Notes where the person is: the places found in the message, else the officer's words."""

    def name(self) -> str:
        return "action_life_safety_location"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        location = location_from(_latest_locations(tracker), tracker.latest_message.get("text"))
        if not location:
            return []
        if tracker.get_slot("life_safety_active") and _officer(tracker, "生命安全记录") is not None:
            await self._record(record_location, conversation_id=tracker.sender_id, location=location, now=datetime.now())
        return [SlotSet("person_location", location)]


class ActionLifeSafetyResolved(_RecordsLifeSafety, Action):
    """Ends the path on the officer's word ("危机解除"); the location stays for the record."""

    def name(self) -> str:
        return "action_life_safety_resolved"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        officer = _officer(tracker, "生命安全记录")
        if officer is not None:
            await self._record(
                resolve_life_safety, conversation_id=tracker.sender_id, officer=officer, now=datetime.now()
            )
        return [SlotSet("life_safety", None), SlotSet("life_safety_active", False)]
