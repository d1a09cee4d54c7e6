"""``quanzu report`` (the centre's figures of a period) and ``quanzu stats generate`` (a benchmark database).

Registered on the ``quanzu`` command by :func:`add_stats_commands`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.errors import InvalidPeriod, QuanzuError
from assistant.stats.formats import FORMATS
from assistant.stats.queries import Grouping

EXIT_USAGE = 2
REPORT_EPILOG = """\
periods: --today, --week (Monday to Sunday), --month, --days N (the last N days, today
included), or --since/--until YYYY-MM-DD (both days included; --since alone runs to today).
Without one, this month. Each figure counts in the period by the time of its own event
(alerts by reception, interventions by their start, stop-payments and escalations when filed,
follow-ups when due)."""


class DatabaseNotReady(QuanzuError):
    """The case database is not there or not migrated."""

    def __init__(self, database_url: str) -> None:
        super().__init__(
            f"no case database at {database_url}: run `quanzu db upgrade` (or set DATABASE_URL)",
            database_url=database_url,
        )


def _report_uow(database_url: str) -> Any:
    """A unit of work on the case database; refuses a missing or unmigrated one (SQLite would create it)."""
    from sqlalchemy import inspect

    from assistant.db.unit_of_work import SqlUnitOfWork, get_engine

    if database_url.startswith("sqlite:///") and not Path(database_url[len("sqlite:///"):]).exists():
        raise DatabaseNotReady(database_url)
    engine = get_engine(database_url)
    if not inspect(engine).has_table("interventions"):
        raise DatabaseNotReady(database_url)
    return SqlUnitOfWork(engine)


def _period_name(args: argparse.Namespace) -> str | None:
    if args.today:
        return "today"
    if args.week:
        return "week"
    if args.month:
        return "month"
    if args.days is not None:
        return f"{args.days}d"
    return None


def _report(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.services.statistics import build_report
    from assistant.stats import periods
    from assistant.stats.formats import render

    now = datetime.now()
    try:
        period = periods.resolve(now, name=_period_name(args), since=args.since, until=args.until)
    except InvalidPeriod as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    grouping = Grouping(args.by) if args.by else None
    report = build_report(_report_uow(settings.database_url), period, grouping, now)
    text = render(report, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"report written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _positive(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {raw!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {raw!r}")
    return value


def _generate(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.stats.generator import generate

    result = generate(args.database, interventions=args.interventions, days=args.days, seed=args.seed,
                      now=datetime.now(), progress=sys.stderr)
    print(
        f"generated {result.interventions:,} interventions on {result.alerts:,} alerts "
        f"({result.stop_payments:,} stop-payments, {result.escalations:,} escalations, "
        f"{result.follow_ups:,} follow-ups) over {result.days} days in {result.seconds:.1f} s: {args.database}"
    )
    return 0


def add_stats_commands(commands: Any) -> None:
    """Add ``quanzu report`` and ``quanzu stats generate`` to the ``quanzu`` command's subparsers."""
    report = commands.add_parser(
        "report",
        help="the centre's figures of a period (counts, amounts, times), in total or by group",
        description="The centre's figures of a period: alerts, interventions by outcome, dissuasion rate, "
        "amounts saved and frozen, stop-payments, escalations, follow-ups, repeat victims, and the times "
        "alert → first contact, transfer → stop-payment and call duration (median and 90th percentile).",
        epilog=REPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    named = report.add_mutually_exclusive_group()
    named.add_argument("--today", action="store_true", help="today")
    named.add_argument("--week", action="store_true", help="this week (Monday to Sunday)")
    named.add_argument("--month", action="store_true", help="this month (the default)")
    named.add_argument("--days", type=_positive, metavar="N", help="the last N days, today included")
    report.add_argument("--since", metavar="YYYY-MM-DD", help="first day of the period")
    report.add_argument("--until", metavar="YYYY-MM-DD", help="last day of the period (included)")
    report.add_argument("--by", choices=[grouping.value for grouping in Grouping], help="break the figures down")
    report.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    report.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    report.set_defaults(handler=_report)

    stats = commands.add_parser("stats", help="statistics tools").add_subparsers(dest="stats_command", required=True)
    generate = stats.add_parser(
        "generate",
        help="fill an empty scratch database with synthetic history (benchmarks)",
        description="Fill an EMPTY scratch database with synthetic history, fast (bulk inserts): alerts, "
        "interventions, stop-payments, escalations and follow-ups, ending now. It refuses a database that "
        "holds any case.",
    )
    generate.add_argument("--interventions", type=_positive, required=True, metavar="N", help="how many interventions")
    generate.add_argument("--database", required=True, metavar="URL",
                          help="the scratch database, e.g. sqlite:///results/bench-stats.db (migrated if needed)")
    generate.add_argument("--days", type=_positive, metavar="N",
                          help="spread over the last N days (default: about 1,000 interventions a day)")
    generate.add_argument("--seed", type=int, default=12356, help="random seed (the same seed, the same data)")
    generate.set_defaults(handler=_generate)
