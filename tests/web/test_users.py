"""Panel accounts: the demo seed's users, argon2 hashing and signing in (assistant.services.users)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from assistant.db.models import Person, User
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.seed.loader import load_seed, read_demo_seed
from assistant.services.users import Account, authenticate, find_account, hash_password, verify_password
from tests.conftest import CHEAP_HASHER

DEMO_USERS = {
    "officer_li": ("李警官", "officer"),
    "officer_zhou": ("周警官", "officer"),
    "trainee_wang": ("王学员", "trainee"),
    "supervisor_zhao": ("赵主任", "supervisor"),
}


def _users(uow: SqlUnitOfWork) -> dict[str, User]:
    with uow() as session:
        return {user.username: user for user in session.execute(select(User)).scalars()}


def test_the_seed_adds_the_demo_accounts_with_hashed_passwords(uow: SqlUnitOfWork) -> None:
    result = load_seed(uow, read_demo_seed(), hasher=CHEAP_HASHER)
    assert result.users == 4
    users = _users(uow)
    assert {name: (user.display_name, user.role) for name, user in users.items()} == DEMO_USERS
    for user in users.values():
        assert user.password_hash.startswith("$argon2id$")
        assert "quanzu" not in user.password_hash
        assert user.created_at is not None
    assert verify_password(users["trainee_wang"].password_hash, "quanzu-trainee")
    assert not verify_password(users["trainee_wang"].password_hash, "quanzu-officer")


def test_loading_the_seed_again_adds_no_user_and_keeps_passwords(uow: SqlUnitOfWork) -> None:
    load_seed(uow, read_demo_seed(), hasher=CHEAP_HASHER)
    before = {name: user.password_hash for name, user in _users(uow).items()}
    again = load_seed(uow, read_demo_seed(), hasher=CHEAP_HASHER)
    assert (again.people, again.alerts, again.interventions, again.users) == (0, 0, 0, 0)
    assert {name: user.password_hash for name, user in _users(uow).items()} == before


def test_a_seed_with_an_unknown_role_is_rejected_and_writes_nothing(uow: SqlUnitOfWork) -> None:
    seed = {
        "people": [{"key": "p1", "name": "测某某", "address_form": "测女士"}],
        "users": [
            {"username": "ok_user", "display_name": "甲", "role": "officer", "password": "x"},
            {"username": "bad_user", "display_name": "乙", "role": "admin", "password": "x"},
        ],
    }
    with pytest.raises(ValueError, match="admin"):
        load_seed(uow, seed, hasher=CHEAP_HASHER)
    assert _users(uow) == {}
    with uow() as session:
        assert session.execute(select(func.count(Person.id))).scalar_one() == 0


def test_authenticate(seeded_uow: SqlUnitOfWork) -> None:
    assert authenticate(seeded_uow, "officer_li", "quanzu-officer", CHEAP_HASHER) == Account("officer_li", "李警官", "officer")
    assert authenticate(seeded_uow, "officer_li", "wrong", CHEAP_HASHER) is None
    assert authenticate(seeded_uow, "nobody", "quanzu-officer", CHEAP_HASHER) is None
    assert authenticate(seeded_uow, "OFFICER_LI", "quanzu-officer", CHEAP_HASHER) is None  # usernames are exact


def test_authenticate_rehashes_an_outdated_hash(seeded_uow: SqlUnitOfWork) -> None:
    current = PasswordHasher()
    old_hash = _users(seeded_uow)["officer_zhou"].password_hash
    assert current.check_needs_rehash(old_hash)
    assert authenticate(seeded_uow, "officer_zhou", "quanzu-officer", current) is not None
    new_hash = _users(seeded_uow)["officer_zhou"].password_hash
    assert new_hash != old_hash and not current.check_needs_rehash(new_hash)
    assert verify_password(new_hash, "quanzu-officer")


def test_a_failed_sign_in_does_not_rehash(seeded_uow: SqlUnitOfWork) -> None:
    old_hash = _users(seeded_uow)["officer_zhou"].password_hash
    assert authenticate(seeded_uow, "officer_zhou", "wrong", PasswordHasher()) is None
    assert _users(seeded_uow)["officer_zhou"].password_hash == old_hash


def test_verify_password_never_matches_a_malformed_hash() -> None:
    assert not verify_password("not-a-hash", "x")
    assert verify_password(hash_password("密码123", CHEAP_HASHER), "密码123")


def test_find_account(seeded_uow: SqlUnitOfWork) -> None:
    assert find_account(seeded_uow, "supervisor_zhao") == Account("supervisor_zhao", "赵主任", "supervisor")
    assert find_account(seeded_uow, "ghost") is None
    assert Account("a", "甲", "trainee").as_dict() == {"username": "a", "display_name": "甲", "role": "trainee"}
