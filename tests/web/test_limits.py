"""Caps on what is typed: a clear 422 in the officer's language, and nothing sent or saved."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from assistant.db.models import Escalation, Intervention
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.domain.limits import MAX_MESSAGE_CHARS, MAX_NOTE_CHARS
from tests.web.conftest import CASE
from tests.web.fakes import FakeRasa

TOO_LONG = "消息过长(最多1000字),请分几次发送"


def _count(uow: SqlUnitOfWork, model: Any) -> int:
    with uow() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_the_cap_is_1000_characters() -> None:
    assert MAX_MESSAGE_CHARS == 1000


@pytest.mark.parametrize("text", ["转" * 1001, "转8万 " * 8000, "😀" * 1001])
def test_a_message_over_the_cap_is_422_with_a_clear_message_and_is_not_sent(
    officer: TestClient, fake_rasa: FakeRasa, text: str
) -> None:
    answer = officer.post(f"/api/cases/{CASE}/messages", json={"text": text})
    assert answer.status_code == 422
    assert answer.json() == {"detail": TOO_LONG, "errors": {"text": TOO_LONG}}
    assert fake_rasa.sends() == []


def test_a_message_of_exactly_1000_characters_goes_through(officer: TestClient, fake_rasa: FakeRasa) -> None:
    text = "她说" * 500
    answer = officer.post(f"/api/cases/{CASE}/messages", json={"text": text})
    assert answer.status_code == 200
    assert fake_rasa.sends()[-1].text == text


def test_a_drill_line_over_the_cap_is_422(officer: TestClient) -> None:
    started = officer.post("/api/drills/impersonate_police_distrustful/sessions")
    assert started.status_code == 201
    answer = officer.post(f"/api/drill-sessions/{started.json()['session_id']}/lines", json={"text": "您" * 1001})
    assert answer.status_code == 422
    assert answer.json()["detail"] == TOO_LONG


def test_an_outcome_note_over_the_cap_is_422_and_nothing_is_recorded(officer: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    before = _count(seeded_uow, Intervention)
    answer = officer.post(f"/api/cases/{CASE}/outcome", json={"outcome": "dissuaded", "note": "备" * (MAX_NOTE_CHARS + 1)})
    assert answer.status_code == 422
    assert answer.json() == {"detail": "内容过长(最多1000字)", "errors": {"note": "内容过长(最多1000字)"}}
    assert _count(seeded_uow, Intervention) == before
    assert officer.post(f"/api/cases/{CASE}/outcome", json={"outcome": "dissuaded", "note": "备" * MAX_NOTE_CHARS}).status_code == 200


def test_an_escalation_reason_over_the_cap_is_422_and_nothing_is_filed(officer: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    before = _count(seeded_uow, Escalation)
    answer = officer.post(f"/api/cases/{CASE}/escalations", json={"reason": "因" * (MAX_NOTE_CHARS + 1)})
    assert answer.status_code == 422
    assert answer.json()["errors"] == {"reason": "内容过长(最多1000字)"}
    assert _count(seeded_uow, Escalation) == before


@pytest.mark.parametrize("field", ["payee_account", "payee_bank", "amount", "transfer_time"])
def test_stop_payment_fields_over_the_cap_are_422(officer: TestClient, field: str) -> None:
    body: dict[str, Any] = {"payee_account": "6217000000123409876", "payee_bank": "建设银行", "amount": "8万", "transfer_time": "十分钟前"}
    body[field] = "1" * 101
    answer = officer.post(f"/api/cases/{CASE}/stop-payments", json=body)
    assert answer.status_code == 422
    assert answer.json()["errors"] == {field: "内容过长(最多100字)"}


def test_sign_in_fields_are_capped(client: TestClient) -> None:
    answer = client.post("/api/login", json={"username": "officer_li", "password": "x" * 257})
    assert answer.status_code == 422
    assert answer.json()["errors"] == {"password": "内容过长(最多256字)"}
    assert client.post("/api/login", json={"username": "u" * 65, "password": "x"}).status_code == 422


def test_the_case_page_caps_the_input_box_and_shows_a_counter(officer: TestClient) -> None:
    html = officer.get(f"/cases/{CASE}").text
    assert 'data-testid="message-input"' in html
    assert 'maxlength="1000"' in html
    assert 'data-testid="message-counter"' in html
