"""Money amounts in the ways officers type them, normalised to integer yuan.

``cn2an`` does the numeral arithmetic (八万 → 80000, 五万二 → 52000, 5.63亿); this module only
finds where an amount is in a sentence and what it refers to (money saved, money frozen, or
money sent / at risk).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.domain.numerals import MAX_NUMERAL_LENGTH, read_numeral
from assistant.domain.spans import SpanClaims
from assistant.errors import InvalidField

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_UNITS = "十拾百佰千仟万萬亿"
_CURRENCY = r"(?:元|块钱|块|人民币|rmb|RMB)"
_APPROX = r"(?:多|余|来)?"

# An Arabic number with a magnitude (万/千/亿, optionally followed by a trailing digit as in
# "3万5", or preceded by an approximation as in "30多万") and/or a currency word.
_ARABIC_WITH_UNIT = re.compile(
    rf"(?<![\d.,])(?P<num>(?:{_DIGITS})(?:[多余来]?[万亿千](?:\d(?![\d.]))?|[wW](?![a-zA-Z])|[kK](?![a-zA-Z]))){_APPROX}(?P<cur>{_CURRENCY})?"
    rf"|(?<![\d.,])(?P<num2>{_DIGITS}){_APPROX}(?P<cur2>{_CURRENCY})"
)
# Chinese numerals need a magnitude character or a currency word to count as money;
# "三十多万" keeps the approximation inside the number, so the 万 is not lost.
_CHINESE = re.compile(
    rf"(?P<num>[{_CN_DIGITS}{_CN_UNITS}]*[{_CN_UNITS}][{_CN_DIGITS}{_CN_UNITS}]*(?:[多余来][万萬亿])?){_APPROX}(?P<cur>{_CURRENCY})?"
    rf"|(?P<num2>[{_CN_DIGITS}]+){_APPROX}(?P<cur2>{_CURRENCY})"
)
# A bare number counts only right after a money word ("转了80000", "金额 5000").
_BARE_AFTER_KEYWORD = re.compile(
    rf"(?:转了?|汇了?|打了?|付了?|交了?|充了?|金额(?:是|为|:|:)?|挽损|挽回|冻结|止付|损失|被骗|共|一共|合计)\s*"
    rf"(?P<num>{_DIGITS})(?![\d.,万亿千kKwW]|\s*(?:个|张|笔|户|次|天|分钟|小时|点|号))"
)
_BARE_ONLY = re.compile(rf"^\s*(?P<num>{_DIGITS})\s*$")
# Words after a Chinese numeral that make it a count or a time, not money.
_NOT_MONEY_AFTER = re.compile(r"(?:分钟|小时|点|个|天|次|号|岁|年|月|日|周|位|张|笔|人|遍|下)")

_SAVED_CUES = ("挽损", "挽回", "保住", "追回", "止损", "守住", "保全", "没转", "未转", "劝回", "避免损失")
_FROZEN_CUES = ("冻结", "止付", "拦截")
_ROLE_WINDOW = 8

# A run of Chinese numeral characters: where a Chinese amount can start (see _chinese_matches).
_CHINESE_RUN = re.compile(f"[{_CN_DIGITS}{_CN_UNITS}]+")

# The largest amount accepted anywhere, in yuan: 100亿元. Above the largest single frauds on
# record by two orders of magnitude, so anything larger ("八百亿亿", 1e30) is a slip or an
# attack, never a real transfer.
MAX_AMOUNT = 10**10
MAX_AMOUNT_TEXT = "100亿元"


# Two magnitudes in a row that multiply ("亿亿", "万亿", "万万"): always above MAX_AMOUNT.
_STACKED_MAGNITUDES = re.compile("[万亿][万亿]")


class AmountOutOfRange(ValueError):
    """The text holds an amount, but not one that can be real (above :data:`MAX_AMOUNT`)."""


@dataclass(frozen=True)
class AmountMention:
    """An amount found in text: its character span, value in yuan and role."""

    start: int
    end: int
    value: int
    role: str | None  # "saved", "frozen" or None (sent / at risk / unspecified)


def to_yuan(text: str) -> int:
    """Convert an amount as written ("8万", "五万二", "2,000元", "5.63亿") to integer yuan.

    Raises:
        AmountOutOfRange: when the amount is above :data:`MAX_AMOUNT`.
        ValueError: when ``text`` is not an amount.
    """
    cleaned = re.sub(rf"{_CURRENCY}|[多余来\s,]", "", text)
    cleaned = re.sub(r"[wW]$", "万", cleaned)
    cleaned = re.sub(r"[kK]$", "千", cleaned)
    cleaned = cleaned.replace("萬", "万").replace("拾", "十").replace("佰", "百").replace("仟", "千")
    if not cleaned or len(cleaned) > MAX_NUMERAL_LENGTH:
        raise ValueError(f"not an amount ({len(text)} characters)")
    try:
        value = read_numeral(cleaned)
    except ValueError:
        if _STACKED_MAGNITUDES.search(cleaned):
            # cn2an cannot read "八百亿亿" (8e18); it is too large to be money either way.
            raise AmountOutOfRange(f"amount above {MAX_AMOUNT}") from None
        raise
    if value > MAX_AMOUNT:
        raise AmountOutOfRange(f"amount above {MAX_AMOUNT}")
    if value < 0 or not math.isfinite(value):
        raise ValueError("not a positive amount")
    return int(round(value))


def _role(text: str, start: int) -> str | None:
    window = text[max(0, start - _ROLE_WINDOW):start]
    best: tuple[int, str] | None = None
    for role, cues in (("saved", _SAVED_CUES), ("frozen", _FROZEN_CUES)):
        for cue in cues:
            position = window.rfind(cue)
            if position != -1 and (best is None or position > best[0]):
                best = (position, role)
    return best[1] if best else None


def _chinese_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`_CHINESE`, found in linear time.

    ``_CHINESE.finditer`` would retry the pattern at every character of a long run of numeral
    characters without a magnitude ("一二三…"), each try scanning to the end of the run:
    quadratic. A match always starts at the start of a run and, when none does, none starts
    inside it either, so one try per run gives the same matches.
    """
    position = 0
    while (run := _CHINESE_RUN.search(text, position)) is not None:
        match = _CHINESE.match(text, run.start())
        if match is not None and match.end() > match.start():
            yield match
            position = match.end()
        else:
            position = run.end()


