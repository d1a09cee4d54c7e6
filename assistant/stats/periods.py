"""Report periods: today, this week, this month, the last N days, or a range of days.

Every period is a half-open range ``[start, end)`` of local time, like every timestamp of the
database. Calendar periods run to the end of the current day, week or month, so that a
follow-up due later today counts as due today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from assistant.errors import InvalidPeriod

# A range longer than this is almost certainly a typo (a year of 2206); it would also be slow.
MAX_DAYS = 3660
PERIOD_NAMES = ("today", "week", "month", "30d", "90d")


@dataclass(frozen=True)
class Period:
    """A half-open range of local time ``[start, end)`` and how to name it."""

    start: datetime
    end: datetime
    name: str
    label: str

    @property
    def first_day(self) -> date:
        """The first day of the period."""
        return self.start.date()

    @property
    def last_day(self) -> date:
        """The last day the period touches (its end is exclusive)."""
        return (self.end - timedelta(microseconds=1)).date()

    def days(self) -> list[date]:
        """Every day of the period, in order."""
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=offset) for offset in range(count)]

    def as_dict(self) -> dict[str, str]:
        """The period as the API and the JSON report show it (``until`` is the last day, inclusive)."""
        return {
            "name": self.name,
            "label": self.label,
            "since": self.first_day.isoformat(),
            "until": self.last_day.isoformat(),
            "start": self.start.isoformat(timespec="seconds"),
            "end": self.end.isoformat(timespec="seconds"),
        }


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def today(now: datetime) -> Period:
    """Today, from midnight to midnight."""
    start = _midnight(now.date())
    return Period(start, start + timedelta(days=1), "today", "今日")


def this_week(now: datetime) -> Period:
    """The current calendar week, Monday to Sunday."""
    start = _midnight(now.date() - timedelta(days=now.weekday()))
    return Period(start, start + timedelta(days=7), "week", "本周")


def this_month(now: datetime) -> Period:
    """The current calendar month."""
    first = now.date().replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Period(_midnight(first), _midnight(following), "month", "本月")


def last_days(now: datetime, count: int) -> Period:
    """The last ``count`` days, today included.

    Raises:
        InvalidPeriod: when ``count`` is not between 1 and :data:`MAX_DAYS`.
    """
    if not 1 <= count <= MAX_DAYS:
        raise InvalidPeriod(f"--days must be between 1 and {MAX_DAYS}, not {count}", f"天数应在1到{MAX_DAYS}之间")
    end = _midnight(now.date() + timedelta(days=1))
    return Period(end - timedelta(days=count), end, f"{count}d", f"近{count}天")


def between(since: date, until: date) -> Period:
    """The days from ``since`` to ``until``, both included.

    Raises:
        InvalidPeriod: when ``until`` is before ``since`` or the range is longer than :data:`MAX_DAYS`.
    """
    if until < since:
        raise InvalidPeriod(
            f"the period ends ({until.isoformat()}) before it starts ({since.isoformat()})", "结束日期早于开始日期"
        )
    if (until - since).days + 1 > MAX_DAYS:
        raise InvalidPeriod(f"the period is longer than {MAX_DAYS} days", f"时段不能超过{MAX_DAYS}天")
    return Period(_midnight(since), _midnight(until + timedelta(days=1)), "custom", f"{since.isoformat()} 至 {until.isoformat()}")


def parse_day(raw: str) -> date:
    """A day written ``YYYY-MM-DD``.

    Raises:
        InvalidPeriod: for anything else.
    """
    try:
        if len(raw.strip()) != 10:
            raise ValueError(raw)
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidPeriod(f"not a day (YYYY-MM-DD): {raw!r}", "日期格式应为 YYYY-MM-DD") from None


def named(name: str, now: datetime) -> Period:
    """The period called ``today``, ``week``, ``month`` or ``<N>d`` (the last N days).

    Raises:
        InvalidPeriod: for any other name.
    """
    if name == "today":
        return today(now)
    if name == "week":
        return this_week(now)
    if name == "month":
        return this_month(now)
    if name.endswith("d") and name[:-1].isdigit():
        return last_days(now, int(name[:-1]))
    raise InvalidPeriod(
        f"unknown period {name!r} (today, week, month or <N>d)", "时段应为 today、week、month 或 <天数>d"
    )


def resolve(
    now: datetime, *, name: str | None = None, since: str | None = None, until: str | None = None
) -> Period:
    """The period a request or a command line asks for: a name, or ``since``/``until`` days.

    With only ``since``, the period runs to today; with only ``until``, it is that one day.
    With nothing, it is this month.

    Raises:
        InvalidPeriod: for a bad name or day, both a name and days, or a range that ends before it starts.
    """
    if name and (since or until):
        raise InvalidPeriod("give either a named period or --since/--until, not both", "请只选择一种时段")
    if name:
        return named(name, now)
    if since or until:
        last = parse_day(until) if until else now.date()
        first = parse_day(since) if since else last
        return between(first, last)
    return this_month(now)
