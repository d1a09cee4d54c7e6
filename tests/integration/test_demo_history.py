"""The demo seed's month of history: deterministic, idempotent, recognised as demo data, never in the queue."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from assistant.db.migrate import upgrade
from assistant.db.models import Alert, FollowUp, Intervention
from assistant.db.unit_of_work import SqlUnitOfWork, get_engine
from assistant.seed.history import load_history
from assistant.seed.loader import foreign_case_ids, load_seed, read_demo_seed
from assistant.services.queue import load_queue
from assistant.services.statistics import build_report
from assistant.stats import periods
from tests.conftest import CHEAP_HASHER

NOW = datetime(2026, 12, 2, 15, 30)


def _counts(uow: SqlUnitOfWork) -> tuple[int, int]:
    with uow() as session:
        return (
            session.execute(select(func.count(Alert.id))).scalar_one(),
            session.execute(select(func.count(Intervention.id))).scalar_one(),
        )


def test_a_month_of_history_once(seeded_uow: SqlUnitOfWork) -> None:
    before = _counts(seeded_uow)
    first = load_history(seeded_uow, NOW)
    assert 300 <= first.alerts <= 600 and first.interventions > first.alerts
    assert _counts(seeded_uow) == (before[0] + first.alerts, before[1] + first.interventions)
    again = load_history(seeded_uow, NOW)
    assert (again.alerts, again.interventions) == (0, 0)
    assert foreign_case_ids(seeded_uow, read_demo_seed()) == []  # still a demo database


def test_a_later_day_adds_only_the_new_hours_and_days(seeded_uow: SqlUnitOfWork, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twin.db'}"
    upgrade(url)
    uow_factory_twin = SqlUnitOfWork(get_engine(url))
    load_seed(uow_factory_twin, read_demo_seed(), hasher=CHEAP_HASHER)
    load_history(seeded_uow, NOW)
    later = load_history(seeded_uow, NOW + timedelta(days=2))
    assert 0 < later.alerts < 100
    # The same history as if it had been loaded only on the later day (the days it has in common).
    load_history(uow_factory_twin, NOW + timedelta(days=2))
    window = periods.between((NOW - timedelta(days=27)).date(), (NOW + timedelta(days=2)).date())
    ours = build_report(seeded_uow, window, None, NOW).total
    theirs = build_report(uow_factory_twin, window, None, NOW).total
    assert (ours.alerts_received, ours.interventions, ours.amount_saved) == (
        theirs.alerts_received, theirs.interventions, theirs.amount_saved
    )


def test_the_history_is_closed_and_has_the_figures_a_dashboard_needs(seeded_uow: SqlUnitOfWork) -> None:
    open_before = len(load_queue(seeded_uow, NOW).alerts)
    load_history(seeded_uow, NOW)
    assert len(load_queue(seeded_uow, NOW).alerts) == open_before  # nothing new for the officers to call
    report = build_report(seeded_uow, periods.last_days(NOW, 30), None, NOW).total
    assert report.stop_payments > 10 and report.escalations > 5 and report.repeat_victims > 0
    assert 0.6 < (report.dissuasion_rate or 0) < 0.98
    assert report.first_contact and report.first_contact.median and 60 < report.first_contact.median < 900
    with seeded_uow() as session:
        future = session.execute(select(func.count(Alert.id)).where(Alert.received_at > NOW)).scalar_one()
        statuses = set(session.execute(select(FollowUp.status)).scalars())
    assert future == 0 and statuses == {"due", "done"}


def test_foreign_cases_are_still_refused(seeded_uow: SqlUnitOfWork) -> None:
    load_history(seeded_uow, NOW)
    with seeded_uow() as session:
        person = session.execute(select(Alert).limit(1)).scalars().one().person
        session.add(Alert(case_id="YJ20261201999", person=person, fraud_type="investment", risk_level="high",
                          police_station="某派出所", received_at=NOW, source="platform", status="open"))
    # A demo-looking case id on a person who is not the history's: not demo data.
    assert foreign_case_ids(seeded_uow, read_demo_seed()) == ["YJ20261201999"]
