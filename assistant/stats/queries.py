"""The SQL of the report: one aggregate query per source table, grouped by the report's key.

Each figure belongs to the period by the time of its own event:

=====================================  ===============================  =========================
figure                                 rows                             in the period by
=====================================  ===============================  =========================
alerts received, handled, repeat       ``alerts``                       ``received_at``
victims, alert → first contact
interventions by outcome, dissuasion   ``interventions``                ``started_at``
rate, amounts saved and frozen, call
duration
stop-payment requests and amount,      ``stop_payment_requests``        ``created_at``
transfer → stop-payment filed
escalations to the station             ``escalations``                  ``created_at``
follow-ups due and overdue             ``follow_ups``                   ``due_at``
=====================================  ===============================  =========================

An alert counts as *handled* when it has an intervention; by officer and by outcome it is
counted under its latest intervention (who closed it and how), an alert nobody handled under
the empty key. A stop-payment request or an escalation is grouped by outcome under the
intervention of the same case and conversation. A *repeat victim* is a person alerted in the
period who had an earlier alert. A follow-up is *overdue* when it is still ``due`` and its time
has passed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import DateTime, Float, and_, bindparam, case, cast, exists, func, literal, null, select
from sqlalchemy.sql import ColumnElement, FromClause, Select

from assistant.db.models import Alert, Escalation, FollowUp, Intervention, Person, StopPaymentRequest
from assistant.domain.outcomes import Outcome
from assistant.stats.sql import day_of, seconds_between

ALERTS = Alert.__table__
PEOPLE = Person.__table__
INTERVENTIONS = Intervention.__table__
STOP_PAYMENTS = StopPaymentRequest.__table__
ESCALATIONS = Escalation.__table__
FOLLOW_UPS = FollowUp.__table__

# Outcomes that decide whether the person was dissuaded: the rate leaves out calls that never
# reached anyone, false alarms and hand-overs still under way at the station.
DISSUADED = (Outcome.DISSUADED.value, Outcome.PARTLY_DISSUADED.value)
DECIDED = (*DISSUADED, Outcome.FAILED.value)
FOLLOW_UP_OPEN = "due"

# The buckets of the time from the transfer to the stop-payment request, upper bounds in seconds.
STOP_PAYMENT_BUCKETS: tuple[tuple[int | None, str], ...] = (
    (5 * 60, "5分钟内"),
    (15 * 60, "5–15分钟"),
    (30 * 60, "15–30分钟"),
    (60 * 60, "30–60分钟"),
    (2 * 3600, "1–2小时"),
    (6 * 3600, "2–6小时"),
    (24 * 3600, "6–24小时"),
    (None, "超过24小时"),
)


class Grouping(str, Enum):
    """What a report is broken down by."""

    FRAUD_TYPE = "fraud_type"
    STATION = "station"
    DISTRICT = "district"
    OFFICER = "officer"
    DAY = "day"
    OUTCOME = "outcome"


@dataclass(frozen=True)
class Window:
    """The period's range ``[start, end)`` and the time that decides what is overdue.

    The queries are built on :data:`PARAMETERS` (bound parameters) once per grouping and run
    with :meth:`parameters`; a window of plain datetimes builds a query with the values in it.
    """

    start: Any
    end: Any
    now: Any

    def parameters(self) -> dict[str, Any]:
        """The values of :data:`PARAMETERS` for this window."""
        return {"period_start": self.start, "period_end": self.end, "now": self.now}


PARAMETERS = Window(
    bindparam("period_start", type_=DateTime()), bindparam("period_end", type_=DateTime()), bindparam("now", type_=DateTime())
)


def _in(column: ColumnElement[Any], window: Window) -> ColumnElement[bool]:
    return and_(column >= window.start, column < window.end)


def _total_key() -> ColumnElement[Any]:
    # One group for everything: every row gets the same key (never grouped by: PostgreSQL
    # refuses a constant in GROUP BY, and an aggregate without one gives its row even when empty).
    return literal("total")


def _group_by(grouping: Grouping | None, key: ColumnElement[Any]) -> tuple[ColumnElement[Any], ...]:
    return () if grouping is None else (key,)


def _alerts_in(window: Window, grouping: Grouping | None, *, repeat_victims: bool = True) -> FromClause:
    """The alerts received in the period, one row each, with what the figures need of them.

    Per alert, correlated subqueries on the ``(alert_id, started_at)`` index read its first
    contact and (for grouping by officer or outcome) its latest intervention, and one on the
    ``(person_id, received_at)`` index whether the person had an earlier alert: a few index
    look-ups per alert of the period, whatever the size of the tables.
    """
    other = INTERVENTIONS.alias("other_intervention")
    first_at = (
        select(func.min(other.c.started_at)).where(other.c.alert_id == ALERTS.c.id).scalar_subquery().label("first_at")
    )
    earlier = ALERTS.alias("earlier")
    repeat = case(
        (exists().where(earlier.c.person_id == ALERTS.c.person_id, earlier.c.received_at < ALERTS.c.received_at), 1),
        else_=0,
    ).label("repeat")
    columns: list[Any] = [ALERTS.c.id, ALERTS.c.person_id, ALERTS.c.received_at, first_at]
    if repeat_victims:
        columns.append(repeat)
    source: FromClause = ALERTS
    if grouping in (Grouping.FRAUD_TYPE, Grouping.STATION):
        columns.append((ALERTS.c.fraud_type if grouping is Grouping.FRAUD_TYPE else ALERTS.c.police_station).label("key"))
    elif grouping is Grouping.DISTRICT:
        source = ALERTS.join(PEOPLE, PEOPLE.c.id == ALERTS.c.person_id)
        columns.append(PEOPLE.c.district.label("key"))
    elif grouping in (Grouping.OFFICER, Grouping.OUTCOME):
        latest = other.c.officer if grouping is Grouping.OFFICER else other.c.outcome
        columns.append(
            select(latest)
            .where(other.c.alert_id == ALERTS.c.id)
            .order_by(other.c.started_at.desc(), other.c.id.desc())
            .limit(1)
            .scalar_subquery()
            .label("key")
        )
    elif grouping is Grouping.DAY:
        columns.append(day_of(ALERTS.c.received_at).label("key"))
    return select(*columns).select_from(source).where(_in(ALERTS.c.received_at, window)).subquery("period_alerts")


def alert_figures(window: Window, grouping: Grouping | None) -> tuple[Select, Select]:
    """Alerts received, handled and repeat victims; and the alert → first contact times.

    Returns:
        ``(figures, delays)``: a select of ``key, received, handled, repeat_victims`` and a
        select of ``key, value`` (seconds to the first contact) for :func:`~assistant.stats.sql.percentiles`.
    """
    alerts = _alerts_in(window, grouping)
    key = alerts.c.key if grouping else _total_key().label("key")
    contacts = _alerts_in(window, grouping, repeat_victims=False)
    contact_key = contacts.c.key if grouping else _total_key().label("key")
    figures = select(
        key,
        func.count(alerts.c.id).label("received"),
        func.count(alerts.c.first_at).label("handled"),
        func.count(func.distinct(case((alerts.c.repeat == 1, alerts.c.person_id)))).label("repeat_victims"),
    ).group_by(*_group_by(grouping, key))
    delays = select(contact_key, seconds_between(contacts.c.first_at, contacts.c.received_at).label("value")).where(
        contacts.c.first_at.is_not(None)
    )
    return figures, delays


def _record_key(grouping: Grouping | None, records: Any, time_column: ColumnElement[Any], outcome: Any) -> Any:
    """The key of a record row (intervention, stop-payment, escalation, follow-up) for a grouping."""
    if grouping is None:
        return _total_key().label("key")
    keys: dict[Grouping, Callable[[], ColumnElement[Any]]] = {
        Grouping.FRAUD_TYPE: lambda: ALERTS.c.fraud_type,
        Grouping.STATION: lambda: ALERTS.c.police_station,
        Grouping.DISTRICT: lambda: PEOPLE.c.district,
        Grouping.OFFICER: lambda: records.c.officer,
        Grouping.OUTCOME: lambda: outcome,
        Grouping.DAY: lambda: day_of(time_column),
    }
    return keys[grouping]().label("key")


def intervention_figures(window: Window, grouping: Grouping | None) -> tuple[Select, Select]:
    """Interventions by outcome, dissuasion rate, amounts saved and frozen; and the call durations.

    Returns:
        ``(figures, durations)``: a select of ``key, interventions, <outcome>…, dissuasion_rate,
        amount_saved, accounts_frozen, amount_frozen`` and a select of ``key, value`` (seconds).
    """
    table = INTERVENTIONS
    source: FromClause = table
    if grouping in (Grouping.FRAUD_TYPE, Grouping.STATION, Grouping.DISTRICT):
        source = source.join(ALERTS, ALERTS.c.id == table.c.alert_id)
    if grouping is Grouping.DISTRICT:
        source = source.join(PEOPLE, PEOPLE.c.id == ALERTS.c.person_id)
    key = _record_key(grouping, table, table.c.started_at, table.c.outcome)

    def count_of(outcomes: tuple[str, ...]) -> ColumnElement[Any]:
        return func.coalesce(func.sum(case((table.c.outcome.in_(outcomes), 1), else_=0)), 0)

    rate = cast(count_of(DISSUADED), Float) / func.nullif(count_of(DECIDED), 0)
    figures = (
        select(
            key,
            func.count(table.c.id).label("interventions"),
            *(count_of((outcome.value,)).label(outcome.value) for outcome in Outcome),
            rate.label("dissuasion_rate"),
            func.coalesce(func.sum(table.c.amount_saved), 0).label("amount_saved"),
            func.coalesce(func.sum(table.c.accounts_frozen), 0).label("accounts_frozen"),
            func.coalesce(func.sum(table.c.amount_frozen), 0).label("amount_frozen"),
        )
        .select_from(source)
        .where(_in(table.c.started_at, window))
        .group_by(*_group_by(grouping, key))
    )
    durations = (
        select(key, seconds_between(table.c.ended_at, table.c.started_at).label("value"))
        .select_from(source)
        .where(_in(table.c.started_at, window))
    )
    return figures, durations


def _outcome_of_conversation(records: Any) -> tuple[FromClause, ColumnElement[Any]]:
    """The intervention of the same case and conversation as ``records`` (for grouping by outcome)."""
    intervention = INTERVENTIONS.alias("conversation_intervention")
    on = and_(intervention.c.alert_id == records.c.alert_id, intervention.c.conversation_id == records.c.conversation_id)
    return intervention, on


def _record_source(records: Any, grouping: Grouping | None) -> tuple[FromClause, ColumnElement[Any]]:
    """``records`` joined to what the grouping needs (outer joins: a stop-payment may have no case)."""
    source: FromClause = records
    if grouping in (Grouping.FRAUD_TYPE, Grouping.STATION, Grouping.DISTRICT):
        source = source.outerjoin(ALERTS, ALERTS.c.id == records.c.alert_id)
    if grouping is Grouping.DISTRICT:
        source = source.outerjoin(PEOPLE, PEOPLE.c.id == ALERTS.c.person_id)
    outcome: ColumnElement[Any] = null()
    if grouping is Grouping.OUTCOME:
        intervention, on = _outcome_of_conversation(records)
        source = source.outerjoin(intervention, on)
        outcome = intervention.c.outcome
    return source, outcome


def stop_payment_figures(window: Window, grouping: Grouping | None) -> tuple[Select, Select]:
    """Stop-payment requests and their amount; and the transfer → request times.

    Returns:
        ``(figures, delays)``: a select of ``key, stop_payments, stop_payment_amount`` and a
        select of ``key, value`` (seconds from the transfer to the request).
    """
    table = STOP_PAYMENTS
    source, outcome = _record_source(table, grouping)
    key = _record_key(grouping, table, table.c.created_at, outcome)
    figures = (
        select(
            key,
            func.count(table.c.id).label("stop_payments"),
            func.coalesce(func.sum(table.c.amount), 0).label("stop_payment_amount"),
        )
        .select_from(source)
        .where(_in(table.c.created_at, window))
        .group_by(*_group_by(grouping, key))
    )
    delays = (
        select(key, seconds_between(table.c.created_at, table.c.transfer_time).label("value"))
        .select_from(source)
        .where(_in(table.c.created_at, window))
    )
    return figures, delays


def escalation_figures(window: Window, grouping: Grouping | None) -> Select:
    """Escalations to the station: a select of ``key, escalations``."""
    table = ESCALATIONS
    source, outcome = _record_source(table, grouping)
    key = _record_key(grouping, table, table.c.created_at, outcome)
    return (
        select(key, func.count(table.c.id).label("escalations"))
        .select_from(source)
        .where(_in(table.c.created_at, window))
        .group_by(*_group_by(grouping, key))
    )


def follow_up_figures(window: Window, grouping: Grouping | None) -> Select:
    """Follow-ups falling due in the period and those of them overdue: ``key, follow_ups_due, follow_ups_overdue``."""
    table = FOLLOW_UPS
    source: FromClause = table.join(INTERVENTIONS, INTERVENTIONS.c.id == table.c.intervention_id)
    if grouping in (Grouping.FRAUD_TYPE, Grouping.STATION, Grouping.DISTRICT):
        source = source.join(ALERTS, ALERTS.c.id == table.c.alert_id)
    if grouping is Grouping.DISTRICT:
        source = source.join(PEOPLE, PEOPLE.c.id == ALERTS.c.person_id)
    key = _record_key(grouping, INTERVENTIONS, table.c.due_at, INTERVENTIONS.c.outcome)
    overdue = and_(table.c.status == FOLLOW_UP_OPEN, table.c.due_at < window.now)
    return (
        select(
            key,
            func.count(table.c.id).label("follow_ups_due"),
            func.coalesce(func.sum(case((overdue, 1), else_=0)), 0).label("follow_ups_overdue"),
        )
        .select_from(source)
        .where(_in(table.c.due_at, window))
        .group_by(*_group_by(grouping, key))
    )


def stop_payment_distribution(window: Window) -> Select:
    """How many stop-payment requests of the period were filed within each bucket of time after the transfer.

    Returns:
        A select of ``bucket`` (the index in :data:`STOP_PAYMENT_BUCKETS`) and ``requests``.
    """
    table = STOP_PAYMENTS
    seconds = seconds_between(table.c.created_at, table.c.transfer_time)
    bucket = case(
        *((seconds < bound, index) for index, (bound, _label) in enumerate(STOP_PAYMENT_BUCKETS) if bound is not None),
        else_=len(STOP_PAYMENT_BUCKETS) - 1,
    ).label("bucket")
    return (
        select(bucket, func.count(table.c.id).label("requests"))
        .where(_in(table.c.created_at, window))
        .group_by(bucket)
    )
