"""The life-safety alert as the side panel shows it, and its one-step dispatch.

The assistant's life-safety path (a person talking of suicide, a medical emergency, a person
confined by the scammer, a minor in danger) sets the slots ``life_safety`` (the kind),
``life_safety_active`` and ``person_location``. The panel reads them from the tracker on the
server, never from the page, and a dispatch files the station's in-person visit with the
danger and the location at the top of its briefing, and says what to tell 110 or 120.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from assistant.db.unit_of_work import UnitOfWork
from assistant.errors import InvalidField, NoLifeSafetyAlert
from assistant.services.escalation import escalate
from assistant.services.life_safety import KIND_LABELS

# Where one click sends help: the case's police station, the police (110), an ambulance (120).
SERVICES: dict[str, str] = {"station": "辖区派出所", "110": "110", "120": "120急救"}
NO_LOCATION = "位置未知(继续询问)"


@dataclass(frozen=True)
class LifeSafetyAlert:
    """The danger the conversation is in, if any."""

    kind: str
    active: bool
    location: str | None

    @property
    def label(self) -> str:
        """The kind of danger in the officer's language."""
        return KIND_LABELS.get(self.kind, "生命安全风险")

    def as_dict(self) -> dict[str, Any]:
        """The alert as the panel API shows it."""
        return {"kind": self.kind, "label": self.label, "active": self.active, "location": self.location}


@dataclass(frozen=True)
class Dispatch:
    """A dispatch: the service told, the escalation filed, and what the officer says or sends."""

    service: str
    escalation_id: int
    message: str
    briefing: str


def life_safety_alert(slots: Mapping[str, Any]) -> LifeSafetyAlert | None:
    """The alert of a conversation from its slots (``None`` when the path never started)."""
    kind = slots.get("life_safety")
    if not kind:
        return None
    location = slots.get("person_location")
    return LifeSafetyAlert(str(kind), bool(slots.get("life_safety_active")), str(location) if location else None)


def dispatch(
    uow: UnitOfWork,
    *,
    case_id: str,
    conversation_id: str,
    officer: str,
    slots: Mapping[str, Any],
    service: str,
    now: datetime,
) -> Dispatch:
    """Send help: file the station's visit with the danger and location first, and say what to tell ``service``.

    Raises:
        InvalidField: for a service other than ``station``, ``110``, ``120``.
        NoLifeSafetyAlert: when the conversation is not on the life-safety path.
        CaseNotFound: when the case does not exist.
    """
    if service not in SERVICES:
        raise InvalidField("service", service, "只能通知 station(派出所)、110 或 120")
    alert = life_safety_alert(slots)
    if alert is None or not alert.active:
        raise NoLifeSafetyAlert(case_id)
    where = alert.location or NO_LOCATION
    # The briefing already leads with the life-safety record; the reason says who was sent where.
    note = f"生命安全紧急,已通知{SERVICES[service]},当前位置:{where}"
    receipt = escalate(
        uow, case_id=case_id, conversation_id=conversation_id, officer=officer, reactions=[], now=now,
        officer_note=note,
    )
    if service == "station":
        message = f"已通知{receipt.police_station}立即派员到场(第{receipt.escalation_id}号):{alert.label},位置:{where}。"
    else:
        message = (
            f"请立即拨打{service}并报告:案件 {case_id},对方{alert.label},位置:{where}。"
            f"同时已通知{receipt.police_station}派员到场(第{receipt.escalation_id}号)。对方仍在电话上,继续陪他说话。"
        )
    return Dispatch(service, receipt.escalation_id, message, receipt.briefing)
