"""Emergency stop-payment: validating the form's fields and filing the request."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import default_unit_of_work, first_value, record_keeper, report_error, run_blocking
from assistant.db.unit_of_work import UnitOfWork
from assistant.errors import InvalidField
from assistant.services.stop_payment import (
    StopPaymentDraft,
    format_stop_payment_summary,
    submit_stop_payment,
    validate_account,
    validate_amount,
    validate_bank,
    validate_transfer_time,
)

FORM_SLOTS = ("payee_account", "payee_bank", "amount", "transfer_time", "transfer_time_iso")


def _invalid(dispatcher: CollectingDispatcher, error: InvalidField) -> dict[str, Any]:
    dispatcher.utter_message(response=error.response, **error.params)
    return {error.field: None}


class ValidateStopPaymentForm(FormValidationAction):
    """Checks each field as it arrives; a bad value is cleared and asked again with the reason."""

    def name(self) -> str:
        return "validate_stop_payment_form"

    async def validate_payee_account(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            return {"payee_account": validate_account(str(first_value(slot_value)))}
        except InvalidField as error:
            return _invalid(dispatcher, error)

    async def validate_payee_bank(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            return {"payee_bank": validate_bank(first_value(slot_value))}
        except InvalidField as error:
            return _invalid(dispatcher, error)

    async def validate_amount(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            return {"amount": validate_amount(first_value(slot_value))}
        except InvalidField as error:
            return _invalid(dispatcher, error)

    async def validate_transfer_time(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            resolved, text = validate_transfer_time(first_value(slot_value), datetime.now())
        except InvalidField as error:
            return _invalid(dispatcher, error)
        return {"transfer_time": text, "transfer_time_iso": resolved.isoformat(timespec="minutes")}


class ActionSubmitStopPayment(Action):
    """Files the completed form and shows the summary to hand to the bank or platform."""

    def __init__(self, unit_of_work: UnitOfWork | None = None) -> None:
        self._unit_of_work = unit_of_work

    def name(self) -> str:
        return "action_submit_stop_payment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            speaker = record_keeper(tracker, "紧急止付申请")
            iso = tracker.get_slot("transfer_time_iso")
            resolved, text = (
                (datetime.fromisoformat(iso), str(tracker.get_slot("transfer_time")))
                if iso
                else validate_transfer_time(tracker.get_slot("transfer_time"), datetime.now())
            )
            draft = StopPaymentDraft(
                payee_account=validate_account(str(tracker.get_slot("payee_account"))),
                payee_bank=validate_bank(tracker.get_slot("payee_bank")),
                amount=validate_amount(tracker.get_slot("amount")),
                transfer_time=resolved,
                transfer_time_text=text,
            )
            receipt = await run_blocking(
                submit_stop_payment,
                self._unit_of_work or default_unit_of_work(),
                case_id=tracker.get_slot("case_id") if tracker.get_slot("case_loaded") else None,
                conversation_id=tracker.sender_id,
                officer=speaker.username,
                draft=draft,
            )
        except Exception as error:
            # Keep the slots: nothing typed is lost, "止付" retries with the same details.
            report_error(dispatcher, error)
            return []
        dispatcher.utter_message(text=format_stop_payment_summary(receipt))
        return [SlotSet(slot, None) for slot in FORM_SLOTS]
