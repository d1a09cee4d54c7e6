"""services.escalation: the hand-over to the police station for an in-person visit."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from sqlalchemy import func, select

from assistant.db.models import Alert, Escalation
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.errors import CaseNotFound
from assistant.services.escalation import escalate, escalation_reason

NOW = datetime(2026, 11, 25, 10, 30)


def _escalations(uow: SqlUnitOfWork) -> list[Escalation]:
    with uow() as session:
        return list(session.execute(select(Escalation).order_by(Escalation.id)).scalars())


def _escalate(uow: SqlUnitOfWork, case_id: str = "YJ20261125001", conversation: str = "conv-1", **kwargs):
    options = {"officer": "officer_test", "reactions": ["distrusts_officer", "call_dropped"], "now": NOW}
    options.update(kwargs)
    return escalate(uow, case_id=case_id, conversation_id=conversation, **options)


def test_escalation_stores_one_row_for_the_alert(seeded_uow: SqlUnitOfWork) -> None:
    receipt = _escalate(seeded_uow)
    assert not receipt.updated
    assert receipt.case_id == "YJ20261125001"
    assert receipt.police_station == "孝南广场派出所"
    rows = _escalations(seeded_uow)
    assert len(rows) == 1
    row = rows[0]
    with seeded_uow() as session:
        alert_id = session.execute(select(Alert.id).where(Alert.case_id == "YJ20261125001")).scalar_one()
    assert (row.id, row.alert_id, row.conversation_id, row.officer) == (
        receipt.escalation_id, alert_id, "conv-1", "officer_test"
    )
    assert row.police_station == "孝南广场派出所"
    assert row.briefing == receipt.briefing
    assert row.created_at == NOW
    assert row.reason == "对方怀疑民警身份,不信任电话劝阻;对方挂断或无法接通"


def test_a_repeat_in_the_same_conversation_updates_the_escalation(seeded_uow: SqlUnitOfWork) -> None:
    first = _escalate(seeded_uow, reactions=["call_dropped"])
    second = _escalate(seeded_uow, reactions=["money_already_sent"], officer="officer_other")
    assert second.updated
    assert second.escalation_id == first.escalation_id
    rows = _escalations(seeded_uow)
    assert len(rows) == 1
    assert rows[0].reason == "对方已经转账"
    assert rows[0].officer == "officer_other"
    assert "对方已经转账" in rows[0].briefing


def test_another_conversation_files_another_escalation(seeded_uow: SqlUnitOfWork) -> None:
    _escalate(seeded_uow, conversation="conv-1")
    second = _escalate(seeded_uow, conversation="conv-2")
    assert not second.updated
    with seeded_uow() as session:
        assert session.execute(select(func.count(Escalation.id))).scalar_one() == 2


def test_briefing_mentions_station_person_masked_phone_and_reason(seeded_uow: SqlUnitOfWork) -> None:
    briefing = _escalate(seeded_uow, reactions=["claims_real_official", "about_to_send"]).briefing
    assert briefing.startswith("【见面劝阻请求】孝南广场派出所")
    assert "YJ20261125001" in briefing
    assert "张女士" in briefing
    assert "孝南区" in briefing
    assert "139****1001" in briefing
    assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", briefing)
    assert "冒充公检法及政府机关" in briefing
    assert "风险高" in briefing and "high" not in briefing
    assert "20万元" in briefing
    assert "6217000000123409876(中国建设银行)" in briefing
    assert "电话劝阻情况:对方坚信骗子是真的公检法/客服;对方正准备转账。" in briefing


def test_briefing_of_a_case_without_a_payee_account(seeded_uow: SqlUnitOfWork) -> None:
    briefing = _escalate(seeded_uow, case_id="YJ20261125003", reactions=[]).briefing
    assert "安陆巡店派出所" in briefing
    assert "罗先生" in briefing
    assert "收款账户" not in briefing
    assert "电话劝阻效果不明,需见面劝阻" in briefing


def test_unknown_case_raises_and_writes_nothing(seeded_uow: SqlUnitOfWork) -> None:
    with pytest.raises(CaseNotFound):
        _escalate(seeded_uow, case_id="YJ20991231001")
    assert _escalations(seeded_uow) == []


def test_reason_is_derived_from_the_reactions_newest_first_without_duplicates() -> None:
    assert escalation_reason([]) == "电话劝阻效果不明,需见面劝阻"
    assert escalation_reason(["agrees_to_stop", "asks_recovery"]) == "电话劝阻效果不明,需见面劝阻"
    assert escalation_reason(["call_dropped", "call_dropped", "emotional_distress"]) == "对方挂断或无法接通;对方情绪激动"
    many = ["call_dropped", "distrusts_officer", "claims_real_official", "defends_investment", "about_to_send"]
    assert escalation_reason(many).count(";") == 3
    assert "对方正准备转账" not in escalation_reason(many)