def _candidates(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, number)`` of everything that may be an amount, in order of precedence."""
    for match in _ARABIC_WITH_UNIT.finditer(text):
        yield match.start(), match.end(), match.group("num") or match.group("num2")
    for match in _chinese_matches(text):
        number = match.group("num") or match.group("num2")
        has_currency = bool(match.group("cur") or match.group("cur2"))
        if not has_currency and _NOT_MONEY_AFTER.match(text, match.end()):
            continue
        if not has_currency and not re.search("[百千万萬亿佰仟]", number):
            continue
        if not re.search(f"[{_CN_DIGITS}]", number) and not number.startswith(("十", "拾")):
            continue  # "好几万", "上万": a magnitude without a number is no amount
        yield match.start(), match.end(), number
    for match in _BARE_AFTER_KEYWORD.finditer(text):
        yield match.start("num"), match.end("num"), match.group("num")
    bare = _BARE_ONLY.match(text)
    if bare and len(bare.group("num").replace(",", "").split(".")[0]) <= 9:
        yield bare.start("num"), bare.end("num"), bare.group("num")


_MINUS = "-−－负"


def _signed_or_scientific(text: str, start: int, end: int) -> bool:
    """Whether the number at ``[start, end)`` is negative ("-5万", "负5万") or part of "1e30".

    Those are no amounts an officer reports; reading "-5万" as 5万 or "1e30" as 1 would
    record a wrong figure. A dash between two numbers is a range ("3-5万"), not a sign.
    """
    before = text[start - 1] if start >= 1 else ""
    if before and before in _MINUS and not (start >= 2 and text[start - 2].isdigit()):
        return True
    if before and before in "eE" and start >= 2 and text[start - 2].isdigit():
        return True
    after = text[end:end + 2]
    return len(after) == 2 and after[0] in "eE" and (after[1].isdigit() or after[1] in "+-")


def _scan(text: str) -> tuple[list[AmountMention], bool]:
    """The amounts in ``text``, and whether an amount above :data:`MAX_AMOUNT` was passed over."""
    claims = SpanClaims(len(text))
    found: list[AmountMention] = []
    too_large = False
    for start, end, number in _candidates(text):
        if not claims.is_free(start, end) or _signed_or_scientific(text, start, end):
            continue
        try:
            value = to_yuan(number)
        except AmountOutOfRange:
            too_large = True
            continue
        except ValueError:
            continue
        if 0 < value <= MAX_AMOUNT:
            claims.claim(start, end)
            found.append(AmountMention(start, end, value, _role(text, start)))
    return sorted(found, key=lambda mention: mention.start), too_large


def find_amounts(text: str) -> list[AmountMention]:
    """Find every money amount in ``text``, in order, with its value and role.

    Amounts above :data:`MAX_AMOUNT` are not amounts; neither are zero, negative or
    unreadable ones.
    """
    return _scan(text)[0]


def parse_amount(text: str) -> int:
    """Return the single amount a form answer gives, in yuan.

    Raises:
        AmountOutOfRange: when the only amount in ``text`` is above :data:`MAX_AMOUNT`.
        ValueError: when ``text`` holds no amount.
    """
    mentions, too_large = _scan(text)
    if not mentions:
        if too_large:
            raise AmountOutOfRange(f"amount above {MAX_AMOUNT}")
        raise ValueError(f"no amount ({len(text)} characters)")
    return mentions[0].value


# What Python would read as a number but an officer never types as an amount: signs, exponents,
# "inf", "NaN" (panel clients send them as strings, JSON parsers as floats).
_NUMBER_LIKE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|infinity|nan)", re.IGNORECASE)

AMOUNT_NOT_UNDERSTOOD = "没听懂金额,请说例如“8万”“三千元”“25000”"
AMOUNT_NOT_POSITIVE = "金额必须是大于0的数"
AMOUNT_TOO_LARGE = f"金额超过上限({MAX_AMOUNT_TEXT}),请核对"
AMOUNT_NOT_A_NUMBER = "金额必须是具体数字"


def read_amount_field(field: str, raw: object, *, allow_zero: bool = False) -> int:
    """Read an amount in yuan from a form or slot value, whatever its type.

    Args:
        field: the field name the error names.
        raw: an int or float, or text ("8万", "三千块", "25000").
        allow_zero: whether 0 is an amount (money saved may be nothing).

    Raises:
        InvalidField: with the reason in Chinese, for anything that is not an amount between
            1 (or 0) and :data:`MAX_AMOUNT` yuan: negative, zero,
            non-finite ("Infinity", NaN), above the cap (1e30, "八百亿亿"), or unreadable.
    """
    if isinstance(raw, bool):
        raise InvalidField(field, raw, "金额必须是正数")
    number: float | None = None
    if isinstance(raw, (int, float)):
        # An int beyond a float's range (10**400) would overflow float(); it is out of range anyway.
        number = float(raw) if isinstance(raw, float) or abs(raw) <= MAX_AMOUNT else math.inf if raw > 0 else -math.inf
    elif isinstance(raw, str) and _NUMBER_LIKE.fullmatch(raw.strip()):
        number = float(raw.strip())
    if number is not None:
        if math.isnan(number):
            raise InvalidField(field, raw, AMOUNT_NOT_A_NUMBER)
        if number < 0 or (number == 0 and not allow_zero):
            raise InvalidField(field, raw, AMOUNT_NOT_POSITIVE)
        if number > MAX_AMOUNT:
            raise InvalidField(field, raw, AMOUNT_TOO_LARGE)
        value = int(round(number))
    else:
        try:
            value = parse_amount(str(raw))
        except AmountOutOfRange as error:
            raise InvalidField(field, raw, AMOUNT_TOO_LARGE) from error
        except ValueError as error:
            raise InvalidField(field, raw, AMOUNT_NOT_UNDERSTOOD) from error
    if value < 0 or (value == 0 and not allow_zero):
        raise InvalidField(field, raw, AMOUNT_NOT_POSITIVE)
    if value > MAX_AMOUNT:
        raise InvalidField(field, raw, AMOUNT_TOO_LARGE)
    return value


def format_yuan(value: int) -> str:
    """Format yuan the way officers read them: 80000 → "8万元", 2500 → "2,500元"."""
    if value >= 100_000_000 and value % 1_000_000 == 0:
        text = f"{value / 100_000_000:.2f}".rstrip("0").rstrip(".")
        return f"{text}亿元"
    if value >= 10_000 and value % 100 == 0:
        wan = value / 10_000
        text = f"{wan:.2f}".rstrip("0").rstrip(".")
        return f"{text}万元"
    return f"{value:,}元"
