"""Settings read once per process from the environment (never at import time).

Secrets have no defaults: ``make run`` creates random ones per installation in
``.secrets/quanzu.env`` (git-ignored) on first run (``quanzu secrets init``). The servers call
``require_secrets`` at start-up and refuse to start with a missing secret, a value that was
ever published (the old demo defaults), or outside demo mode a short one.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite:///quanzu.db"
DEFAULT_RASA_URL = "http://localhost:5005"

# SHA-256 of values that were once printed in this project's README or code, and of the
# usual placeholders: never accepted as a secret (kept as hashes so no copy is printed here).
PUBLISHED_SECRET_HASHES = frozenset(
    {
        "2dfc7b475061eb83f2afeae26f609d849533e4703dd4bbc882080572ca4219ee",
        "da644e92004c37b000c14427fa8aa1a67f92e73ad267ee99dabdda28f788341a",
        "e2186dbdb1bb4193608605e84f33208765b5693b55edd4f730a719a100eeea6f",
        "057ba03d6c44104863dc7361fe4578965d1887360f90a0895882e58a6248fc86",
        "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b",
        "3c469e9d6c5875d37a43f353d4f88e61fcf812c66eee3457465a40b0da4153e0",
        "cc318af2129b329b084ebdf17f2608bf3d8a7da6082f345cebf205833876fd88",
    }
)
MIN_SECRET_LENGTH = 32

# Setting name -> environment variable, for every secret the servers use.
SECRET_VARIABLES: dict[str, str] = {
    "secret_key": "QUANZU_SECRET_KEY",
    "rasa_token": "QUANZU_API_TOKEN",
    "jwt_key": "QUANZU_JWT_KEY",
    "action_secret": "QUANZU_ACTION_SECRET",
}

_TRUE = {"1", "true", "yes", "on"}


class ConfigError(Exception):
    """The configuration cannot be used (a missing or unsafe secret); the message says how to fix it."""


@dataclass(frozen=True)
class Settings:
    """Runtime settings.

    Attributes:
        database_url: SQLAlchemy URL of the case database (``DATABASE_URL``); SQLite file
            ``quanzu.db`` in the working directory by default, PostgreSQL by URL.
        demo: demo mode (``QUANZU_DEMO=1``, the default of ``make run``): demo accounts and
            cases may be seeded, and short secrets are tolerated.
        default_officer: officer id recorded by tools that run without a signed-in user
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
        jwt_key: key that signs the short-lived chat tokens the panel issues and the Rasa
            channels and the action server verify (``QUANZU_JWT_KEY``).
        action_secret: shared secret the Rasa server sends to the action server
            (``QUANZU_ACTION_SECRET``).
        cors_origins: web origins allowed to use the Rasa channels from a browser
            (``QUANZU_CORS_ORIGINS``, separated by spaces or commas; none by default).
        chat_token_seconds: lifetime of a chat token (``QUANZU_CHAT_TOKEN_SECONDS``).
    """

    database_url: str = DEFAULT_DATABASE_URL
    demo: bool = False
    default_officer: str = "officer_demo"
    follow_up_days: int = 3
    reminder_seconds: int | None = None
    secret_key: str | None = None
    session_hours: float = 12.0
    rasa_url: str = DEFAULT_RASA_URL
    rasa_token: str | None = None
    jwt_key: str | None = None
    action_secret: str | None = None
    cors_origins: tuple[str, ...] = ()
    chat_token_seconds: int = 300

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Build settings from environment variables (or the mapping given)."""
        env = dict(os.environ if environ is None else environ)
        reminder = env.get("QUANZU_REMINDER_SECONDS")
        origins = (env.get("QUANZU_CORS_ORIGINS") or "").replace(",", " ").split()
        return cls(
            database_url=env.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            demo=(env.get("QUANZU_DEMO") or "").strip().lower() in _TRUE,
            default_officer=env.get("QUANZU_DEFAULT_OFFICER") or "officer_demo",
            follow_up_days=int(env.get("QUANZU_FOLLOW_UP_DAYS") or 3),
            reminder_seconds=int(reminder) if reminder else None,
            secret_key=env.get("QUANZU_SECRET_KEY") or None,
            session_hours=float(env.get("QUANZU_SESSION_HOURS") or 12),
            rasa_url=(env.get("QUANZU_RASA_URL") or DEFAULT_RASA_URL).rstrip("/"),
            rasa_token=env.get("QUANZU_API_TOKEN") or None,
            jwt_key=env.get("QUANZU_JWT_KEY") or None,
            action_secret=env.get("QUANZU_ACTION_SECRET") or None,
            cors_origins=tuple(origin.rstrip("/") for origin in origins),
            chat_token_seconds=int(env.get("QUANZU_CHAT_TOKEN_SECONDS") or 300),
        )


def is_published(value: str) -> bool:
    """Whether ``value`` is a secret that was published (the old demo defaults, placeholders)."""
    return hashlib.sha256(value.encode()).hexdigest() in PUBLISHED_SECRET_HASHES


def secret_problems(settings: Settings, names: tuple[str, ...] = tuple(SECRET_VARIABLES)) -> list[str]:
    """What is wrong with the named secrets (empty when all can be used)."""
    problems = []
    for name in names:
        variable = SECRET_VARIABLES[name]
        value = getattr(settings, name)
        if not value:
            problems.append(f"{variable} is not set")
        elif is_published(value):
            problems.append(f"{variable} is a published default value")
        elif not settings.demo and len(value) < MIN_SECRET_LENGTH:
            problems.append(f"{variable} is shorter than {MIN_SECRET_LENGTH} characters")
    return problems


def require_secrets(settings: Settings, *names: str) -> None:
    """Refuse to go on without usable secrets.

    Args:
        settings: the settings to check.
        names: the secrets this server needs (``Settings`` attribute names); all by default.

    Raises:
        ConfigError: naming every missing or unsafe secret and how to create them.
    """
    problems = secret_problems(settings, tuple(names) or tuple(SECRET_VARIABLES))
    if problems:
        raise ConfigError(
            "refusing to start: " + "; ".join(problems)
            + ". Create per-installation secrets with `quanzu secrets init` (make run does it) and load"
            " .secrets/quanzu.env, or set the variables yourself (see README, 'Secrets')."
        )


def require(value: str | None, name: str) -> str:
    """A secret that ``require_secrets`` has checked, typed as present."""
    if not value:
        raise ConfigError(f"{SECRET_VARIABLES.get(name, name)} is not set")
    return value


def project_root() -> Path:
    """The repository root (where ``domain.yml`` lives)."""
    return Path(__file__).resolve().parent.parent
