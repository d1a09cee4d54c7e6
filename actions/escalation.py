"""Escalation to the case's police station for an in-person visit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import default_unit_of_work, record_keeper, report_error, run_blocking
from assistant.db.unit_of_work import UnitOfWork
from assistant.dialogue.history import recent_reactions
from assistant.errors import NoCaseOpen
from assistant.services.escalation import escalate


class ActionEscalate(Action):
    """Files the escalation and shows the briefing to send to the station."""

    def __init__(self, unit_of_work: UnitOfWork | None = None) -> None:
        self._unit_of_work = unit_of_work

    def name(self) -> str:
        return "action_escalate"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            speaker = record_keeper(tracker, "见面劝阻请求")
            if not tracker.get_slot("case_loaded"):
                raise NoCaseOpen("转派出所见面劝阻")
            receipt = await run_blocking(
                escalate,
                self._unit_of_work or default_unit_of_work(),
                case_id=str(tracker.get_slot("case_id")),
                conversation_id=tracker.sender_id,
                officer=speaker.username,
                reactions=recent_reactions(tracker.events),
                now=datetime.now(),
            )
        except Exception as error:
            report_error(dispatcher, error)
            return []
        verb = "已更新" if receipt.updated else "已提交"
        dispatcher.utter_message(
            text=f"{verb}见面劝阻请求(第{receipt.escalation_id}号),请发给{receipt.police_station}:\n{receipt.briefing}"
        )
        return []
