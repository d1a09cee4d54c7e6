"""Real personal data, and redacting it from whatever a trainee is shown.

A payload is redacted against every person it mentions, not only the case it is about: every
case id in its texts brings that case's person and payee account along, and the name or form
of address of anyone on record that appears in it is pseudonymised too. Any other long number
(however written: spaces, dashes, dots, full-width digits) is masked as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, literal, or_, select
from sqlalchemy.orm import selectinload

from assistant.db import repository
from assistant.db.models import Alert, Person
from assistant.db.unit_of_work import UnitOfWork
from assistant.domain.identifiers import mask, validate_case_id
from assistant.errors import CaseNotFound, MalformedCaseId

_DIGIT = "0-9\uff10-\uff19"  # ASCII and full-width digits
_ALNUM = "A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
# Between two digits of one number: a space (also the ideographic one), a dash of any kind, a dot.
_SEPARATOR = "[ \u3000\\-\u2010-\u2015\u2212\uff0d.\uff0e]"
# A date right after a separator ends the number before it ("13800138000 2026-11-25").
_DATE = f"(?:19|20)[{_DIGIT}]{{2}}[-./年][{_DIGIT}]{{1,2}}[-./月][{_DIGIT}]{{1,2}}(?![{_DIGIT}])"
# 10 to 30 digits, optionally separated, optionally ending in the X of an id number, not glued
# to letters or digits: phones, id numbers and account numbers, but not case ids
# ("YJ20261125001"), dates ("2026-11-25") nor a date and time ("2026-11-25 14:30": a number
# never runs into a time).
_LONG_NUMBER = re.compile(
    f"(?<![{_ALNUM}])[{_DIGIT}](?:(?:{_SEPARATOR}(?!{_DATE}))?[{_DIGIT}]){{9,29}}[XxＸｘ]?"
    f"(?![{_ALNUM}]|[::][{_DIGIT}])"
)
_TO_ASCII = str.maketrans({**{chr(0xFF10 + n): str(n) for n in range(10)}, "Ｘ": "X", "ｘ": "x"})
_CASE_ID_IN_TEXT = re.compile(r"(?<![A-Za-z0-9])[Yy][Jj][0-9]{11}(?![0-9])")
# Names shorter than this are not searched for in texts (a one-character name is everywhere).
MIN_NAME_CHARS = 2


def pseudonym(name: str) -> str:
    """The form of address a trainee sees: the first character kept, the rest masked ("张女士" → "张**")."""
    name = name.strip()
    if len(name) <= 1:
        return "*" * len(name)
    return name[0] + "*" * (len(name) - 1)


def _mask_match(match: re.Match[str]) -> str:
    return mask(re.sub(r"[^0-9Xx]", "", match.group(0).translate(_TO_ASCII)))


def mask_numbers(text: str) -> str:
    """Mask the middle of every phone, id or account number in ``text``, however it is written."""
    return _LONG_NUMBER.sub(_mask_match, text)


def texts_in(value: Any) -> Iterator[str]:
    """Every string inside ``value`` (nested dicts, lists and tuples included; dict keys too)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_in(key)
            yield from texts_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from texts_in(item)


def case_ids_in(value: Any) -> set[str]:
    """The well-formed case ids written anywhere in ``value``'s strings, normalised."""
    found = set()
    for text in texts_in(value):
        for match in _CASE_ID_IN_TEXT.finditer(text):
            try:
                found.add(validate_case_id(match.group(0)))
            except MalformedCaseId:
                continue
    return found


@dataclass(frozen=True)
class PersonalData:
    """The real personal values of a case: what trainees must never receive."""

    name: str
    address_form: str
    phone: str | None = None
    id_number: str | None = None
    payee_account: str | None = None

    def pairs(self) -> list[tuple[str, str]]:
        """``(real, shown)`` pairs of this case's values."""
        pairs = [(self.name, pseudonym(self.name)), (self.address_form, pseudonym(self.address_form))]
        return pairs + [(value, mask(value)) for value in (self.phone, self.id_number, self.payee_account) if value]

    def replacements(self) -> list[tuple[str, str]]:
        """``(real, shown)`` pairs, longest real value first so no value is half replaced."""
        return _longest_first(self.pairs())

    def redact_text(self, text: str) -> str:
        """``text`` with this case's personal values replaced and any other long number masked."""
        return Redaction((self,)).redact_text(text)

    def redact(self, value: Any) -> Any:
        """Redact every string inside ``value`` (nested dicts, lists and tuples included)."""
        return Redaction((self,)).redact(value)


def _longest_first(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    unique: dict[str, str] = {}
    for real, shown in pairs:
        if real:
            unique.setdefault(real, shown)
    return sorted(unique.items(), key=lambda pair: -len(pair[0]))


@dataclass(frozen=True)
class Redaction:
    """What to hide from a payload: the personal data of every case it mentions, and other names on record."""

    people: tuple[PersonalData, ...] = ()
    names: tuple[str, ...] = field(default=())

    def replacements(self) -> list[tuple[str, str]]:
        """``(real, shown)`` pairs of everyone, longest real value first."""
        pairs = [pair for person in self.people for pair in person.pairs()]
        return _longest_first(pairs + [(name, pseudonym(name)) for name in self.names])

    def redact_text(self, text: str) -> str:
        """``text`` with every known personal value replaced and any other long number masked."""
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


def _personal_data(alert: Alert) -> PersonalData:
    person = alert.person
    return PersonalData(person.name, person.address_form, person.phone, person.id_number, alert.payee_account)


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
        return _personal_data(alert)


def load_redaction(uow: UnitOfWork, payload: Any, case_id: str | None = None) -> Redaction:
    """What to hide from ``payload`` for a trainee, read in one unit of work.

    Args:
        uow: the unit of work on the case database.
        payload: the answer about to be sent (any JSON-ready value).
        case_id: the case the answer is about (must exist); the cases written in the payload's
            texts are added (unknown ones are ignored).

    Raises:
        MalformedCaseId: when ``case_id`` does not have the case id format.
        CaseNotFound: when ``case_id`` does not exist.
    """
    wanted = case_ids_in(payload)
    if case_id is not None:
        case_id = validate_case_id(case_id)
        wanted.add(case_id)
    text = "\n".join(texts_in(payload))
    with uow() as session:
        alerts = []
        if wanted:
            statement = select(Alert).where(Alert.case_id.in_(sorted(wanted))).options(selectinload(Alert.person))
            alerts = list(session.execute(statement).scalars())
        if case_id is not None and case_id not in {alert.case_id for alert in alerts}:
            raise CaseNotFound(case_id)
        names: list[str] = []
        if text:
            blob = literal(text, String)
            statement_names = select(Person.name, Person.address_form).where(
                or_(blob.contains(Person.name), blob.contains(Person.address_form))
            )
            for name, address_form in session.execute(statement_names).all():
                names += [value for value in (name, address_form) if value and len(value) >= MIN_NAME_CHARS and value in text]
    people = tuple(_personal_data(alert) for alert in sorted(alerts, key=lambda alert: alert.case_id))
    return Redaction(people, tuple(sorted(set(names))))
