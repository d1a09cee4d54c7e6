"""Intervention outcomes and the officer phrasings that name them."""

from __future__ import annotations

import math
import re
from enum import Enum

from assistant.errors import InvalidField

# More accounts than this frozen in one case is a slip of the keyboard, not a count.
MAX_ACCOUNTS_FROZEN = 99


class Outcome(str, Enum):
    """How an intervention ended; one record per intervention."""

    DISSUADED = "dissuaded"
    PARTLY_DISSUADED = "partly_dissuaded"
    FAILED = "failed"
    UNREACHABLE = "unreachable"
    ESCALATED = "escalated"
    FALSE_ALARM = "false_alarm"


LABELS: dict[Outcome, str] = {
    Outcome.DISSUADED: "劝阻成功",
    Outcome.PARTLY_DISSUADED: "部分劝阻(部分资金已转出)",
    Outcome.FAILED: "劝阻失败",
    Outcome.UNREACHABLE: "未接通",
    Outcome.ESCALATED: "转派出所见面劝阻",
    Outcome.FALSE_ALARM: "误报",
}

# Phrasings per outcome. Order matters across outcomes: the partial and negative phrasings
# are matched before the plain success ones ("部分劝阻成功" is partial, "没劝住" is a failure).
PHRASES: tuple[tuple[Outcome, tuple[str, ...]], ...] = (
    (Outcome.FALSE_ALARM, ("误报", "不是诈骗", "不是骗局", "正常转账", "正常交易", "正常消费", "核实无诈骗", "虚惊")),
    (Outcome.PARTLY_DISSUADED, ("部分劝阻", "部分成功", "部分挽损", "部分挽回", "转走了一部分", "已转出一部分", "部分资金已转")),
    (Outcome.FAILED, ("劝阻失败", "没劝住", "没有劝住", "劝不住", "劝不动", "没劝下来", "执意转账", "不听劝", "不成功", "没成功", "未成功")),
    (Outcome.UNREACHABLE, ("未接通", "没接通", "无人接听", "没人接", "打不通", "关机", "停机", "拒接", "空号", "联系不上", "不接电话")),
    (Outcome.ESCALATED, ("已转派出所", "转派出所了", "已移交", "移交派出所了", "交给派出所了", "已上报", "转所里了", "已派警上门", "派出所已上门")),
    (Outcome.DISSUADED, ("劝阻成功", "成功劝阻", "劝住了", "劝下来了", "已劝阻", "劝阻了", "已劝住", "劝成功", "劝阻有效")),
)


def parse_outcome(text: str) -> Outcome | None:
    """Return the outcome an officer's phrase names, or ``None`` if it names none."""
    best: tuple[int, int, Outcome] | None = None
    for rank, (outcome, phrases) in enumerate(PHRASES):
        for phrase in phrases:
            if phrase in text:
                candidate = (-len(phrase), rank, outcome)
                if best is None or candidate < best:
                    best = candidate
    return best[2] if best else None


def outcome_spans(text: str) -> list[tuple[int, int, Outcome]]:
    """Return ``(start, end, outcome)`` of the phrase that decides the outcome, if any."""
    outcome = parse_outcome(text)
    if outcome is None:
        return []
    for candidate, phrases in PHRASES:
        if candidate is not outcome:
            continue
        for phrase in sorted(phrases, key=len, reverse=True):
            start = text.find(phrase)
            if start != -1:
                return [(start, start + len(phrase), outcome)]
    return []


# Looser words, read only when the officer is reporting an outcome (intent report_outcome):
# in a report, "失败了" or "成功" alone is clear, while in the person's words it is not.
REPORT_WORDS: tuple[tuple[Outcome, tuple[str, ...]], ...] = (
    (Outcome.PARTLY_DISSUADED, ("部分", "一部分")),
    (Outcome.FALSE_ALARM, ("有误", "不是骗", "没被骗")),
    (Outcome.FAILED, ("失败", "无效", "不成功", "没成功", "未成功", "没用")),
    (Outcome.ESCALATED, ("派出所", "移交", "上门", "见面劝阻", "所里")),
    (Outcome.UNREACHABLE, ("接不通", "没接", "未接", "挂断")),
    (Outcome.DISSUADED, ("成功", "有效", "劝住", "劝下", "放弃转账", "不转了", "没转")),
)


def parse_reported_outcome(text: str) -> Outcome | None:
    """The outcome an officer's report names, reading looser words than :func:`parse_outcome`."""
    strict = parse_outcome(text)
    if strict is not None:
        return strict
    for outcome, words in REPORT_WORDS:
        if any(word in text for word in words):
            return outcome
    return None


def read_accounts_frozen(field: str, raw: object) -> int:
    """Read how many accounts were frozen from a form or entity value (digits only; empty is 0).

    Raises:
        InvalidField: for anything but a whole number from 0 to :data:`MAX_ACCOUNTS_FROZEN`:
            text ("两个"), negative, fractional, non-finite or too large values.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return 0
    if isinstance(raw, bool):
        raise InvalidField(field, raw, "请填写数字")
    number: float
    if isinstance(raw, int):
        number = float(raw) if abs(raw) <= 10 * MAX_ACCOUNTS_FROZEN else math.inf if raw > 0 else -math.inf
    elif isinstance(raw, float):
        number = raw
    elif isinstance(raw, str) and re.fullmatch(r"\s*-?\d{1,12}(?:\.\d{1,6})?\s*", raw):
        number = float(raw)
    else:
        raise InvalidField(field, raw, "请填写数字")
    if math.isnan(number):
        raise InvalidField(field, raw, "请填写数字")
    if number < 0:
        raise InvalidField(field, raw, "不能为负数")
    if number > MAX_ACCOUNTS_FROZEN:
        raise InvalidField(field, raw, f"账户数过大(最多{MAX_ACCOUNTS_FROZEN}个),请核对")
    if number != int(number):
        raise InvalidField(field, raw, "账户数应为整数")
    return int(number)
