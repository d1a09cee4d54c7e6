"""Dialect-neutral SQL pieces of the statistics: durations in seconds, days, percentiles.

Everything here compiles to plain SQL that SQLite (3.25+, for window functions) and PostgreSQL
both run, so the figures are the same whatever the database:

- :class:`seconds_between` is the one construct that needs a spelling per dialect
  (``julianday`` arithmetic on SQLite, ``EXTRACT(EPOCH …)`` on PostgreSQL), rounded to whole
  seconds so that both give the same integer;
- :func:`percentiles` ranks the values with ``row_number()`` and ``count()`` window functions
  and interpolates between the two ranks around the wanted position, in one ``GROUP BY``: the
  linear method of PostgreSQL's ``percentile_cont`` (and numpy's default), which SQLite lacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Date, Float, Integer, and_, case, cast, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ColumnElement, Select
from sqlalchemy.sql.functions import FunctionElement

# The percentiles the report gives, as exact fractions (numerator, denominator): integer rank
# arithmetic, no floating-point rounding of positions.
MEDIAN = (1, 2)
P90 = (9, 10)


class seconds_between(FunctionElement[Any]):  # noqa: N801 - used like a SQL function
    """``later - earlier`` in whole seconds (rounded), as an integer, on every dialect."""

    type = Integer()
    name = "seconds_between"
    inherit_cache = True


@compiles(seconds_between)
def _seconds_between_default(element: seconds_between, compiler: Any, **kw: Any) -> str:
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(ROUND(EXTRACT(EPOCH FROM ({later} - {earlier}))) AS INTEGER)"


@compiles(seconds_between, "sqlite")
def _seconds_between_sqlite(element: seconds_between, compiler: Any, **kw: Any) -> str:
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(ROUND((julianday({later}) - julianday({earlier})) * 86400.0) AS INTEGER)"


def day_of(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """The calendar day of a timestamp (``date(x)`` is the same function in SQLite and PostgreSQL)."""
    return func.date(column, type_=Date)


def percentiles(values: Select, fractions: Sequence[tuple[int, int]] = (MEDIAN, P90)) -> Select:
    """Per key, the given percentiles of the values of ``values`` and how many values there are.

    Args:
        values: a select of two columns, ``key`` and ``value`` (rows with a null value are dropped;
            a constant key gives one row for everything).
        fractions: the percentiles as ``(numerator, denominator)``.

    Returns:
        A select of ``key``, ``n`` and one float column ``p<i>`` per fraction, in order.
    """
    # Materialised once: otherwise the database may inline the value's expression (a correlated
    # subquery, date arithmetic) into each place that uses it and work it out several times a row.
    source = values.cte("pv").prefix_with("MATERIALIZED")
    counts = select(source.c.key, func.count().label("n")).where(source.c.value.is_not(None)).group_by(source.c.key)
    counted = counts.cte("pn")
    ranked = (
        select(
            source.c.key,
            source.c.value,
            func.row_number().over(partition_by=source.c.key, order_by=source.c.value).label("rn"),
            counted.c.n,
        )
        # The null-safe equality: a group may be keyed by nothing (an alert nobody handled).
        .join_from(source, counted, source.c.key.is_not_distinct_from(counted.c.key))
        .where(source.c.value.is_not(None))
        .subquery("ranked")
    )
    rn, n = ranked.c.rn, ranked.c.n
    bounds = []
    for numerator, denominator in fractions:
        # The wanted 0-based position is position / denominator, kept as an integer: the value
        # at rank floor(position) + 1 ("low") and at the rank above when it falls between two.
        position = literal(numerator) * (n - 1)
        at_low = and_(literal(denominator) * (rn - 1) <= position, position < literal(denominator) * rn)
        at_high = and_(literal(denominator) * (rn - 2) < position, position <= literal(denominator) * (rn - 1))
        bounds.append((denominator, position, at_low, at_high))
    # Only the few rows at those ranks go on to the aggregation.
    wanted = select(ranked).where(or_(*(condition for _d, _p, low, high in bounds for condition in (low, high))))
    picked = wanted.subquery("picked")
    columns: list[Any] = [picked.c.key, func.max(picked.c.n).label("n")]
    for index, (numerator, denominator) in enumerate(fractions):
        position = literal(numerator) * (picked.c.n - 1)
        at_low = and_(
            literal(denominator) * (picked.c.rn - 1) <= position, position < literal(denominator) * picked.c.rn
        )
        at_high = and_(
            literal(denominator) * (picked.c.rn - 2) < position, position <= literal(denominator) * (picked.c.rn - 1)
        )
        low = func.max(case((at_low, picked.c.value)))
        high = func.max(case((at_high, picked.c.value)))
        remainder = func.max(case((at_low, position - literal(denominator) * (picked.c.rn - 1))))
        interpolated = cast(low, Float) + (cast(high, Float) - cast(low, Float)) * cast(remainder, Float) / denominator
        columns.append(interpolated.label(f"p{index}"))
    return select(*columns).group_by(picked.c.key)
