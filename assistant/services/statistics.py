"""The centre's figures: the report of a period (``quanzu report``, ``/api/stats/report``) and the dashboard.

Every figure is computed by the database (:mod:`assistant.stats.queries`: ``GROUP BY``,
aggregates, window functions for the percentiles); this module runs the queries in one unit of
work, puts each group's figures together and names the groups. What each figure counts is
documented in :mod:`assistant.stats.queries` and ``docs/panel-api.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import User
from assistant.db.unit_of_work import UnitOfWork
from assistant.domain.fraud_types import LABELS as FRAUD_TYPE_LABELS
from assistant.domain.fraud_types import FraudType
from assistant.domain.outcomes import LABELS as OUTCOME_LABELS
from assistant.domain.outcomes import Outcome
from assistant.stats import periods
from assistant.stats.periods import Period
from assistant.stats.queries import (
    PARAMETERS,
    STOP_PAYMENT_BUCKETS,
    Grouping,
    Window,
    alert_figures,
    escalation_figures,
    follow_up_figures,
    intervention_figures,
    stop_payment_distribution,
    stop_payment_figures,
)
from assistant.stats.sql import percentiles

OUTCOMES = tuple(outcome.value for outcome in Outcome)
# By day, every day of a period up to this long gets a row, the empty ones too.
MAX_FILLED_DAYS = 400
NO_KEY_LABELS = {
    Grouping.OFFICER: "未处置",
    Grouping.OUTCOME: "无结果记录",
    Grouping.FRAUD_TYPE: "未关联案件",
    Grouping.STATION: "未关联案件",
    Grouping.DISTRICT: "未知",
    Grouping.DAY: "未知",
}
GROUPING_LABELS = {
    Grouping.FRAUD_TYPE: "诈骗类型",
    Grouping.STATION: "派出所",
    Grouping.DISTRICT: "区县",
    Grouping.OFFICER: "民警",
    Grouping.DAY: "日期",
    Grouping.OUTCOME: "劝阻结果",
}


@dataclass(frozen=True)
class Timing:
    """A distribution of durations in seconds: how many, the median and the 90th percentile."""

    count: int = 0
    median: float | None = None
    p90: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """The timing as the API and the JSON report show it (seconds)."""
        return {"count": self.count, "median": self.median, "p90": self.p90}


@dataclass(frozen=True)
class Figures:
    """The figures of one group (or of the whole period)."""

    alerts_received: int = 0
    alerts_handled: int = 0
    repeat_victims: int = 0
    interventions: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    dissuasion_rate: float | None = None
    amount_saved: int = 0
    accounts_frozen: int = 0
    amount_frozen: int = 0
    stop_payments: int = 0
    stop_payment_amount: int = 0
    escalations: int = 0
    follow_ups_due: int = 0
    follow_ups_overdue: int = 0
    # ``None``: not worked out (the dashboard asks only for the times it shows).
    first_contact: Timing | None = field(default_factory=Timing)
    stop_payment_delay: Timing | None = field(default_factory=Timing)
    call_duration: Timing | None = field(default_factory=Timing)

    @property
    def empty(self) -> bool:
        """Whether nothing at all was recorded."""
        return not (
            self.alerts_received or self.interventions or self.stop_payments or self.escalations or self.follow_ups_due
        )

    def as_dict(self) -> dict[str, Any]:
        """The figures as the API and the JSON report show them (amounts in yuan, times in seconds)."""
        return {
            "alerts_received": self.alerts_received,
            "alerts_handled": self.alerts_handled,
            "repeat_victims": self.repeat_victims,
            "interventions": self.interventions,
            "outcomes": dict(self.outcomes),
            "dissuasion_rate": self.dissuasion_rate,
            "amount_saved": self.amount_saved,
            "accounts_frozen": self.accounts_frozen,
            "amount_frozen": self.amount_frozen,
            "stop_payments": self.stop_payments,
            "stop_payment_amount": self.stop_payment_amount,
            "escalations": self.escalations,
            "follow_ups_due": self.follow_ups_due,
            "follow_ups_overdue": self.follow_ups_overdue,
            "first_contact_seconds": self.first_contact.as_dict() if self.first_contact else None,
            "stop_payment_seconds": self.stop_payment_delay.as_dict() if self.stop_payment_delay else None,
            "call_seconds": self.call_duration.as_dict() if self.call_duration else None,
        }


@dataclass(frozen=True)
class ReportRow:
    """One group of a report: its key (``None`` for records outside every group), its label, its figures."""

    key: str | None
    label: str
    figures: Figures

    def as_dict(self) -> dict[str, Any]:
        """The row as the API and the JSON report show it."""
        return {"key": self.key, "label": self.label, **self.figures.as_dict()}


@dataclass(frozen=True)
class Report:
    """The figures of a period, in total and per group."""

    period: Period
    grouping: Grouping | None
    generated_at: datetime
    total: Figures
    rows: tuple[ReportRow, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The report as the API and ``quanzu report --format json`` show it."""
        return {
            "period": self.period.as_dict(),
            "by": self.grouping.value if self.grouping else None,
            "generated_at": self.generated_at.isoformat(timespec="seconds"),
            "total": self.total.as_dict(),
            "groups": [row.as_dict() for row in self.rows],
        }


