"""Settings read once per process from the environment (never at import time)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite:///quanzu.db"


@dataclass(frozen=True)
class Settings:
    """Runtime settings.

    Attributes:
        database_url: SQLAlchemy URL of the case database (``DATABASE_URL``); SQLite file
            ``quanzu.db`` in the working directory by default, PostgreSQL by URL.
        default_officer: officer id recorded when a conversation carries none
            (``QUANZU_DEFAULT_OFFICER``).
        follow_up_days: days until a relapse-prone case's follow-up is due
            (``QUANZU_FOLLOW_UP_DAYS``).
        reminder_seconds: when set (``QUANZU_REMINDER_SECONDS``), the in-conversation follow-up
            reminder fires after this many seconds instead of at the due date; for demos and
            tests.
    """

    database_url: str = DEFAULT_DATABASE_URL
    default_officer: str = "officer_demo"
    follow_up_days: int = 3
    reminder_seconds: int | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Build settings from environment variables (or the mapping given)."""
        env = dict(os.environ if environ is None else environ)
        reminder = env.get("QUANZU_REMINDER_SECONDS")
        return cls(
            database_url=env.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            default_officer=env.get("QUANZU_DEFAULT_OFFICER") or "officer_demo",
            follow_up_days=int(env.get("QUANZU_FOLLOW_UP_DAYS") or 3),
            reminder_seconds=int(reminder) if reminder else None,
        )


def project_root() -> Path:
    """The repository root (where ``domain.yml`` lives)."""
    return Path(__file__).resolve().parent.parent
