"""action_open_case, action_session_start and action_suggest_opening."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.case_lookup import ActionOpenCase, ActionSessionStart, ActionSuggestOpening
from assistant.db.unit_of_work import SqlUnitOfWork, get_engine
from assistant.security.tokens import ChatIdentity
from tests.actions.helpers import OFFICER, TRAINEE, load_domain, make_tracker, speaker_metadata


def _case_id(value: str) -> list[dict[str, Any]]:
    return [{"entity": "case_id", "value": value, "start": 5, "end": 5 + len(value)}]


def _slots(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {event["name"]: event["value"] for event in events if event["event"] == "slot"}


def _assert_no_case_opened(events: list[dict[str, Any]]) -> None:
    slots = _slots(events)
    assert slots["case_lookup"] == "failed"
    assert not slots.get("case_loaded")
    assert slots.get("case_id") is None
    assert slots.get("fraud_type_from_record") in (None, False)


# --- action_open_case -----------------------------------------------------------------


async def test_open_case_found_shows_the_card_and_sets_the_slots(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="打开案件 YJ20261125001", intent="open_case", entities=_case_id("YJ20261125001"))
    events = await ActionOpenCase(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())

    assert len(dispatcher.messages) == 1
    card = dispatcher.messages[0]["text"]
    assert dispatcher.messages[0]["response"] is None
    assert card.startswith("【案件 YJ20261125001】张女士 · 冒充公检法及政府机关")
    assert "孝南广场派出所" in card

    assert SlotSet("case_lookup", "found") in events
    assert SlotSet("case_loaded", True) in events
    slots = _slots(events)
    assert slots["case_id"] == "YJ20261125001"
    assert slots["fraud_type"] == "impersonate_police"
    assert slots["fraud_type_from_record"] is True
    assert slots["person_address"] == "张女士"
    assert slots["police_station"] == "孝南广场派出所"
    assert isinstance(slots["case_opened_at"], float)
    assert slots["amount"] is None and slots["transfer_time"] is None and slots["transfer_time_iso"] is None


async def test_open_case_of_an_unknown_type_is_not_from_the_record(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="open_case", entities=_case_id("yj20261125003"))
    events = await ActionOpenCase(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    slots = _slots(events)
    assert slots["case_id"] == "YJ20261125003"
    assert slots["fraud_type"] == "unknown"
    assert slots["fraud_type_from_record"] is False
    assert slots["person_address"] == "罗先生"
    assert "请转述对方的话" in dispatcher.messages[0]["text"]


async def test_open_case_of_a_repeat_victim_warns_in_the_card(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="open_case", entities=_case_id("YJ20261125004"))
    events = await ActionOpenCase(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    assert _slots(events)["fraud_type"] == "romance"
    assert "重复受害人" in dispatcher.messages[0]["text"]
    assert "YJ20260612003" in dispatcher.messages[0]["text"]


async def test_open_case_unknown_id_says_not_found(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="open_case", entities=_case_id("YJ20991231001"))
    events = await ActionOpenCase(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    _assert_no_case_opened(events)
    assert len(dispatcher.messages) == 1
    assert dispatcher.messages[0]["response"] == "utter_case_not_found"
    assert dispatcher.messages[0]["case_id"] == "YJ20991231001"
    assert dispatcher.messages[0]["text"] is None


async def test_open_case_malformed_id_explains_the_format(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="open_case", entities=_case_id("YJ123"))
    events = await ActionOpenCase(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    _assert_no_case_opened(events)
    assert dispatcher.messages[0]["response"] == "utter_case_id_malformed"
    assert dispatcher.messages[0]["case_id"] == "YJ123"


async def test_open_case_without_an_entity_asks_for_the_id(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="打开案件", intent="open_case")
    events = await ActionOpenCase(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    _assert_no_case_opened(events)
    assert [message["response"] for message in dispatcher.messages] == ["utter_ask_case_id"]


async def test_open_case_database_failure_is_an_internal_error_reply(tmp_path: Path) -> None:
    broken = SqlUnitOfWork(get_engine(f"sqlite:///{tmp_path / 'no-schema.db'}"))
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="open_case", entities=_case_id("YJ20261125001"))
    events = await ActionOpenCase(unit_of_work=broken).run(dispatcher, tracker, load_domain())
    _assert_no_case_opened(events)
    assert [message["response"] for message in dispatcher.messages] == ["utter_internal_error"]


# --- action_session_start -------------------------------------------------------------


async def test_session_start_with_metadata_opens_the_case(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"session_started_metadata": speaker_metadata(ChatIdentity("officer_zhang", "officer", "YJ20261125001"))},
        speaker=None,
    )
    events = await ActionSessionStart(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())

    assert events[0] == SessionStarted()
    assert events[-1] == ActionExecuted("action_listen")
    assert SlotSet("officer_id", "officer_zhang") in events
    assert SlotSet("case_loaded", True) in events
    assert SlotSet("case_lookup", "found") in events
    slots = _slots(events)
    assert slots["case_id"] == "YJ20261125001"
    assert slots["fraud_type"] == "impersonate_police"
    assert slots["person_address"] == "张女士"

    assert len(dispatcher.messages) == 2
    assert dispatcher.messages[0]["text"].startswith("【案件 YJ20261125001】")
    assert dispatcher.messages[1]["response"] == "utter_open_impersonate_police"
    assert dispatcher.messages[1]["person_address"] == "张女士"


async def test_session_start_opening_follows_the_case_type(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"session_started_metadata": speaker_metadata(replace(OFFICER, case_id="YJ20261125002"))})
    events = await ActionSessionStart(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    assert dispatcher.messages[1]["response"] == "utter_open_investment"
    assert dispatcher.messages[1]["person_address"] == "郑先生"
    assert _slots(events)["officer_id"] == "officer_demo"
    assert load_domain()["responses"].get("utter_open_investment")


async def test_session_start_without_metadata_only_starts_the_session(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(speaker=None)
    events = await ActionSessionStart(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    assert events[0] == SessionStarted()
    assert events[-1] == ActionExecuted("action_listen")
    middle = events[1:-1]
    # Only the carried-over slots, unchanged (their initial values): nothing is opened.
    assert all(event["event"] == "slot" for event in middle)
    assert all(event["value"] == tracker.get_slot(event["name"]) for event in middle)
    assert not {"case_id", "case_lookup", "officer_id"} & set(_slots(middle))
    assert _slots(middle).get("case_loaded") in (None, False)
    assert dispatcher.messages == []


async def test_session_start_with_a_bad_case_id_reports_it_and_still_starts(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"session_started_metadata": speaker_metadata(ChatIdentity("o1", "officer", "YJ20991231001"))}, speaker=None
    )
    events = await ActionSessionStart(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    assert events[0] == SessionStarted()
    assert events[-1] == ActionExecuted("action_listen")
    assert SlotSet("officer_id", "o1") in events
    assert "case_lookup" not in _slots(events) and "case_id" not in _slots(events)
    assert [message["response"] for message in dispatcher.messages] == ["utter_case_not_found"]
    assert dispatcher.messages[0]["case_id"] == "YJ20991231001"


async def test_session_start_carries_the_open_case_over(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"case_id": "YJ20261125004", "case_loaded": True, "fraud_type": "romance", "person_address": "陈女士"}
    )
    events = await ActionSessionStart(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    assert events[0] == SessionStarted()
    assert events[-1] == ActionExecuted("action_listen")
    assert SlotSet("case_id", "YJ20261125004") in events
    assert SlotSet("fraud_type", "romance") in events
    assert SlotSet("person_address", "陈女士") in events
    assert dispatcher.messages == []


# --- action_suggest_opening -------------------------------------------------------------


async def test_suggest_opening_without_a_case_is_generic() -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionSuggestOpening().run(dispatcher, make_tracker(intent="ask_opening"), load_domain())
    assert events == []
    assert [message["response"] for message in dispatcher.messages] == ["utter_open_generic"]


async def test_suggest_opening_with_a_case_uses_its_type() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"case_loaded": True, "fraud_type": "romance"}, intent="ask_opening")
    await ActionSuggestOpening().run(dispatcher, tracker, load_domain())
    assert [message["response"] for message in dispatcher.messages] == ["utter_open_romance"]


async def test_suggest_opening_for_every_type_names_an_existing_response() -> None:
    domain = load_domain()
    for fraud_type in domain["slots"]["fraud_type"]["values"]:
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(slots={"case_loaded": True, "fraud_type": fraud_type})
        await ActionSuggestOpening().run(dispatcher, tracker, domain)
        assert dispatcher.messages[0]["response"] in domain["responses"], fraud_type


# --- the verified speaker ----------------------------------------------------------------


async def test_client_metadata_without_a_token_opens_nothing_and_names_nobody(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"session_started_metadata": {"case_id": "YJ20261125001", "officer_id": "officer_li"}}, speaker=None
    )
    events = await ActionSessionStart(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    assert dispatcher.messages == []
    assert not {"case_id", "officer_id"} & set(_slots(events))


async def test_a_token_signed_with_another_key_names_nobody(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    forged = speaker_metadata(ChatIdentity("officer_li", "supervisor", "YJ20261125001"), key="another-key-" + "x" * 30)
    tracker = make_tracker(slots={"session_started_metadata": forged}, speaker=None)
    events = await ActionSessionStart(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    assert dispatcher.messages == []
    assert "officer_id" not in _slots(events)


async def test_a_trainee_sees_the_card_and_opening_masked(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="open_case", entities=_case_id("YJ20261125001"), speaker=TRAINEE)
    events = await ActionOpenCase(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    card = dispatcher.messages[0]["text"]
    assert "YJ20261125001" in card
    assert "张女士" not in card and "6217000000123409876" not in card
    assert _slots(events)["person_address"] == "张**"


async def test_a_case_conversation_refuses_another_case_and_stays_on_its_own(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    speaker = replace(OFFICER, case_id="YJ20261125004")
    tracker = make_tracker(
        intent="open_case", entities=_case_id("YJ20261125001"), speaker=speaker,
        slots={"case_id": "YJ20261125004", "case_loaded": True},
    )
    events = await ActionOpenCase(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    assert events == [SlotSet("case_lookup", "refused")]
    assert [message["response"] for message in dispatcher.messages] == ["utter_case_other_conversation"]
    assert dispatcher.messages[0]["bound_case_id"] == "YJ20261125004"
