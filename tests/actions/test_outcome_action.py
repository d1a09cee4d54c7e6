"""action_log_outcome and action_follow_up_reminder."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions import common
from actions.outcome import ActionFollowUpReminder, ActionLogOutcome
from assistant.db.models import Alert, FollowUp, Intervention
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.security.tokens import ChatIdentity
from tests.actions.helpers import OFFICER, TRAINEE, load_domain, make_tracker

DISSUADED_80K = [
    {"entity": "outcome", "value": "dissuaded", "start": 0, "end": 4},
    {"entity": "amount", "value": 80000, "role": "saved", "start": 7, "end": 9},
]


def _case(case_id: str) -> dict[str, Any]:
    return {"case_id": case_id, "case_loaded": True, "case_opened_at": time.time() - 600}


def _interventions(uow: SqlUnitOfWork, case_id: str) -> list[Intervention]:
    with uow() as session:
        statement = (
            select(Intervention)
            .join(Alert)
            .where(Alert.case_id == case_id, ~Intervention.conversation_id.like("seed-%"))
        )
        return list(session.execute(statement).scalars())


def _follow_ups(uow: SqlUnitOfWork) -> list[FollowUp]:
    with uow() as session:
        return list(session.execute(select(FollowUp)).scalars())


async def _log(uow: SqlUnitOfWork, case_id: str | None, entities: list[dict[str, Any]], text: str = "劝阻成功,挽损8万",
               sender_id: str = "conv-outcome", speaker: ChatIdentity | None = OFFICER,
               ) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots=_case(case_id) if case_id else {},
        text=text,
        intent="report_outcome",
        entities=entities,
        sender_id=sender_id,
        speaker=speaker,
    )
    events = await ActionLogOutcome(unit_of_work=uow).run(dispatcher, tracker, load_domain())
    return events, dispatcher


async def test_logging_an_investment_case_writes_the_row_and_schedules_the_follow_up(seeded_uow: SqlUnitOfWork) -> None:
    before = datetime.now()
    events, dispatcher = await _log(seeded_uow, "YJ20261125002", DISSUADED_80K)
    after = datetime.now()

    rows = _interventions(seeded_uow, "YJ20261125002")
    assert len(rows) == 1
    row = rows[0]
    assert (row.outcome, row.amount_saved, row.conversation_id) == ("dissuaded", 80000, "conv-outcome")
    assert row.officer == "officer_demo"
    assert row.note == "劝阻成功,挽损8万"
    assert row.started_at < row.ended_at

    text = dispatcher.messages[0]["text"]
    assert text.startswith("已记录案件 YJ20261125002 的劝阻结果:劝阻成功")
    assert "挽损 8万元" in text
    assert "已安排回访" in text

    assert len(events) == 1
    reminder = events[0]
    assert reminder["event"] == "reminder"
    assert reminder["intent"] == "EXTERNAL_follow_up_due"
    assert reminder["name"] == "follow_up_YJ20261125002"
    assert reminder["entities"] == [{"entity": "case_id", "value": "YJ20261125002"}]
    assert reminder["kill_on_user_msg"] is False
    due = datetime.fromisoformat(reminder["date_time"])
    assert before + timedelta(days=3) - timedelta(seconds=1) <= due <= after + timedelta(days=3)

    follow_ups = _follow_ups(seeded_uow)
    assert len(follow_ups) == 1
    assert follow_ups[0].intervention_id == row.id
    assert follow_ups[0].due_at == due


async def test_reminder_fires_sooner_when_configured(seeded_uow: SqlUnitOfWork, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUANZU_REMINDER_SECONDS", "30")
    common.settings.cache_clear()
    before = datetime.now()
    events, _ = await _log(seeded_uow, "YJ20261125004", DISSUADED_80K)
    due = datetime.fromisoformat(events[0]["date_time"])
    assert before + timedelta(seconds=29) <= due <= datetime.now() + timedelta(seconds=31)


async def test_logging_a_first_time_impersonation_case_schedules_nothing(seeded_uow: SqlUnitOfWork) -> None:
    events, dispatcher = await _log(seeded_uow, "YJ20261125001", DISSUADED_80K)
    assert events == []
    assert len(_interventions(seeded_uow, "YJ20261125001")) == 1
    assert _follow_ups(seeded_uow) == []
    text = dispatcher.messages[0]["text"]
    assert text == "已记录案件 YJ20261125001 的劝阻结果:劝阻成功,挽损 8万元。"


async def test_an_unroled_amount_counts_as_saved(seeded_uow: SqlUnitOfWork) -> None:
    entities = [{"entity": "outcome", "value": "dissuaded"}, {"entity": "amount", "value": 50000}]
    await _log(seeded_uow, "YJ20261125001", entities, text="劝阻成功,5万")
    assert [row.amount_saved for row in _interventions(seeded_uow, "YJ20261125001")] == [50000]


async def test_frozen_figures_are_recorded(seeded_uow: SqlUnitOfWork) -> None:
    entities = [
        {"entity": "outcome", "value": "partly_dissuaded"},
        {"entity": "amount", "value": 8000, "role": "frozen"},
        {"entity": "accounts_frozen", "value": 2},
    ]
    _, dispatcher = await _log(seeded_uow, "YJ20261125001", entities, text="部分劝阻,冻结2个账户8000元")
    row = _interventions(seeded_uow, "YJ20261125001")[0]
    assert (row.outcome, row.amount_frozen, row.accounts_frozen, row.amount_saved) == ("partly_dissuaded", 8000, 2, 0)
    assert "冻结账户 2 个" in dispatcher.messages[0]["text"]


async def test_a_repeated_report_updates_the_record(seeded_uow: SqlUnitOfWork) -> None:
    await _log(seeded_uow, "YJ20261125002", DISSUADED_80K)
    entities = [{"entity": "outcome", "value": "false_alarm"}]
    events, dispatcher = await _log(seeded_uow, "YJ20261125002", entities, text="误报")
    rows = _interventions(seeded_uow, "YJ20261125002")
    assert len(rows) == 1
    assert (rows[0].outcome, rows[0].amount_saved, rows[0].note) == ("false_alarm", 0, "误报")
    assert dispatcher.messages[0]["text"].startswith("已更新案件 YJ20261125002 的劝阻结果:误报")
    assert events == []
    assert _follow_ups(seeded_uow) == []


async def test_a_report_from_another_conversation_adds_a_record(seeded_uow: SqlUnitOfWork) -> None:
    await _log(seeded_uow, "YJ20261125001", DISSUADED_80K, sender_id="conv-a")
    await _log(seeded_uow, "YJ20261125001", DISSUADED_80K, sender_id="conv-b")
    assert sorted(row.conversation_id for row in _interventions(seeded_uow, "YJ20261125001")) == ["conv-a", "conv-b"]


async def test_no_outcome_entity_asks_for_the_outcome(seeded_uow: SqlUnitOfWork) -> None:
    events, dispatcher = await _log(seeded_uow, "YJ20261125001", [{"entity": "amount", "value": 80000}], text="8万")
    assert events == []
    assert [message["response"] for message in dispatcher.messages] == ["utter_outcome_missing"]
    assert _interventions(seeded_uow, "YJ20261125001") == []


async def test_no_case_open_asks_to_open_one(seeded_uow: SqlUnitOfWork) -> None:
    events, dispatcher = await _log(seeded_uow, None, DISSUADED_80K)
    assert events == []
    assert len(dispatcher.messages) == 1
    assert dispatcher.messages[0]["response"] == "utter_no_case_open"
    assert dispatcher.messages[0]["operation"] == "登记劝阻结果"
    with seeded_uow() as session:
        assert session.execute(
            select(Intervention).where(~Intervention.conversation_id.like("seed-%"))
        ).first() is None


async def test_follow_up_reminder_names_the_case_and_person() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"case_id": "YJ20261125002", "person_address": "郑先生"},
        intent="EXTERNAL_follow_up_due",
        entities=[{"entity": "case_id", "value": "YJ20261125002"}],
    )
    events = await ActionFollowUpReminder().run(dispatcher, tracker, load_domain())
    assert events == []
    message = dispatcher.messages[0]
    assert message["response"] == "utter_follow_up_due"
    assert (message["case_id"], message["person_address"]) == ("YJ20261125002", "郑先生")


async def test_a_trainee_logs_no_outcome_and_is_told_so(seeded_uow: SqlUnitOfWork) -> None:
    events, dispatcher = await _log(seeded_uow, "YJ20261125002", [{"entity": "outcome", "value": "false_alarm"}],
                                    text="误报", speaker=TRAINEE)
    assert events == []
    assert [message["response"] for message in dispatcher.messages] == ["utter_trainee_no_records"]
    with seeded_uow() as session:
        assert list(session.execute(select(Intervention).where(Intervention.conversation_id == "conv-outcome")).scalars()) == []
        status = session.execute(select(Alert.status).where(Alert.case_id == "YJ20261125002")).scalar_one()
    assert status != "closed"


async def test_without_a_verified_speaker_nothing_is_logged(seeded_uow: SqlUnitOfWork) -> None:
    events, dispatcher = await _log(seeded_uow, "YJ20261125002", [{"entity": "outcome", "value": "dissuaded"}],
                                    speaker=None)
    assert events == []
    assert [message["response"] for message in dispatcher.messages] == ["utter_not_signed_in"]
    with seeded_uow() as session:
        assert list(session.execute(select(Intervention).where(Intervention.conversation_id == "conv-outcome")).scalars()) == []
