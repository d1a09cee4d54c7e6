"""The ``quanzu`` command line: database, demo seed, NLP pipeline, case look-ups and the side panel."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from assistant.coach.cli import add_drill_commands
from assistant.config import ConfigError, Settings, require_secrets
from assistant.errors import QuanzuError
from assistant.replay.commands import add_replay_commands
from assistant.stats.cli import add_stats_commands


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.db.migrate import upgrade

    upgrade(settings.database_url)
    print(f"database schema up to date: {settings.database_url}")
    return 0


def _seed_demo(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.db.unit_of_work import SqlUnitOfWork
    from assistant.seed.loader import foreign_case_ids, load_seed, read_demo_seed

    if not settings.demo:
        print(
            "error: demo accounts and cases are seeded only in demo mode (QUANZU_DEMO=1, the default of"
            " `make run`); this database is left as it is.",
            file=sys.stderr,
        )
        return 2
    uow, seed = SqlUnitOfWork.from_settings(settings), read_demo_seed()
    foreign = foreign_case_ids(uow, seed)
    if foreign:
        print(
            f"error: this database holds {len(foreign)} cases that are not demo data (e.g. {foreign[0]}): it is not"
            " a demo database, so no demo accounts or cases are seeded into it.",
            file=sys.stderr,
        )
        return 2
    result = load_seed(uow, seed)
    print(
        f"demo seed loaded: {result.people} people, {result.alerts} alerts, {result.interventions} interventions added;"
        f" {result.users} panel accounts added"
    )
    _seed_demo_history(uow)
    return 0


def _seed_demo_history(uow: Any) -> None:
    from assistant.seed.history import load_history

    history = load_history(uow, datetime.now())
    print(
        f"demo history (the last {history.days} days, synthetic): {history.alerts} alerts,"
        f" {history.interventions} interventions added"
    )


def _web(args: argparse.Namespace, settings: Settings) -> int:
    import logging

    import uvicorn

    from assistant.logging_setup import install

    require_secrets(settings, "secret_key", "rasa_token", "jwt_key")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s - %(message)s")
    install()
    # The factory builds the app in the server process, from the environment, at start-up.
    uvicorn.run("assistant.web.app:create_app", factory=True, host=args.host, port=args.port, log_level="info")
    return 0


def _build_nlp(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.nlp.pipeline import save_pipeline

    path = save_pipeline(Path(args.output))
    print(f"spaCy pipeline written to {path}")
    return 0


def _show_case(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.db.unit_of_work import SqlUnitOfWork
    from assistant.services.cases import format_case_card, load_case

    print(format_case_card(load_case(SqlUnitOfWork.from_settings(settings), args.case_id)))
    return 0


def _analyse(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.nlp.analysis import analyse

    for mention in analyse(args.text):
        role = f" role={mention.role}" if mention.role else ""
        print(f"{mention.entity}\t{mention.text}\t{mention.value}{role}")
    return 0


def _secrets_init(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.secrets_file import ensure_secrets

    path = Path(args.file)
    created = ensure_secrets(path)
    print(f"secrets in {path}: " + (f"created {', '.join(created)}" if created else "all present"))
    return 0


def _secrets_check(args: argparse.Namespace, settings: Settings) -> int:
    require_secrets(settings)
    print("secrets: all set" + (" (demo mode)" if settings.demo else ""))
    return 0


def _user_add(args: argparse.Namespace, settings: Settings) -> int:
    import getpass

    from assistant.db.unit_of_work import SqlUnitOfWork
    from assistant.services.accounts import create_account

    if sys.stdin.isatty():
        password = getpass.getpass("密码: ")
        if getpass.getpass("再输入一次: ") != password:
            print("error: the two passwords differ", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\n")
    account = create_account(SqlUnitOfWork.from_settings(settings), args.username, args.role, password, args.display_name)
    print(f"account created: {account.username} ({account.role})")
    return 0


def _audit_day(raw: str) -> datetime:
    try:
        return datetime.strptime(raw, "%Y-%m-%d")
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day (YYYY-MM-DD): {raw!r}") from None


def _audit(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.db.unit_of_work import SqlUnitOfWork
    from assistant.domain.identifiers import validate_case_id
    from assistant.services.audit import format_access_table, list_access

    records = list_access(
        SqlUnitOfWork.from_settings(settings),
        since=args.since,
        until=args.until + timedelta(days=1) if args.until else None,
        case_id=validate_case_id(args.case) if args.case else None,
        username=args.user,
        limit=args.limit,
    )
    print(format_access_table(records))
    return 0


def add_audit_command(commands: Any) -> None:
    """``quanzu audit``: who viewed which case and revealed what (newest first)."""
    audit = commands.add_parser("audit", help="list case views and reveals (the access audit)")
    audit.add_argument("--case", help="only this case id")
    audit.add_argument("--user", help="only this username")
    audit.add_argument("--since", type=_audit_day, help="only from this day on (YYYY-MM-DD)")
    audit.add_argument("--until", type=_audit_day, help="only up to this day, inclusive (YYYY-MM-DD)")
    audit.add_argument("--limit", type=int, default=500, help="at most this many records (default 500)")
    audit.set_defaults(handler=_audit)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``quanzu`` command."""
    parser = argparse.ArgumentParser(prog="quanzu", description="Quanzu anti-fraud intervention assistant")
    commands = parser.add_subparsers(dest="command", required=True)
    db = commands.add_parser("db", help="database schema").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="apply the Alembic migrations").set_defaults(handler=_db_upgrade)
    commands.add_parser("seed-demo", help="load the demo cases (idempotent)").set_defaults(handler=_seed_demo)
    nlp = commands.add_parser("build-nlp", help="build the spaCy pipeline from source")
    nlp.add_argument("--output", default="build/nlp/zh_quanzu")
    nlp.set_defaults(handler=_build_nlp)
    case = commands.add_parser("case", help="show a case card")
    case.add_argument("case_id")
    case.set_defaults(handler=_show_case)
    analyse = commands.add_parser("analyse", help="show the entities found in a sentence")
    analyse.add_argument("text")
    analyse.set_defaults(handler=_analyse)
    web = commands.add_parser("web", help="run the officer's side panel (web server)")
    web.add_argument("--host", default="127.0.0.1")
    web.add_argument("--port", type=int, default=8080)
    web.set_defaults(handler=_web)
    secrets = commands.add_parser("secrets", help="per-installation secrets").add_subparsers(
        dest="secrets_command", required=True
    )
    init = secrets.add_parser("init", help="create the secrets file (never overwrites a secret)")
    init.add_argument("--file", default=".secrets/quanzu.env")
    init.set_defaults(handler=_secrets_init)
    secrets.add_parser("check", help="fail unless every secret is set and safe").set_defaults(handler=_secrets_check)
    user = commands.add_parser("user", help="panel accounts").add_subparsers(dest="user_command", required=True)
    add = user.add_parser("add", help="create an account (password asked twice, or one line on standard input)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=["officer", "trainee", "supervisor"])
    add.add_argument("--display-name")
    add.set_defaults(handler=_user_add)
    add_replay_commands(commands)
    add_drill_commands(commands)
    add_audit_command(commands)
    add_stats_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors are reported in one line, not as a traceback."""
    args = build_parser().parse_args(argv)
    settings = Settings.from_env()
    try:
        return int(args.handler(args, settings))
    except QuanzuError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
