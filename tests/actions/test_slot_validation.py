"""action_validate_slot_mappings: the fraud type identified from cue words."""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.slot_validation import ValidatePredefinedSlots
from tests.actions.helpers import load_domain, make_tracker

POLICE_CUE = [{"entity": "fraud_type", "value": "impersonate_police", "start": 8, "end": 12}]
USER = {"event": "user", "text": "对方让她把钱转到安全账户", "parse_data": {"intent": {"name": "claims_real_official"}}}


async def _run(slots: dict[str, Any], entities: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots=slots, text=USER["text"], intent="claims_real_official", entities=entities, events=[dict(USER)]
    )
    events = await ValidatePredefinedSlots().run(dispatcher, tracker, load_domain())
    return events, dispatcher


def test_the_action_has_the_name_rasa_calls() -> None:
    assert ValidatePredefinedSlots().name() == "action_validate_slot_mappings"
    assert "action_validate_slot_mappings" in load_domain()["actions"]


async def test_detected_type_replaces_an_unknown_type() -> None:
    events, dispatcher = await _run({"fraud_type": "unknown", "fraud_type_from_record": False}, POLICE_CUE)
    assert events == [SlotSet("fraud_type", "impersonate_police")]
    assert len(dispatcher.messages) == 1
    assert dispatcher.messages[0]["response"] == "utter_fraud_type_detected"
    assert dispatcher.messages[0]["fraud_type_label"] == "冒充公检法及政府机关"


async def test_detected_type_fills_an_empty_slot() -> None:
    events, dispatcher = await _run({"fraud_type": None}, POLICE_CUE)
    assert events == [SlotSet("fraud_type", "impersonate_police")]
    assert dispatcher.messages[0]["response"] == "utter_fraud_type_detected"


async def test_without_a_record_the_latest_detected_type_wins() -> None:
    romance = [{"entity": "fraud_type", "value": "romance"}]
    events, dispatcher = await _run({"fraud_type": "investment", "fraud_type_from_record": False}, romance)
    assert events == [SlotSet("fraud_type", "romance")]
    assert dispatcher.messages[0]["fraud_type_label"] == "网络婚恋交友"


async def test_a_type_from_the_record_is_never_overridden() -> None:
    events, dispatcher = await _run({"fraud_type": "romance", "fraud_type_from_record": True}, POLICE_CUE)
    assert events == []
    assert dispatcher.messages == []


async def test_the_same_type_again_changes_nothing() -> None:
    events, dispatcher = await _run({"fraud_type": "impersonate_police", "fraud_type_from_record": False}, POLICE_CUE)
    assert events == []
    assert dispatcher.messages == []


async def test_no_fraud_type_entity_changes_nothing() -> None:
    other = [{"entity": "amount", "value": 50000}]
    events, dispatcher = await _run({"fraud_type": "unknown", "fraud_type_from_record": False}, other)
    assert events == []
    assert dispatcher.messages == []
