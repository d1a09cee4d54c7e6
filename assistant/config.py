"""Settings read once per process from the environment (never at import time)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite:///quanzu.db"
# Signs the panel's session cookies when QUANZU_SECRET_KEY is not set; fine for a demo on
# localhost, never for a deployment.
DEV_SECRET_KEY = "quanzu-dev-secret-change-me"
DEFAULT_RASA_URL = "http://localhost:5005"
DEFAULT_RASA_TOKEN = "quanzu-dev-token"


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
        secret_key: key that signs the side panel's session cookie (``QUANZU_SECRET_KEY``).
        session_hours: hours after sign-in when a panel session expires
            (``QUANZU_SESSION_HOURS``).
        rasa_url: base URL of the Rasa server the panel talks to (``QUANZU_RASA_URL``).
        rasa_token: token of the Rasa HTTP API (``QUANZU_API_TOKEN``).
    """

    database_url: str = DEFAULT_DATABASE_URL
    default_officer: str = "officer_demo"
    follow_up_days: int = 3
    reminder_seconds: int | None = None
    secret_key: str = DEV_SECRET_KEY
    session_hours: float = 12.0
    rasa_url: str = DEFAULT_RASA_URL
    rasa_token: str = DEFAULT_RASA_TOKEN
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
            secret_key=env.get("QUANZU_SECRET_KEY") or DEV_SECRET_KEY,
            session_hours=float(env.get("QUANZU_SESSION_HOURS") or 12),
            rasa_url=(env.get("QUANZU_RASA_URL") or DEFAULT_RASA_URL).rstrip("/"),
            rasa_token=env.get("QUANZU_API_TOKEN") or DEFAULT_RASA_TOKEN,
        )


def project_root() -> Path:
    """The repository root (where ``domain.yml`` lives)."""
    return Path(__file__).resolve().parent.parent
