"""Stop-payment requests, escalations and outcomes filed from the panel: answers and database rows."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from assistant.db.models import Alert, Escalation, FollowUp, Intervention, StopPaymentRequest
from assistant.db.unit_of_work import SqlUnitOfWork
from tests.web.conftest import CASE
from tests.web.fakes import FakeRasa

SENDER = f"{CASE}--officer_li"
GOOD_REQUEST = {"payee_account": "6222 0212 3456 7890 123", "payee_bank": "工行", "amount": "8万", "transfer_time": "十分钟前"}


def _count(uow: SqlUnitOfWork, model: Any) -> int:
    with uow() as session:
        return int(session.execute(select(func.count(model.id))).scalar_one())


# --- stop-payment -------------------------------------------------------------------------


def test_stop_payment_is_filed_with_201_and_a_row(officer: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    answer = officer.post(f"/api/cases/{CASE}/stop-payments", json=GOOD_REQUEST)
    assert answer.status_code == 201
    body = answer.json()
    assert set(body) == {"id", "summary", "duplicate"}
    assert body["duplicate"] is False
    assert "紧急止付申请" in body["summary"] and "6222021234567890123" in body["summary"] and "8万元" in body["summary"]
    with seeded_uow() as session:
        row = session.execute(select(StopPaymentRequest)).scalar_one()
        alert = session.execute(select(Alert).where(Alert.case_id == CASE)).scalar_one()
        assert row.id == body["id"]
        assert row.alert_id == alert.id
        assert (row.conversation_id, row.officer) == (SENDER, "officer_li")
        assert (row.payee_account, row.payee_bank, row.amount) == ("6222021234567890123", "中国工商银行", 80000)
        assert row.transfer_time_text == "十分钟前"
        assert abs(row.transfer_time - (datetime.now() - timedelta(minutes=10))) < timedelta(minutes=1)


def test_the_same_stop_payment_twice_is_filed_once(officer: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    first = officer.post(f"/api/cases/{CASE}/stop-payments", json=GOOD_REQUEST).json()
    again = officer.post(f"/api/cases/{CASE}/stop-payments", json=dict(GOOD_REQUEST, amount=80000, transfer_time="14:00"))
    assert again.status_code == 201
    assert again.json()["duplicate"] is True and again.json()["id"] == first["id"]
    assert "此前已提交" in again.json()["summary"]
    assert _count(seeded_uow, StopPaymentRequest) == 1


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"payee_account": "12345"}, {"payee_account"}),
        ({"payee_account": "6222abc0212"}, {"payee_account"}),
        ({"payee_bank": "火星银行"}, {"payee_bank"}),
        ({"amount": -5}, {"amount"}),
        ({"amount": 0}, {"amount"}),
        ({"amount": "好多钱"}, {"amount"}),
        ({"amount": float("inf")}, {"amount"}),  # sent as the JSON literal Infinity
        ({"amount": float("nan")}, {"amount"}),
        ({"amount": "Infinity"}, {"amount"}),
        ({"amount": 1e30}, {"amount"}),
        ({"amount": "1e30"}, {"amount"}),
        ({"amount": "八百亿亿"}, {"amount"}),
        ({"transfer_time": "3点2十0"}, {"transfer_time"}),
        ({"transfer_time": "不记得了"}, {"transfer_time"}),
        ({"transfer_time": "十分钟后"}, {"transfer_time"}),
        ({"payee_account": "1", "payee_bank": "x", "amount": "y", "transfer_time": "z"}, {"payee_account", "payee_bank", "amount", "transfer_time"}),
        ({"payee_account": None, "payee_bank": "", "amount": None, "transfer_time": "  "}, {"payee_account", "payee_bank", "amount", "transfer_time"}),
    ],
)
def test_invalid_stop_payment_fields_are_422_and_nothing_is_filed(
    officer: TestClient, seeded_uow: SqlUnitOfWork, changes: dict[str, Any], fields: set[str]
) -> None:
    answer = officer.post(f"/api/cases/{CASE}/stop-payments", json=dict(GOOD_REQUEST, **changes))
    assert answer.status_code == 422
    body = answer.json()
    assert set(body["errors"]) == fields
    assert all(reason for reason in body["errors"].values())
    assert isinstance(body["detail"], str) and body["detail"]
    assert _count(seeded_uow, StopPaymentRequest) == 0


def test_missing_stop_payment_fields_say_what_to_fill(officer: TestClient) -> None:
    errors = officer.post(f"/api/cases/{CASE}/stop-payments", json={}).json()["errors"]
    assert errors == {
        "payee_account": "请填写收款账号",
        "payee_bank": "请填写开户行或支付平台",
        "amount": "请填写转账金额",
        "transfer_time": "请填写转账时间",
    }


def test_bank_reason_is_in_chinese(officer: TestClient) -> None:
    errors = officer.post(f"/api/cases/{CASE}/stop-payments", json=dict(GOOD_REQUEST, payee_bank="火星银行")).json()
    assert errors["errors"]["payee_bank"].startswith("不认识“火星银行”")


@pytest.mark.parametrize(("case_id", "status"), [("YJ123", 400), ("YJ20991231001", 404)])
def test_stop_payment_on_a_bad_case_is_refused(
    officer: TestClient, seeded_uow: SqlUnitOfWork, case_id: str, status: int
) -> None:
    assert officer.post(f"/api/cases/{case_id}/stop-payments", json=GOOD_REQUEST).status_code == status
    assert _count(seeded_uow, StopPaymentRequest) == 0


# --- escalation ---------------------------------------------------------------------------


def test_escalation_is_filed_with_the_reactions_from_the_conversation(
    officer: TestClient, seeded_uow: SqlUnitOfWork
) -> None:
    officer.post(f"/api/cases/{CASE}/start")
    officer.post(f"/api/cases/{CASE}/messages", json={"text": "你才是骗子吧"})
    officer.post(f"/api/cases/{CASE}/messages", json={"text": "她挂了"})
    answer = officer.post(f"/api/cases/{CASE}/escalations", json={"reason": "对方是独居老人"})
    assert answer.status_code == 201
    body = answer.json()
    assert set(body) == {"id", "police_station", "briefing"}
    assert body["police_station"] == "孝南广场派出所"
    assert "【见面劝阻请求】孝南广场派出所" in body["briefing"]
    with seeded_uow() as session:
        row = session.execute(select(Escalation)).scalar_one()
        assert row.id == body["id"]
        assert (row.conversation_id, row.officer, row.police_station) == (SENDER, "officer_li", "孝南广场派出所")
        # the officer's words first, then the reactions, newest first
        assert row.reason == "对方是独居老人;对方挂断或无法接通;对方怀疑民警身份,不信任电话劝阻"
        assert row.reason in row.briefing


def test_escalation_without_a_body_and_a_repeat_updates_it(officer: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    first = officer.post(f"/api/cases/{CASE}/escalations")
    assert first.status_code == 201
    with seeded_uow() as session:
        assert session.execute(select(Escalation.reason)).scalar_one() == "电话劝阻效果不明,需见面劝阻"
    again = officer.post(f"/api/cases/{CASE}/escalations", json={"reason": "需要上门"})
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert _count(seeded_uow, Escalation) == 1
    with seeded_uow() as session:
        assert session.execute(select(Escalation.reason)).scalar_one() == "需要上门"


def test_escalation_on_an_unknown_case_is_404(officer: TestClient, fake_rasa: FakeRasa, seeded_uow: SqlUnitOfWork) -> None:
    assert officer.post("/api/cases/YJ20991231001/escalations").status_code == 404
    assert _count(seeded_uow, Escalation) == 0
    assert fake_rasa.calls == []


# --- outcome ------------------------------------------------------------------------------


def test_outcome_is_recorded_and_a_repeat_updates_it(
    officer: TestClient, fake_rasa: FakeRasa, seeded_uow: SqlUnitOfWork
) -> None:
    opened = datetime.now() - timedelta(minutes=25)
    fake_rasa.slots[SENDER] = {"case_opened_at": opened.timestamp()}
    answer = officer.post(
        f"/api/cases/{CASE}/outcome",
        json={"outcome": "dissuaded", "amount_saved": "20万", "accounts_frozen": 0, "amount_frozen": 0, "note": "已劝住"},
    )
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"id", "confirmation", "follow_up_due", "updated"}
    assert body["updated"] is False and body["follow_up_due"] is None
    assert body["confirmation"].startswith(f"已记录案件 {CASE} 的劝阻结果:劝阻成功")
    with seeded_uow() as session:
        row = session.execute(select(Intervention).where(Intervention.conversation_id == SENDER)).scalar_one()
        assert row.id == body["id"]
        assert (row.officer, row.outcome, row.amount_saved, row.note) == ("officer_li", "dissuaded", 200000, "已劝住")
        assert abs(row.started_at - opened) < timedelta(seconds=1)
        assert session.execute(select(Alert.status).where(Alert.case_id == CASE)).scalar_one() == "closed"

    again = officer.post(
        f"/api/cases/{CASE}/outcome",
        json={"outcome": "partly_dissuaded", "amount_saved": 150000, "accounts_frozen": 1, "amount_frozen": 50000},
    )
    assert again.status_code == 200
    assert again.json()["updated"] is True and again.json()["id"] == body["id"]
    assert again.json()["confirmation"].startswith("已更新")
    with seeded_uow() as session:
        rows = list(session.execute(select(Intervention).where(Intervention.conversation_id == SENDER)).scalars())
        assert [(r.outcome, r.amount_saved, r.accounts_frozen, r.amount_frozen) for r in rows] == [
            ("partly_dissuaded", 150000, 1, 50000)
        ]


def test_outcome_of_a_relapse_prone_case_schedules_a_follow_up(officer: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    answer = officer.post("/api/cases/YJ20261125002/outcome", json={"outcome": "dissuaded", "amount_saved": 100000})
    due = datetime.fromisoformat(answer.json()["follow_up_due"])
    assert timedelta(days=2, hours=23) < due - datetime.now() <= timedelta(days=3)
    assert "已安排回访" in answer.json()["confirmation"]
    assert _count(seeded_uow, FollowUp) == 1


def test_outcome_read_from_the_note_when_not_chosen(officer: TestClient) -> None:
    answer = officer.post(f"/api/cases/{CASE}/outcome", json={"note": "这单劝阻失败了"})
    assert answer.status_code == 200
    assert "劝阻失败" in answer.json()["confirmation"]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"outcome": "won"}, {"outcome"}),
        ({"outcome": "dissuaded", "amount_saved": -1}, {"amount_saved"}),
        ({"outcome": "dissuaded", "amount_frozen": "-500"}, {"amount_frozen"}),
        ({"outcome": "dissuaded", "accounts_frozen": -2}, {"accounts_frozen"}),
        ({"outcome": "dissuaded", "accounts_frozen": "两个"}, {"accounts_frozen"}),
        ({"outcome": "dissuaded", "amount_saved": "很多"}, {"amount_saved"}),
        ({"outcome": "won", "amount_saved": -1}, {"outcome", "amount_saved"}),
        ({}, {"outcome"}),
        ({"outcome": "", "note": "打了电话"}, {"outcome"}),
    ],
)
def test_bad_outcomes_are_422_and_nothing_is_recorded(
    officer: TestClient, fake_rasa: FakeRasa, seeded_uow: SqlUnitOfWork, body: dict[str, Any], fields: set[str]
) -> None:
    before = _count(seeded_uow, Intervention)
    answer = officer.post(f"/api/cases/{CASE}/outcome", json=body)
    assert answer.status_code == 422
    assert set(answer.json()["errors"]) == fields
    assert _count(seeded_uow, Intervention) == before
    assert fake_rasa.calls == []


def test_missing_outcome_uses_the_assistant_wording(officer: TestClient) -> None:
    answer = officer.post(f"/api/cases/{CASE}/outcome", json={})
    assert answer.json()["detail"].startswith("请说明劝阻结果:劝阻成功 / 部分劝阻")


def test_unknown_outcome_reason_lists_the_choices(officer: TestClient) -> None:
    reason = officer.post(f"/api/cases/{CASE}/outcome", json={"outcome": "won"}).json()["errors"]["outcome"]
    assert "劝阻成功" in reason and "误报" in reason
