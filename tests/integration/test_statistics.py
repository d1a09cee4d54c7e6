"""The report's figures against hand-computed values (tests/integration/stats_fixture.py), on SQLite and PostgreSQL.

PostgreSQL runs where its server binaries are installed (a scratch server in a temporary
folder, started and stopped by the test session).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from assistant.db.migrate import upgrade
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.services.statistics import build_dashboard, build_report
from assistant.stats import periods
from assistant.stats.queries import Grouping
from tests import postgres
from tests.integration import stats_fixture as fx

MARCH = periods.between(date(2026, 3, 1), date(2026, 3, 31))
DIALECTS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(postgres.server_bin() is None, reason="no PostgreSQL server binaries on this machine"),
    ),
]


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    with postgres.scratch_postgres() as url:
        yield url


@pytest.fixture(scope="module", params=DIALECTS)
def stats_uow(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlUnitOfWork]:
    """The fixed data set in a database migrated by Alembic (SQLite file, or the scratch PostgreSQL)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('stats') / 'stats.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    upgrade(url)
    engine = create_engine(url, future=True)
    with engine.begin() as connection:
        fx.insert_fixture(connection)
    try:
        yield SqlUnitOfWork(engine)
    finally:
        engine.dispose()


def assert_figures(actual: dict[str, Any], expected: dict[str, Any], where: str) -> None:
    for name, value in expected.items():
        if isinstance(value, float):
            assert actual[name] == pytest.approx(value), f"{where}: {name}"
        elif isinstance(value, dict) and "median" in value:
            assert actual[name]["count"] == value["count"], f"{where}: {name}"
            for part in ("median", "p90"):
                assert actual[name][part] == (None if value[part] is None else pytest.approx(value[part])), (
                    f"{where}: {name} {part}"
                )
        else:
            assert actual[name] == value, f"{where}: {name}"


def groups(uow: SqlUnitOfWork, grouping: Grouping, period: periods.Period = MARCH) -> dict[str | None, dict[str, Any]]:
    report = build_report(uow, period, grouping, fx.NOW).as_dict()
    return {group["key"]: group for group in report["groups"]}


def test_march_total(stats_uow: SqlUnitOfWork) -> None:
    report = build_report(stats_uow, MARCH, None, fx.NOW).as_dict()
    assert set(report["total"]) == set(fx.MARCH_TOTAL)
    assert_figures(report["total"], fx.MARCH_TOTAL, "total")
    assert report["groups"] == []
    assert report["period"]["since"] == "2026-03-01" and report["period"]["until"] == "2026-03-31"


def test_march_by_officer_every_figure(stats_uow: SqlUnitOfWork) -> None:
    by_officer = groups(stats_uow, Grouping.OFFICER)
    assert set(by_officer) == set(fx.MARCH_BY_OFFICER)
    for key, expected in fx.MARCH_BY_OFFICER.items():
        assert set(by_officer[key]) == set(expected) | {"key"}
        assert_figures(by_officer[key], expected, f"officer {key}")
    # The busiest first, the alerts nobody handled last.
    assert list(by_officer) == ["officer_li", "officer_zhou", None]


@pytest.mark.parametrize(
    ("grouping", "expected"),
    [
        (Grouping.FRAUD_TYPE, fx.MARCH_BY_FRAUD_TYPE),
        (Grouping.OUTCOME, fx.MARCH_BY_OUTCOME),
        (Grouping.DISTRICT, fx.MARCH_BY_DISTRICT),
        (Grouping.STATION, fx.MARCH_BY_STATION),
        (Grouping.DAY, fx.MARCH_BY_DAY),
    ],
)
def test_march_by_group(stats_uow: SqlUnitOfWork, grouping: Grouping, expected: dict[Any, dict[str, Any]]) -> None:
    found = groups(stats_uow, grouping)
    for key, figures in expected.items():
        assert key in found, f"{grouping.value}: no group {key}"
        assert_figures(found[key], figures, f"{grouping.value} {key}")


def test_groups_add_up_to_the_total(stats_uow: SqlUnitOfWork) -> None:
    additive = ("alerts_received", "alerts_handled", "interventions", "amount_saved", "stop_payments",
                "stop_payment_amount", "escalations", "follow_ups_due", "follow_ups_overdue")
    for grouping in Grouping:
        rows = groups(stats_uow, grouping).values()
        for name in additive:
            assert sum(row[name] for row in rows) == fx.MARCH_TOTAL[name], f"{grouping.value}: {name}"


def test_by_day_lists_every_day_of_the_period_in_order(stats_uow: SqlUnitOfWork) -> None:
    report = build_report(stats_uow, MARCH, Grouping.DAY, fx.NOW).as_dict()
    days = [group["key"] for group in report["groups"]]
    assert days == [f"2026-03-{day:02d}" for day in range(1, 32)]


