"""The officer's work queue: open alerts by urgency, and the follow-up calls falling due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from assistant.db import repository
from assistant.db.unit_of_work import UnitOfWork

# Follow-ups due within this horizon are listed, so tomorrow's calls can be planned today.
FOLLOW_UP_HORIZON = timedelta(days=1)


@dataclass(frozen=True)
class QueuedAlert:
    """An open alert as the queue lists it."""

    case_id: str
    address_form: str
    fraud_type: str
    risk_level: str
    amount_at_risk: int | None
    received_at: datetime
    police_station: str
    repeat_victim: bool


@dataclass(frozen=True)
class DueFollowUp:
    """A follow-up call to make on a relapse-prone case."""

    case_id: str
    address_form: str
    due_at: datetime
    reason: str


@dataclass(frozen=True)
class WorkQueue:
    """The open alerts (highest risk first, then oldest first) and the follow-ups due."""

    alerts: tuple[QueuedAlert, ...]
    follow_ups: tuple[DueFollowUp, ...]


def load_queue(uow: UnitOfWork, now: datetime, horizon: timedelta = FOLLOW_UP_HORIZON) -> WorkQueue:
    """Read the work queue.

    Args:
        uow: the unit of work on the case database.
        now: the current time.
        horizon: follow-ups due up to ``now + horizon`` are listed (overdue ones too).
    """
    with uow() as session:
        alerts = tuple(
            QueuedAlert(
                case_id=alert.case_id,
                address_form=alert.person.address_form,
                fraud_type=alert.fraud_type or "unknown",
                risk_level=alert.risk_level,
                amount_at_risk=alert.amount_at_risk,
                received_at=alert.received_at,
                police_station=alert.police_station,
                repeat_victim=len(alert.person.alerts) > 1,
            )
            for alert in repository.open_alerts(session)
        )
        follow_ups = tuple(
            DueFollowUp(alert.case_id, alert.person.address_form, follow_up.due_at, follow_up.reason)
            for follow_up, alert in repository.follow_ups_due_by(session, now + horizon)
        )
    return WorkQueue(alerts, follow_ups)
