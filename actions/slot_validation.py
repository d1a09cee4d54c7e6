"""Slot extraction after every message: the fraud type, identified from cue words."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker, ValidationAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from assistant.domain.fraud_types import LABELS, choose_fraud_type, parse_fraud_type


class ValidatePredefinedSlots(ValidationAction):
    """Runs as ``action_validate_slot_mappings`` after each user message."""

    async def extract_fraud_type(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        detected = next(tracker.get_latest_entity_values("fraud_type"), None)
        new_type = choose_fraud_type(
            tracker.get_slot("fraud_type"), detected, bool(tracker.get_slot("fraud_type_from_record"))
        )
        if new_type is None:
            return {}
        dispatcher.utter_message(
            response="utter_fraud_type_detected", fraud_type_label=LABELS[parse_fraud_type(new_type)]
        )
        return {"fraud_type": new_type}
