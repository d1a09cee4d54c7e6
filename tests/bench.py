"""Benchmarks (``make bench``): how fast the hot paths of a call are, measured, not asserted.

- entity analysis of an officer's message (runs on every message),
- the spaCy pipeline on the same messages,
- both on a 40 kB message (8,000 × "转8万 "; once 51 s, now linear in the length),
- a case look-up on a seeded SQLite database (runs when a case is opened).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

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


def main() -> None:
    """Run every benchmark and print one line each."""
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


if __name__ == "__main__":
    main()
