"""validate_stop_payment_form and action_submit_stop_payment."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.stop_payment import FORM_SLOTS, ActionSubmitStopPayment, ValidateStopPaymentForm
from assistant.db.models import Alert, StopPaymentRequest
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.security.tokens import ChatIdentity
from tests.actions.helpers import load_domain, make_tracker

FORM = {"name": "stop_payment_form"}


def _requests(uow: SqlUnitOfWork) -> list[StopPaymentRequest]:
    with uow() as session:
        return list(session.execute(select(StopPaymentRequest).order_by(StopPaymentRequest.id)).scalars())


async def _validate(method: str, value: Any) -> tuple[dict[str, Any], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(active_loop=FORM)
    result = await getattr(ValidateStopPaymentForm(), method)(value, dispatcher, tracker, load_domain())
    return result, dispatcher


# --- validate_stop_payment_form ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("6222 0212 3456 7890 123", "6222021234567890123"),
        ("6217000000123409876", "6217000000123409876"),
        (["6222-0212-3456-7890", "6217000000123409876"], "6222021234567890"),
    ],
)
async def test_validate_payee_account_good(value: Any, expected: str) -> None:
    result, dispatcher = await _validate("validate_payee_account", value)
    assert result == {"payee_account": expected}
    assert dispatcher.messages == []


@pytest.mark.parametrize(("value", "reason"), [("12345", "现在是5位"), ("账号不知道", "只能包含数字")])
async def test_validate_payee_account_bad(value: Any, reason: str) -> None:
    result, dispatcher = await _validate("validate_payee_account", value)
    assert result == {"payee_account": None}
    assert len(dispatcher.messages) == 1
    message = dispatcher.messages[0]
    assert message["response"] == "utter_invalid_field"
    assert message["field"] == "payee_account"
    assert reason in message["reason"]


@pytest.mark.parametrize(("value", "expected"), [("工行", "中国工商银行"), ("支付宝", "支付宝"), (["建行"], "中国建设银行")])
async def test_validate_payee_bank_good(value: Any, expected: str) -> None:
    result, dispatcher = await _validate("validate_payee_bank", value)
    assert result == {"payee_bank": expected}
    assert dispatcher.messages == []


async def test_validate_payee_bank_bad() -> None:
    result, dispatcher = await _validate("validate_payee_bank", "天地银行")
    assert result == {"payee_bank": None}
    assert dispatcher.messages[0]["response"] == "utter_invalid_field"
    assert "不认识“天地银行”" in dispatcher.messages[0]["reason"]


@pytest.mark.parametrize(("value", "expected"), [("8万", 80000), (50000, 50000), ("三千块", 3000), (["8万", "3万"], 80000)])
async def test_validate_amount_good(value: Any, expected: int) -> None:
    result, dispatcher = await _validate("validate_amount", value)
    assert result == {"amount": expected}
    assert dispatcher.messages == []


@pytest.mark.parametrize(("value", "reason"), [("很多", "没听懂金额"), (0, "金额必须是大于0的数")])
async def test_validate_amount_bad(value: Any, reason: str) -> None:
    result, dispatcher = await _validate("validate_amount", value)
    assert result == {"amount": None}
    assert dispatcher.messages[0]["response"] == "utter_invalid_field"
    assert reason in dispatcher.messages[0]["reason"]


async def test_validate_transfer_time_good_sets_the_iso_time() -> None:
    before = datetime.now().replace(second=0, microsecond=0)
    result, dispatcher = await _validate("validate_transfer_time", "10分钟前")
    after = datetime.now().replace(second=0, microsecond=0)
    assert result["transfer_time"] == "10分钟前"
    possible = {(moment - timedelta(minutes=10)).isoformat(timespec="minutes") for moment in (before, after)}
    assert result["transfer_time_iso"] in possible
    assert set(result) == {"transfer_time", "transfer_time_iso"}
    assert dispatcher.messages == []


async def test_validate_transfer_time_bad() -> None:
    result, dispatcher = await _validate("validate_transfer_time", "不记得了")
    assert result == {"transfer_time": None}
    assert dispatcher.messages[0]["response"] == "utter_invalid_field"
    assert "没听懂转账时间" in dispatcher.messages[0]["reason"]


async def test_form_validation_run_validates_the_slots_just_set() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        active_loop=FORM,
        slots={"payee_account": "12345", "payee_bank": "工行"},
        events=[
            {"event": "user", "text": "12345", "parse_data": {"intent": {"name": "inform"}}},
            {"event": "slot", "name": "payee_account", "value": "12345"},
            {"event": "slot", "name": "payee_bank", "value": "工行"},
        ],
    )
    events = await ValidateStopPaymentForm().run(dispatcher, tracker, load_domain())
    assert SlotSet("payee_account", None) in events
    assert SlotSet("payee_bank", "中国工商银行") in events
    assert [message["response"] for message in dispatcher.messages] == ["utter_invalid_field"]


# --- action_submit_stop_payment ---------------------------------------------------------

FILLED = {
    "case_id": "YJ20261125001",
    "case_loaded": True,
    "payee_account": "6217000000123409876",
    "payee_bank": "中国建设银行",
    "amount": 80000,
    "transfer_time": "下午三点",
    "transfer_time_iso": "2026-11-25T15:00",
}


async def test_submit_writes_the_request_and_shows_the_summary(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=FILLED, sender_id="conv-submit", speaker=ChatIdentity("officer_li", "officer"))
    events = await ActionSubmitStopPayment(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())

    rows = _requests(seeded_uow)
    assert len(rows) == 1
    row = rows[0]
    with seeded_uow() as session:
        alert_id = session.execute(select(Alert.id).where(Alert.case_id == "YJ20261125001")).scalar_one()
    assert row.alert_id == alert_id
    assert (row.payee_account, row.payee_bank, row.amount) == ("6217000000123409876", "中国建设银行", 80000)
    assert (row.transfer_time, row.transfer_time_text) == (datetime(2026, 11, 25, 15, 0), "下午三点")
    assert (row.conversation_id, row.officer) == ("conv-submit", "officer_li")

    assert len(dispatcher.messages) == 1
    text = dispatcher.messages[0]["text"]
    assert text.startswith(f"【紧急止付申请 第{row.id}号】")
    assert "关联案件:YJ20261125001" in text
    assert "收款账户:6217000000123409876" in text
    assert "开户行/平台:中国建设银行" in text
    assert "止付金额:8万元" in text
    assert "转账时间:2026-11-25 15:00" in text

    assert events == [SlotSet(slot, None) for slot in FORM_SLOTS]


async def test_submit_accepts_spoken_values_left_in_the_slots(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    slots = {**FILLED, "payee_account": "6217 0000 0012 3409 876", "payee_bank": "建行", "amount": "8万"}
    await ActionSubmitStopPayment(unit_of_work=seeded_uow).run(dispatcher, make_tracker(slots=slots), load_domain())
    rows = _requests(seeded_uow)
    assert [(row.payee_account, row.payee_bank, row.amount) for row in rows] == [
        ("6217000000123409876", "中国建设银行", 80000)
    ]
    assert "止付金额:8万元" in dispatcher.messages[0]["text"]


async def test_submit_twice_in_a_conversation_files_once(seeded_uow: SqlUnitOfWork) -> None:
    action = ActionSubmitStopPayment(unit_of_work=seeded_uow)
    first, second = CollectingDispatcher(), CollectingDispatcher()
    await action.run(first, make_tracker(slots=FILLED), load_domain())
    await action.run(second, make_tracker(slots=FILLED), load_domain())
    assert len(_requests(seeded_uow)) == 1
    assert "此前已提交,未重复登记" in second.messages[0]["text"]


async def test_submit_without_a_case_files_an_unlinked_request(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    slots = {**FILLED, "case_id": None, "case_loaded": False}
    await ActionSubmitStopPayment(unit_of_work=seeded_uow).run(dispatcher, make_tracker(slots=slots), load_domain())
    assert [row.alert_id for row in _requests(seeded_uow)] == [None]
    assert "关联案件:未关联" in dispatcher.messages[0]["text"]


@pytest.mark.parametrize(
    ("bad", "field"),
    [({"payee_account": "123"}, "payee_account"), ({"payee_bank": "天地银行"}, "payee_bank"), ({"amount": "很多"}, "amount")],
)
async def test_submit_with_an_invalid_value_writes_nothing_and_keeps_the_slots(
    seeded_uow: SqlUnitOfWork, bad: dict[str, Any], field: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={**FILLED, **bad})
    events = await ActionSubmitStopPayment(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())
    assert events == []
    assert _requests(seeded_uow) == []
    assert len(dispatcher.messages) == 1
    assert dispatcher.messages[0]["response"] == "utter_invalid_field"
    assert dispatcher.messages[0]["field"] == field
    assert dispatcher.messages[0]["reason"]


async def test_submit_without_an_iso_time_validates_the_spoken_time(seeded_uow: SqlUnitOfWork) -> None:
    dispatcher = CollectingDispatcher()
    slots = {**FILLED, "transfer_time": "不记得了", "transfer_time_iso": None}
    events = await ActionSubmitStopPayment(unit_of_work=seeded_uow).run(dispatcher, make_tracker(slots=slots), load_domain())
    assert events == []
    assert _requests(seeded_uow) == []
    assert dispatcher.messages[0]["response"] == "utter_invalid_field"
    assert dispatcher.messages[0]["field"] == "transfer_time"