def test_february_and_today(stats_uow: SqlUnitOfWork) -> None:
    february = build_report(stats_uow, periods.between(date(2026, 2, 1), date(2026, 2, 28)), None, fx.NOW)
    assert_figures(february.as_dict()["total"], fx.FEBRUARY_TOTAL, "february")
    today = build_report(stats_uow, periods.today(fx.NOW), None, fx.NOW)
    assert_figures(today.as_dict()["total"], fx.TODAY_TOTAL, "today")
    week = build_report(stats_uow, periods.this_week(fx.NOW), None, fx.NOW)  # Monday 16 … Sunday 22
    assert_figures(week.as_dict()["total"], fx.MARCH_TOTAL, "week")


def test_overdue_is_decided_against_now(stats_uow: SqlUnitOfWork) -> None:
    later = datetime(2026, 3, 19, 12, 0)  # f1 (due 03-19 11:10) has passed too
    report = build_report(stats_uow, MARCH, None, later).as_dict()
    assert report["total"]["follow_ups_overdue"] == 2


def test_an_empty_period_has_zeros_and_no_times(stats_uow: SqlUnitOfWork) -> None:
    empty = periods.between(date(2025, 1, 1), date(2025, 1, 31))
    total = build_report(stats_uow, empty, None, fx.NOW).total
    assert total.empty
    figures = total.as_dict()
    assert figures["alerts_received"] == figures["interventions"] == figures["stop_payments"] == 0
    assert figures["dissuasion_rate"] is None
    assert figures["call_seconds"] == {"count": 0, "median": None, "p90": None}
    assert build_report(stats_uow, empty, Grouping.FRAUD_TYPE, fx.NOW).rows == ()
    by_day = build_report(stats_uow, empty, Grouping.DAY, fx.NOW).rows
    assert len(by_day) == 31 and all(row.figures.empty for row in by_day)


def test_dashboard(stats_uow: SqlUnitOfWork) -> None:
    dashboard = build_dashboard(stats_uow, MARCH, fx.NOW).as_dict()
    today, week, month = dashboard["headline"]
    assert (today["period"]["name"], week["period"]["name"], month["period"]["name"]) == ("today", "week", "month")
    assert_figures(today, fx.TODAY_TOTAL, "headline today")
    shown = {name: value for name, value in fx.MARCH_TOTAL.items() if name != "call_seconds"}
    assert_figures(month, shown, "headline month")
    assert month["call_seconds"] is None  # not shown there, so not worked out
    assert_figures(dashboard["total"], fx.MARCH_TOTAL, "dashboard total")
    assert not dashboard["empty"]
    assert len(dashboard["trend"]) == 31
    assert dashboard["trend"][15] == {
        "day": "2026-03-16", "alerts_received": 2, "interventions": 3, "dissuaded": 2, "amount_saved": 70000,
        "stop_payments": 2,
    }
    buckets = {bucket["label"]: bucket["requests"] for bucket in dashboard["stop_payment_times"]["buckets"]}
    assert buckets == {"5分钟内": 1, "5–15分钟": 0, "15–30分钟": 1, "30–60分钟": 1, "1–2小时": 0, "2–6小时": 0,
                       "6–24小时": 0, "超过24小时": 0}
    assert dashboard["stop_payment_times"]["median"] == pytest.approx(1200.0)
    assert [row["key"] for row in dashboard["officers"]] == ["officer_li", "officer_zhou", None]
    assert {row["key"] for row in dashboard["by_fraud_type"]} == set(fx.MARCH_BY_FRAUD_TYPE)
    assert dashboard["by_station"][0]["key"] == fx.HC


def test_an_empty_database_gives_an_empty_dashboard(uow: SqlUnitOfWork) -> None:
    dashboard = build_dashboard(uow, MARCH, fx.NOW).as_dict()
    assert dashboard["empty"]
    assert [line["alerts_received"] for line in dashboard["headline"]] == [0, 0, 0]
    assert all(point["interventions"] == 0 for point in dashboard["trend"]) and len(dashboard["trend"]) == 31
    assert dashboard["by_fraud_type"] == dashboard["by_station"] == dashboard["officers"] == []
    assert sum(bucket["requests"] for bucket in dashboard["stop_payment_times"]["buckets"]) == 0
    assert dashboard["stop_payment_times"]["median"] is None


@pytest.mark.parametrize("stats_uow", DIALECTS[1:], indirect=True)
def test_percentiles_agree_with_postgresql_percentile_cont(stats_uow: SqlUnitOfWork) -> None:
    """Our portable percentiles are PostgreSQL's own ``percentile_cont``."""
    with stats_uow() as session:
        assert session.get_bind().dialect.name == "postgresql"
        native = session.execute(
            text(
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d), percentile_cont(0.9) WITHIN GROUP (ORDER BY d)"
                " FROM (SELECT EXTRACT(EPOCH FROM ended_at - started_at) AS d FROM interventions"
                " WHERE started_at >= '2026-03-01' AND started_at < '2026-04-01') AS calls"
            )
        ).one()
    ours = build_report(stats_uow, MARCH, None, fx.NOW).total.call_duration
    assert (ours.median, ours.p90) == (pytest.approx(float(native[0])), pytest.approx(float(native[1])))
