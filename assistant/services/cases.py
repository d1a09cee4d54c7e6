"""Looking up a case and presenting its essentials to the officer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from assistant.db import repository
from assistant.db.models import Alert
from assistant.db.unit_of_work import UnitOfWork
from assistant.domain.amounts import format_yuan
from assistant.domain.fraud_types import LABELS as FRAUD_LABELS
from assistant.domain.fraud_types import RELAPSE_PRONE, parse_fraud_type
from assistant.domain.identifiers import mask, validate_case_id
from assistant.domain.outcomes import LABELS as OUTCOME_LABELS
from assistant.domain.outcomes import Outcome
from assistant.errors import CaseNotFound

RISK_LABELS = {"high": "高", "medium": "中", "low": "低"}
SOURCE_LABELS = {"platform": "预警平台", "relative": "亲属报警", "hotline": "市民来电"}


@dataclass(frozen=True)
class EarlierAlert:
    """Another alert about the same person, with how its interventions ended."""

    case_id: str
    received_at: datetime
    fraud_type: str
    status: str
    outcomes: tuple[str, ...]
    amount_saved: int


@dataclass(frozen=True)
class CaseSummary:
    """The essentials of a case, as the officer needs them during the call."""

    case_id: str
    address_form: str
    fraud_type: str
    risk_level: str
    amount_at_risk: int | None
    payee_account: str | None
    payee_bank: str | None
    police_station: str
    received_at: datetime
    status: str
    source: str
    reporter: str | None
    summary: str | None
    phone_masked: str
    district: str | None
    earlier: tuple[EarlierAlert, ...] = field(default_factory=tuple)
    id_number_masked: str = ""

    @property
    def fraud_type_label(self) -> str:
        """The fraud type's Chinese name."""
        return FRAUD_LABELS[parse_fraud_type(self.fraud_type)]

    @property
    def has_known_type(self) -> bool:
        """Whether the record names a fraud type."""
        return self.fraud_type != "unknown"

    @property
    def is_repeat_victim(self) -> bool:
        """Whether the same person has other alerts on record."""
        return bool(self.earlier)

    @property
    def relapse_prone(self) -> bool:
        """Whether this case needs a follow-up after the call."""
        return self.is_repeat_victim or parse_fraud_type(self.fraud_type) in RELAPSE_PRONE


def _summarise(alert: Alert, others: list[Alert]) -> CaseSummary:
    person = alert.person
    earlier = tuple(
        EarlierAlert(
            case_id=other.case_id,
            received_at=other.received_at,
            fraud_type=other.fraud_type,
            status=other.status,
            outcomes=tuple(intervention.outcome for intervention in other.interventions),
            amount_saved=sum(intervention.amount_saved or 0 for intervention in other.interventions),
        )
        for other in others
    )
    return CaseSummary(
        case_id=alert.case_id,
        address_form=person.address_form,
        fraud_type=alert.fraud_type or "unknown",
        risk_level=alert.risk_level,
        amount_at_risk=alert.amount_at_risk,
        payee_account=alert.payee_account,
        payee_bank=alert.payee_bank,
        police_station=alert.police_station,
        received_at=alert.received_at,
        status=alert.status,
        source=alert.source,
        reporter=alert.reporter,
        summary=alert.summary,
        phone_masked=mask(person.phone),
        district=person.district,
        earlier=earlier,
        id_number_masked=mask(person.id_number),
    )


def load_case(uow: UnitOfWork, raw_case_id: str) -> CaseSummary:
    """Look up a case by id as the officer typed it.

    Raises:
        MalformedCaseId: the id does not have the case id format.
        CaseNotFound: no alert has this id.
    """
    case_id = validate_case_id(raw_case_id)
    with uow() as session:
        alert = repository.alert_by_case_id(session, case_id)
        if alert is None:
            raise CaseNotFound(case_id)
        others = repository.other_alerts_of_person(session, alert.person_id, alert.id)
        return _summarise(alert, others)


def format_case_card(case: CaseSummary) -> str:
    """The case card shown to the officer when a case is opened (Chinese, one fact a line)."""
    lines = [
        f"【案件 {case.case_id}】{case.address_form} · {case.fraud_type_label} · 风险{RISK_LABELS.get(case.risk_level, case.risk_level)}",
        f"涉案金额:{format_yuan(case.amount_at_risk) if case.amount_at_risk else '未知'}",
        f"收款账户:{case.payee_account or '未知'}({case.payee_bank or '开户行未知'})",
        f"辖区派出所:{case.police_station}  电话:{case.phone_masked or '未知'}",
        f"来源:{SOURCE_LABELS.get(case.source, case.source)}" + (f"(报警人:{case.reporter})" if case.reporter else ""),
    ]
    if case.summary:
        lines.append(f"案情:{case.summary}")
    if case.earlier:
        lines.append(f"⚠ 重复受害人:此前另有{len(case.earlier)}条预警")
        for other in case.earlier:
            outcome_text = "、".join(OUTCOME_LABELS[Outcome(o)] for o in other.outcomes) or "无劝阻记录"
            lines.append(
                f"  · {other.received_at:%Y-%m-%d} {other.case_id} {FRAUD_LABELS[parse_fraud_type(other.fraud_type)]}:{outcome_text}"
            )
    if not case.has_known_type:
        lines.append("诈骗类型未明:请转述对方的话,我会根据关键词识别类型。")
    return "\n".join(lines)
