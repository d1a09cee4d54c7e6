"""``quanzu drill``: the terminal drill (trainee lines from stdin) and the progress views.

Reads one trainee line per input line, so it runs interactively or driven by a pipe.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any, TextIO

from assistant.config import Settings
from assistant.errors import QuanzuError

EXIT_UNFINISHED = 1


class ResultsUnavailable(QuanzuError):
    """The database has no drill results table (not migrated, or not there)."""

    def __init__(self, database_url: str) -> None:
        super().__init__(
            f"no drill results in {database_url}: run `quanzu db upgrade` (or set DATABASE_URL)",
            database_url=database_url,
        )


def _results_uow(database_url: str) -> Any | None:
    """A unit of work when the database exists and is migrated to the drill results; else ``None``."""
    from sqlalchemy import inspect

    from assistant.db.unit_of_work import SqlUnitOfWork, get_engine

    # SQLite would quietly create an empty file: look for it first.
    if database_url.startswith("sqlite:///") and not Path(database_url[len("sqlite:///"):]).exists():
        return None
    engine = get_engine(database_url)
    try:
        if not inspect(engine).has_table("drill_results"):
            return None
    except Exception:  # noqa: BLE001 - an unreachable database only means "not stored"
        return None
    return SqlUnitOfWork(engine)


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "trainee"


def _list(out: TextIO) -> int:
    from assistant.coach.drills import load_drills
    from assistant.domain.fraud_types import LABELS, FraudType

    for drill in load_drills().values():
        label = LABELS[FraudType(drill.fraud_type)]
        print(f"{drill.id}\t{label}\t{drill.temperament}\t{drill.title}", file=out)
    return 0


def run_drill(drill_id: str | None, username: str, lines: TextIO, out: TextIO, settings: Settings) -> int:
    """Run one drill in the terminal; store the result when the database is migrated.

    Returns:
        0 when the drill ended (success or failure), 1 when the input ran out first.
    """
    from assistant.coach.drill import DrillSession
    from assistant.coach.drills import get_drill, load_drills
    from assistant.coach.results import save_result

    drill = get_drill(drill_id) if drill_id else next(iter(load_drills().values()))
    session = DrillSession(drill, username)
    profile = drill.profile
    age = f",{profile.age}岁" if profile.age else ""
    print(f"== 练习 {drill.id}:{drill.title}", file=out)
    print(f"对方:{profile.address}{age}。{profile.situation}", file=out)
    print(f"你扮演反诈民警,每行输入一句话(最多 {drill.max_turns} 句)。", file=out)
    print(f"【{profile.address}】{session.opening_line}", file=out)
    interactive = lines.isatty()
    while not session.finished:
        if interactive:
            print("民警> ", end="", file=out, flush=True)
        raw = lines.readline()
        if not raw:
            print("练习未完成:输入已结束,成绩不保存。", file=out)
            return EXIT_UNFINISHED
        text = raw.strip()
        if not text:
            continue
        turn = session.say(text)
        print(f"【教练】第 {len(session.turns)} 句", file=out)
        print(turn.feedback.format(), file=out)
        print(f"【{profile.address}】{turn.person_line}", file=out)
    verdict = "成功劝阻" if session.passed else "劝阻失败"
    print(f"== 结束:{verdict},总分 {session.score}/100,共 {len(session.turns)} 句", file=out)
    uow = _results_uow(settings.database_url)
    if uow is None:
        print("(成绩未保存:数据库未迁移,可运行 quanzu db upgrade)", file=out)
    else:
        result_id = save_result(uow, session.record())
        print(f"(成绩已保存,编号 {result_id})", file=out)
    return 0


def _progress(username: str | None, out: TextIO, settings: Settings) -> int:
    from assistant.coach.results import all_trainees, trainee_progress

    uow = _results_uow(settings.database_url)
    if uow is None:
        raise ResultsUnavailable(settings.database_url)
    if username:
        rows = trainee_progress(uow, username)
        if not rows:
            print(f"{username} 还没有练习记录。", file=out)
        for row in rows:
            result = "成功" if row.passed else "失败"
            print(f"{row.finished_at:%Y-%m-%d %H:%M}\t{row.drill_id}\t{row.score}\t{result}\t{row.turns}句", file=out)
        return 0
    summaries = all_trainees(uow)
    if not summaries:
        print("还没有任何练习记录。", file=out)
    print("学员\t练习次数\t成功\t平均分\t最高分\t最近一次", file=out)
    for summary in summaries:
        print(
            f"{summary.username}\t{summary.drills}\t{summary.passed}\t{summary.average_score}\t{summary.best_score}"
            f"\t{summary.last_at:%Y-%m-%d %H:%M}",
            file=out,
        )
    return 0


def _drill(args: argparse.Namespace, settings: Settings) -> int:
    if args.list:
        return _list(sys.stdout)
    return run_drill(args.drill, args.user or _default_user(), sys.stdin, sys.stdout, settings)


def _drill_progress(args: argparse.Namespace, settings: Settings) -> int:
    return _progress(args.user, sys.stdout, settings)


def add_drill_commands(commands: Any) -> None:
    """Add ``drill`` (run a drill, ``--list``) and ``drill progress`` to the ``quanzu`` sub-commands."""
    drill = commands.add_parser(
        "drill", help="training: play the officer in a drill, scored by the coach",
        description="Play the officer against a simulated person; one line per input line (stdin works). "
        "The result is stored when DATABASE_URL points at a migrated database.",
    )
    drill.add_argument("--drill", help="drill id (see --list); the first drill by default")
    drill.add_argument("--user", help="trainee name (default: the login name)")
    drill.add_argument("--list", action="store_true", help="list the drills")
    drill.set_defaults(handler=_drill)
    sub = drill.add_subparsers(dest="drill_command")
    progress = sub.add_parser("progress", help="a trainee's results over time, or every trainee's summary")
    progress.add_argument("--user", help="one trainee (default: every trainee, for supervisors)")
    progress.set_defaults(handler=_drill_progress)
