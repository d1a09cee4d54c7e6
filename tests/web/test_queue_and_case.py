"""The work queue and the case view, as an officer sees them."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from assistant.db.models import Alert, FollowUp
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.domain.outcomes import Outcome
from assistant.seed.loader import read_demo_seed
from assistant.services.outcomes import OutcomeReport, record_outcome
from assistant.services.queue import load_queue
from tests.web.conftest import CASE

RISK_RANK = {"high": 0, "medium": 1, "low": 2}
ALERT_KEYS = {
    "case_id", "address_form", "fraud_type", "fraud_type_label", "risk_level", "risk_label",
    "amount_at_risk", "received_at", "police_station", "repeat_victim",
}
CASE_KEYS = ALERT_KEYS | {
    "payee_account", "payee_bank", "phone_masked", "id_number_masked", "district", "source_label",
    "reporter", "summary", "status", "earlier", "conversation_id",
}


def _open_case_ids_in_seed() -> set[str]:
    return {alert["case_id"] for alert in read_demo_seed()["alerts"] if alert.get("status") == "open"}


def test_queue_lists_the_open_alerts_highest_risk_then_oldest_first(officer: TestClient) -> None:
    answer = officer.get("/api/queue")
    assert answer.status_code == 200
    alerts = answer.json()["alerts"]
    assert {alert["case_id"] for alert in alerts} == _open_case_ids_in_seed()
    keys = [(RISK_RANK[alert["risk_level"]], alert["received_at"]) for alert in alerts]
    assert keys == sorted(keys)
    assert [alert["risk_level"] for alert in alerts][:1] == ["high"] and alerts[-1]["risk_level"] == "low"
    # The oldest high-risk alert leads; a newer high-risk alert comes before an older medium one.
    assert alerts[0]["case_id"] == "YJ20261120001"
    order = [alert["case_id"] for alert in alerts]
    assert order.index("YJ20261125001") < order.index("YJ20261120003")


def test_queue_alert_shape(officer: TestClient) -> None:
    alerts = {alert["case_id"]: alert for alert in officer.get("/api/queue").json()["alerts"]}
    first = alerts[CASE]
    assert set(first) == ALERT_KEYS
    assert first == {
        "case_id": CASE,
        "address_form": "张女士",
        "fraud_type": "impersonate_police",
        "fraud_type_label": "冒充公检法及政府机关",
        "risk_level": "high",
        "risk_label": "高",
        "amount_at_risk": 200000,
        "received_at": "2026-11-25T09:06:00",
        "police_station": "孝南广场派出所",
        "repeat_victim": False,
    }
    assert alerts["YJ20261125002"]["repeat_victim"] is True


def test_an_alert_closed_by_an_outcome_leaves_the_queue(officer: TestClient) -> None:
    answer = officer.post(f"/api/cases/{CASE}/outcome", json={"outcome": "dissuaded", "amount_saved": 200000})
    assert answer.status_code == 200
    assert CASE not in {alert["case_id"] for alert in officer.get("/api/queue").json()["alerts"]}


def _follow_up(uow: SqlUnitOfWork, case_id: str, ended_at: datetime, days: int) -> None:
    record_outcome(
        uow,
        case_id=case_id,
        conversation_id=f"test-{case_id}",
        officer="officer_li",
        report=OutcomeReport(Outcome.DISSUADED),
        started_at=ended_at - timedelta(minutes=20),
        ended_at=ended_at,
        follow_up_days=days,
    )


def test_follow_ups_due_within_a_day_are_listed_earliest_first(officer: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    now = datetime.now()
    _follow_up(seeded_uow, "YJ20261125002", now - timedelta(days=5), 3)  # overdue by two days
    _follow_up(seeded_uow, "YJ20261125004", now - timedelta(hours=1), 1)  # due in 23 hours
    _follow_up(seeded_uow, "YJ20261124001", now, 3)  # due in three days: not yet
    _follow_up(seeded_uow, "YJ20261123001", now - timedelta(days=4), 3)  # due, but already done
    with seeded_uow() as session:
        alert_id = session.execute(select(Alert.id).where(Alert.case_id == "YJ20261123001")).scalar_one()
        session.execute(update(FollowUp).where(FollowUp.alert_id == alert_id).values(status="done"))

    follow_ups = officer.get("/api/queue").json()["follow_ups"]
    assert [item["case_id"] for item in follow_ups] == ["YJ20261125002", "YJ20261125004"]
    first = follow_ups[0]
    assert set(first) == {"case_id", "address_form", "due_at", "reason"}
    assert first["address_form"] == "郑先生"
    assert first["reason"] == "重复受害人,防止再次被骗"
    assert datetime.fromisoformat(first["due_at"]) < now


def test_queue_service_horizon_is_now_plus_one_day(seeded_uow: SqlUnitOfWork) -> None:
    now = datetime(2026, 11, 25, 12, 0)
    _follow_up(seeded_uow, "YJ20261125002", now, 1)
    assert [f.case_id for f in load_queue(seeded_uow, now).follow_ups] == ["YJ20261125002"]
    assert load_queue(seeded_uow, now - timedelta(minutes=1)).follow_ups == ()


def test_case_view_for_an_officer(officer: TestClient) -> None:
    answer = officer.get(f"/api/cases/{CASE}")
    assert answer.status_code == 200
    case = answer.json()
    assert set(case) == CASE_KEYS
    assert case["payee_account"] == "6217000000123409876"
    assert case["payee_bank"] == "中国建设银行"
    assert case["phone_masked"] == "139****1001"
    assert case["id_number_masked"] == "420***********0029"
    assert case["district"] == "孝南区"
    assert case["source_label"] == "预警平台"
    assert case["status"] == "open"
    assert case["summary"].startswith("张女士接到自称公安局民警的电话")
    assert case["earlier"] == []
    assert case["conversation_id"] == f"{CASE}--officer_li"
    assert "13900001001" not in answer.text


def test_case_view_lists_earlier_alerts_with_outcome_labels(officer: TestClient) -> None:
    case = officer.get("/api/cases/YJ20261125002").json()
    assert case["repeat_victim"] is True
    assert case["reporter"] == "前妻" and case["source_label"] == "亲属报警"
    assert [item["case_id"] for item in case["earlier"]] == ["YJ20251102001", "YJ20251102002"]
    first = case["earlier"][0]
    assert set(first) == {"case_id", "received_at", "fraud_type_label", "outcomes", "amount_saved"}
    assert first["fraud_type_label"] == "虚假网络投资理财"
    assert first["outcomes"] and all(label in {"劝阻成功", "部分劝阻(部分资金已转出)", "劝阻失败", "未接通"} for label in first["outcomes"])
    assert first["received_at"].startswith("2025-11-02T")


def test_case_id_is_normalised(officer: TestClient) -> None:
    case = officer.get("/api/cases/yj20261125001").json()
    assert case["case_id"] == CASE
    assert case["conversation_id"] == f"{CASE}--officer_li"


@pytest.mark.parametrize("raw", ["YJ123", "XYZ-1", "YJ20261345001"])
def test_malformed_case_id_is_400(officer: TestClient, raw: str) -> None:
    answer = officer.get(f"/api/cases/{raw}")
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith(f"“{raw}”不是有效的案件编号")


def test_unknown_case_is_404(officer: TestClient) -> None:
    answer = officer.get("/api/cases/YJ20991231001")
    assert answer.status_code == 404
    assert answer.json()["detail"].startswith("没有找到案件 YJ20991231001")


def test_supervisor_sees_real_values_too(supervisor: TestClient) -> None:
    case = supervisor.get(f"/api/cases/{CASE}").json()
    assert case["address_form"] == "张女士"
    assert case["payee_account"] == "6217000000123409876"
    assert case["conversation_id"] == f"{CASE}--supervisor_zhao"
