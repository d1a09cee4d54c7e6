"""Server-side panel sessions: opened at sign-in, looked up on every request, revoked at sign-out.

The browser holds a random token (in a signed cookie, see ``assistant.web.auth``); the database
holds only its SHA-256, so a copy of the table does not let anyone sign in. A session ends when
it expires (``Settings.session_hours`` after sign-in, however active it was), when it is revoked,
or when its account is removed.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from assistant.db import repository
from assistant.db.models import PanelSession
from assistant.db.unit_of_work import UnitOfWork
from assistant.services.users import Account

TOKEN_BYTES = 32
# ``last_seen_at`` is refreshed at most this often: not a database write on every request.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)
# Expired or revoked sessions are deleted this long after they ended (kept a while for audit).
KEEP_ENDED = timedelta(days=30)


def session_id(token: str) -> str:
    """The stored id of a session token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(uow: UnitOfWork, username: str, *, now: datetime, lifetime: timedelta) -> str:
    """Open a session for ``username``; return its token (to be given to the browser, never stored).

    Sessions that ended more than ``KEEP_ENDED`` ago are deleted in the same unit of work.
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with uow() as session:
        session.execute(
            delete(PanelSession)
            .where((PanelSession.expires_at < now - KEEP_ENDED) | (PanelSession.revoked_at < now - KEEP_ENDED))
            .execution_options(synchronize_session=False)
        )
        session.add(
            PanelSession(id=session_id(token), username=username, created_at=now, expires_at=now + lifetime)
        )
    return token


def session_account(uow: UnitOfWork, token: str, *, now: datetime) -> Account | None:
    """The account of a live session; ``None`` if the token is unknown, expired or revoked, or the account is gone."""
    with uow() as session:
        row = session.get(PanelSession, session_id(token))
        if row is None or row.revoked_at is not None or row.expires_at <= now:
            return None
        user = repository.user_by_username(session, row.username)
        if user is None:
            return None
        if row.last_seen_at is None or now - row.last_seen_at >= LAST_SEEN_RESOLUTION:
            row.last_seen_at = now
        return Account(user.username, user.display_name, user.role)


def revoke_session(uow: UnitOfWork, token: str, *, now: datetime) -> bool:
    """Revoke the session of ``token``; whether a live session was revoked."""
    with uow() as session:
        result = session.execute(
            update(PanelSession)
            .where(PanelSession.id == session_id(token), PanelSession.revoked_at.is_(None))
            .values(revoked_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)


def revoke_user_sessions(uow: UnitOfWork, username: str, *, now: datetime) -> int:
    """Revoke every live session of ``username`` (a lost device, a changed password); how many."""
    with uow() as session:
        result = session.execute(
            update(PanelSession)
            .where(PanelSession.username == username, PanelSession.revoked_at.is_(None), PanelSession.expires_at > now)
            .values(revoked_at=now)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)


def live_sessions(uow: UnitOfWork, username: str, *, now: datetime) -> int:
    """How many live sessions ``username`` has."""
    statement = select(PanelSession.id).where(
        PanelSession.username == username, PanelSession.revoked_at.is_(None), PanelSession.expires_at > now
    )
    with uow() as session:
        return len(session.execute(statement).all())
