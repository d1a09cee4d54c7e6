"""Trainees never receive real personal data; revealing it is for officers, and is logged."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from assistant.db.models import AccessLog
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.services.cases import format_case_card, load_case
from tests.web.conftest import CASE, real_personal_values
from tests.web.fakes import FakeRasa

CASE_VALUES = real_personal_values({CASE})


def _leaks(answer: Any, values: set[str]) -> list[str]:
    text = json.dumps(answer.json(), ensure_ascii=False)
    return sorted(value for value in values if value in text)


def _reveal_rows(uow: SqlUnitOfWork) -> list[tuple[str, str, str]]:
    with uow() as session:
        rows = session.execute(select(AccessLog).where(AccessLog.action.like("reveal:%"))).scalars()
        return [(row.username, row.case_id, row.action.removeprefix("reveal:")) for row in rows]


def test_the_seed_values_checked_are_the_real_ones() -> None:
    assert {"张某某", "张女士", "13900001001", "420902196610030029", "6217000000123409876"} == CASE_VALUES


def test_trainee_case_view_is_redacted(trainee: TestClient) -> None:
    answer = trainee.get(f"/api/cases/{CASE}")
    assert answer.status_code == 200
    case = answer.json()
    assert _leaks(answer, CASE_VALUES) == []
    assert case["address_form"] == "张**"
    assert case["payee_account"] == "621************9876"
    assert case["phone_masked"] == "139****1001"
    assert case["summary"].startswith("张**接到自称公安局民警的电话")
    assert case["conversation_id"] == f"{CASE}--trainee_wang"


def test_trainee_queue_has_no_real_personal_data(trainee: TestClient, officer: TestClient) -> None:
    every_value = real_personal_values()
    officer_answer = officer.get("/api/queue")
    assert "张女士" in _leaks(officer_answer, every_value)  # the check can see a leak

    answer = trainee.get("/api/queue")
    assert answer.status_code == 200
    assert _leaks(answer, every_value) == []
    alerts = {alert["case_id"]: alert for alert in answer.json()["alerts"]}
    assert alerts[CASE]["address_form"] == "张**"
    assert alerts["YJ20261122005"]["address_form"] == "小*"  # 小冯
    assert len(alerts) == len(officer_answer.json()["alerts"])


def test_trainee_conversation_replies_and_slots_are_redacted(trainee: TestClient, fake_rasa: FakeRasa) -> None:
    started = trainee.post(f"/api/cases/{CASE}/start")
    assert started.status_code == 200
    assert _leaks(started, CASE_VALUES) == []
    card, opening = (reply["text"] for reply in started.json()["replies"])
    assert "621************9876" in card and "张**" in card
    assert opening.startswith("张**,您好")

    sender = f"{CASE}--trainee_wang"
    fake_rasa.slots[sender] = {"person_address": "张女士", "payee_account": "6222021234567890123", "case_id": CASE}
    history = trainee.get(f"/api/cases/{CASE}/conversation")
    assert _leaks(history, CASE_VALUES | {"6222021234567890123"}) == []
    assert history.json()["slots"]["person_address"] == "张**"
    assert history.json()["slots"]["case_id"] == CASE

    draft = trainee.get(f"/api/cases/{CASE}/stop-payment/draft")
    assert draft.json()["payee_account"] == "622************0123"


def test_trainee_sees_another_case_opened_in_the_chat_masked_too(
    trainee: TestClient, officer: TestClient, fake_rasa: FakeRasa, seeded_uow: SqlUnitOfWork
) -> None:
    other = "YJ20261125002"
    other_card = format_case_card(load_case(seeded_uow, other))
    dashed = "电话 138-0000-1009,全角 １３８００００１００９"
    fake_rasa.script["打开案件 YJ20261125002"] = ("open_case", [(other_card, None), (dashed, None)])
    other_values = real_personal_values({other}) | {"13800001009"}

    seen_by_officer = officer.post(f"/api/cases/{CASE}/messages", json={"text": "打开案件 YJ20261125002"})
    assert _leaks(seen_by_officer, other_values)  # the check can see a leak

    answer = trainee.post(f"/api/cases/{CASE}/messages", json={"text": "打开案件 YJ20261125002"})
    assert answer.status_code == 200
    assert _leaks(answer, other_values | CASE_VALUES) == []
    texts = " ".join(reply["text"] for reply in answer.json()["replies"])
    assert other in texts and "郑**" in texts
    assert not re.search(r"[0-9０-９]{10}", re.sub(r"YJ[0-9]{11}", "", texts))


def test_trainee_cannot_file_real_records(trainee: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    attempts = [
        (
            f"/api/cases/{CASE}/stop-payments",
            {"payee_account": "6217000000123409876", "payee_bank": "建行", "amount": "20万", "transfer_time": "十分钟前"},
        ),
        (f"/api/cases/{CASE}/escalations", {}),
        (f"/api/cases/{CASE}/outcome", {"outcome": "dissuaded", "amount_saved": 0, "accounts_frozen": 0, "amount_frozen": 0, "note": ""}),
    ]
    for path, body in attempts:
        answer = trainee.post(path, json=body)
        assert answer.status_code == 403, path
        assert "学员账号" in answer.json()["detail"]
    with seeded_uow() as session:
        for table in ("stop_payment_requests", "escalations"):
            assert session.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one() == 0
        assert session.execute(text("SELECT COUNT(*) FROM interventions WHERE officer = 'trainee_wang'")).scalar_one() == 0


def test_trainee_cannot_reveal(trainee: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    for field in ("phone", "id_number"):
        answer = trainee.post(f"/api/cases/{CASE}/reveal", json={"field": field})
        assert answer.status_code == 403
        assert answer.json() == {"detail": "学员账号不能查看真实个人信息"}
    assert _reveal_rows(seeded_uow) == []


@pytest.mark.parametrize(("field", "value"), [("phone", "13900001001"), ("id_number", "420902196610030029")])
def test_officer_reveal_returns_the_value_and_logs_it(
    officer: TestClient, seeded_uow: SqlUnitOfWork, field: str, value: str
) -> None:
    answer = officer.post(f"/api/cases/{CASE.lower()}/reveal", json={"field": field})
    assert answer.status_code == 200
    assert answer.json() == {"field": field, "value": value}
    assert answer.headers["cache-control"] == "no-store"
    assert _reveal_rows(seeded_uow) == [("officer_li", CASE, field)]
    with seeded_uow() as session:
        logged = session.execute(select(AccessLog).where(AccessLog.action == f"reveal:{field}")).scalar_one()
        assert logged.at is not None and logged.channel == "panel"


def test_supervisor_may_reveal(supervisor: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    assert supervisor.post(f"/api/cases/{CASE}/reveal", json={"field": "phone"}).json()["value"] == "13900001001"
    assert _reveal_rows(seeded_uow) == [("supervisor_zhao", CASE, "phone")]


def test_reveal_of_an_unknown_field_is_422_and_not_logged(officer: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    answer = officer.post(f"/api/cases/{CASE}/reveal", json={"field": "address"})
    assert answer.status_code == 422
    assert set(answer.json()["errors"]) == {"field"}
    assert "电话号码" in answer.json()["errors"]["field"]
    assert _reveal_rows(seeded_uow) == []


@pytest.mark.parametrize(("case_id", "status"), [("YJ123", 400), ("YJ20991231001", 404)])
def test_reveal_of_a_bad_case_is_not_logged(
    officer: TestClient, seeded_uow: SqlUnitOfWork, case_id: str, status: int
) -> None:
    assert officer.post(f"/api/cases/{case_id}/reveal", json={"field": "phone"}).status_code == status
    assert _reveal_rows(seeded_uow) == []
