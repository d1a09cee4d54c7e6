"""Property tests of every parser of what officers type: arbitrary unicode and numeral soup.

Whatever the text, the parsers return a sane value or raise their one documented error (the
domain's InvalidField at the validators, ValueError at the low-level readers); they never
return a non-finite, negative or absurd amount, and the analysis never raises at all.
"""

from __future__ import annotations

import math
from datetime import datetime

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assistant.domain.amounts import MAX_AMOUNT, find_amounts, parse_amount, read_amount_field, to_yuan
from assistant.domain.identifiers import (
    ACCOUNT_MAX_DIGITS,
    ACCOUNT_MIN_DIGITS,
    find_accounts,
    find_case_ids,
    validate_account,
)
from assistant.domain.outcomes import MAX_ACCOUNTS_FROZEN, read_accounts_frozen
from assistant.domain.times import find_time_spans, parse_transfer_time
from assistant.errors import InvalidField, InvalidFields, MissingOutcome
from assistant.nlp.analysis import analyse
from assistant.services.outcomes import build_report, report_from_form
from assistant.services.stop_payment import draft_from_form, validate_amount, validate_transfer_time

NOW = datetime(2026, 11, 25, 16, 0, 30)

# Deterministic (the same examples on every run) and writing no example database to the tree.
FUZZ = settings(
    max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)

NUMERAL_SOUP = st.text(
    alphabet=(
        "零〇一二两三四五六七八九十拾百佰千仟万萬亿0123456789０１２３.,，点點时分钟小时钟头前以之半刻多余来左右许"
        "元块钱人民币wWkKeE+-−负 :：个张笔户账号卡冻结了止付挽损回转汇共今天昨晚下午上午凌晨刚才∞"
    ),
    max_size=40,
)
TEXT = st.one_of(st.text(max_size=80), NUMERAL_SOUP)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["Infinity", "-Infinity", "NaN", "1e30", "-5", "八百亿亿", "1e-3", "0x10", "1_000"]),
)
FIELD_VALUES = st.one_of(TEXT, NUMBERS, st.none(), st.booleans())


