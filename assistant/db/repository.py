"""Queries over the case database, written in SQLAlchemy 2.0 style on a given session."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from assistant.db.models import Alert, Escalation, FollowUp, Intervention, Person, StopPaymentRequest


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
