"""The conversation endpoints: start, messages, history and the stop-payment draft, over a fake Rasa."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from assistant.db.models import Escalation, Intervention, StopPaymentRequest
from assistant.db.unit_of_work import SqlUnitOfWork
from tests.web.conftest import ALTERNATIVE, CASE, OPENING, RESPOND_DISTRUST
from tests.web.fakes import FakeRasa

SENDER = f"{CASE}--officer_li"
# What the fake channel records of the speaker (the real one gets it as a signed chat token).
METADATA = {"case_id": CASE, "officer_id": "officer_li", "role": "officer", "sender": f"{CASE}--officer_li"}


def test_a_new_conversation_is_empty(officer: TestClient, fake_rasa: FakeRasa) -> None:
    answer = officer.get(f"/api/cases/{CASE}/conversation")
    assert answer.status_code == 200
    assert answer.json() == {"messages": [], "slots": {}, "life_safety": None}
    assert [(call.kind, call.sender) for call in fake_rasa.calls] == [("tracker", SENDER)]


def test_start_sends_session_start_with_the_case_metadata(officer: TestClient, fake_rasa: FakeRasa) -> None:
    answer = officer.post(f"/api/cases/{CASE}/start")
    assert answer.status_code == 200
    sends = fake_rasa.sends()
    assert [(call.sender, call.text, call.metadata) for call in sends] == [(SENDER, "/session_start", METADATA)]
    replies = answer.json()["replies"]
    assert len(replies) == 2
    card, opening = replies
    assert card["suggestion"] is False and card["text"].startswith(f"【案件 {CASE}】张女士")
    assert opening == {"text": OPENING, "suggestion": True, "error": False}


def test_messages_mark_suggestions_from_the_tracker_metadata(officer: TestClient, fake_rasa: FakeRasa) -> None:
    officer.post(f"/api/cases/{CASE}/start")
    reaction = officer.post(f"/api/cases/{CASE}/messages", json={"text": "你才是骗子吧"})
    assert reaction.status_code == 200
    assert reaction.json() == {
        "replies": [{"text": RESPOND_DISTRUST, "suggestion": True, "error": False}], "life_safety": None
    }
    # "another way to say it" carries the response name as "suggestion" metadata
    assert officer.post(f"/api/cases/{CASE}/messages", json={"text": "换个说法"}).json()["replies"] == [
        {"text": ALTERNATIVE, "suggestion": True, "error": False}
    ]
    why = officer.post(f"/api/cases/{CASE}/messages", json={"text": "为什么"}).json()["replies"]
    assert [reply["suggestion"] for reply in why] == [False]
    assert officer.post(f"/api/cases/{CASE}/messages", json={"text": "随便说点什么"}).json() == {"replies": [], "life_safety": None}
    last = fake_rasa.sends()[-1]
    assert (last.sender, last.text, last.metadata) == (SENDER, "随便说点什么", METADATA)


def test_message_text_is_trimmed_before_sending(officer: TestClient, fake_rasa: FakeRasa) -> None:
    officer.post(f"/api/cases/{CASE}/messages", json={"text": "  你才是骗子吧 \n"})
    assert fake_rasa.sends()[-1].text == "你才是骗子吧"


@pytest.mark.parametrize("body", [{"text": ""}, {"text": "   "}, {}])
def test_empty_text_is_422_and_nothing_is_sent(officer: TestClient, fake_rasa: FakeRasa, body: dict[str, str]) -> None:
    answer = officer.post(f"/api/cases/{CASE}/messages", json=body)
    assert answer.status_code == 422
    assert set(answer.json()["errors"]) == {"text"}
    assert fake_rasa.sends() == []


def test_history_is_built_from_the_tracker_events(officer: TestClient) -> None:
    officer.post(f"/api/cases/{CASE}/start")
    officer.post(f"/api/cases/{CASE}/messages", json={"text": "你才是骗子吧"})
    officer.post(f"/api/cases/{CASE}/messages", json={"text": "为什么"})
    messages = officer.get(f"/api/cases/{CASE}/conversation").json()["messages"]
    assert [(m["from"], m["suggestion"]) for m in messages] == [
        ("assistant", False),  # case card
        ("assistant", True),  # opening
        ("officer", False),
        ("assistant", True),
        ("officer", False),
        ("assistant", False),
    ]
    assert "/session_start" not in [m["text"] for m in messages]
    assert messages[2]["text"] == "你才是骗子吧" and messages[3]["text"] == RESPOND_DISTRUST
    stamps = [datetime.fromisoformat(m["at"]) for m in messages]
    assert stamps == sorted(stamps)


def test_history_returns_the_slots(officer: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.slots[SENDER] = {"case_id": CASE, "fraud_type": "impersonate_police", "case_loaded": True}
    assert officer.get(f"/api/cases/{CASE}/conversation").json()["slots"] == fake_rasa.slots[SENDER]


def test_conversations_are_per_officer(client_for: Callable[[str], TestClient], fake_rasa: FakeRasa) -> None:
    client_for("officer_li").post(f"/api/cases/{CASE}/messages", json={"text": "你才是骗子吧"})
    client_for("officer_zhou").post(f"/api/cases/{CASE}/messages", json={"text": "为什么"})
    assert [(call.sender, call.metadata["officer_id"]) for call in fake_rasa.sends()] == [
        (SENDER, "officer_li"),
        (f"{CASE}--officer_zhou", "officer_zhou"),
    ]


def test_lowercase_case_id_uses_the_canonical_conversation(officer: TestClient, fake_rasa: FakeRasa) -> None:
    officer.post("/api/cases/yj20261125001/start")
    assert fake_rasa.sends()[0].sender == SENDER
    assert fake_rasa.sends()[0].metadata == METADATA


@pytest.mark.parametrize(("case_id", "status"), [("YJ123", 400), ("YJ20991231001", 404)])
@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "conversation", None),
        ("POST", "start", None),
        ("POST", "messages", {"text": "你才是骗子吧"}),
        ("GET", "stop-payment/draft", None),
    ],
)
def test_bad_case_ids_never_reach_the_assistant(
    officer: TestClient, fake_rasa: FakeRasa, case_id: str, status: int, method: str, path: str, body: object
) -> None:
    answer = officer.request(method, f"/api/cases/{case_id}/{path}", json=body)
    assert answer.status_code == status
    assert fake_rasa.calls == []


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "conversation", None),
        ("POST", "start", None),
        ("POST", "messages", {"text": "你才是骗子吧"}),
        ("GET", "stop-payment/draft", None),
    ],
)
def test_rasa_unavailable_is_503(officer: TestClient, fake_rasa: FakeRasa, method: str, path: str, body: object) -> None:
    fake_rasa.down = True
    answer = officer.request(method, f"/api/cases/{CASE}/{path}", json=body)
    assert answer.status_code == 503
    assert answer.json() == {"detail": "助手暂时不可用,请稍后重试"}
    assert fake_rasa.events == {}


def _rows(uow: SqlUnitOfWork) -> tuple[int, int, int]:
    with uow() as session:
        return (
            session.execute(select(func.count(Escalation.id))).scalar_one(),
            session.execute(select(func.count(Intervention.id))).scalar_one(),
            session.execute(select(func.count(StopPaymentRequest.id))).scalar_one(),
        )


def test_rasa_unavailable_escalation_and_outcome_write_nothing(
    officer: TestClient, fake_rasa: FakeRasa, seeded_uow: SqlUnitOfWork
) -> None:
    before = _rows(seeded_uow)
    fake_rasa.down = True
    escalation = officer.post(f"/api/cases/{CASE}/escalations", json={"reason": "对方不信任电话"})
    outcome = officer.post(f"/api/cases/{CASE}/outcome", json={"outcome": "dissuaded", "amount_saved": 1000})
    assert (escalation.status_code, outcome.status_code) == (503, 503)
    assert _rows(seeded_uow) == before


def test_replies_keep_coming_when_the_tracker_fails_after_sending(officer: TestClient, fake_rasa: FakeRasa) -> None:
    original = fake_rasa.tracker
    calls = {"count": 0}

    def flaky_tracker(sender: str) -> dict[str, object]:
        calls["count"] += 1
        if calls["count"] == 2:  # the read after the message went through
            fake_rasa.down = True
            try:
                return original(sender)
            finally:
                fake_rasa.down = False
        return original(sender)

    fake_rasa.tracker = flaky_tracker  # type: ignore[method-assign]
    answer = officer.post(f"/api/cases/{CASE}/messages", json={"text": "你才是骗子吧"})
    assert answer.status_code == 200
    assert answer.json() == {
        "replies": [{"text": RESPOND_DISTRUST, "suggestion": False, "error": False}], "life_safety": None
    }


def test_stop_payment_draft_from_the_slots(officer: TestClient, fake_rasa: FakeRasa) -> None:
    assert officer.get(f"/api/cases/{CASE}/stop-payment/draft").json() == {
        "payee_account": None,
        "payee_bank": None,
        "amount": None,
        "transfer_time": None,
    }
    fake_rasa.slots[SENDER] = {
        "payee_account": "6222 0212 3456 7890 123",
        "payee_bank": "工行",
        "amount": [80000, 5000],
        "transfer_time": "十分钟前",
        "transfer_time_iso": "2026-11-25T10:05",
    }
    assert officer.get(f"/api/cases/{CASE}/stop-payment/draft").json() == {
        "payee_account": "6222021234567890123",
        "payee_bank": "中国工商银行",
        "amount": 80000,
        "transfer_time": "十分钟前",
    }


def test_stop_payment_draft_leaves_out_what_is_not_valid(officer: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.slots[SENDER] = {"payee_account": "123", "payee_bank": "火星银行", "amount": "好几万", "transfer_time": ""}
    assert officer.get(f"/api/cases/{CASE}/stop-payment/draft").json() == {
        "payee_account": None,
        "payee_bank": None,
        "amount": None,
        "transfer_time": None,
    }
