"""``quanzu stats generate``: a scratch database full of synthetic history, for benchmarks.

Writes with bulk inserts (``executemany`` in large batches, ids given by the generator, one
transaction per batch) into an EMPTY database; it refuses one that holds any case, so it can
never be pointed at a real case database by mistake. SQLite is written without a journal
(a scratch file: a crash means generating again); ``ANALYZE`` runs at the end, so the query
planner knows the tables' sizes, as it would on a database that grew over the years.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TextIO

from sqlalchemy import Table, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import Connection, Engine

from assistant.db.migrate import upgrade
from assistant.db.models import Alert, Escalation, FollowUp, Intervention, Person, StopPaymentRequest
from assistant.errors import QuanzuError
from assistant.stats.synthetic import HOUR_WEIGHTS, DayPlanner, History, Ids, day_volume

BATCH_ALERTS = 40_000
INTERVENTIONS_PER_DAY = 850
# About 9 in 100 alerts need a second call; weekends are quieter (see synthetic.day_volume).
CALLS_PER_ALERT = 1.09
MEAN_DAY_FACTOR = (5 * 1.08 + 2 * 0.75) / 7


class DatabaseNotEmpty(QuanzuError):
    """The generator was pointed at a database that already holds cases."""

    def __init__(self, database_url: str, alerts: int) -> None:
        super().__init__(
            f"{database_url} already holds {alerts:,} alerts: the generator only fills an empty scratch database",
            database_url=database_url,
        )


@dataclass
class GenerationResult:
    """What was generated, and how long it took."""

    days: int
    alerts: int = 0
    interventions: int = 0
    stop_payments: int = 0
    escalations: int = 0
    follow_ups: int = 0
    seconds: float = 0.0


@dataclass
class _Buffer:
    history: History = field(default_factory=History)
    person_ids: dict[str, int] = field(default_factory=dict)
    next_person: int = 1


def _scratch_engine(database_url: str) -> Engine:
    engine = create_engine(database_url, future=True)
    if engine.dialect.name == "sqlite":

        def fast(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=OFF")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-200000")
            cursor.close()

        event.listen(engine, "connect", fast)
    return engine


def _days(first: date, count: int) -> Iterator[date]:
    for offset in range(count):
        yield first + timedelta(days=offset)


def _write(connection: Connection, buffer: _Buffer, result: GenerationResult) -> None:
    history = buffer.history
    people = []
    for entry in history.people:
        if entry["key"] not in buffer.person_ids:
            buffer.person_ids[entry["key"]] = buffer.next_person
            people.append({**entry, "id": buffer.next_person})
            buffer.next_person += 1
    alerts = [
        {**{name: value for name, value in row.items() if name != "person_key"}, "person_id": buffer.person_ids[row["person_key"]]}
        for row in history.alerts
    ]
    for table, rows in (
        (Person.__table__, people),
        (Alert.__table__, alerts),
        (Intervention.__table__, history.interventions),
        (StopPaymentRequest.__table__, history.stop_payments),
        (Escalation.__table__, history.escalations),
        (FollowUp.__table__, history.follow_ups),
    ):
        if rows:
            _insert(connection, table, rows)
    result.alerts += len(history.alerts)
    result.interventions += len(history.interventions)
    result.stop_payments += len(history.stop_payments)
    result.escalations += len(history.escalations)
    result.follow_ups += len(history.follow_ups)
    buffer.history = History()


def _sqlite_value(value: Any) -> Any:
    # The text SQLAlchemy itself stores a DateTime as in SQLite (microseconds always written),
    # so that range comparisons and reads see these rows like any other.
    return value.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(value, datetime) else value


def _insert(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows: straight to the SQLite driver (SQLAlchemy's per-row work is most of the time), else Core."""
    if connection.dialect.name != "sqlite":
        connection.execute(table.insert(), rows)
        return
    columns = [column.name for column in table.columns]
    statement = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    connection.exec_driver_sql(statement, [tuple(_sqlite_value(row.get(name)) for name in columns) for row in rows])


def _reset_sequences(connection: Connection) -> None:
    """On PostgreSQL, move each id sequence past the ids the generator wrote itself."""
    for table in ("people", "alerts", "interventions", "stop_payment_requests", "escalations", "follow_ups"):
        connection.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 1))")
        )


def generate(
    database_url: str,
    *,
    interventions: int,
    now: datetime,
    days: int | None = None,
    seed: int = 12356,
    progress: TextIO | None = None,
) -> GenerationResult:
    """Fill an empty database with at least ``interventions`` interventions of synthetic history ending at ``now``.

    Args:
        database_url: the scratch database (migrated here if needed).
        interventions: how many interventions at least (a few more, as whole days are generated).
        now: the end of the history.
        days: how many days back it goes; by default about 850 interventions a day.
        seed: the random seed: the same seed, ``now`` and size give the same database.
        progress: where to report progress (standard error for the command line).

    Raises:
        DatabaseNotEmpty: when the database already holds alerts.
    """
    started = time.perf_counter()
    upgrade(database_url)
    engine = _scratch_engine(database_url)
    try:
        with engine.connect() as connection:
            existing = connection.execute(select(func.count()).select_from(Alert.__table__)).scalar_one()
        if existing:
            raise DatabaseNotEmpty(database_url, existing)
        days = days or max(1, math.ceil(interventions / INTERVENTIONS_PER_DAY))
        # Today is only partly over: count the share of its alerts that has already come in.
        elapsed = sum(HOUR_WEIGHTS[: now.hour]) + HOUR_WEIGHTS[now.hour] * now.minute / 60
        per_day = interventions / ((days - 1 + elapsed / sum(HOUR_WEIGHTS)) * CALLS_PER_ALERT * MEAN_DAY_FACTOR)
        planner = DayPlanner(seed, first_sequence=1, ids=Ids())
        buffer = _Buffer()
        result = GenerationResult(days=days)
        first = now.date() - timedelta(days=days - 1)
        for number, day in enumerate(_days(first, days), start=1):
            volume = day_volume(day, per_day, random.Random(f"{seed}:volume:{day.isoformat()}"))
            planned = planner.plan(day, volume, now)
            for name in ("people", "alerts", "interventions", "stop_payments", "escalations", "follow_ups"):
                getattr(buffer.history, name).extend(getattr(planned, name))
            if len(buffer.history.alerts) >= BATCH_ALERTS or number == days:
                with engine.begin() as connection:
                    _write(connection, buffer, result)
                if progress is not None:
                    print(f"  {day.isoformat()}: {result.interventions:,} interventions", file=progress, flush=True)
        # Short of the count (the days' volumes are random): add days before the first one.
        earlier = first
        while result.interventions < interventions:
            earlier -= timedelta(days=1)
            volume = day_volume(earlier, per_day, random.Random(f"{seed}:volume:{earlier.isoformat()}"))
            buffer.history = planner.plan(earlier, volume, now)
            result.days += 1
            with engine.begin() as connection:
                _write(connection, buffer, result)
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                _reset_sequences(connection)
            connection.execute(text("ANALYZE"))
        result.seconds = time.perf_counter() - started
        return result
    finally:
        engine.dispose()


def has_history(database_url: str) -> int:
    """How many interventions a database holds (0 when it has no schema yet)."""
    engine = create_engine(database_url, future=True)
    try:
        if not inspect(engine).has_table("interventions"):
            return 0
        with engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(Intervention.__table__)).scalar_one())
    finally:
        engine.dispose()
