"""Side-panel accounts: password hashing (argon2) and signing in."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from assistant.db import repository
from assistant.db.unit_of_work import UnitOfWork

# Verified against when the username is unknown, so that a wrong username takes as long to
# reject as a wrong password (no user enumeration by timing); what it hashes does not matter.
_UNKNOWN_USER_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$aiUehC1EGhFBk8wBQ6171A$nyQh8NaKSlQrRsbiJ8l+/tcqvB6SfcHLUZA9RNsFbh8"
)


@dataclass(frozen=True)
class Account:
    """A signed-in (or signing-in) panel user, without the password hash."""

    username: str
    display_name: str
    role: str

    def as_dict(self) -> dict[str, str]:
        """The account as the panel API shows it."""
        return {"username": self.username, "display_name": self.display_name, "role": self.role}


def hash_password(password: str, hasher: PasswordHasher | None = None) -> str:
    """Hash a password with argon2id (the library's recommended parameters by default)."""
    return (hasher or PasswordHasher()).hash(password)


def verify_password(password_hash: str, password: str, hasher: PasswordHasher | None = None) -> bool:
    """Whether ``password`` matches ``password_hash``; a malformed hash never matches."""
    try:
        return bool((hasher or PasswordHasher()).verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def authenticate(
    uow: UnitOfWork, username: str, password: str, hasher: PasswordHasher | None = None
) -> Account | None:
    """Check a username and password; on success, rehash the password if its parameters are outdated.

    Args:
        uow: the unit of work on the case database.
        username: the username as typed (surrounding spaces are ignored).
        password: the password as typed.
        hasher: the argon2 hasher whose parameters are current (the library default if omitted).

    Returns:
        The account, or ``None`` when the username is unknown or the password is wrong.
    """
    hasher = hasher or PasswordHasher()
    with uow() as session:
        user = repository.user_by_username(session, username.strip())
        if user is None:
            verify_password(_UNKNOWN_USER_HASH, password, hasher)
            return None
        if not verify_password(user.password_hash, password, hasher):
            return None
        if hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hasher.hash(password)
        return Account(user.username, user.display_name, user.role)


def find_account(uow: UnitOfWork, username: str) -> Account | None:
    """The account with this username, or ``None`` if there is none (any more)."""
    with uow() as session:
        user = repository.user_by_username(session, username)
        return Account(user.username, user.display_name, user.role) if user else None
