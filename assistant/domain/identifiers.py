"""Case ids and payee account numbers: finding them in text and validating them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from assistant.errors import InvalidField, MalformedCaseId

CASE_ID_FORMAT = "YJ + 8位日期 + 3位序号,例如 YJ20250319001"
_CASE_ID = re.compile(r"^YJ(?P<date>\d{8})\d{3}$")
# Anything that looks like an attempt at a case id: a short letter prefix and digits, or
# the 11 digits alone (officers often drop the prefix).
_CASE_ID_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z]{1,4}[-_ ]?\d[\d-]{1,20}|20\d{9})(?![0-9])")

_ACCOUNT_CANDIDATE = re.compile(r"(?<![\d.])\d(?:[ \-－\u3000]?\d){9,29}(?![\d.])")
ACCOUNT_MIN_DIGITS = 10
ACCOUNT_MAX_DIGITS = 25


@dataclass(frozen=True)
class Mention:
    """A span of text and its normalised value."""

    start: int
    end: int
    value: str


def _ascii_digits(text: str) -> str:
    """The decimal digits of ``text`` as ASCII 0-9, everything else dropped.

    Full-width digits ("６２２２", typed in a Chinese IME's full-width mode) and other scripts'
    digits are the same number to a bank.
    """
    return "".join(str(unicodedata.decimal(char)) for char in text if unicodedata.decimal(char, None) is not None)


def normalise_case_id(raw: str) -> str:
    """Upper-case a case id, drop separators, and add the ``YJ`` prefix to bare digits."""
    cleaned = re.sub(r"[\s\-_]", "", raw).upper()
    if cleaned.isdigit():
        cleaned = "YJ" + cleaned
    return cleaned


def validate_case_id(raw: str) -> str:
    """Return the normalised case id.

    Raises:
        MalformedCaseId: when it is not ``YJ`` + a real date + 3 digits.
    """
    case_id = normalise_case_id(raw)
    match = _CASE_ID.match(case_id)
    if not match:
        raise MalformedCaseId(raw)
    try:
        datetime.strptime(match.group("date"), "%Y%m%d")
    except ValueError as error:
        raise MalformedCaseId(raw) from error
    return case_id


def find_case_ids(text: str) -> list[Mention]:
    """Find case-id candidates (well-formed or not) in ``text``, normalised."""
    return [
        Mention(match.start(), match.end(), normalise_case_id(match.group(0)))
        for match in _CASE_ID_CANDIDATE.finditer(text)
    ]


def find_accounts(text: str) -> list[Mention]:
    """Find account numbers (10 or more digits, spaces or dashes allowed) in ``text``."""
    mentions = []
    for match in _ACCOUNT_CANDIDATE.finditer(text):
        digits = _ascii_digits(match.group(0))
        if ACCOUNT_MIN_DIGITS <= len(digits) <= ACCOUNT_MAX_DIGITS:
            mentions.append(Mention(match.start(), match.end(), digits))
    return mentions


def validate_account(raw: str) -> str:
    """Return the account number as digits only.

    Raises:
        InvalidField: when it is not 10 to 25 digits (spaces and dashes are allowed).
    """
    text = str(raw).strip()
    if not re.fullmatch(r"[\d\s\-－]+", text):
        raise InvalidField("payee_account", raw, "账号只能包含数字(可带空格或横线)")
    digits = _ascii_digits(text)
    if not ACCOUNT_MIN_DIGITS <= len(digits) <= ACCOUNT_MAX_DIGITS:
        raise InvalidField(
            "payee_account", raw,
            f"账号应为{ACCOUNT_MIN_DIGITS}到{ACCOUNT_MAX_DIGITS}位数字,现在是{len(digits)}位",
        )
    return digits


def mask(value: str | None, keep_start: int = 3, keep_end: int = 4) -> str:
    """Mask the middle of a phone, id or account number: 13800001001 → 138****1001."""
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]
