"""The demo seed: loaded into a migrated database, idempotent, covering every fraud type."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from assistant.db.models import Alert, Intervention, Person
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.domain.fraud_types import FraudType
from assistant.seed.loader import load_seed, read_demo_seed

# The closed cases of the source article (and the repeat victim 郑先生's earlier alerts).
ARTICLE_CASES = {
    "YJ20250226001": ("investment", "partly_dissuaded"),
    "YJ20250319001": ("impersonate_police", "dissuaded"),
    "YJ20250414001": ("impersonate_acquaintance", "dissuaded"),
    "YJ20250426001": ("impersonate_acquaintance", "dissuaded"),
    "YJ20250427001": ("impersonate_police", "dissuaded"),
    "YJ20250506001": ("unknown", "dissuaded"),
    "YJ20250511001": ("unknown", "dissuaded"),
    "YJ20250512001": ("impersonate_police", "dissuaded"),
    "YJ20251102001": ("investment", "dissuaded"),
    "YJ20251102002": ("investment", "dissuaded"),
}


def _counts(uow: SqlUnitOfWork) -> tuple[int, int, int]:
    with uow() as session:
        return (
            session.execute(select(func.count(Person.id))).scalar_one(),
            session.execute(select(func.count(Alert.id))).scalar_one(),
            session.execute(select(func.count(Intervention.id))).scalar_one(),
        )


def test_first_load_adds_everything_in_the_seed_file(uow: SqlUnitOfWork) -> None:
    seed = read_demo_seed()
    result = load_seed(uow, seed)
    expected_interventions = sum(len(alert.get("interventions") or []) for alert in seed["alerts"])
    assert (result.people, result.alerts, result.interventions) == (
        len(seed["people"]),
        len(seed["alerts"]),
        expected_interventions,
    )
    assert _counts(uow) == (result.people, result.alerts, result.interventions)
    assert result.alerts >= 50 and result.people >= 40


def test_loading_twice_adds_nothing_the_second_time(uow: SqlUnitOfWork) -> None:
    first = load_seed(uow, read_demo_seed())
    counts = _counts(uow)
    second = load_seed(uow, read_demo_seed())
    assert first.alerts > 0
    assert (second.people, second.alerts, second.interventions) == (0, 0, 0)
    assert _counts(uow) == counts


def test_every_fraud_type_has_at_least_one_alert(seeded_uow: SqlUnitOfWork) -> None:
    with seeded_uow() as session:
        types = set(session.execute(select(Alert.fraud_type)).scalars())
    assert types == {fraud_type.value for fraud_type in FraudType}


def test_article_cases_are_closed_with_their_outcomes(seeded_uow: SqlUnitOfWork) -> None:
    with seeded_uow() as session:
        alerts = {
            alert.case_id: alert
            for alert in session.execute(select(Alert).where(Alert.case_id.in_(ARTICLE_CASES))).scalars()
        }
        assert set(alerts) == set(ARTICLE_CASES)
        for case_id, (fraud_type, last_outcome) in ARTICLE_CASES.items():
            alert = alerts[case_id]
            assert alert.status == "closed", case_id
            assert alert.fraud_type == fraud_type, case_id
            assert alert.interventions, case_id
            assert alert.interventions[-1].outcome == last_outcome, case_id


def test_article_figures_are_kept(seeded_uow: SqlUnitOfWork) -> None:
    with seeded_uow() as session:
        he = session.execute(select(Alert).where(Alert.case_id == "YJ20250319001")).scalar_one()
        assert he.person.address_form == "何女士"
        assert he.police_station == "汉川南河派出所"
        assert he.interventions[0].amount_saved == 80000
        huang = session.execute(select(Alert).where(Alert.case_id == "YJ20250226001")).scalar_one()
        assert huang.interventions[0].accounts_frozen == 2
        assert huang.interventions[0].amount_frozen > 0


def test_demo_queue_cases_the_tests_rely_on(seeded_uow: SqlUnitOfWork) -> None:
    with seeded_uow() as session:
        alerts = {
            alert.case_id: alert
            for alert in session.execute(select(Alert).where(Alert.case_id.like("YJ2026112500%"))).scalars()
        }
        assert alerts["YJ20261125001"].fraud_type == "impersonate_police"
        assert alerts["YJ20261125001"].person.address_form == "张女士"
        assert alerts["YJ20261125002"].fraud_type == "investment"
        assert alerts["YJ20261125003"].fraud_type == "unknown"
        assert alerts["YJ20261125004"].fraud_type == "romance"
        assert all(alerts[f"YJ2026112500{n}"].status == "open" for n in range(1, 5))
        assert len(alerts["YJ20261125002"].person.alerts) == 3
        assert len(alerts["YJ20261125004"].person.alerts) == 2
        assert len(alerts["YJ20261125001"].person.alerts) == 1


def test_seed_interventions_get_distinct_conversation_ids(seeded_uow: SqlUnitOfWork) -> None:
    with seeded_uow() as session:
        ids = list(session.execute(select(Intervention.conversation_id)).scalars())
    assert ids and len(ids) == len(set(ids))
    assert all(conversation.startswith("seed-YJ") for conversation in ids)


def test_inconsistent_seed_is_rejected_and_writes_nothing(uow: SqlUnitOfWork) -> None:
    seed = {
        "people": [{"key": "p1", "name": "测某某", "address_form": "测女士", "phone": "13800009999"}],
        "alerts": [
            {
                "case_id": "YJ20261201001",
                "person": "nobody",
                "fraud_type": "investment",
                "risk_level": "high",
                "police_station": "测试派出所",
                "received_at": "2026-12-01T09:00:00",
            }
        ],
    }
    with pytest.raises(ValueError, match="nobody"):
        load_seed(uow, seed)
    assert _counts(uow) == (0, 0, 0)
