"""services.life_safety: the life-safety path on the record and in the station briefing."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from assistant.db.models import Alert, LifeSafetyEvent
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.services.escalation import escalate
from assistant.services.life_safety import (
    kind_of_intent,
    life_safety_of_case,
    location_from,
    record_location,
    resolve_life_safety,
    start_life_safety,
)

CASE = "YJ20261125001"
T0 = datetime(2026, 11, 25, 10, 30)
T1 = datetime(2026, 11, 25, 10, 34)
T2 = datetime(2026, 11, 25, 10, 52)


def _events(uow: SqlUnitOfWork) -> list[LifeSafetyEvent]:
    with uow() as session:
        return list(session.execute(select(LifeSafetyEvent).order_by(LifeSafetyEvent.id)).scalars())


def test_a_path_is_started_located_and_resolved_on_the_case(seeded_uow: SqlUnitOfWork) -> None:
    started = start_life_safety(
        seeded_uow, conversation_id="conv-1", case_id=CASE, officer="officer_li", kind="suicide", now=T0
    )
    assert (started.case_id, started.kind, started.location, started.resolved_at) == (CASE, "suicide", None, None)
    located = record_location(seeded_uow, conversation_id="conv-1", location="长江大桥上", now=T1)
    assert located is not None and (located.location, located.located_at) == ("长江大桥上", T1)
    resolved = resolve_life_safety(seeded_uow, conversation_id="conv-1", officer="officer_li", now=T2)
    assert resolved is not None and resolved.resolved_at == T2

    [row] = _events(seeded_uow)
    with seeded_uow() as session:
        alert_id = session.execute(select(Alert.id).where(Alert.case_id == CASE)).scalar_one()
    assert (row.alert_id, row.conversation_id, row.officer, row.kind) == (alert_id, "conv-1", "officer_li", "suicide")
    assert (row.location, row.started_at, row.located_at, row.resolved_at, row.resolved_by) == (
        "长江大桥上", T0, T1, T2, "officer_li",
    )
    assert [view.event_id for view in life_safety_of_case(seeded_uow, CASE)] == [row.id]


def test_a_second_danger_in_the_same_path_updates_it_and_a_new_path_after_the_end_is_new(
    seeded_uow: SqlUnitOfWork,
) -> None:
    start_life_safety(seeded_uow, conversation_id="c", case_id=CASE, officer="o", kind="confined", now=T0)
    start_life_safety(
        seeded_uow, conversation_id="c", case_id=CASE, officer="o", kind="suicide", now=T1, location="如家酒店308房间"
    )
    [row] = _events(seeded_uow)
    assert (row.kind, row.started_at, row.location, row.located_at) == ("suicide", T0, "如家酒店308房间", T1)
    resolve_life_safety(seeded_uow, conversation_id="c", officer="o", now=T2)
    start_life_safety(seeded_uow, conversation_id="c", case_id=CASE, officer="o", kind="medical", now=T2)
    assert [event.kind for event in _events(seeded_uow)] == ["suicide", "medical"]


def test_without_a_case_the_event_is_recorded_on_the_conversation(uow: SqlUnitOfWork) -> None:
    view = start_life_safety(uow, conversation_id="c", case_id=None, officer="o", kind="minor", now=T0)
    assert view.case_id is None
    [row] = _events(uow)
    assert row.alert_id is None and row.kind == "minor"


def test_nothing_to_locate_or_resolve_without_an_active_path(uow: SqlUnitOfWork) -> None:
    assert record_location(uow, conversation_id="c", location="家里", now=T0) is None
    assert resolve_life_safety(uow, conversation_id="c", officer="o", now=T0) is None
    assert _events(uow) == []


def test_an_unknown_kind_is_refused(uow: SqlUnitOfWork) -> None:
    with pytest.raises(ValueError):
        start_life_safety(uow, conversation_id="c", case_id=None, officer="o", kind="money", now=T0)


def test_the_station_briefing_puts_the_danger_and_the_place_first(seeded_uow: SqlUnitOfWork) -> None:
    start_life_safety(seeded_uow, conversation_id="conv-1", case_id=CASE, officer="o", kind="confined", now=T0)
    record_location(seeded_uow, conversation_id="conv-1", location="如家酒店308房间", now=T1)
    receipt = escalate(seeded_uow, case_id=CASE, conversation_id="conv-1", officer="o", reactions=[], now=T1)
    lines = receipt.briefing.splitlines()
    assert lines[1] == "【生命安全】11-25 10:30 对象被骗子控制或隔离(如被诱导独自入住宾馆),所在位置:如家酒店308房间;仍在处置中。"
    assert any("对象仍有生命危险" in line for line in lines)

    resolve_life_safety(seeded_uow, conversation_id="conv-1", officer="o", now=T2)
    again = escalate(seeded_uow, case_id=CASE, conversation_id="conv-1", officer="o", reactions=[], now=T2)
    assert "10:52已解除" in again.briefing and "对象仍有生命危险" not in again.briefing


def test_a_briefing_without_life_safety_is_unchanged(seeded_uow: SqlUnitOfWork) -> None:
    receipt = escalate(seeded_uow, case_id=CASE, conversation_id="conv-1", officer="o", reactions=[], now=T0)
    assert "生命安全" not in receipt.briefing and "生命危险" not in receipt.briefing


@pytest.mark.parametrize(
    ("intent", "kind"),
    [("life_safety_suicide", "suicide"), ("life_safety_confined", "confined"), ("life_safety_resolved", None),
     ("agrees_to_stop", None), (None, None)],
)
def test_kind_of_intent(intent: str | None, kind: str | None) -> None:
    assert kind_of_intent(intent) == kind


def test_location_from_the_entities_else_the_officers_words() -> None:
    assert location_from(["如家酒店308房间", "如家酒店308房间"], "她说在如家酒店308房间") == "如家酒店308房间"
    assert location_from(["车里", "小区地下车库"], None) == "车里,小区地下车库"
    assert location_from([], " 她说在后山那个亭子 ") == "她说在后山那个亭子"
    assert location_from([], "") is None
    assert len(location_from([], "长" * 500) or "") == 120
