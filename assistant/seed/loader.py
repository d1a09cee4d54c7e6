"""Loading the demo seed into the case database. Loading twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

import yaml
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db import repository
from assistant.db.models import Alert, Intervention, Person, User
from assistant.db.unit_of_work import UnitOfWork
from assistant.domain.fraud_types import FraudType
from assistant.domain.identifiers import validate_case_id
from assistant.domain.outcomes import Outcome
from assistant.domain.roles import Role
from assistant.services.users import hash_password


@dataclass(frozen=True)
class SeedResult:
    """How many records a seed run added."""

    people: int
    alerts: int
    interventions: int
    users: int = 0


def read_demo_seed() -> dict[str, Any]:
    """Read the packaged demo seed file."""
    text = resources.files("assistant.seed").joinpath("demo_cases.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def foreign_case_ids(uow: UnitOfWork, seed: dict[str, Any]) -> list[str]:
    """Case ids in the database that the seed (or the demo history) does not hold: a sign it is not a demo database."""
    from assistant.seed.history import is_history

    demo = {str(entry["case_id"]).upper() for entry in seed.get("alerts") or []}
    with uow() as session:
        rows = session.execute(select(Alert.case_id, Person.key).join(Person, Person.id == Alert.person_id)).all()
        return sorted(case_id for case_id, key in rows if case_id not in demo and not is_history(case_id, key))


def _when(value: str | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _load_users(session: Session, entries: list[dict[str, Any]], hasher: PasswordHasher | None) -> int:
    """Add the panel accounts that are not there yet; an existing account keeps its password."""
    added = 0
    for entry in entries:
        username = str(entry["username"])
        try:
            role = Role(entry["role"])
        except ValueError as error:
            raise ValueError(f"user {username}: unknown role {entry['role']!r}") from error
        if repository.user_by_username(session, username) is not None:
            continue
        session.add(
            User(
                username=username,
                display_name=str(entry.get("display_name") or username),
                role=role.value,
                password_hash=hash_password(str(entry["password"]), hasher),
            )
        )
        added += 1
    return added


def load_seed(uow: UnitOfWork, seed: dict[str, Any], hasher: PasswordHasher | None = None) -> SeedResult:
    """Insert the seed's people, alerts, interventions and panel accounts that are not there yet.

    Args:
        uow: the unit of work on the case database.
        seed: the parsed seed file.
        hasher: the argon2 hasher for the accounts' passwords (the library default if omitted;
            tests pass a cheap one).

    Raises:
        ValueError: when the seed is inconsistent (unknown person, fraud type, outcome or role).
    """
    added_people = added_alerts = added_interventions = 0
    with uow() as session:
        people: dict[str, Person] = {}
        for entry in seed.get("people", []):
            person = repository.person_by_key(session, entry["key"])
            if person is None:
                person = Person(**{k: entry.get(k) for k in ("key", "name", "address_form", "phone", "id_number", "district")})
                session.add(person)
                added_people += 1
            people[entry["key"]] = person
        session.flush()
        existing = set(session.execute(select(Alert.case_id)).scalars())
        for entry in seed.get("alerts", []):
            case_id = validate_case_id(entry["case_id"])
            if case_id in existing:
                continue
            if entry["person"] not in people:
                raise ValueError(f"{case_id}: unknown person {entry['person']!r}")
            FraudType(entry["fraud_type"])
            alert = Alert(
                case_id=case_id,
                person=people[entry["person"]],
                fraud_type=entry["fraud_type"],
                risk_level=entry["risk_level"],
                amount_at_risk=entry.get("amount_at_risk"),
                payee_account=entry.get("payee_account"),
                payee_bank=entry.get("payee_bank"),
                police_station=entry["police_station"],
                received_at=_when(entry["received_at"]),
                source=entry.get("source") or "platform",
                reporter=entry.get("reporter"),
                summary=entry.get("summary"),
                status=entry.get("status") or "open",
            )
            session.add(alert)
            added_alerts += 1
            for number, item in enumerate(entry.get("interventions") or []):
                Outcome(item["outcome"])
                alert.interventions.append(
                    Intervention(
                        conversation_id=f"seed-{case_id}-{number}",
                        officer=item.get("officer") or "officer_demo",
                        outcome=item["outcome"],
                        amount_saved=item.get("amount_saved") or 0,
                        accounts_frozen=item.get("accounts_frozen") or 0,
                        amount_frozen=item.get("amount_frozen") or 0,
                        started_at=_when(item["started_at"]),
                        ended_at=_when(item["ended_at"]),
                        note=item.get("note"),
                        created_at=_when(item["ended_at"]),
                        updated_at=_when(item["ended_at"]),
                    )
                )
                added_interventions += 1
        added_users = _load_users(session, seed.get("users") or [], hasher)
    return SeedResult(added_people, added_alerts, added_interventions, added_users)
