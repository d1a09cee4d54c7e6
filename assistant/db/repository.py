"""Queries over the case database, written in SQLAlchemy 2.0 style on a given session."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, select
from sqlalchemy.orm import Session, selectinload

from assistant.db.models import (
    Alert,
    Escalation,
    FollowUp,
    Intervention,
    LifeSafetyEvent,
    Person,
    StopPaymentRequest,
    User,
)

# Queue order of the risk levels: highest first; an unknown level goes last.
RISK_ORDER = {"high": 0, "medium": 1, "low": 2}


def alert_by_case_id(session: Session, case_id: str) -> Alert | None:
    """The alert with this case id, with its person and interventions loaded."""
    statement = (
        select(Alert)
        .where(Alert.case_id == case_id)
        .options(selectinload(Alert.person), selectinload(Alert.interventions))
    )
    return session.execute(statement).scalars().first()


def other_alerts_of_person(session: Session, person_id: int, exclude_alert_id: int) -> list[Alert]:
    """The person's other alerts, oldest first, with their interventions loaded."""
    statement = (
        select(Alert)
        .where(Alert.person_id == person_id, Alert.id != exclude_alert_id)
        .options(selectinload(Alert.interventions))
        .order_by(Alert.received_at)
    )
    return list(session.execute(statement).scalars())


def intervention_for(session: Session, alert_id: int, conversation_id: str) -> Intervention | None:
    """The intervention already recorded for this alert in this conversation, if any."""
    statement = select(Intervention).where(
        Intervention.alert_id == alert_id, Intervention.conversation_id == conversation_id
    )
    return session.execute(statement).scalars().first()


def follow_up_for(session: Session, intervention_id: int) -> FollowUp | None:
    """The follow-up scheduled for an intervention, if any."""
    statement = select(FollowUp).where(FollowUp.intervention_id == intervention_id)
    return session.execute(statement).scalars().first()


def escalation_for(session: Session, alert_id: int, conversation_id: str) -> Escalation | None:
    """The escalation already filed for this alert in this conversation, if any."""
    statement = select(Escalation).where(
        Escalation.alert_id == alert_id, Escalation.conversation_id == conversation_id
    )
    return session.execute(statement).scalars().first()


def matching_stop_payment(
    session: Session, conversation_id: str, payee_account: str, amount: int
) -> StopPaymentRequest | None:
    """A stop-payment already filed in this conversation for the same account and amount."""
    statement = select(StopPaymentRequest).where(
        StopPaymentRequest.conversation_id == conversation_id,
        StopPaymentRequest.payee_account == payee_account,
        StopPaymentRequest.amount == amount,
    )
    return session.execute(statement).scalars().first()


def person_by_key(session: Session, key: str) -> Person | None:
    """The person with this seed key, if any."""
    return session.execute(select(Person).where(Person.key == key)).scalars().first()


def user_by_username(session: Session, username: str) -> User | None:
    """The panel account with this username, if any."""
    return session.execute(select(User).where(User.username == username)).scalars().first()


def open_alerts(session: Session) -> list[Alert]:
    """The open alerts, highest risk first, then oldest first, with their person's alerts loaded."""
    risk_rank = case(RISK_ORDER, value=Alert.risk_level, else_=len(RISK_ORDER))
    statement = (
        select(Alert)
        .where(Alert.status == "open")
        .options(selectinload(Alert.person).selectinload(Person.alerts))
        .order_by(risk_rank, Alert.received_at, Alert.id)
    )
    return list(session.execute(statement).scalars())


def follow_ups_due_by(session: Session, until: datetime) -> list[tuple[FollowUp, Alert]]:
    """The follow-ups still to do that fall due by ``until``, earliest first, each with its alert."""
    statement = (
        select(FollowUp, Alert)
        .join(Alert, FollowUp.alert_id == Alert.id)
        .where(FollowUp.status == "due", FollowUp.due_at <= until)
        .options(selectinload(Alert.person))
        .order_by(FollowUp.due_at, FollowUp.id)
    )
    return [(follow_up, alert) for follow_up, alert in session.execute(statement).all()]


def open_life_safety_event(session: Session, conversation_id: str) -> LifeSafetyEvent | None:
    """The conversation's life-safety path that is still on (the latest), if any."""
    statement = (
        select(LifeSafetyEvent)
        .where(LifeSafetyEvent.conversation_id == conversation_id, LifeSafetyEvent.resolved_at.is_(None))
        .order_by(LifeSafetyEvent.id.desc())
    )
    return session.execute(statement).scalars().first()


def life_safety_events_of_alert(session: Session, alert_id: int) -> list[LifeSafetyEvent]:
    """Every life-safety event recorded on an alert, oldest first."""
    statement = select(LifeSafetyEvent).where(LifeSafetyEvent.alert_id == alert_id).order_by(LifeSafetyEvent.id)
    return list(session.execute(statement).scalars())
