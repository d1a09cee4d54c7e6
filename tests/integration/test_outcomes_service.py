"""services.outcomes: the outcome report, the intervention record and the follow-up."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from assistant.db.models import Alert, FollowUp, Intervention, Person
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.domain.outcomes import Outcome
from assistant.errors import CaseNotFound, InvalidField, InvalidFields, MissingOutcome
from assistant.services.outcomes import (
    OutcomeReport,
    build_report,
    format_confirmation,
    record_outcome,
    report_from_form,
)

STARTED = datetime(2026, 11, 25, 10, 0)
ENDED = datetime(2026, 11, 25, 10, 20)


def _record(uow: SqlUnitOfWork, case_id: str, report: OutcomeReport, conversation: str = "conv-1", **kwargs: Any):
    options: dict[str, Any] = {
        "conversation_id": conversation,
        "officer": "officer_test",
        "started_at": STARTED,
        "ended_at": ENDED,
        "follow_up_days": 3,
    }
    options.update(kwargs)
    return record_outcome(uow, case_id=case_id, report=report, **options)


def _interventions(uow: SqlUnitOfWork, case_id: str) -> list[Intervention]:
    with uow() as session:
        statement = (
            select(Intervention)
            .join(Alert)
            .where(Alert.case_id == case_id, ~Intervention.conversation_id.like("seed-%"))
            .order_by(Intervention.id)
        )
        return list(session.execute(statement).scalars())


def _follow_ups(uow: SqlUnitOfWork, case_id: str) -> list[FollowUp]:
    with uow() as session:
        statement = select(FollowUp).join(Alert, FollowUp.alert_id == Alert.id).where(Alert.case_id == case_id)
        return list(session.execute(statement).scalars())


def _status(uow: SqlUnitOfWork, case_id: str) -> str:
    with uow() as session:
        return session.execute(select(Alert.status).where(Alert.case_id == case_id)).scalar_one()


def _count(uow: SqlUnitOfWork, model: type) -> int:
    with uow() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


# --- build_report ---------------------------------------------------------------------


def test_build_report_uses_the_roles() -> None:
    report = build_report("partly_dissuaded", [(30000, "saved"), (20000, "frozen"), (50000, None)], 2, note="n")
    assert report == OutcomeReport(Outcome.PARTLY_DISSUADED, 30000, 2, 20000, "n")


def test_build_report_sums_amounts_of_the_same_role() -> None:
    report = build_report("dissuaded", [(30000, "saved"), (50000, "saved"), (1000, "frozen"), (2000, "frozen")])
    assert report.amount_saved == 80000
    assert report.amount_frozen == 3000


def test_unroled_amount_counts_as_saved_when_dissuaded() -> None:
    report = build_report("dissuaded", [(80000, None)])
    assert report.outcome is Outcome.DISSUADED
    assert report.amount_saved == 80000
    assert report.amount_frozen == 0


def test_unroled_amount_does_not_override_an_explicit_saved_amount() -> None:
    assert build_report("dissuaded", [(50000, "saved"), (80000, None)]).amount_saved == 50000


def test_unroled_amount_is_not_saved_when_the_intervention_failed() -> None:
    report = build_report("failed", [(80000, None)])
    assert report.amount_saved == 0
    assert report.outcome is Outcome.FAILED


def test_a_frozen_amount_implies_at_least_one_frozen_account() -> None:
    assert build_report("partly_dissuaded", [(8000, "frozen")]).accounts_frozen == 1
    assert build_report("partly_dissuaded", [(8000, "frozen")], 3).accounts_frozen == 3
    assert build_report("dissuaded", []).accounts_frozen == 0


@pytest.mark.parametrize("outcome", [None, ""])
@pytest.mark.parametrize("amounts", [[], [(80000, None)], [(5000, "frozen")]])
def test_build_report_without_an_outcome_raises_missing_outcome(
    outcome: str | None, amounts: list[tuple[int, str | None]]
) -> None:
    with pytest.raises(MissingOutcome) as caught:
        build_report(outcome, amounts)
    assert caught.value.response == "utter_outcome_missing"


def test_a_saved_amount_alone_reports_a_success() -> None:
    report = build_report(None, [(80000, "saved")])
    assert report.outcome is Outcome.DISSUADED
    assert report.amount_saved == 80000


def test_build_report_rejects_an_unknown_outcome_key() -> None:
    with pytest.raises(InvalidField) as caught:
        build_report("maybe", [])
    assert caught.value.field == "outcome"
    assert "不认识的劝阻结果" in caught.value.reason


@pytest.mark.parametrize(
    ("amounts", "accounts", "field", "reason"),
    [
        ([(-5, "saved")], None, "amount_saved", "大于0"),
        ([(float("inf"), "saved")], None, "amount_saved", "超过上限"),
        ([(float("nan"), "frozen")], None, "amount_frozen", "具体数字"),
        ([("1e30", None)], None, "amount", "超过上限"),
        ([("八百亿亿", "saved")], None, "amount_saved", "超过上限"),
        ([("很多", "saved")], None, "amount_saved", "没听懂金额"),
        ([(80000, "saved")], "十十", "accounts_frozen", "请填写数字"),
        ([(80000, "saved")], -1, "accounts_frozen", "不能为负数"),
        ([(80000, "saved")], 10**6, "accounts_frozen", "账户数过大"),
        ([(80000, "saved")], float("inf"), "accounts_frozen", "账户数过大"),
        ([(80000, "saved")], 1.5, "accounts_frozen", "整数"),
    ],
)
def test_build_report_rejects_values_that_are_no_amounts_or_counts(
    amounts: list[tuple[object, str | None]], accounts: object, field: str, reason: str
) -> None:
    with pytest.raises(InvalidField) as caught:
        build_report("dissuaded", amounts, accounts)
    assert caught.value.field == field
    assert reason in caught.value.reason


def test_build_report_reads_amounts_given_as_text() -> None:
    report = build_report("partly_dissuaded", [("8万", "saved"), ("3000", "frozen")], "2")
    assert (report.amount_saved, report.amount_frozen, report.accounts_frozen) == (80000, 3000, 2)


@pytest.mark.parametrize(
    ("fields", "failed"),
    [
        ({"amount_saved": float("inf")}, {"amount_saved"}),
        ({"amount_saved": "Infinity"}, {"amount_saved"}),
        ({"amount_saved": "NaN"}, {"amount_saved"}),
        ({"amount_saved": "1e30", "amount_frozen": "八百亿亿"}, {"amount_saved", "amount_frozen"}),
        ({"amount_saved": 10**400}, {"amount_saved"}),
        ({"accounts_frozen": float("nan")}, {"accounts_frozen"}),
        ({"accounts_frozen": "1e30"}, {"accounts_frozen"}),
        ({"accounts_frozen": "十十"}, {"accounts_frozen"}),
    ],
)
def test_report_from_form_rejects_bad_numbers_field_by_field(fields: dict[str, object], failed: set[str]) -> None:
    with pytest.raises(InvalidFields) as caught:
        report_from_form(outcome="dissuaded", **fields)
    assert set(caught.value.errors) == failed


# --- record_outcome -------------------------------------------------------------------


def test_record_outcome_creates_one_intervention_and_closes_the_alert(seeded_uow: SqlUnitOfWork) -> None:
    assert _status(seeded_uow, "YJ20261125001") == "open"
    record = _record(seeded_uow, "YJ20261125001", build_report("dissuaded", [(80000, None)], note="劝阻成功,8万"))
    assert not record.updated
    assert record.case_id == "YJ20261125001"
    rows = _interventions(seeded_uow, "YJ20261125001")
    assert len(rows) == 1
    row = rows[0]
    assert row.id == record.intervention_id
    assert (row.outcome, row.amount_saved, row.officer, row.conversation_id) == (
        "dissuaded", 80000, "officer_test", "conv-1"
    )
    assert (row.started_at, row.ended_at, row.note) == (STARTED, ENDED, "劝阻成功,8万")
    assert _status(seeded_uow, "YJ20261125001") == "closed"


def test_a_repeated_report_in_the_same_conversation_updates_the_record(seeded_uow: SqlUnitOfWork) -> None:
    first = _record(seeded_uow, "YJ20261125001", build_report("partly_dissuaded", [(30000, "saved")]))
    later = ENDED + timedelta(minutes=5)
    second = _record(
        seeded_uow,
        "YJ20261125001",
        build_report("dissuaded", [(80000, "saved"), (20000, "frozen")], 2),
        ended_at=later,
        officer="officer_other",
    )
    assert second.updated
    assert second.intervention_id == first.intervention_id
    rows = _interventions(seeded_uow, "YJ20261125001")
    assert len(rows) == 1
    row = rows[0]
    assert (row.outcome, row.amount_saved, row.amount_frozen, row.accounts_frozen) == ("dissuaded", 80000, 20000, 2)
    assert row.officer == "officer_other"
    assert row.ended_at == later
    assert row.started_at == STARTED
    assert "已更新" in format_confirmation(second)


def test_a_different_conversation_creates_another_record(seeded_uow: SqlUnitOfWork) -> None:
    first = _record(seeded_uow, "YJ20261125001", build_report("unreachable", []), conversation="conv-a")
    second = _record(seeded_uow, "YJ20261125001", build_report("dissuaded", []), conversation="conv-b")
    assert not second.updated
    assert second.intervention_id != first.intervention_id
    rows = _interventions(seeded_uow, "YJ20261125001")
    assert [(row.conversation_id, row.outcome) for row in rows] == [("conv-a", "unreachable"), ("conv-b", "dissuaded")]


@pytest.mark.parametrize(
    ("case_id", "reason_part"),
    [
        ("YJ20261125002", "重复受害人"),  # investment, repeat victim
        ("YJ20261125004", "重复受害人"),  # romance, repeat victim
        ("YJ20261120005", "易反复"),  # investment, first alert
        ("YJ20261121002", "易反复"),  # romance, first alert
        ("YJ20261122001", "重复受害人"),  # task rebate, repeat victim
    ],
)
def test_relapse_prone_cases_get_a_follow_up(seeded_uow: SqlUnitOfWork, case_id: str, reason_part: str) -> None:
    record = _record(seeded_uow, case_id, build_report("dissuaded", [(10000, "saved")]), follow_up_days=5)
    assert record.follow_up_due == ENDED + timedelta(days=5)
    follow_ups = _follow_ups(seeded_uow, case_id)
    assert len(follow_ups) == 1
    assert follow_ups[0].due_at == ENDED + timedelta(days=5)
    assert follow_ups[0].intervention_id == record.intervention_id
    assert follow_ups[0].status == "due"
    assert reason_part in follow_ups[0].reason
    assert "回访" in format_confirmation(record)


def test_a_first_time_impersonation_case_gets_no_follow_up(seeded_uow: SqlUnitOfWork) -> None:
    record = _record(seeded_uow, "YJ20261125001", build_report("dissuaded", [(80000, None)]))
    assert record.follow_up_due is None
    assert _follow_ups(seeded_uow, "YJ20261125001") == []
    assert "回访" not in format_confirmation(record)


@pytest.mark.parametrize("outcome", ["false_alarm", "unreachable"])
def test_no_follow_up_after_a_false_alarm_or_nobody_reached(seeded_uow: SqlUnitOfWork, outcome: str) -> None:
    record = _record(seeded_uow, "YJ20261125002", build_report(outcome, []))
    assert record.follow_up_due is None
    assert _follow_ups(seeded_uow, "YJ20261125002") == []


def test_updating_to_a_false_alarm_removes_the_follow_up(seeded_uow: SqlUnitOfWork) -> None:
    _record(seeded_uow, "YJ20261125002", build_report("dissuaded", [(100000, "saved")]))
    assert len(_follow_ups(seeded_uow, "YJ20261125002")) == 1
    record = _record(seeded_uow, "YJ20261125002", build_report("false_alarm", []))
    assert record.updated
    assert record.follow_up_due is None
    assert _follow_ups(seeded_uow, "YJ20261125002") == []
    assert len(_interventions(seeded_uow, "YJ20261125002")) == 1


def test_updating_a_report_moves_the_follow_up_instead_of_adding_one(seeded_uow: SqlUnitOfWork) -> None:
    _record(seeded_uow, "YJ20261125004", build_report("failed", []))
    later = ENDED + timedelta(hours=1)
    _record(seeded_uow, "YJ20261125004", build_report("dissuaded", []), ended_at=later, follow_up_days=2)
    follow_ups = _follow_ups(seeded_uow, "YJ20261125004")
    assert len(follow_ups) == 1
    assert follow_ups[0].due_at == later + timedelta(days=2)


def test_unknown_case_raises_and_writes_nothing(seeded_uow: SqlUnitOfWork) -> None:
    before = (_count(seeded_uow, Intervention), _count(seeded_uow, FollowUp))
    with pytest.raises(CaseNotFound):
        _record(seeded_uow, "YJ20991231001", build_report("dissuaded", [(1000, None)]))
    assert (_count(seeded_uow, Intervention), _count(seeded_uow, FollowUp)) == before


@pytest.fixture()
def failing_follow_up() -> Iterator[None]:
    """Make every flush that writes a follow-up fail, after the intervention was written."""

    def fail(session: Session, _context: Any, _instances: Any) -> None:
        if any(isinstance(instance, FollowUp) for instance in session.new):
            raise RuntimeError("disk full while writing the follow-up")

    event.listen(Session, "before_flush", fail)
    yield
    event.remove(Session, "before_flush", fail)


@pytest.mark.usefixtures("failing_follow_up")
def test_a_failure_inside_the_unit_of_work_rolls_everything_back(seeded_uow: SqlUnitOfWork) -> None:
    before = _count(seeded_uow, Intervention)
    with pytest.raises(RuntimeError, match="disk full"):
        _record(seeded_uow, "YJ20261125002", build_report("dissuaded", [(100000, "saved")]))
    assert _count(seeded_uow, Intervention) == before
    assert _interventions(seeded_uow, "YJ20261125002") == []
    assert _count(seeded_uow, FollowUp) == 0
    assert _status(seeded_uow, "YJ20261125002") == "open"


def test_the_unit_of_work_rolls_back_flushed_rows_on_error(uow: SqlUnitOfWork) -> None:
    with pytest.raises(RuntimeError):
        with uow() as session:
            session.add(Person(key="k", name="测某某", address_form="测女士"))
            session.flush()
            assert session.execute(select(func.count(Person.id))).scalar_one() == 1
            raise RuntimeError("after the row was added")
    assert _count(uow, Person) == 0


def test_confirmation_text_lists_the_figures(seeded_uow: SqlUnitOfWork) -> None:
    record = _record(seeded_uow, "YJ20261125001", build_report("partly_dissuaded", [(80000, "saved"), (8000, "frozen")], 2))
    text = format_confirmation(record)
    assert text.startswith("已记录案件 YJ20261125001 的劝阻结果:部分劝阻")
    assert "挽损 8万元" in text
    assert "冻结账户 2 个" in text
    assert "冻结金额 8,000元" in text
