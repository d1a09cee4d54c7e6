"""Opening a case: ``action_open_case``, ``action_session_start`` and ``action_suggest_opening``."""

from __future__ import annotations

import time
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import default_unit_of_work, identity_of, report_error, run_blocking
from assistant.db.unit_of_work import UnitOfWork
from assistant.errors import OtherCaseConversation
from assistant.services.cases import CaseSummary
from assistant.services.chat_cases import OpenedCase, check_case_binding, open_case

# Slots kept when a session expires and a new one starts for the same conversation.
CARRIED_OVER = (
    "case_id", "case_loaded", "fraud_type", "fraud_type_from_record", "person_address",
    "police_station", "officer_id", "case_opened_at", "payee_account", "payee_bank", "amount",
    "transfer_time", "transfer_time_iso",
)


def case_slots(case: CaseSummary, address_form: str | None = None) -> list[EventType]:
    """The slots a loaded case sets (``address_form``: the form of address shown, if not the real one)."""
    return [
        SlotSet("case_id", case.case_id),
        SlotSet("case_lookup", "found"),
        SlotSet("case_loaded", True),
        SlotSet("fraud_type", case.fraud_type),
        SlotSet("fraud_type_from_record", case.has_known_type),
        SlotSet("person_address", address_form or case.address_form),
        SlotSet("police_station", case.police_station),
        SlotSet("case_opened_at", time.time()),
        # The stop-payment form starts empty for a new case: the account the money actually
        # went to is taken from what the person says, not assumed from the alert record.
        SlotSet("payee_account", None),
        SlotSet("payee_bank", None),
        SlotSet("amount", None),
        SlotSet("transfer_time", None),
        SlotSet("transfer_time_iso", None),
    ]


def no_case_slots() -> list[EventType]:
    """The slots after a failed look-up: no case is open (the rules then wait for the officer)."""
    return [
        SlotSet("case_lookup", "failed"),
        SlotSet("case_id", None),
        SlotSet("case_loaded", False),
        SlotSet("fraud_type", None),
        SlotSet("fraud_type_from_record", False),
        SlotSet("person_address", "机主"),
        SlotSet("police_station", "辖区派出所"),
    ]


class ActionOpenCase(Action):
    """Loads the case the officer named and shows its card; the rules then suggest the opening."""

    def __init__(self, unit_of_work: UnitOfWork | None = None) -> None:
        self._unit_of_work = unit_of_work

    def name(self) -> str:
        return "action_open_case"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        raw = next(tracker.get_latest_entity_values("case_id"), None)
        if not raw:
            dispatcher.utter_message(response="utter_ask_case_id")
            return no_case_slots()
        identity = identity_of(tracker)
        try:
            check_case_binding(identity.case_id if identity else None, str(raw))
            opened: OpenedCase = await run_blocking(
                open_case,
                self._unit_of_work or default_unit_of_work(),
                str(raw),
                sees_personal_data=identity is not None and identity.sees_personal_data,
                viewer=identity.username if identity else None,
            )
        except OtherCaseConversation as error:
            # The conversation stays on its own case.
            report_error(dispatcher, error)
            return [SlotSet("case_lookup", "refused")]
        except Exception as error:  # every failure becomes a clear reply; the conversation goes on
            report_error(dispatcher, error)
            return no_case_slots()
        dispatcher.utter_message(text=opened.card)
        return case_slots(opened.case, opened.address_form)


class ActionSuggestOpening(Action):
    """Suggests the opening again: the case's fraud type, or the generic one without a case."""

    def name(self) -> str:
        return "action_suggest_opening"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        fraud_type = tracker.get_slot("fraud_type")
        if tracker.get_slot("case_loaded") and fraud_type:
            dispatcher.utter_message(response=f"utter_open_{fraud_type}")
        else:
            dispatcher.utter_message(response="utter_open_generic")
        return []


class ActionSessionStart(Action):
    """Starts a session; a case id in the session metadata opens that case straight away."""

    def __init__(self, unit_of_work: UnitOfWork | None = None) -> None:
        self._unit_of_work = unit_of_work

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        events: list[EventType] = [SessionStarted()]
        events += [SlotSet(name, tracker.get_slot(name)) for name in CARRIED_OVER if tracker.get_slot(name) is not None]
        # Only the verified speaker counts: the officer and the case come from the chat token.
        identity = identity_of(tracker, session_start=True)
        if identity is not None and tracker.get_slot("officer_id") != identity.username:
            events.append(SlotSet("officer_id", identity.username))
        already_open = tracker.get_slot("case_loaded") and tracker.get_slot("case_id") == (identity and identity.case_id)
        if identity is not None and identity.case_id and not already_open:
            try:
                opened: OpenedCase = await run_blocking(
                    open_case,
                    self._unit_of_work or default_unit_of_work(),
                    identity.case_id,
                    sees_personal_data=identity.sees_personal_data,
                    viewer=identity.username,
                )
            except Exception as error:
                report_error(dispatcher, error)
            else:
                dispatcher.utter_message(text=opened.card)
                dispatcher.utter_message(
                    response=f"utter_open_{opened.case.fraud_type}", person_address=opened.address_form
                )
                events += case_slots(opened.case, opened.address_form)
        events.append(ActionExecuted("action_listen"))
        return events
