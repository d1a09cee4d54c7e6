"""The ``quanzu replay export`` and ``quanzu replay run`` commands.

Rasa is imported only when a command runs: building the parser stays cheap.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from datetime import date
from pathlib import Path
from typing import Any

from assistant.config import Settings, project_root

SALT_VARIABLE = "QUANZU_REPLAY_SALT"
EXIT_DIVERGED = 1
EXIT_UNUSABLE = 2
# A salt an attacker cannot enumerate: the placeholders are keyed hashes of phone and account
# numbers, which a known or short key would let anyone compute back from a guess.
MIN_SALT_LENGTH = 16
KNOWN_SALTS = frozenset({
    "quanzu-replay-demo", "quanzu-dev-token", "changeme", "change-me", "secret", "salt", "<secret>",
    "0000000000000000", "1234567890123456", "aaaaaaaaaaaaaaaa",
})


class UnsafeSalt(Exception):
    """The export salt is missing, known or too short; nothing may be exported with it."""


def export_salt(environ: dict[str, str] | None = None, public_demo_salt: bool = False) -> str:
    """The salt ``replay export`` masks with: a secret from ``QUANZU_REPLAY_SALT``.

    Args:
        environ: the environment to read (default: ``os.environ``).
        public_demo_salt: use the published demo salt on purpose, for the synthetic demo
            conversations only (the committed replay corpus is recorded with it).

    Raises:
        UnsafeSalt: when the variable is unset, shorter than :data:`MIN_SALT_LENGTH` or a
            known value (such as the published demo salt).
    """
    from assistant.replay.masking import DEFAULT_SALT

    if public_demo_salt:
        return DEFAULT_SALT
    salt = (os.environ if environ is None else environ).get(SALT_VARIABLE, "")
    how = f"set {SALT_VARIABLE} to a random secret of at least {MIN_SALT_LENGTH} characters (e.g. `openssl rand -hex 16`)"
    if not salt:
        raise UnsafeSalt(f"{SALT_VARIABLE} is not set: masked numbers could be computed back from guesses; {how}")
    if salt.strip().lower() in KNOWN_SALTS or salt == DEFAULT_SALT:
        raise UnsafeSalt(f"{SALT_VARIABLE} is a published value; {how}")
    if len(salt) < MIN_SALT_LENGTH:
        raise UnsafeSalt(f"{SALT_VARIABLE} is only {len(salt)} characters; {how}")
    return salt


def _shown_url(database_url: str) -> str:
    """The database URL without its password (and the driver's message, which may quote rows, left out)."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(database_url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy reads: say nothing of it
        return "(unreadable DATABASE_URL)"


def _require_database(database_url: str) -> None:
    # SQLite would quietly create an empty file; say what is missing instead.
    from assistant.replay.errors import CaseDatabaseMissing

    if database_url.startswith("sqlite:///") and not Path(database_url[len("sqlite:///"):]).exists():
        raise CaseDatabaseMissing(f"no case database at {database_url} (set DATABASE_URL or --database-url)")


def _load_domain(path: str) -> Any:
    from rasa.shared.core.domain import Domain

    # Rasa warns about the domain's slot mappings on every load; it says nothing about replays.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return Domain.load(path)


def _masker(database_url: str, salt: str | None) -> Any:
    # ``replay run`` masks the live replies with the salt the corpus was exported with: the
    # demo salt of the committed corpus unless a secret one is set.
    from assistant.db.unit_of_work import SqlUnitOfWork, get_engine
    from assistant.replay.case_db import personal_data_on_record
    from assistant.replay.masking import DEFAULT_SALT, Masker

    on_record = personal_data_on_record(SqlUnitOfWork(get_engine(database_url)))
    return Masker(on_record.people, on_record.numbers, salt or DEFAULT_SALT)


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from assistant.db.unit_of_work import SqlUnitOfWork, get_engine
    from assistant.replay.case_db import outcomes_by_conversation
    from assistant.replay.errors import CaseDatabaseMissing, ExportError
    from assistant.replay.export import ExportFilter, export, open_tracker_store, read_trackers

    try:
        salt = export_salt(public_demo_salt=args.public_demo_salt)
    except UnsafeSalt as error:
        print(f"error: {error}; nothing exported", file=sys.stderr)
        return EXIT_UNUSABLE
    database_url = args.database_url or settings.database_url
    try:
        _require_database(database_url)
        masker = _masker(database_url, salt)
        logged_outcomes = outcomes_by_conversation(SqlUnitOfWork(get_engine(database_url)))
    except CaseDatabaseMissing as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except SQLAlchemyError as error:
        # Without the people on record, names could not be masked: export nothing.
        print(
            f"error: cannot read the case database {_shown_url(database_url)} (needed to mask names): "
            f"{type(error).__name__}",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    store = open_tracker_store(_load_domain(args.domain), Path(args.endpoints), args.tracker_db)
    trackers = read_trackers(store, tuple(args.conversation or ()))
    criteria = ExportFilter(
        since=args.since, until=args.until, case_id=args.case, fraud_type=args.fraud_type,
        outcome=args.outcome, conversations=tuple(args.conversation or ()),
    )
    if args.name and len(trackers) != 1:
        raise ExportError("--name names one story: give exactly one --conversation")
    result = export(trackers, Path(args.out), masker, criteria, logged_outcomes, args.name)
    if not result.conversations:
        print("no conversation matches the filters; nothing written", file=sys.stderr)
        return EXIT_DIVERGED
    turns = sum(c.turns for c in result.conversations)
    print(f"exported {len(result.conversations)} conversations ({turns} turns, personal data masked) to:")
    for path in result.files:
        print(f"  {path}")
    return 0


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from assistant.replay.client import RasaClient
    from assistant.replay.corpus import load_replays
    from assistant.replay.errors import CaseDatabaseMissing, ReplayConnectionError, ReplayFileError
    from assistant.replay.junit import write_junit
    from assistant.replay.runner import run_replays, summary

    database_url = args.database_url or settings.database_url
    try:
        replays = load_replays(Path(args.dir), _load_domain(args.domain))
        client = RasaClient(args.rasa_url or settings.rasa_url, args.token or settings.rasa_token, settings.jwt_key, args.timeout)
        client.check()
        _require_database(database_url)
        masker = _masker(database_url, os.environ.get(SALT_VARIABLE))
        results = run_replays(client, replays, masker, sys.stdout, args.reminder_timeout)
    except (ReplayFileError, ReplayConnectionError, CaseDatabaseMissing) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except SQLAlchemyError as error:
        print(
            f"error: cannot read the case database {_shown_url(database_url)} (needed to mask names): "
            f"{type(error).__name__}",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    print(summary(results))
    if args.junit:
        write_junit(results, Path(args.junit))
        print(f"JUnit report: {args.junit}")
    return 0 if all(result.exact for result in results) else EXIT_DIVERGED


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from error


def add_replay_commands(commands: Any) -> None:
    """Add ``replay export`` and ``replay run`` to the ``quanzu`` sub-command parsers."""
    root = project_root()
    replay = commands.add_parser("replay", help="replay tests from recorded conversations")
    sub = replay.add_subparsers(dest="replay_command", required=True)

    export = sub.add_parser(
        "export", help="write recorded conversations as masked Rasa test stories",
        description="Read conversations from the SQL tracker store and write them as test stories with "
        f"personal data masked with a keyed hash. {SALT_VARIABLE} must hold a secret of at least "
        f"{MIN_SALT_LENGTH} characters; without one nothing is exported (exit 2).",
    )
    export.add_argument("--out", required=True, help="a .yml file, or a directory for one file per conversation")
    export.add_argument("--since", type=_day, help="first message on or after this day (YYYY-MM-DD)")
    export.add_argument("--until", type=_day, help="first message on or before this day (YYYY-MM-DD)")
    export.add_argument("--case", help="only conversations on this case id")
    export.add_argument("--fraud-type", help="only conversations where the fraud_type slot took this value")
    export.add_argument("--outcome", help="only conversations where this outcome was logged")
    export.add_argument("--conversation", action="append", help="only this conversation id (repeatable)")
    export.add_argument("--name", help="story name (with exactly one --conversation)")
    export.add_argument("--tracker-db", type=Path, help="a SQLite tracker store file (default: from --endpoints)")
    export.add_argument("--endpoints", default=str(root / "endpoints.yml"), help="endpoints.yml naming the tracker store")
    export.add_argument("--domain", default=str(root / "domain.yml"))
    export.add_argument("--database-url", help="case database (default: DATABASE_URL)")
    export.add_argument(
        "--public-demo-salt", action="store_true",
        help=f"mask with the published demo salt instead of {SALT_VARIABLE}: only for the synthetic demo "
        "conversations (the committed replay corpus), never for real ones",
    )
    export.set_defaults(handler=_export)

    run = sub.add_parser(
        "run", help="replay test stories against the live Rasa server and action server",
        description="Send each recorded conversation's messages to the running stack, compare every turn "
        "with the recording, print the differences and a summary. Exit 0: all match; 1: a divergence; "
        "2: unusable files or unreachable server.",
    )
    run.add_argument("dir", help="a replay file or a directory of them")
    run.add_argument("--rasa-url", help="the Rasa server (default: QUANZU_RASA_URL or http://localhost:5005)")
    run.add_argument("--token", help="token of the Rasa HTTP API (default: QUANZU_API_TOKEN)")
    run.add_argument("--junit", help="write a JUnit XML report here")
    run.add_argument("--domain", default=str(root / "domain.yml"))
    run.add_argument("--database-url", help="the stack's case database, to mask names (default: DATABASE_URL)")
    run.add_argument("--reminder-timeout", type=float, default=30.0, help="seconds to wait for a recorded reminder")
    run.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for one reply")
    run.set_defaults(handler=_run)
