"""What replays need from the case database: the personal data to mask and recorded outcomes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from assistant.db.models import Alert, Intervention, Person
from assistant.db.unit_of_work import UnitOfWork
from assistant.replay.masking import PersonOnRecord


@dataclass(frozen=True)
class PersonalDataOnRecord:
    """Every person's name and form of address, and every phone, id and payee account number."""

    people: list[PersonOnRecord]
    numbers: list[str]


def personal_data_on_record(uow: UnitOfWork) -> PersonalDataOnRecord:
    """Read the personal data of the case database (what masking must replace)."""
    with uow() as session:
        people = session.execute(
            select(Person.name, Person.address_form, Person.phone, Person.id_number).order_by(Person.id)
        ).all()
        accounts = session.execute(select(Alert.payee_account).where(Alert.payee_account.is_not(None))).scalars()
        numbers = [str(n) for row in people for n in (row.phone, row.id_number) if n]
        numbers += [str(account) for account in accounts]
    return PersonalDataOnRecord(
        people=[PersonOnRecord(str(row.name), str(row.address_form)) for row in people], numbers=numbers
    )


def outcomes_by_conversation(uow: UnitOfWork) -> dict[str, set[str]]:
    """The outcomes logged in each conversation (interventions are keyed by conversation id)."""
    outcomes: dict[str, set[str]] = defaultdict(set)
    with uow() as session:
        for conversation_id, outcome in session.execute(select(Intervention.conversation_id, Intervention.outcome)):
            outcomes[str(conversation_id)].add(str(outcome))
    return dict(outcomes)
