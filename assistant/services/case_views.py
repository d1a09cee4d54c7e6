"""Cases and the work queue as the side panel's API shows them (plain, JSON-ready dicts).

Officers, supervisors and trainees get the same shapes; for a trainee every real personal
value is replaced by a masked or pseudonymous one (``redact_for_trainee``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from assistant.domain.fraud_types import LABELS as FRAUD_LABELS
from assistant.domain.fraud_types import parse_fraud_type
from assistant.domain.identifiers import mask
from assistant.domain.outcomes import LABELS as OUTCOME_LABELS
from assistant.domain.outcomes import Outcome
from assistant.services.cases import RISK_LABELS, SOURCE_LABELS, CaseSummary
from assistant.services.personal_data import PersonalData, Redaction, pseudonym
from assistant.services.queue import DueFollowUp, QueuedAlert, WorkQueue


def iso(value: datetime | None) -> str | None:
    """A timestamp in ISO 8601, to the second (local time, as stored)."""
    return value.isoformat(timespec="seconds") if value else None


def _alert_fields(
    *,
    case_id: str,
    address_form: str,
    fraud_type: str,
    risk_level: str,
    amount_at_risk: int | None,
    received_at: datetime,
    police_station: str,
    repeat_victim: bool,
) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "address_form": address_form,
        "fraud_type": fraud_type,
        "fraud_type_label": FRAUD_LABELS[parse_fraud_type(fraud_type)],
        "risk_level": risk_level,
        "risk_label": RISK_LABELS.get(risk_level, risk_level),
        "amount_at_risk": amount_at_risk,
        "received_at": iso(received_at),
        "police_station": police_station,
        "repeat_victim": repeat_victim,
    }


def alert_view(alert: QueuedAlert) -> dict[str, Any]:
    """An open alert in the queue (``Alert`` of the API)."""
    return _alert_fields(
        case_id=alert.case_id,
        address_form=alert.address_form,
        fraud_type=alert.fraud_type,
        risk_level=alert.risk_level,
        amount_at_risk=alert.amount_at_risk,
        received_at=alert.received_at,
        police_station=alert.police_station,
        repeat_victim=alert.repeat_victim,
    )


def follow_up_view(follow_up: DueFollowUp) -> dict[str, Any]:
    """A follow-up falling due (``FollowUp`` of the API)."""
    return {
        "case_id": follow_up.case_id,
        "address_form": follow_up.address_form,
        "due_at": iso(follow_up.due_at),
        "reason": follow_up.reason,
    }


def queue_view(queue: WorkQueue, *, trainee: bool = False) -> dict[str, Any]:
    """The work queue; a trainee sees pseudonyms instead of the people's forms of address."""
    view = {
        "alerts": [alert_view(alert) for alert in queue.alerts],
        "follow_ups": [follow_up_view(follow_up) for follow_up in queue.follow_ups],
    }
    if trainee:
        for item in view["alerts"] + view["follow_ups"]:
            item["address_form"] = pseudonym(item["address_form"])
    return view


def case_view(case: CaseSummary, conversation_id: str) -> dict[str, Any]:
    """A case with everything the panel shows during the call (``Case`` of the API)."""
    view = _alert_fields(
        case_id=case.case_id,
        address_form=case.address_form,
        fraud_type=case.fraud_type,
        risk_level=case.risk_level,
        amount_at_risk=case.amount_at_risk,
        received_at=case.received_at,
        police_station=case.police_station,
        repeat_victim=case.is_repeat_victim,
    )
    view.update(
        {
            "payee_account": case.payee_account,
            "payee_bank": case.payee_bank,
            "phone_masked": case.phone_masked,
            "id_number_masked": case.id_number_masked,
            "district": case.district,
            "source_label": SOURCE_LABELS.get(case.source, case.source),
            "reporter": case.reporter,
            "summary": case.summary,
            "status": case.status,
            "earlier": [
                {
                    "case_id": other.case_id,
                    "received_at": iso(other.received_at),
                    "fraud_type_label": FRAUD_LABELS[parse_fraud_type(other.fraud_type)],
                    "outcomes": [OUTCOME_LABELS[Outcome(outcome)] for outcome in other.outcomes],
                    "amount_saved": other.amount_saved,
                }
                for other in case.earlier
            ],
            "conversation_id": conversation_id,
        }
    )
    return view


def redact_for_trainee(payload: Any, personal: PersonalData | Redaction) -> Any:
    """A payload as a trainee may see it.

    Every person's name and form of address become a pseudonym (surname kept, the rest
    masked), payee accounts, phones and id numbers are masked, and so is any other long
    number in the texts (an account typed during the conversation, say). Pass the
    ``Redaction`` of ``load_redaction`` to cover every case the payload mentions.
    """
    redacted = personal.redact(payload)
    if isinstance(redacted, dict) and redacted.get("payee_account"):
        redacted["payee_account"] = mask(str(redacted["payee_account"]).replace(" ", ""))
    return redacted
