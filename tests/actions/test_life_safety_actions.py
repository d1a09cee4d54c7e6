"""action_life_safety, action_life_safety_location, action_life_safety_resolved."""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.life_safety import ActionLifeSafety, ActionLifeSafetyLocation, ActionLifeSafetyResolved
from assistant.db.models import LifeSafetyEvent
from assistant.db.unit_of_work import SqlUnitOfWork
from tests.actions.helpers import TRAINEE, load_domain, make_tracker

CASE = {"case_id": "YJ20261125001", "case_loaded": True}


def _events(uow: SqlUnitOfWork) -> list[LifeSafetyEvent]:
    with uow() as session:
        return list(session.execute(select(LifeSafetyEvent).order_by(LifeSafetyEvent.id)).scalars())


def _location(value: str) -> list[dict[str, Any]]:
    return [{"entity": "person_location", "value": value, "start": 0, "end": len(value)}]


async def test_the_path_starts_sets_the_slots_and_records_the_event(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots=CASE, intent="life_safety_confined", text="她说在如家酒店308房间,对方不让她出门",
        entities=_location("如家酒店308房间"), sender_id="conv-ls",
    )
    events = await ActionLifeSafety(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    assert events == [
        SlotSet("life_safety", "confined"), SlotSet("life_safety_active", True),
        SlotSet("person_location", "如家酒店308房间"),
    ]
    assert dispatcher.messages == []  # the rules say the line
    [row] = _events(seeded_uow)
    assert (row.conversation_id, row.officer, row.kind, row.location) == (
        "conv-ls", "officer_demo", "confined", "如家酒店308房间",
    )
    assert row.alert_id is not None and row.resolved_at is None


async def test_the_location_is_recorded_on_the_active_path(seeded_uow: SqlUnitOfWork) -> None:
    await ActionLifeSafety(unit_of_work=seeded_uow).run(
        CollectingDispatcher(), make_tracker(slots=CASE, intent="life_safety_suicide", sender_id="c"), load_domain()
    )
    tracker = make_tracker(
        slots={**CASE, "life_safety": "suicide", "life_safety_active": True}, intent="inform_location",
        text="他说在长江大桥上", entities=_location("长江大桥上"), sender_id="c",
    )
    events = await ActionLifeSafetyLocation(unit_of_work=seeded_uow).run(CollectingDispatcher(), tracker, load_domain())
    assert events == [SlotSet("person_location", "长江大桥上")]
    [row] = _events(seeded_uow)
    assert row.location == "长江大桥上" and row.located_at is not None


async def test_a_place_the_rules_do_not_know_is_kept_in_the_officers_words(seeded_uow: SqlUnitOfWork) -> None:
    tracker = make_tracker(slots={"life_safety_active": False}, intent="inform_location", text="她说在后山那个亭子")
    events = await ActionLifeSafetyLocation(unit_of_work=seeded_uow).run(CollectingDispatcher(), tracker, load_domain())
    assert events == [SlotSet("person_location", "她说在后山那个亭子")]
    assert _events(seeded_uow) == []  # no path on: nothing to record it on


async def test_the_officer_ends_the_path(seeded_uow: SqlUnitOfWork) -> None:
    await ActionLifeSafety(unit_of_work=seeded_uow).run(
        CollectingDispatcher(), make_tracker(slots=CASE, intent="life_safety_medical", sender_id="c"), load_domain()
    )
    tracker = make_tracker(
        slots={**CASE, "life_safety": "medical", "life_safety_active": True}, intent="life_safety_resolved",
        sender_id="c",
    )
    events = await ActionLifeSafetyResolved(unit_of_work=seeded_uow).run(CollectingDispatcher(), tracker, load_domain())
    assert events == [SlotSet("life_safety", None), SlotSet("life_safety_active", False)]
    [row] = _events(seeded_uow)
    assert row.resolved_at is not None and row.resolved_by == "officer_demo"


async def test_a_trainee_or_nobody_verified_gets_the_path_but_writes_no_record(seeded_uow: SqlUnitOfWork) -> None:
    for speaker in (TRAINEE, None):
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(slots=CASE, intent="life_safety_suicide", speaker=speaker)
        events = await ActionLifeSafety(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
        assert events == [SlotSet("life_safety", "suicide"), SlotSet("life_safety_active", True)]
        assert dispatcher.messages == []
    assert _events(seeded_uow) == []


async def test_a_database_failure_does_not_stop_the_path(uow: SqlUnitOfWork) -> None:
    class Broken:
        def __call__(self) -> Any:
            raise RuntimeError("database down")

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=CASE, intent="life_safety_minor")
    events = await ActionLifeSafety(unit_of_work=Broken()).run(dispatcher, tracker, load_domain())  # type: ignore[arg-type]
    assert events == [SlotSet("life_safety", "minor"), SlotSet("life_safety_active", True)]
    assert dispatcher.messages == []
