"""Revealing a case's unmasked personal data to an officer, with an audit record of every look."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assistant.db import repository
from assistant.db.unit_of_work import UnitOfWork
from assistant.domain.identifiers import validate_case_id
from assistant.errors import CaseNotFound, InvalidField
from assistant.services.audit import add_access, reveal_action

# The fields an officer may reveal, and their names in the officer's language.
REVEALABLE: dict[str, str] = {"phone": "电话号码", "id_number": "身份证号"}


@dataclass(frozen=True)
class Revealed:
    """An unmasked value (``None`` when the record has none)."""

    field: str
    value: str | None


def reveal(
    uow: UnitOfWork, *, case_id: str, field: str, username: str, now: datetime, channel: str = "panel"
) -> Revealed:
    """Return the person's real phone or id number, and log who looked, when, and at what.

    The value is read and the audit record (``reveal:<field>``, through ``channel``) written in
    the same unit of work: no value leaves without its record.

    Raises:
        InvalidField: when ``field`` is not a revealable field.
        MalformedCaseId: when the case id does not have the case id format.
        CaseNotFound: when the case does not exist.
    """
    if field not in REVEALABLE:
        names = "、".join(f"{label}({key})" for key, label in REVEALABLE.items())
        raise InvalidField("field", field, f"只能查看{names}")
    case_id = validate_case_id(case_id)
    with uow() as session:
        alert = repository.alert_by_case_id(session, case_id)
        if alert is None:
            raise CaseNotFound(case_id)
        value = getattr(alert.person, field)
        add_access(session, username=username, case_id=case_id, action=reveal_action(field), channel=channel, now=now)
        return Revealed(field, value)
