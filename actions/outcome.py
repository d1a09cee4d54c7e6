"""Logging the outcome of an intervention, and the follow-up reminder of relapse-prone cases."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, ReminderScheduled
from rasa_sdk.executor import CollectingDispatcher

from actions.common import default_unit_of_work, record_keeper, report_error, run_blocking, settings
from assistant.db.unit_of_work import UnitOfWork
from assistant.dialogue.history import first_event_time
from assistant.errors import NoCaseOpen
from assistant.services.outcomes import build_report, format_confirmation, record_outcome


class ActionLogOutcome(Action):
    """Stores (or updates) the intervention record and confirms it back."""

    def __init__(self, unit_of_work: UnitOfWork | None = None) -> None:
        self._unit_of_work = unit_of_work

    def name(self) -> str:
        return "action_log_outcome"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        entities = tracker.latest_message.get("entities") or []
        outcome = next((e.get("value") for e in entities if e.get("entity") == "outcome"), None)
        # Values are checked by build_report: a bad one is an InvalidField re-ask, not a crash.
        amounts = [(e.get("value"), e.get("role")) for e in entities if e.get("entity") == "amount"]
        frozen_accounts = next((e.get("value") for e in entities if e.get("entity") == "accounts_frozen"), None)
        now = time.time()
        started = tracker.get_slot("case_opened_at") or first_event_time(tracker.events) or now
        try:
            speaker = record_keeper(tracker, "劝阻结果")
            if not tracker.get_slot("case_loaded"):
                raise NoCaseOpen("登记劝阻结果")
            report = build_report(outcome, amounts, frozen_accounts, note=tracker.latest_message.get("text"))
            record = await run_blocking(
                record_outcome,
                self._unit_of_work or default_unit_of_work(),
                case_id=str(tracker.get_slot("case_id")),
                conversation_id=tracker.sender_id,
                officer=speaker.username,
                report=report,
                started_at=datetime.fromtimestamp(float(started)),
                ended_at=datetime.fromtimestamp(now),
                follow_up_days=settings().follow_up_days,
            )
        except Exception as error:
            report_error(dispatcher, error)
            return []
        dispatcher.utter_message(text=format_confirmation(record))
        if record.follow_up_due is None:
            return []
        seconds = settings().reminder_seconds
        trigger = datetime.now() + timedelta(seconds=seconds) if seconds else record.follow_up_due
        return [
            ReminderScheduled(
                "EXTERNAL_follow_up_due",
                trigger_date_time=trigger,
                entities=[{"entity": "case_id", "value": record.case_id}],
                name=f"follow_up_{record.case_id}",
                kill_on_user_message=False,
            )
        ]


class ActionFollowUpReminder(Action):
    """Tells the officer a follow-up is due, when the reminder fires."""

    def name(self) -> str:
        return "action_follow_up_reminder"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        case_id = next(tracker.get_latest_entity_values("case_id"), None) or tracker.get_slot("case_id")
        dispatcher.utter_message(
            response="utter_follow_up_due", case_id=case_id, person_address=tracker.get_slot("person_address")
        )
        return []
