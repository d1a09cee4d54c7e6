"""Engine and unit of work: one short-lived session per unit of work.

The engine is created lazily, once per process and URL, from ``Settings``; nothing connects
at import time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from assistant.config import Settings

_engines: dict[str, Engine] = {}
_lock = threading.Lock()

UnitOfWork = Callable[[], Any]


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def get_engine(database_url: str) -> Engine:
    """Return the process-wide engine for ``database_url``, creating it on first use."""
    with _lock:
        engine = _engines.get(database_url)
        if engine is None:
            options: dict[str, Any] = {"future": True, "pool_pre_ping": True}
            if database_url.startswith("sqlite"):
                options["connect_args"] = {"check_same_thread": False, "timeout": 30}
            engine = create_engine(database_url, **options)
            if database_url.startswith("sqlite"):
                event.listen(engine, "connect", _enable_sqlite_foreign_keys)
            _engines[database_url] = engine
        return engine


class SqlUnitOfWork:
    """Factory of transactional sessions: ``with uow() as session: ...``.

    The session commits when the block ends normally, rolls back on any error and is
    always closed.
    """

    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(bind=engine, future=True, expire_on_commit=False)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> SqlUnitOfWork:
        """Build a unit of work on the engine for the configured database."""
        settings = settings or Settings.from_env()
        return cls(get_engine(settings.database_url))

    @contextmanager
    def __call__(self) -> Iterator[Session]:
        """Open a session for one unit of work."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

