"""Benchmarks (``make bench``): how fast the hot paths of a call are, measured, not asserted.

- entity analysis of an officer's message (runs on every message),
- the spaCy pipeline on the same messages,
- both on a 40 kB message (8,000 × "转8万 "; once 51 s, now linear in the length),
- a case look-up on a seeded SQLite database (runs when a case is opened),
- every statistics report (``quanzu report``: each period and grouping) and the supervisors'
  dashboard on 1,000,000 generated interventions (``quanzu stats generate``); the database is
  generated once into results/ and reused (``python -m tests.bench stats`` runs only these).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from assistant.config import project_root
from assistant.db.migrate import upgrade
from assistant.db.unit_of_work import SqlUnitOfWork, get_engine
from assistant.nlp.analysis import analyse
from assistant.nlp.pipeline import build_pipeline
from assistant.seed.loader import load_seed, read_demo_seed
from assistant.services.cases import load_case

MESSAGES = [
    "她已经转了8万到工商银行,账号6222 0212 3456 7890 123,下午三点转的",
    "她说对方有警官证,还给她看了逮捕令",
    "部分劝阻 已冻结2个账户 止付30万",
    "你才是骗子吧,我凭什么信你",
    "打开案件 YJ20261125001",
]
LONG_MESSAGE = "转8万 " * 8_000


def measure(name: str, function: Callable[[], object], repeat: int) -> None:
    """Run ``function`` ``repeat`` times and print the median and 95th percentile."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{name:<40} median {statistics.median(timings):7.3f} ms   p95 {p95:7.3f} ms   (n={repeat})")


STATS_DB = project_root() / "results" / "bench-stats-1m.db"
STATS_INTERVENTIONS = 1_000_000
STATS_LIMIT_SECONDS = 2.0


def stats_database() -> str:
    """The benchmark's database of 1,000,000 interventions: generated once, reused while its schema is current."""
    from sqlalchemy import inspect

    from assistant.db.models import Base
    from assistant.stats.generator import generate, has_history

    url = f"sqlite:///{STATS_DB}"
    if STATS_DB.exists():
        engine = get_engine(url)
        inspector = inspect(engine)
        wanted = {index.name for table in Base.metadata.tables.values() for index in table.indexes}
        present = {index["name"] for name in inspector.get_table_names() for index in inspector.get_indexes(name)}
        if wanted <= present and has_history(url) >= STATS_INTERVENTIONS:
            return url
        engine.dispose()
        STATS_DB.unlink()
    STATS_DB.parent.mkdir(parents=True, exist_ok=True)
    print(f"generating {STATS_INTERVENTIONS:,} interventions into {STATS_DB} (once; reused by later runs)…")
    result = generate(url, interventions=STATS_INTERVENTIONS, now=datetime.now(), progress=sys.stdout)
    print(f"generated {result.interventions:,} interventions on {result.alerts:,} alerts in {result.seconds:.0f} s")
    return url


def timed(name: str, function: Callable[[], object], repeat: int = 3) -> float:
    """Run ``function`` ``repeat`` times; print and return the median wall time in seconds.

    The CPU time is printed too: on a machine shared with other work the wall time grows with
    the load, the CPU time does not.
    """
    timings, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    median = statistics.median(timings)
    verdict = "ok" if median < STATS_LIMIT_SECONDS else f"SLOW (over {STATS_LIMIT_SECONDS:.0f} s)"
    print(f"{name:<44} median {median * 1000:7.0f} ms   max {max(timings) * 1000:7.0f} ms"
          f"   cpu {statistics.median(cpu) * 1000:6.0f} ms   {verdict}")
    return median


def bench_statistics() -> None:
    """Time every report (each period and grouping) and the dashboard on 1,000,000 interventions."""
    from sqlalchemy import func, select

    from assistant.db.models import Alert, Intervention
    from assistant.services.statistics import build_dashboard, build_report
    from assistant.stats import periods
    from assistant.stats.queries import Grouping

    url = stats_database()
    uow = SqlUnitOfWork(get_engine(url))
    with uow() as session:
        # "Now" is the end of the generated history, so a database generated days ago still has a today.
        now = session.execute(select(func.max(Alert.received_at))).scalar_one() + timedelta(minutes=1)
        total = session.execute(select(func.count(Intervention.id))).scalar_one()
    print(f"statistics on {total:,} interventions (SQLite, {STATS_DB.name}), now = {now:%Y-%m-%d %H:%M}")
    slowest = 0.0
    for name in ("today", "week", "month", "30d"):
        period = periods.named(name, now)
        for grouping in (None, *Grouping):
            label = f"report {name} {'--by ' + grouping.value if grouping else '(total)'}"
            slowest = max(slowest, timed(label, lambda p=period, g=grouping: build_report(uow, p, g, now)))
        slowest = max(slowest, timed(f"dashboard {name}", lambda p=period: build_dashboard(uow, p, now)))
    print(f"slowest statistics query: {slowest * 1000:.0f} ms ({'under' if slowest < STATS_LIMIT_SECONDS else 'OVER'}"
          f" {STATS_LIMIT_SECONDS:.0f} s)")
    get_engine(url).dispose()


def main() -> None:
    """Run every benchmark and print one line each (``stats`` as the argument: only the statistics)."""
    if sys.argv[1:] == ["stats"]:
        bench_statistics()
        return
    measure("analyse() on 5 officer messages", lambda: [analyse(m) for m in MESSAGES], 200)
    nlp = build_pipeline()
    measure("spaCy pipeline on 5 officer messages", lambda: list(nlp.pipe(MESSAGES)), 100)
    measure("analyse() on a 40 kB message", lambda: analyse(LONG_MESSAGE), 10)
    measure("spaCy pipeline on a 40 kB message", lambda: nlp(LONG_MESSAGE), 5)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        upgrade(url)
        uow = SqlUnitOfWork(get_engine(url))
        load_seed(uow, read_demo_seed())
        measure("load_case (repeat victim) on SQLite", lambda: load_case(uow, "YJ20261125002"), 200)
        get_engine(url).dispose()
    bench_statistics()


if __name__ == "__main__":
    main()