def _key(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


TIMINGS = ("first_contact", "call_duration", "stop_payment_delay")


@dataclass(frozen=True)
class _Statements:
    """The queries of one grouping, built once on bound parameters (building them costs more than some take)."""

    alerts: Any
    interventions: Any
    stop_payments: Any
    escalations: Any
    follow_ups: Any
    timings: dict[str, Any]


@cache
def _statements(grouping: Grouping | None) -> _Statements:
    alerts, first_contacts = alert_figures(PARAMETERS, grouping)
    interventions, durations = intervention_figures(PARAMETERS, grouping)
    stop_payments, delays = stop_payment_figures(PARAMETERS, grouping)
    return _Statements(
        alerts=alerts,
        interventions=interventions,
        stop_payments=stop_payments,
        escalations=escalation_figures(PARAMETERS, grouping),
        follow_ups=follow_up_figures(PARAMETERS, grouping),
        timings={
            "first_contact": percentiles(first_contacts),
            "call_duration": percentiles(durations),
            "stop_payment_delay": percentiles(delays),
        },
    )


@cache
def _distribution() -> Any:
    return stop_payment_distribution(PARAMETERS)


def _collect(
    session: Session, window: Window, grouping: Grouping | None, timings: tuple[str, ...] = TIMINGS
) -> dict[str | None, Figures]:
    """Every figure per group key, each from its own aggregate query (only the ``timings`` named)."""
    parts: dict[str | None, dict[str, Any]] = {}
    statements = _statements(grouping)
    parameters = window.parameters()

    def part(key: Any) -> dict[str, Any]:
        return parts.setdefault(_key(key), {})

    def rows(statement: Any) -> Any:
        return session.execute(statement, parameters)

    for row in rows(statements.alerts):
        part(row.key).update(alerts_received=row.received, alerts_handled=row.handled, repeat_victims=row.repeat_victims)
    for row in rows(statements.interventions):
        part(row.key).update(
            interventions=row.interventions,
            outcomes={outcome: int(getattr(row, outcome)) for outcome in OUTCOMES},
            dissuasion_rate=None if row.dissuasion_rate is None else float(row.dissuasion_rate),
            amount_saved=int(row.amount_saved),
            accounts_frozen=int(row.accounts_frozen),
            amount_frozen=int(row.amount_frozen),
        )
    for row in rows(statements.stop_payments):
        part(row.key).update(stop_payments=row.stop_payments, stop_payment_amount=int(row.stop_payment_amount))
    for row in rows(statements.escalations):
        part(row.key).update(escalations=row.escalations)
    for row in rows(statements.follow_ups):
        part(row.key).update(follow_ups_due=row.follow_ups_due, follow_ups_overdue=int(row.follow_ups_overdue))
    for name in timings:
        for row in rows(statements.timings[name]):
            part(row.key)[name] = Timing(int(row.n), float(row.p0), float(row.p1))
    skipped = dict.fromkeys((name for name in TIMINGS if name not in timings), None)
    return {key: Figures(**{**values, **skipped}) for key, values in parts.items()}


def _empty(timings: tuple[str, ...] = TIMINGS) -> Figures:
    """The figures of a group with no records (the times not asked for left out)."""
    skipped: dict[str, Any] = dict.fromkeys((name for name in TIMINGS if name not in timings), None)
    return Figures(**skipped)


def _officer_names(session: Session, usernames: Iterable[str]) -> dict[str, str]:
    wanted = sorted(set(usernames))
    if not wanted:
        return {}
    rows = session.execute(select(User.username, User.display_name).where(User.username.in_(wanted)))
    return {username: display for username, display in rows}


def _label(grouping: Grouping, key: str | None, officers: dict[str, str]) -> str:
    if key is None:
        return NO_KEY_LABELS[grouping]
    if grouping is Grouping.FRAUD_TYPE:
        try:
            return FRAUD_TYPE_LABELS[FraudType(key)]
        except ValueError:
            return key
    if grouping is Grouping.OUTCOME:
        try:
            return OUTCOME_LABELS[Outcome(key)]
        except ValueError:
            return key
    if grouping is Grouping.OFFICER:
        return officers.get(key, key)
    return key


def _order(grouping: Grouping, row: ReportRow) -> tuple[Any, ...]:
    if grouping is Grouping.DAY:
        return (row.key is None, row.key or "")
    figures = row.figures
    # Busiest first; the records outside every group last.
    return (row.key is None, -(figures.alerts_received + figures.interventions), -figures.stop_payments, row.label)


def _rows(
    session: Session, period: Period, grouping: Grouping, groups: dict[str | None, Figures], timings: tuple[str, ...]
) -> tuple[ReportRow, ...]:
    if grouping is Grouping.DAY and len(period.days()) <= MAX_FILLED_DAYS:
        for day in period.days():
            groups.setdefault(day.isoformat(), _empty(timings))
    officers = _officer_names(session, (key for key in groups if key)) if grouping is Grouping.OFFICER else {}
    rows = [ReportRow(key, _label(grouping, key, officers), figures) for key, figures in groups.items()]
    return tuple(sorted(rows, key=lambda row: _order(grouping, row)))


def _report(
    session: Session,
    period: Period,
    grouping: Grouping | None,
    now: datetime,
    total: Figures | None = None,
    timings: tuple[str, ...] = TIMINGS,
) -> Report:
    window = Window(period.start, period.end, now)
    if total is None:
        total = _collect(session, window, None, timings).get("total") or _empty(timings)
    rows = _rows(session, period, grouping, _collect(session, window, grouping, timings), timings) if grouping else ()
    return Report(period=period, grouping=grouping, generated_at=now, total=total, rows=rows)


def build_report(uow: UnitOfWork, period: Period, grouping: Grouping | None, now: datetime) -> Report:
    """The figures of ``period`` in total and, with a grouping, per group.

    Args:
        uow: the unit of work on the case database.
        period: the period (:mod:`assistant.stats.periods`).
        grouping: what to break the figures down by, or ``None`` for the total only.
        now: the current time (what is overdue is decided against it).
    """
    with uow() as session:
        return _report(session, period, grouping, now)


@dataclass(frozen=True)
class Dashboard:
    """What the supervisors' dashboard shows."""

    generated_at: datetime
    headline: tuple[Report, ...]
    period: Period
    total: Figures
    by_day: Report
    by_fraud_type: Report
    by_station: Report
    by_officer: Report
    stop_payment_buckets: tuple[tuple[str, int], ...]

    def as_dict(self) -> dict[str, Any]:
        """The dashboard as ``/api/stats/dashboard`` answers it."""
        return {
            "generated_at": self.generated_at.isoformat(timespec="seconds"),
            "headline": [{"period": report.period.as_dict(), **report.total.as_dict()} for report in self.headline],
            "period": self.period.as_dict(),
            "empty": self.total.empty,
            "total": self.total.as_dict(),
            "trend": [
                {
                    "day": row.key,
                    "alerts_received": row.figures.alerts_received,
                    "interventions": row.figures.interventions,
                    "dissuaded": row.figures.outcomes[Outcome.DISSUADED.value]
                    + row.figures.outcomes[Outcome.PARTLY_DISSUADED.value],
                    "amount_saved": row.figures.amount_saved,
                    "stop_payments": row.figures.stop_payments,
                }
                for row in self.by_day.rows
                if row.key is not None
            ],
            "by_fraud_type": [row.as_dict() for row in self.by_fraud_type.rows],
            "by_station": [row.as_dict() for row in self.by_station.rows],
            "officers": [row.as_dict() for row in self.by_officer.rows],
            "stop_payment_times": {
                **(self.total.stop_payment_delay or Timing()).as_dict(),
                "buckets": [{"label": label, "requests": count} for label, count in self.stop_payment_buckets],
            },
        }


def build_dashboard(uow: UnitOfWork, period: Period, now: datetime) -> Dashboard:
    """The dashboard: today's, this week's and this month's headline figures, and ``period`` in detail.

    All of it is read in one unit of work, so the parts agree with each other.
    """
    # Only the times each part shows are computed: the percentiles are the costly queries.
    with uow() as session:
        headline = tuple(
            _report(session, headline_period, None, now, timings=("first_contact", "stop_payment_delay"))
            for headline_period in (periods.today(now), periods.this_week(now), periods.this_month(now))
        )
        window = Window(period.start, period.end, now)
        counts = {int(row.bucket): int(row.requests) for row in session.execute(_distribution(), window.parameters())}
        buckets = tuple((label, counts.get(index, 0)) for index, (_bound, label) in enumerate(STOP_PAYMENT_BUCKETS))
        total = _collect(session, window, None).get("total") or Figures()
        return Dashboard(
            generated_at=now,
            headline=headline,
            period=period,
            total=total,
            by_day=_report(session, period, Grouping.DAY, now, total, timings=()),
            by_fraud_type=_report(session, period, Grouping.FRAUD_TYPE, now, total, timings=()),
            by_station=_report(session, period, Grouping.STATION, now, total, timings=()),
            by_officer=_report(session, period, Grouping.OFFICER, now, total, timings=("first_contact", "call_duration")),
            stop_payment_buckets=buckets,
        )
