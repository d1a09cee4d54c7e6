"""A case's real personal data, and redacting it from whatever a trainee is shown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.db import repository
from assistant.db.unit_of_work import UnitOfWork
from assistant.domain.identifiers import mask, validate_case_id
from assistant.errors import CaseNotFound

# A run of 10 or more digits (optionally space-separated, optionally ending in the X of an id
# number) not glued to letters: phones, id numbers and account numbers, but not case ids
# ("YJ20261125001") nor dates and times ("2026-11-25 14:30").
_LONG_NUMBER = re.compile(r"(?<![A-Za-z0-9])\d(?: ?\d){9,29}[Xx]?(?![0-9A-Za-z])")


def pseudonym(name: str) -> str:
    """The form of address a trainee sees: the first character kept, the rest masked ("张女士" → "张**")."""
    name = name.strip()
    if len(name) <= 1:
        return "*" * len(name)
    return name[0] + "*" * (len(name) - 1)


def mask_numbers(text: str) -> str:
    """Mask the middle of every phone, id or account number in ``text``."""
    return _LONG_NUMBER.sub(lambda match: mask(match.group(0).replace(" ", "")), text)


@dataclass(frozen=True)
class PersonalData:
    """The real personal values of a case: what trainees must never receive."""

    name: str
    address_form: str
    phone: str | None = None
    id_number: str | None = None
    payee_account: str | None = None

    def replacements(self) -> list[tuple[str, str]]:
        """``(real, shown)`` pairs, longest real value first so no value is half replaced."""
        pairs = [(self.name, pseudonym(self.name)), (self.address_form, pseudonym(self.address_form))]
        pairs += [(value, mask(value)) for value in (self.phone, self.id_number, self.payee_account) if value]
        return sorted({real: shown for real, shown in pairs if real}.items(), key=lambda pair: -len(pair[0]))

    def redact_text(self, text: str) -> str:
        """``text`` with this case's personal values replaced and any other long number masked."""
        for real, shown in self.replacements():
            text = text.replace(real, shown)
        return mask_numbers(text)

    def redact(self, value: Any) -> Any:
        """Redact every string inside ``value`` (nested dicts, lists and tuples included)."""
        if isinstance(value, str):
            return self.redact_text(value)
        if isinstance(value, dict):
            return {key: self.redact(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.redact(item) for item in value]
        return value


def load_personal_data(uow: UnitOfWork, case_id: str) -> PersonalData:
    """The personal data of a case's person and the alert's payee account.

    Raises:
        MalformedCaseId: when the case id does not have the case id format.
        CaseNotFound: when the case does not exist.
    """
    case_id = validate_case_id(case_id)
    with uow() as session:
        alert = repository.alert_by_case_id(session, case_id)
        if alert is None:
            raise CaseNotFound(case_id)
        person = alert.person
        return PersonalData(person.name, person.address_form, person.phone, person.id_number, alert.payee_account)