def _is_sane_amount(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_AMOUNT


def _spans_are_disjoint_and_inside(spans: list[tuple[int, int]], length: int) -> bool:
    ordered = sorted(spans)
    inside = all(0 <= start < end <= length for start, end in ordered)
    return inside and all(ordered[i][1] <= ordered[i + 1][0] for i in range(len(ordered) - 1))


@FUZZ
@given(TEXT)
def test_find_amounts_gives_only_sane_amounts_inside_the_text(text: str) -> None:
    mentions = find_amounts(text)
    assert all(_is_sane_amount(mention.value) for mention in mentions)
    assert _spans_are_disjoint_and_inside([(m.start, m.end) for m in mentions], len(text))


@FUZZ
@given(TEXT)
def test_parse_amount_and_to_yuan_return_a_sane_amount_or_raise_value_error(text: str) -> None:
    try:
        assert _is_sane_amount(parse_amount(text))
    except ValueError:
        pass
    try:
        value = to_yuan(text)  # reads "0" as 0: finding amounts leaves zero out
    except ValueError:
        return
    assert isinstance(value, int) and 0 <= value <= MAX_AMOUNT


@FUZZ
@given(FIELD_VALUES, st.booleans())
def test_amount_fields_are_sane_or_an_invalid_field(raw: object, allow_zero: bool) -> None:
    try:
        value = read_amount_field("amount", raw, allow_zero=allow_zero)
    except InvalidField as error:
        assert error.field == "amount" and error.reason
        return
    assert isinstance(value, int) and (0 if allow_zero else 1) <= value <= MAX_AMOUNT


@FUZZ
@given(FIELD_VALUES)
@example(float("inf"))  # OverflowError: HTTP 500 at the panel
@example(float("nan"))
@example(10**400)
@example("1" * 400 + "万")
def test_validate_amount_never_raises_anything_but_invalid_field(raw: object) -> None:
    try:
        assert _is_sane_amount(validate_amount(raw))
    except InvalidField as error:
        assert error.reason


@FUZZ
@given(FIELD_VALUES)
@example(float("inf"))
@example("十十")
def test_accounts_frozen_is_a_small_count_or_an_invalid_field(raw: object) -> None:
    try:
        count = read_accounts_frozen("accounts_frozen", raw)
    except InvalidField as error:
        assert error.field == "accounts_frozen" and error.reason
        return
    assert isinstance(count, int) and 0 <= count <= MAX_ACCOUNTS_FROZEN


@FUZZ
@given(TEXT)
@example("3点2十0")  # a KeyError from cn2an dropped the panel's connection
@example("十十分钟前")
def test_times_resolve_or_raise_value_error_and_the_validator_only_invalid_field(text: str) -> None:
    assert _spans_are_disjoint_and_inside(find_time_spans(text), len(text))
    try:
        resolved = parse_transfer_time(text, NOW)
    except ValueError:
        resolved = None
    assert resolved is None or isinstance(resolved, datetime)
    try:
        when, words = validate_transfer_time(text, NOW)
    except InvalidField as error:
        assert error.field == "transfer_time" and error.reason
        return
    assert when <= NOW and words == text.strip()


@FUZZ
@given(st.one_of(TEXT, st.text(alphabet="0123456789０１２ -－\u3000", max_size=40)))
def test_accounts_and_case_ids(text: str) -> None:
    accounts = find_accounts(text)
    assert all(m.value.isdigit() and ACCOUNT_MIN_DIGITS <= len(m.value) <= ACCOUNT_MAX_DIGITS for m in accounts)
    assert _spans_are_disjoint_and_inside([(m.start, m.end) for m in accounts], len(text))
    assert _spans_are_disjoint_and_inside([(m.start, m.end) for m in find_case_ids(text)], len(text))
    try:
        digits = validate_account(text)
    except InvalidField as error:
        assert error.field == "payee_account" and error.reason
        return
    assert digits.isdigit() and ACCOUNT_MIN_DIGITS <= len(digits) <= ACCOUNT_MAX_DIGITS


@FUZZ
@given(TEXT)
@example("冻结了十十个账户")  # cn2an raised: the officer got an empty reply
@example("转账时间3点2十0,转了八百亿亿")
@example("İstanbul 工行")  # str.lower() makes this longer: bank offsets must stay in the text
def test_analyse_never_raises_and_gives_sane_entities(text: str) -> None:
    mentions = analyse(text)
    assert _spans_are_disjoint_and_inside([(m.start, m.end) for m in mentions], len(text))
    for mention in mentions:
        assert mention.text == text[mention.start:mention.end]
        if mention.entity == "amount":
            assert _is_sane_amount(mention.value)
        if mention.entity == "accounts_frozen":
            assert isinstance(mention.value, int) and 0 <= mention.value <= MAX_ACCOUNTS_FROZEN


@FUZZ
@given(FIELD_VALUES, FIELD_VALUES, FIELD_VALUES, FIELD_VALUES)
def test_the_stop_payment_form_is_a_draft_or_invalid_fields(account: object, bank: object, amount: object,
                                                            when: object) -> None:
    try:
        draft = draft_from_form(payee_account=account, payee_bank=bank, amount=amount, transfer_time=when, now=NOW)
    except InvalidFields as error:
        assert error.errors and all(error.errors.values())
        return
    assert _is_sane_amount(draft.amount)


@FUZZ
@given(
    st.one_of(st.none(), st.sampled_from(["dissuaded", "failed", "maybe", ""]), st.text(max_size=10)),
    st.lists(st.tuples(FIELD_VALUES, st.sampled_from(["saved", "frozen", None])), max_size=3),
    FIELD_VALUES,
    st.one_of(st.none(), TEXT),
)
def test_outcome_reports_are_sane_or_a_domain_error(outcome: str | None, amounts: list[tuple[object, str | None]],
                                                    accounts: object, note: str | None) -> None:
    for build in (
        lambda: build_report(outcome, amounts, accounts, note),
        lambda: report_from_form(
            outcome=outcome,
            amount_saved=amounts[0][0] if amounts else 0,
            accounts_frozen=accounts,
            amount_frozen=amounts[-1][0] if amounts else 0,
            note=note,
        ),
    ):
        try:
            report = build()
        except (InvalidField, InvalidFields, MissingOutcome):
            continue
        for value in (report.amount_saved, report.amount_frozen):
            assert isinstance(value, int) and math.isfinite(value) and 0 <= value <= MAX_AMOUNT * 3
        assert 0 <= report.accounts_frozen <= MAX_ACCOUNTS_FROZEN
