"""services.stop_payment: field validation, filing the request, the summary for the bank."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from assistant.db.models import Alert, StopPaymentRequest
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.domain.amounts import MAX_AMOUNT
from assistant.errors import InvalidField, InvalidFields
from assistant.services.stop_payment import (
    StopPaymentDraft,
    draft_from_form,
    format_stop_payment_summary,
    submit_stop_payment,
    validate_account,
    validate_amount,
    validate_bank,
    validate_transfer_time,
)

NOW = datetime(2026, 11, 25, 16, 0, 30)
DRAFT = StopPaymentDraft(
    payee_account="6217000000123409876",
    payee_bank="中国建设银行",
    amount=80000,
    transfer_time=datetime(2026, 11, 25, 15, 0),
    transfer_time_text="下午三点",
)


def _requests(uow: SqlUnitOfWork) -> list[StopPaymentRequest]:
    with uow() as session:
        return list(session.execute(select(StopPaymentRequest).order_by(StopPaymentRequest.id)).scalars())


# --- validators -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("6217000000123409876", "6217000000123409876"),
        ("6222 0212 3456 7890 123", "6222021234567890123"),
        ("6222-0212-3456-7890", "6222021234567890"),
        ("1234567890", "1234567890"),
    ],
)
def test_validate_account_accepts_digits_with_separators(raw: str, expected: str) -> None:
    assert validate_account(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("12345", "账号应为10到25位数字,现在是5位"),
        ("1" * 26, "账号应为10到25位数字,现在是26位"),
        ("6222abc0212345678", "账号只能包含数字"),
        ("工商银行", "账号只能包含数字"),
    ],
)
def test_validate_account_rejects_bad_values_with_a_reason(raw: str, reason: str) -> None:
    with pytest.raises(InvalidField) as caught:
        validate_account(raw)
    assert caught.value.field == "payee_account"
    assert reason in caught.value.reason
    assert caught.value.params == {"field": "payee_account", "reason": caught.value.reason}
    assert caught.value.response == "utter_invalid_field"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("工行", "中国工商银行"),
        ("中国工商银行", "中国工商银行"),
        ("建行", "中国建设银行"),
        ("邮储", "中国邮政储蓄银行"),
        ("微信", "微信支付"),
        ("Alipay", "支付宝"),
        (" 招行 ", "招商银行"),
    ],
)
def test_validate_bank_returns_the_canonical_name(raw: str, expected: str) -> None:
    assert validate_bank(raw) == expected


@pytest.mark.parametrize("raw", ["天地银行", "", None, "123"])
def test_validate_bank_rejects_unknown_banks_with_examples(raw: object) -> None:
    with pytest.raises(InvalidField) as caught:
        validate_bank(raw)
    assert caught.value.field == "payee_bank"
    assert "不认识" in caught.value.reason
    assert "中国工商银行" in caught.value.reason and "支付宝" in caught.value.reason


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(80000, 80000), ("8万", 80000), ("三千块", 3000), ("25000", 25000), ("五万二", 52000), (1234.6, 1235)],
)
def test_validate_amount_accepts_numbers_and_spoken_amounts(raw: object, expected: int) -> None:
    assert validate_amount(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("很多钱", "没听懂金额"),
        ("", "没听懂金额"),
        (0, "金额必须是大于0的数"),
        (-500, "金额必须是大于0的数"),
        (True, "金额必须是正数"),
        (10**13, "金额超过上限"),
        (float("inf"), "金额超过上限"),
        (float("-inf"), "金额必须是大于0的数"),
        (float("nan"), "金额必须是具体数字"),
        (1e30, "金额超过上限"),
        (10**400, "金额超过上限"),
        ("Infinity", "金额超过上限"),
        ("NaN", "金额必须是具体数字"),
        ("-5", "金额必须是大于0的数"),
        ("1e30", "金额超过上限"),
        ("八百亿亿", "金额超过上限"),
        ("1000亿", "金额超过上限"),
        (MAX_AMOUNT + 1, "金额超过上限"),
    ],
)
def test_validate_amount_rejects_bad_values_with_a_reason(raw: object, reason: str) -> None:
    with pytest.raises(InvalidField) as caught:
        validate_amount(raw)
    assert caught.value.field == "amount"
    assert reason in caught.value.reason


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("下午三点", datetime(2026, 11, 25, 15, 0)),
        ("14:30", datetime(2026, 11, 25, 14, 30)),
        ("10分钟前", datetime(2026, 11, 25, 15, 50)),
        ("昨天晚上八点", datetime(2026, 11, 24, 20, 0)),
    ],
)
def test_validate_transfer_time_resolves_against_now(raw: str, expected: datetime) -> None:
    resolved, text = validate_transfer_time(raw, NOW)
    assert resolved == expected
    assert text == raw


def test_validate_transfer_time_keeps_the_words_stripped() -> None:
    assert validate_transfer_time("  下午三点 ", NOW) == (datetime(2026, 11, 25, 15, 0), "下午三点")


def test_the_amount_cap_itself_is_accepted() -> None:
    assert validate_amount(MAX_AMOUNT) == MAX_AMOUNT == 10**10
    assert validate_amount("100亿") == MAX_AMOUNT


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("不记得了", "没听懂转账时间"),
        ("", "没听懂转账时间"),
        (None, "没听懂转账时间"),
        ("3点2十0", "没听懂转账时间"),
        ("十十分钟前", "没听懂转账时间"),
        ("二十五点", "没听懂转账时间"),
    ],
)
def test_validate_transfer_time_rejects_what_is_not_a_time(raw: object, reason: str) -> None:
    with pytest.raises(InvalidField) as caught:
        validate_transfer_time(raw, NOW)
    assert caught.value.field == "transfer_time"
    assert reason in caught.value.reason


def test_validate_transfer_time_rejects_a_time_in_the_future() -> None:
    with pytest.raises(InvalidField) as caught:
        validate_transfer_time("今天晚上八点", NOW)
    assert caught.value.reason == "转账时间不能晚于现在"


# --- submit -------------------------------------------------------------------------------


def test_submit_stores_a_request_linked_to_the_alert(seeded_uow: SqlUnitOfWork) -> None:
    receipt = submit_stop_payment(
        seeded_uow, case_id="YJ20261125001", conversation_id="conv-1", officer="officer_test", draft=DRAFT
    )
    assert not receipt.duplicate
    assert receipt.case_id == "YJ20261125001"
    rows = _requests(seeded_uow)
    assert len(rows) == 1
    row = rows[0]
    assert row.id == receipt.request_id
    with seeded_uow() as session:
        alert_id = session.execute(select(Alert.id).where(Alert.case_id == "YJ20261125001")).scalar_one()
    assert row.alert_id == alert_id
    assert (row.payee_account, row.payee_bank, row.amount) == ("6217000000123409876", "中国建设银行", 80000)
    assert (row.transfer_time, row.transfer_time_text) == (datetime(2026, 11, 25, 15, 0), "下午三点")
    assert (row.conversation_id, row.officer, row.status) == ("conv-1", "officer_test", "submitted")


def test_submit_without_a_case_stores_an_unlinked_request(seeded_uow: SqlUnitOfWork) -> None:
    receipt = submit_stop_payment(seeded_uow, case_id=None, conversation_id="conv-1", officer="o", draft=DRAFT)
    assert receipt.case_id is None
    assert [row.alert_id for row in _requests(seeded_uow)] == [None]
    assert "关联案件:未关联" in format_stop_payment_summary(receipt)


def test_a_repeated_identical_submit_is_a_duplicate_and_adds_no_row(seeded_uow: SqlUnitOfWork) -> None:
    first = submit_stop_payment(seeded_uow, case_id="YJ20261125001", conversation_id="conv-1", officer="o", draft=DRAFT)
    second = submit_stop_payment(seeded_uow, case_id="YJ20261125001", conversation_id="conv-1", officer="o", draft=DRAFT)
    assert second.duplicate
    assert second.request_id == first.request_id
    assert len(_requests(seeded_uow)) == 1
    assert "此前已提交,未重复登记" in format_stop_payment_summary(second)
    assert "此前已提交" not in format_stop_payment_summary(first)


def test_another_conversation_or_amount_is_a_new_request(seeded_uow: SqlUnitOfWork) -> None:
    submit_stop_payment(seeded_uow, case_id="YJ20261125001", conversation_id="conv-1", officer="o", draft=DRAFT)
    other_conversation = submit_stop_payment(
        seeded_uow, case_id="YJ20261125001", conversation_id="conv-2", officer="o", draft=DRAFT
    )
    other_amount = submit_stop_payment(
        seeded_uow,
        case_id="YJ20261125001",
        conversation_id="conv-1",
        officer="o",
        draft=StopPaymentDraft(DRAFT.payee_account, DRAFT.payee_bank, 30000, DRAFT.transfer_time, "下午三点"),
    )
    assert not other_conversation.duplicate and not other_amount.duplicate
    with seeded_uow() as session:
        assert session.execute(select(func.count(StopPaymentRequest.id))).scalar_one() == 3


def test_summary_text_has_everything_the_bank_needs(seeded_uow: SqlUnitOfWork) -> None:
    receipt = submit_stop_payment(
        seeded_uow, case_id="YJ20261125001", conversation_id="conv-1", officer="o", draft=DRAFT
    )
    text = format_stop_payment_summary(receipt)
    assert text.startswith(f"【紧急止付申请 第{receipt.request_id}号】")
    assert "关联案件:YJ20261125001" in text
    assert "收款账户:6217000000123409876" in text
    assert "开户行/平台:中国建设银行" in text
    assert "止付金额:8万元" in text
    assert "转账时间:2026-11-25 15:00(“下午三点”)" in text
    assert f"提交时间:{receipt.created_at:%Y-%m-%d %H:%M}" in text


# --- draft_from_form (the panel's form; InvalidFields is its HTTP 422) ---------------------

GOOD_FORM = {"payee_account": "6222 0212 3456 7890 123", "payee_bank": "工行", "amount": "8万", "transfer_time": "下午三点"}


def test_a_good_form_gives_a_draft() -> None:
    draft = draft_from_form(**GOOD_FORM, now=NOW)
    assert (draft.payee_account, draft.payee_bank, draft.amount) == ("6222021234567890123", "中国工商银行", 80000)
    assert draft.transfer_time == datetime(2026, 11, 25, 15, 0)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("amount", float("inf")),
        ("amount", float("nan")),
        ("amount", -5),
        ("amount", "1e30"),
        ("amount", "八百亿亿"),
        ("amount", "Infinity"),
        ("transfer_time", "3点2十0"),
        ("transfer_time", "十十点"),
        ("payee_account", "6222\u0000021234567890"),
    ],
)
def test_a_bad_field_is_an_invalid_fields_naming_it(field: str, value: object) -> None:
    with pytest.raises(InvalidFields) as caught:
        draft_from_form(**{**GOOD_FORM, field: value}, now=NOW)
    assert set(caught.value.errors) == {field}
    assert caught.value.errors[field]
