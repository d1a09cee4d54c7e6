"""Escalation to the local police station for an in-person visit (市、县、所三级联动)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assistant.db import repository
from assistant.db.models import Escalation
from assistant.db.unit_of_work import UnitOfWork
from assistant.domain.amounts import format_yuan
from assistant.domain.fraud_types import LABELS, parse_fraud_type
from assistant.domain.identifiers import mask
from assistant.errors import CaseNotFound
from assistant.services.cases import RISK_LABELS
from assistant.services.life_safety import briefing_lines

# What each reaction of the person tells the station about the phone intervention.
REACTION_NOTES: dict[str, str] = {
    "call_dropped": "对方挂断或无法接通",
    "distrusts_officer": "对方怀疑民警身份,不信任电话劝阻",
    "claims_real_official": "对方坚信骗子是真的公检法/客服",
    "defends_investment": "对方坚信投资平台是真的",
    "about_to_send": "对方正准备转账",
    "money_already_sent": "对方已经转账",
    "shared_code_or_screen": "对方已共享屏幕/提供验证码/安装陌生APP",
    "told_to_keep_secret": "对方被要求保密",
    "emotional_distress": "对方情绪激动",
}


@dataclass(frozen=True)
class EscalationReceipt:
    """A filed escalation and the briefing for the station."""

    escalation_id: int
    case_id: str
    police_station: str
    briefing: str
    updated: bool


def escalation_reason(reactions: list[str], officer_note: str | None = None) -> str:
    """Summarise the phone intervention so far from the person's reactions (latest first).

    The officer's own words, when given, come first.
    """
    notes: list[str] = []
    for intent in reactions:
        note = REACTION_NOTES.get(intent)
        if note and note not in notes:
            notes.append(note)
    notes = notes[:4]
    if officer_note and officer_note.strip():
        notes.insert(0, officer_note.strip())
    return ";".join(notes) if notes else "电话劝阻效果不明,需见面劝阻"


def escalate(
    uow: UnitOfWork,
    *,
    case_id: str,
    conversation_id: str,
    officer: str,
    reactions: list[str],
    now: datetime,
    officer_note: str | None = None,
) -> EscalationReceipt:
    """Hand the case to its police station; a repeat in the same conversation updates it.

    ``officer_note`` is the officer's own reason, put before what the reactions tell.

    Raises:
        CaseNotFound: when the case does not exist.
    """
    with uow() as session:
        alert = repository.alert_by_case_id(session, case_id)
        if alert is None:
            raise CaseNotFound(case_id)
        person = alert.person
        reason = escalation_reason(reactions, officer_note)
        risk = RISK_LABELS.get(alert.risk_level, alert.risk_level)
        # Life safety first: a person in danger is what the station must read before anything.
        life_safety_events = repository.life_safety_events_of_alert(session, alert.id)
        in_danger = any(event.resolved_at is None for event in life_safety_events)
        briefing = "\n".join(
            [
                f"【见面劝阻请求】{alert.police_station}:",
                *briefing_lines(life_safety_events),
                f"案件 {alert.case_id},对象 {person.address_form}({person.district or '辖区'},电话 {mask(person.phone)}),"
                f"{LABELS[parse_fraud_type(alert.fraud_type)]},风险{risk}。",
                f"涉案金额:{format_yuan(alert.amount_at_risk) if alert.amount_at_risk else '未知'}"
                + (f",收款账户 {alert.payee_account}({alert.payee_bank or '开户行未知'})" if alert.payee_account else ""),
                f"电话劝阻情况:{reason}。",
                *(["对象仍有生命危险:请先确保人身安全(需要时联系110/120),再谈钱的事。"] if in_danger else []),
                "请立即派员上门见面劝阻:先点明对方遇到的是骗局,当面核实,必要时陪同到银行;劝阻后在系统登记结果。",
            ]
        )
        escalation = repository.escalation_for(session, alert.id, conversation_id)
        updated = escalation is not None
        if escalation is None:
            escalation = Escalation(alert_id=alert.id, conversation_id=conversation_id, created_at=now)
            session.add(escalation)
        escalation.officer = officer
        escalation.police_station = alert.police_station
        escalation.reason = reason
        escalation.briefing = briefing
        session.flush()
        return EscalationReceipt(escalation.id, alert.case_id, alert.police_station, briefing, updated)
