"""Case ids and payee account numbers (assistant.domain.identifiers)."""

from __future__ import annotations

import pytest

from assistant.domain.identifiers import (
    find_accounts,
    find_case_ids,
    mask,
    normalise_case_id,
    validate_account,
    validate_case_id,
)
from assistant.errors import InvalidField, MalformedCaseId


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("YJ20250319001", "YJ20250319001"),
        ("yj20250319001", "YJ20250319001"),
        ("Yj20250319001", "YJ20250319001"),
        ("20250319001", "YJ20250319001"),
        (" YJ-20250319-001 ", "YJ20250319001"),
        ("yj_20250319001", "YJ20250319001"),
        ("yj 20250319001", "YJ20250319001"),
        ("YJ20240229001", "YJ20240229001"),
    ],
)
def test_valid_case_ids_are_normalised(raw: str, expected: str) -> None:
    assert validate_case_id(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [("yj20250319001", "YJ20250319001"), ("20250319001", "YJ20250319001")])
def test_normalise_case_id(raw: str, expected: str) -> None:
    assert normalise_case_id(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "YJ20251399001",  # month 13
        "YJ20250230001",  # 30 February
        "YJ20250229001",  # not a leap year
        "YJ123",
        "YJ2025031900",  # one digit short
        "YJ202503190011",  # one digit long
        "XX20250319001",
        "YJ2025O319001",  # letter O for zero
        "",
    ],
)
def test_malformed_case_ids_raise_with_the_id(raw: str) -> None:
    with pytest.raises(MalformedCaseId) as caught:
        validate_case_id(raw)
    assert caught.value.case_id == raw
    assert caught.value.params == {"case_id": raw}
    assert caught.value.response == "utter_case_id_malformed"


def test_find_case_ids_finds_well_formed_and_malformed_candidates() -> None:
    text = "打开案件 YJ20250319001 和 yj-20250320002,还有 YJ123"
    found = find_case_ids(text)
    assert [m.value for m in found] == ["YJ20250319001", "YJ20250320002", "YJ123"]
    assert [text[m.start:m.end] for m in found] == ["YJ20250319001", "yj-20250320002", "YJ123"]


@pytest.mark.parametrize("text", ["转了80000到工行", "她说对方是真警察", "13800001001"])
def test_find_case_ids_ignores_text_without_a_case_id(text: str) -> None:
    assert find_case_ids(text) == []


@pytest.mark.parametrize(
    ("text", "span", "digits"),
    [
        ("账号6222 0212 3456 7890 123", "6222 0212 3456 7890 123", "6222021234567890123"),
        ("卡号是6222-0212-3456-7890,", "6222-0212-3456-7890", "6222021234567890"),
        ("6228480402564890018", "6228480402564890018", "6228480402564890018"),
    ],
)
def test_find_accounts_with_spaces_and_dashes(text: str, span: str, digits: str) -> None:
    (mention,) = find_accounts(text)
    assert mention.value == digits
    assert text[mention.start:mention.end] == span


def test_find_accounts_finds_several() -> None:
    found = find_accounts("两个账号 6222021234567890 和 6228480402564890018")
    assert [m.value for m in found] == ["6222021234567890", "6228480402564890018"]


@pytest.mark.parametrize("text", ["金额123456789", "转了8万", "1.2345678901234", "下午三点"])
def test_find_accounts_ignores_short_numbers_and_decimals(text: str) -> None:
    assert find_accounts(text) == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("6222 0212 3456 7890 123", "6222021234567890123"),
        ("6222-0212-3456-7890", "6222021234567890"),
        ("  6222021234567890  ", "6222021234567890"),
        ("6222021234", "6222021234"),  # 10 digits: the minimum
        ("1234567890123456789012345", "1234567890123456789012345"),  # 25 digits: the maximum
        (6222021234567890, "6222021234567890"),
    ],
)
def test_validate_account_returns_digits_only(raw: object, expected: str) -> None:
    assert validate_account(raw) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "reason_part"),
    [
        ("123456789", "9位"),
        ("12345678901234567890123456", "26位"),
        ("6222abc0212345", "只能包含数字"),
        ("", "只能包含数字"),
        ("六二二二", "只能包含数字"),
    ],
)
def test_invalid_accounts_raise_with_a_reason(raw: str, reason_part: str) -> None:
    with pytest.raises(InvalidField) as caught:
        validate_account(raw)
    error = caught.value
    assert error.field == "payee_account"
    assert error.value == raw
    assert reason_part in error.reason
    assert error.params["reason"] == error.reason
    assert error.response == "utter_invalid_field"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13800001001", "138****1001"),
        ("6222021234567890123", "622************0123"),
        ("12345678", "123*5678"),
        ("1234567", "*******"),
        ("abc", "***"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask(value: str | None, expected: str) -> None:
    assert mask(value) == expected


def test_mask_keeps_requested_ends() -> None:
    assert mask("6222021234567890", keep_start=4, keep_end=4) == "6222********7890"


@pytest.mark.parametrize(
    "typed",
    ["６２２２０２１２３４５６７８９０１２３", "6222－0212－3456－7890－123", "6222\u30000212\u30003456\u30007890\u3000123"],
)
def test_full_width_digits_and_separators_give_the_same_ascii_account(typed: str) -> None:
    assert validate_account(typed) == "6222021234567890123"
    assert [m.value for m in find_accounts(f"账号{typed}")] == ["6222021234567890123"]
