"""Logging how an intervention ended, and scheduling the follow-up of relapse-prone cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from assistant.db import repository
from assistant.db.models import FollowUp, Intervention
from assistant.db.unit_of_work import UnitOfWork
from assistant.domain.amounts import format_yuan, read_amount_field
from assistant.domain.fraud_types import RELAPSE_PRONE, parse_fraud_type
from assistant.domain.outcomes import LABELS, Outcome, parse_reported_outcome, read_accounts_frozen
from assistant.errors import CaseNotFound, InvalidField, InvalidFields, MissingOutcome

# What the alert's status becomes: nobody reached stays open for another try; a hand-over to
# the station is tracked as escalated; everything else ends the alert.
STATUS_AFTER: dict[Outcome, str] = {
    Outcome.DISSUADED: "closed",
    Outcome.PARTLY_DISSUADED: "closed",
    Outcome.FAILED: "closed",
    Outcome.FALSE_ALARM: "closed",
    Outcome.UNREACHABLE: "open",
    Outcome.ESCALATED: "escalated",
}

# Outcomes after which a relapse-prone person is called again.
FOLLOW_UP_OUTCOMES = frozenset({Outcome.DISSUADED, Outcome.PARTLY_DISSUADED, Outcome.FAILED, Outcome.ESCALATED})


@dataclass(frozen=True)
class OutcomeReport:
    """What the officer reported: the outcome and the money figures."""

    outcome: Outcome
    amount_saved: int = 0
    accounts_frozen: int = 0
    amount_frozen: int = 0
    note: str | None = None


@dataclass(frozen=True)
class OutcomeRecord:
    """The stored intervention, as confirmed back to the officer."""

    intervention_id: int
    case_id: str
    report: OutcomeReport
    updated: bool
    follow_up_due: datetime | None


# The field an amount of each role is reported in, for the reason a bad one is rejected with.
_AMOUNT_FIELDS = {"saved": "amount_saved", "frozen": "amount_frozen", None: "amount"}


def build_report(
    outcome: str | None,
    amounts: Sequence[tuple[object, str | None]],
    accounts_frozen: object = None,
    note: str | None = None,
) -> OutcomeReport:
    """Turn extracted entities into a report.

    Args:
        outcome: the outcome key extracted from the message, if any.
        amounts: ``(value, role)`` of every amount mentioned; role ``saved``, ``frozen`` or
            ``None``. An amount without a role counts as saved when the outcome is a success
            ("劝阻成功,8万"). Values are yuan, as ints or as text ("8万"), checked here.
        accounts_frozen: the number of accounts frozen, if said.
        note: the officer's words, kept with the record; read for the outcome when no
            outcome entity was found ("这单失败了").

    Raises:
        InvalidField: an unknown outcome key, an amount that is not a real amount (negative,
            non-finite, above 100亿元, unreadable), or a count that is not a count.
        MissingOutcome: when no outcome was named and nothing was saved.
    """
    checked = [
        (read_amount_field(_AMOUNT_FIELDS.get(role, "amount"), value, allow_zero=True), role)
        for value, role in amounts
    ]
    count = read_accounts_frozen("accounts_frozen", accounts_frozen)
    saved = sum(value for value, role in checked if role == "saved")
    if not outcome and note:
        reported = parse_reported_outcome(note)
        outcome = reported.value if reported else None
    if not outcome and saved:
        outcome = Outcome.DISSUADED.value  # "挽损8万" alone reports a success
    if not outcome:
        raise MissingOutcome()
    try:
        parsed = Outcome(outcome)
    except ValueError as error:
        choices = "、".join(LABELS.values())
        raise InvalidField("outcome", outcome, f"不认识的劝阻结果,请选择:{choices}") from error
    frozen = sum(value for value, role in checked if role == "frozen")
    if not saved and parsed in (Outcome.DISSUADED, Outcome.PARTLY_DISSUADED):
        unroled = [value for value, role in checked if role is None]
        if parsed is Outcome.DISSUADED and unroled:
            saved = unroled[-1]
    if frozen and not count:
        count = 1
    return OutcomeReport(parsed, saved, count, frozen, note)


def _count(field: str, raw: object, parse_text: bool) -> int:
    """A non-negative number of yuan (or of accounts) from a form field; empty means 0."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return 0
    if parse_text:
        return read_amount_field(field, raw, allow_zero=True)
    return read_accounts_frozen(field, raw)


