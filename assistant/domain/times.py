"""Transfer times as people say them ("下午三点二十", "10分钟前", "14:30"), resolved to datetimes."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from assistant.domain.numerals import read_count
from assistant.domain.spans import SpanClaims

_NUM = r"[\d零〇一二两三四五六七八九十]{1,3}"
_DAY = r"(?P<day>今天|今日|昨天|昨日|前天|今早|今晚|昨晚)?"
_PART = r"(?P<part>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|半夜)?"
_CLOCK = re.compile(
    rf"{_DAY}{_PART}(?:(?P<hh>\d{{1,2}})[::](?P<mm>\d{{2}})|(?P<h>{_NUM})[点点时](?:(?P<half>半)|(?P<q>一刻|三刻)|(?P<m>{_NUM})分?)?)(?:左右|多|许)?"
)
_AGO = re.compile(rf"(?P<n>{_NUM}|半|几)(?:个)?(?P<unit>分钟|小时|钟头)(?:之前|以前|前)")
_JUST = re.compile(r"刚才|刚刚|就刚|才转")
_DAY_ONLY = re.compile(rf"(?P<day>今天|今日|昨天|昨日|前天|今早|今晚|昨晚){_PART}")

_DAY_OFFSET = {"今天": 0, "今日": 0, "今早": 0, "今晚": 0, "昨天": 1, "昨日": 1, "昨晚": 1, "前天": 2}
_PM_PARTS = {"下午", "傍晚", "晚上", "夜里"}
_PART_DEFAULT_HOUR = {
    "凌晨": 3, "早上": 8, "早晨": 8, "上午": 10, "中午": 12, "下午": 15, "傍晚": 18,
    "晚上": 20, "夜里": 22, "半夜": 0,
}


def _implied_part(day: str | None) -> str | None:
    """The part of the day a day word implies: 今早 is the morning, 今晚/昨晚 the evening."""
    return "上午" if day == "今早" else "晚上" if day in ("今晚", "昨晚") else None


def _number(text: str) -> int:
    """Read an hour, minute or count; malformed numerals ("2十0") raise ``ValueError``."""
    return read_count(text)


def find_time_spans(text: str) -> list[tuple[int, int]]:
    """Return the character spans of time expressions in ``text``."""
    claims = SpanClaims(len(text))
    spans: list[tuple[int, int]] = []
    for pattern in (_CLOCK, _AGO, _DAY_ONLY, _JUST):
        for match in pattern.finditer(text):
            if match.end() > match.start() and claims.claim(match.start(), match.end()):
                spans.append((match.start(), match.end()))
    return sorted(spans)


def parse_transfer_time(text: str, now: datetime) -> datetime:
    """Resolve a spoken transfer time against ``now``.

    Times of day without a day are taken as today, or yesterday when that would be in the
    future ("晚上十点" said at 9 am means last night).

    Raises:
        ValueError: when ``text`` contains no recognisable time, or a malformed one ("3点2十0").
    """
    match = _CLOCK.search(text)
    if match:
        day = match.group("day")
        part = match.group("part") or _implied_part(day)
        if match.group("hh"):
            hour, minute = int(match.group("hh")), int(match.group("mm"))
        else:
            hour = _number(match.group("h"))
            minute = 30 if match.group("half") else _number(match.group("m")) if match.group("m") else 0
            if match.group("q"):
                minute = 15 if match.group("q") == "一刻" else 45
        if part in _PM_PARTS and hour < 12:
            hour += 12
        if part == "中午" and hour < 6:
            hour += 12
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise ValueError(f"not a time of day: {hour}:{minute}")
        resolved = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if day:
            return resolved - timedelta(days=_DAY_OFFSET[day])
        # Without a day or part of the day, "两点半" is the latest 2:30 or 14:30 not in the future.
        candidates = [resolved] + ([resolved.replace(hour=hour + 12)] if part is None and hour < 12 else [])
        latest = now + timedelta(minutes=5)
        past = [candidate for candidate in candidates if candidate <= latest]
        return max(past) if past else max(candidates) - timedelta(days=1)
    match = _AGO.search(text)
    if match:
        amount = 0.5 if match.group("n") == "半" else 3 if match.group("n") == "几" else _number(match.group("n"))
        delta = timedelta(minutes=amount) if match.group("unit") == "分钟" else timedelta(hours=amount)
        return (now - delta).replace(second=0, microsecond=0)
    match = _DAY_ONLY.search(text)
    if match:
        day = match.group("day")
        part = match.group("part") or _implied_part(day)
        hour = _PART_DEFAULT_HOUR.get(part or "", now.hour if _DAY_OFFSET[day] == 0 else 12)
        resolved = now.replace(hour=hour, minute=0, second=0, microsecond=0) - timedelta(days=_DAY_OFFSET[day])
        return min(resolved, now.replace(second=0, microsecond=0))
    if _JUST.search(text):
        return now.replace(second=0, microsecond=0)
    raise ValueError(f"no time ({len(text)} characters)")
