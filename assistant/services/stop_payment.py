"""Emergency stop-payment (紧急止付): validating the fields and filing the request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from assistant.db import repository
from assistant.db.models import StopPaymentRequest
from assistant.db.unit_of_work import UnitOfWork
from assistant.domain.amounts import format_yuan, read_amount_field
from assistant.domain.banks import BANKS, canonical_bank
from assistant.domain.identifiers import validate_account
from assistant.domain.times import parse_transfer_time
from assistant.errors import InvalidField, InvalidFields

__all__ = [
    "StopPaymentDraft",
    "draft_from_form",
    "StopPaymentReceipt",
    "format_stop_payment_summary",
    "submit_stop_payment",
    "validate_account",
    "validate_amount",
    "validate_bank",
    "validate_transfer_time",
]


T = TypeVar("T")

# A time said as "三点二十" at 15:18 is the person's clock running ahead, not a future transfer.
CLOCK_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True)
class StopPaymentDraft:
    """The validated fields of a stop-payment request."""

    payee_account: str
    payee_bank: str
    amount: int
    transfer_time: datetime
    transfer_time_text: str


@dataclass(frozen=True)
class StopPaymentReceipt:
    """A filed request."""

    request_id: int
    case_id: str | None
    draft: StopPaymentDraft
    created_at: datetime
    duplicate: bool


def validate_bank(raw: object) -> str:
    """Return the canonical bank or platform name.

    Raises:
        InvalidField: when it is not a bank or platform we can send a stop-payment to.
    """
    bank = canonical_bank(str(raw)) if raw is not None else None
    if bank is None:
        examples = "、".join(list(BANKS)[:5])
        raise InvalidField("payee_bank", raw, f"不认识“{raw}”,请说开户行或支付平台名称,例如{examples}、支付宝、微信支付")
    return bank


def validate_amount(raw: object) -> int:
    """Return the amount in yuan (an int, or text such as "8万" / "三千块").

    Raises:
        InvalidField: when it is not a positive amount of at most 100亿元 (see
            :func:`~assistant.domain.amounts.read_amount_field`).
    """
    return read_amount_field("amount", raw)


def validate_transfer_time(raw: object, now: datetime) -> tuple[datetime, str]:
    """Return the resolved transfer time and the words it was given in.

    Raises:
        InvalidField: when no time can be read, or the time is in the future.
    """
    text = str(raw or "").strip()
    try:
        resolved = parse_transfer_time(text, now)
    except (ValueError, OverflowError) as error:
        raise InvalidField("transfer_time", raw, "没听懂转账时间,请说例如“下午3点20”“10分钟前”“14:30”") from error
    if resolved > now + CLOCK_TOLERANCE:
        raise InvalidField("transfer_time", raw, "转账时间不能晚于现在")
    return min(resolved, now), text


# What to ask for when a field of the panel's form is left empty.
MISSING_REASONS = {
    "payee_account": "请填写收款账号",
    "payee_bank": "请填写开户行或支付平台",
    "amount": "请填写转账金额",
    "transfer_time": "请填写转账时间",
}


def draft_from_form(
    *, payee_account: object, payee_bank: object, amount: object, transfer_time: object, now: datetime
) -> StopPaymentDraft:
    """Validate every field of a stop-payment form at once.

    Args:
        payee_account: the account number (spaces and dashes allowed).
        payee_bank: the bank or platform, as typed ("工行", "支付宝").
        amount: a number of yuan, or text such as "8万".
        transfer_time: the time as said ("十分钟前", "14:30").
        now: the current time, to resolve relative times against.

    Raises:
        InvalidFields: with the reason for every field that failed.
    """
    failures: list[InvalidField] = []

    def check(name: str, raw: object, validate: Callable[[object], T]) -> T | None:
        if _blank(raw):
            failures.append(InvalidField(name, raw, MISSING_REASONS[name]))
            return None
        try:
            return validate(raw)
        except InvalidField as error:
            failures.append(error)
            return None

    account = check("payee_account", payee_account, lambda raw: validate_account(str(raw)))
    bank = check("payee_bank", payee_bank, validate_bank)
    value = check("amount", amount, validate_amount)
    when = check("transfer_time", transfer_time, lambda raw: validate_transfer_time(raw, now))
    if failures or account is None or bank is None or value is None or when is None:
        raise InvalidFields.collect(*failures)
    return StopPaymentDraft(account, bank, value, when[0], when[1])


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def submit_stop_payment(
    uow: UnitOfWork,
    *,
    case_id: str | None,
    conversation_id: str,
    officer: str,
    draft: StopPaymentDraft,
) -> StopPaymentReceipt:
    """File a stop-payment request; a repeat of the same request returns the one on file."""
    with uow() as session:
        existing = repository.matching_stop_payment(session, conversation_id, draft.payee_account, draft.amount)
        if existing is not None:
            return StopPaymentReceipt(existing.id, case_id, draft, existing.created_at, duplicate=True)
        alert = repository.alert_by_case_id(session, case_id) if case_id else None
        request = StopPaymentRequest(
            alert_id=alert.id if alert else None,
            conversation_id=conversation_id,
            officer=officer,
            payee_account=draft.payee_account,
            payee_bank=draft.payee_bank,
            amount=draft.amount,
            transfer_time=draft.transfer_time,
            transfer_time_text=draft.transfer_time_text,
            created_at=datetime.now(),
        )
        session.add(request)
        session.flush()
        return StopPaymentReceipt(request.id, case_id if alert else None, draft, request.created_at, duplicate=False)


def format_stop_payment_summary(receipt: StopPaymentReceipt) -> str:
    """The request summary, ready to paste to the bank or platform (Chinese)."""
    draft = receipt.draft
    lines = [
        f"【紧急止付申请 第{receipt.request_id}号】" + ("(此前已提交,未重复登记)" if receipt.duplicate else ""),
        f"关联案件:{receipt.case_id or '未关联'}",
        f"收款账户:{draft.payee_account}",
        f"开户行/平台:{draft.payee_bank}",
        f"止付金额:{format_yuan(draft.amount)}",
        f"转账时间:{draft.transfer_time:%Y-%m-%d %H:%M}(“{draft.transfer_time_text}”)",
        f"提交时间:{receipt.created_at:%Y-%m-%d %H:%M}",
        "请立即发送至开户行/支付平台止付通道,并继续稳住对方,防止再次转账。",
    ]
    return "\n".join(lines)
