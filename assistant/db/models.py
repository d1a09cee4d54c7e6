"""SQLAlchemy models of the case database. Schema changes go through Alembic migrations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import registry, relationship
from sqlalchemy.orm.decl_api import DeclarativeMeta

mapper_registry = registry()


class Base(metaclass=DeclarativeMeta):
    """Declarative base in the SQLAlchemy 1.4 form that type checkers understand."""

    __abstract__ = True
    registry = mapper_registry
    metadata = mapper_registry.metadata
    __init__ = mapper_registry.constructor


class Person(Base):
    """Someone an alert is about: the potential victim."""

    __tablename__ = "people"

    id = Column(Integer, primary_key=True)
    key = Column(String(64), unique=True, nullable=False)
    name = Column(String(64), nullable=False)
    address_form = Column(String(32), nullable=False)
    phone = Column(String(32))
    id_number = Column(String(32))
    district = Column(String(64))

    alerts = relationship("Alert", back_populates="person", order_by="Alert.received_at")


class Alert(Base):
    """A warning order (预警指令): the case an officer works on."""

    __tablename__ = "alerts"

    id = Column(Integer, primary_key=True)
    case_id = Column(String(32), unique=True, nullable=False, index=True)
    person_id = Column(Integer, ForeignKey("people.id"), nullable=False, index=True)
    fraud_type = Column(String(32), nullable=False, default="unknown")
    risk_level = Column(String(16), nullable=False)
    amount_at_risk = Column(BigInteger)
    payee_account = Column(String(32))
    payee_bank = Column(String(64))
    police_station = Column(String(64), nullable=False)
    received_at = Column(DateTime, nullable=False)
    source = Column(String(16), nullable=False, default="platform")
    reporter = Column(String(32))
    summary = Column(Text)
    status = Column(String(16), nullable=False, default="open")

    person = relationship("Person", back_populates="alerts")
    interventions = relationship("Intervention", back_populates="alert", order_by="Intervention.started_at")


class Intervention(Base):
    """One intervention on an alert and how it ended. One per alert and conversation."""

    __tablename__ = "interventions"
    __table_args__ = (UniqueConstraint("alert_id", "conversation_id", name="uq_intervention_conversation"),)

    id = Column(Integer, primary_key=True)
    alert_id = Column(Integer, ForeignKey("alerts.id"), nullable=False, index=True)
    conversation_id = Column(String(128), nullable=False)
    officer = Column(String(64), nullable=False)
    outcome = Column(String(32), nullable=False)
    amount_saved = Column(BigInteger, nullable=False, default=0)
    accounts_frozen = Column(Integer, nullable=False, default=0)
    amount_frozen = Column(BigInteger, nullable=False, default=0)
    started_at = Column(DateTime, nullable=False)
    ended_at = Column(DateTime, nullable=False)
    note = Column(Text)
    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)
    updated_at = Column(DateTime, nullable=False, default=datetime.utcnow)

    alert = relationship("Alert", back_populates="interventions")


class StopPaymentRequest(Base):
    """An emergency stop-payment (紧急止付) request, ready to hand to the bank or platform."""

    __tablename__ = "stop_payment_requests"

    id = Column(Integer, primary_key=True)
    alert_id = Column(Integer, ForeignKey("alerts.id"), index=True)
    conversation_id = Column(String(128), nullable=False)
    officer = Column(String(64), nullable=False)
    payee_account = Column(String(32), nullable=False)
    payee_bank = Column(String(64), nullable=False)
    amount = Column(BigInteger, nullable=False)
    transfer_time = Column(DateTime, nullable=False)
    transfer_time_text = Column(String(64), nullable=False)
    status = Column(String(16), nullable=False, default="submitted")
    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)


class Escalation(Base):
    """A hand-over to the local police station for an in-person visit (three-level linkage)."""

    __tablename__ = "escalations"

    id = Column(Integer, primary_key=True)
    alert_id = Column(Integer, ForeignKey("alerts.id"), nullable=False, index=True)
    conversation_id = Column(String(128), nullable=False)
    officer = Column(String(64), nullable=False)
    police_station = Column(String(64), nullable=False)
    reason = Column(Text, nullable=False)
    briefing = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)


class LifeSafetyEvent(Base):
    """A life-safety path of one conversation: the danger, where the person was, when it ended.

    ``alert_id`` is empty when no case was open: the event is recorded all the same.
    """

    __tablename__ = "life_safety_events"

    id = Column(Integer, primary_key=True)
    alert_id = Column(Integer, ForeignKey("alerts.id"), index=True)
    conversation_id = Column(String(128), nullable=False, index=True)
    officer = Column(String(64), nullable=False)
    kind = Column(String(16), nullable=False)
    location = Column(Text)
    started_at = Column(DateTime, nullable=False)
    located_at = Column(DateTime)
    resolved_at = Column(DateTime)
    resolved_by = Column(String(64))

    alert = relationship("Alert")


class FollowUp(Base):
    """A follow-up call due on a relapse-prone case."""

    __tablename__ = "follow_ups"

    id = Column(Integer, primary_key=True)
    alert_id = Column(Integer, ForeignKey("alerts.id"), nullable=False, index=True)
    intervention_id = Column(Integer, ForeignKey("interventions.id"), nullable=False, unique=True)
    due_at = Column(DateTime, nullable=False)
    reason = Column(Text, nullable=False)
    status = Column(String(16), nullable=False, default="due")
    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)


class User(Base):
    """A side-panel account: an officer, a trainee (sees no real personal data) or a supervisor."""

    __tablename__ = "users"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), unique=True, nullable=False)
    display_name = Column(String(64), nullable=False)
    role = Column(String(16), nullable=False)
    password_hash = Column(String(255), nullable=False)
    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)


class AccessLog(Base):
    """An audit record: who saw which case, or revealed which unmasked field, through which channel.

    ``action`` is ``view`` (the case card was shown) or ``reveal:<field>`` (``reveal:phone``,
    ``reveal:id_number``); ``channel`` is ``panel`` or ``chat``.
    """

    __tablename__ = "access_log"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, index=True)
    case_id = Column(String(32), nullable=False, index=True)
    action = Column(String(32), nullable=False)
    channel = Column(String(16), nullable=False)
    at = Column(DateTime, nullable=False, index=True)


class PanelSession(Base):
    """A side-panel sign-in. The cookie holds a random token; only its SHA-256 is stored here.

    A session is valid until ``expires_at`` unless ``revoked_at`` is set (sign-out).
    """

    __tablename__ = "panel_sessions"

    id = Column(String(64), primary_key=True)
    username = Column(String(64), nullable=False, index=True)
    created_at = Column(DateTime, nullable=False)
    expires_at = Column(DateTime, nullable=False, index=True)
    revoked_at = Column(DateTime)
    last_seen_at = Column(DateTime)


class DrillResult(Base):
    """A trainee's finished drill: score, turns, whether the person agreed to stop, transcript."""

    __tablename__ = "drill_results"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, index=True)
    drill_id = Column(String(64), nullable=False, index=True)
    score = Column(Integer, nullable=False)
    turns = Column(Integer, nullable=False)
    passed = Column(Boolean, nullable=False)
    started_at = Column(DateTime, nullable=False)
    finished_at = Column(DateTime, nullable=False)
    transcript = Column(Text, nullable=False)


# --- statistics indexes (migration 0007) ---------------------------------------------------
# The supervisors' report and dashboard (assistant.stats) select every table by a time range;
# the extra columns make the indexes covering for those queries.
Index("ix_alerts_received_at", Alert.received_at, Alert.person_id, Alert.fraud_type, Alert.police_station)
Index("ix_alerts_person_received", Alert.person_id, Alert.received_at)
Index(
    "ix_interventions_started_at",
    Intervention.started_at,
    Intervention.ended_at,
    Intervention.alert_id,
    Intervention.officer,
    Intervention.outcome,
    Intervention.amount_saved,
    Intervention.accounts_frozen,
    Intervention.amount_frozen,
)
Index("ix_interventions_alert_started", Intervention.alert_id, Intervention.started_at, Intervention.officer, Intervention.outcome)
Index(
    "ix_stop_payment_requests_created_at",
    StopPaymentRequest.created_at,
    StopPaymentRequest.transfer_time,
    StopPaymentRequest.amount,
    StopPaymentRequest.alert_id,
    StopPaymentRequest.officer,
)
Index("ix_escalations_created_at", Escalation.created_at)
Index("ix_follow_ups_due_at", FollowUp.due_at)