def report_from_form(
    *,
    outcome: str | None,
    amount_saved: object = 0,
    accounts_frozen: object = 0,
    amount_frozen: object = 0,
    note: str | None = None,
) -> OutcomeReport:
    """Build a report from the panel's outcome dialog, checking every field.

    Args:
        outcome: the outcome key (``dissuaded`` …); may be left empty when the note says it.
        amount_saved: yuan saved, a number or text such as "8万".
        accounts_frozen: how many accounts were frozen.
        amount_frozen: yuan frozen, a number or text.
        note: the officer's remarks, kept with the record.

    Raises:
        InvalidFields: an unknown outcome or a negative or unreadable number.
        MissingOutcome: when neither the outcome nor the note says how it ended, and nothing was saved.
    """
    failures: list[InvalidField] = []
    key = (outcome or "").strip() or None
    if key is not None and key not in {item.value for item in Outcome}:
        choices = "、".join(LABELS.values())
        failures.append(InvalidField("outcome", outcome, f"不认识的劝阻结果“{outcome}”,请选择:{choices}"))
    counts: dict[str, int] = {}
    for field, raw, parse_text in (
        ("amount_saved", amount_saved, True),
        ("accounts_frozen", accounts_frozen, False),
        ("amount_frozen", amount_frozen, True),
    ):
        try:
            counts[field] = _count(field, raw, parse_text)
        except InvalidField as error:
            failures.append(error)
    if failures:
        raise InvalidFields.collect(*failures)
    amounts: list[tuple[int, str | None]] = [
        (counts["amount_saved"], "saved"),
        (counts["amount_frozen"], "frozen"),
    ]
    amounts = [(value, role) for value, role in amounts if value]
    note = (note or "").strip() or None
    return build_report(key, amounts, counts["accounts_frozen"] or None, note)


def record_outcome(
    uow: UnitOfWork,
    *,
    case_id: str,
    conversation_id: str,
    officer: str,
    report: OutcomeReport,
    started_at: datetime,
    ended_at: datetime,
    follow_up_days: int,
) -> OutcomeRecord:
    """Store the intervention for this case and conversation, or update it if reported before.

    A relapse-prone case (investment or romance fraud, or a person with earlier alerts) gets
    a follow-up due ``follow_up_days`` after the call, unless it was a false alarm or nobody
    was reached.

    Raises:
        CaseNotFound: when the case does not exist.
    """
    with uow() as session:
        alert = repository.alert_by_case_id(session, case_id)
        if alert is None:
            raise CaseNotFound(case_id)
        intervention = repository.intervention_for(session, alert.id, conversation_id)
        updated = intervention is not None
        if intervention is None:
            intervention = Intervention(alert_id=alert.id, conversation_id=conversation_id, started_at=started_at)
            session.add(intervention)
        intervention.officer = officer
        intervention.outcome = report.outcome.value
        intervention.amount_saved = report.amount_saved
        intervention.accounts_frozen = report.accounts_frozen
        intervention.amount_frozen = report.amount_frozen
        intervention.ended_at = ended_at
        intervention.note = report.note
        intervention.updated_at = ended_at
        alert.status = STATUS_AFTER[report.outcome]
        session.flush()

        others = repository.other_alerts_of_person(session, alert.person_id, alert.id)
        relapse_prone = bool(others) or parse_fraud_type(alert.fraud_type) in RELAPSE_PRONE
        follow_up = repository.follow_up_for(session, intervention.id)
        due: datetime | None = None
        if relapse_prone and report.outcome in FOLLOW_UP_OUTCOMES:
            due = ended_at + timedelta(days=follow_up_days)
            reason = "重复受害人,防止再次被骗" if others else "该类诈骗易反复,回访确认未再转账"
            if follow_up is None:
                session.add(FollowUp(alert_id=alert.id, intervention_id=intervention.id, due_at=due, reason=reason))
            else:
                follow_up.due_at, follow_up.reason, follow_up.status = due, reason, "due"
        elif follow_up is not None:
            session.delete(follow_up)
        return OutcomeRecord(intervention.id, case_id, report, updated, due)


def format_confirmation(record: OutcomeRecord) -> str:
    """The confirmation shown after logging (Chinese)."""
    report = record.report
    parts = [f"已{'更新' if record.updated else '记录'}案件 {record.case_id} 的劝阻结果:{LABELS[report.outcome]}"]
    if report.amount_saved:
        parts.append(f"挽损 {format_yuan(report.amount_saved)}")
    if report.accounts_frozen:
        parts.append(f"冻结账户 {report.accounts_frozen} 个")
    if report.amount_frozen:
        parts.append(f"冻结金额 {format_yuan(report.amount_frozen)}")
    text = ",".join(parts) + "。"
    if record.follow_up_due:
        text += f"\n该案易反复,已安排回访:{record.follow_up_due:%Y-%m-%d %H:%M} 前回访。"
    return text
