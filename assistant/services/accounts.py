"""Creating panel accounts (outside demo mode, accounts are made one by one by an administrator)."""

from __future__ import annotations

import re

from argon2 import PasswordHasher

from assistant.db import repository
from assistant.db.models import User
from assistant.db.unit_of_work import UnitOfWork
from assistant.domain.roles import Role
from assistant.errors import InvalidField
from assistant.services.users import Account, hash_password

_USERNAME = re.compile(r"^[a-z][a-z0-9_]{2,63}$")
MIN_PASSWORD_LENGTH = 12


def create_account(
    uow: UnitOfWork, username: str, role: str, password: str, display_name: str | None = None,
    hasher: PasswordHasher | None = None,
) -> Account:
    """Create a panel account.

    Raises:
        InvalidField: for a malformed or taken username, an unknown role or a short password.
    """
    username = username.strip()
    if not _USERNAME.match(username):
        raise InvalidField("username", username, "用户名须为3到64位小写字母、数字或下划线,以字母开头")
    if role not in {item.value for item in Role}:
        raise InvalidField("role", role, "角色只能是 officer、trainee 或 supervisor")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidField("password", None, f"密码至少{MIN_PASSWORD_LENGTH}位")
    with uow() as session:
        if repository.user_by_username(session, username) is not None:
            raise InvalidField("username", username, "该用户名已存在")
        shown = (display_name or username).strip()[:64]
        session.add(User(username=username, display_name=shown, role=role, password_hash=hash_password(password, hasher)))
    return Account(username, shown, role)
