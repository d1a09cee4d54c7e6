"""action_escalate."""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.escalation import ActionEscalate
from assistant.db.models import Escalation
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.security.tokens import ChatIdentity
from tests.actions.helpers import load_domain, make_tracker

CASE = {"case_id": "YJ20261125001", "case_loaded": True, "police_station": "孝南广场派出所"}


def _user(intent: str, text: str = "") -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent, "confidence": 1.0}}}


def _escalations(uow: SqlUnitOfWork) -> list[Escalation]:
    with uow() as session:
        return list(session.execute(select(Escalation)).scalars())


async def test_escalate_with_a_case_files_it_and_shows_the_briefing(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots=CASE, speaker=ChatIdentity("officer_li", "officer"),
        intent="request_escalation",
        events=[_user("distrusts_officer", "你才是骗子吧"), _user("call_dropped", "她挂了"), _user("request_escalation")],
        sender_id="conv-esc",
    )
    events = await ActionEscalate(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    assert events == []

    rows = _escalations(seeded_uow)
    assert len(rows) == 1
    row = rows[0]
    assert (row.conversation_id, row.officer, row.police_station) == ("conv-esc", "officer_li", "孝南广场派出所")
    assert row.reason == "对方挂断或无法接通;对方怀疑民警身份,不信任电话劝阻"

    assert len(dispatcher.messages) == 1
    text = dispatcher.messages[0]["text"]
    assert text.startswith(f"已提交见面劝阻请求(第{row.id}号),请发给孝南广场派出所")
    assert "【见面劝阻请求】孝南广场派出所" in text
    assert "139****1001" in text
    assert "对方挂断或无法接通" in text


async def test_escalating_again_updates_the_request(seeded_uow: SqlUnitOfWork) -> None:
    action = ActionEscalate(unit_of_work=seeded_uow)
    first, second = CollectingDispatcher(), CollectingDispatcher()
    await action.run(first, make_tracker(slots=CASE, events=[_user("call_dropped")]), load_domain())
    await action.run(second, make_tracker(slots=CASE, events=[_user("money_already_sent")]), load_domain())
    rows = _escalations(seeded_uow)
    assert len(rows) == 1
    assert rows[0].reason == "对方已经转账"
    assert second.messages[0]["text"].startswith("已更新见面劝阻请求")


async def test_escalate_without_a_case_asks_to_open_one(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="request_escalation", events=[_user("call_dropped")])
    events = await ActionEscalate(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    assert events == []
    assert _escalations(seeded_uow) == []
    assert len(dispatcher.messages) == 1
    assert dispatcher.messages[0]["response"] == "utter_no_case_open"
    assert dispatcher.messages[0]["operation"] == "转派出所见面劝阻"


async def test_escalate_with_a_case_that_does_not_exist_says_not_found(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"case_id": "YJ20991231001", "case_loaded": True})
    await ActionEscalate(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    assert dispatcher.messages[0]["response"] == "utter_case_not_found"
    assert _escalations(seeded_uow) == []
