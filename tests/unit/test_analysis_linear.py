"""The analysis of a message takes time linear in its length (a 40 kB message once took 51 s)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from assistant.domain import amounts
from assistant.domain.spans import SpanClaims
from assistant.nlp.analysis import analyse

# Generous: linear work gives about 8 for 8 times the text; the quadratic overlap checks gave
# about 70, the quadratic numeral regex about 64.
GROWTH_LIMIT = 20


def _best_time(function: Callable[[], object], repeat: int = 5) -> float:
    # CPU time of this process, not wall time: the growth ratio must not depend on what else
    # the machine is running (other test processes, parallel builds).
    timings = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        timings.append(time.process_time() - start)
    return min(timings)


def _growth(unit: str, small: int, factor: int = 8) -> float:
    analyse(unit * 10)  # warm up regex caches and cn2an
    small_time = _best_time(lambda: analyse(unit * small))
    large_time = _best_time(lambda: analyse(unit * small * factor))
    return large_time / small_time


def test_span_checks_look_at_each_character_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    inspected = {"characters": 0}
    original = SpanClaims.is_free

    def counting(self: SpanClaims, start: int, end: int) -> bool:
        inspected["characters"] += end - start
        return original(self, start, end)

    monkeypatch.setattr(SpanClaims, "is_free", counting)

    def work(repeats: int) -> int:
        inspected["characters"] = 0
        found = analyse("转8万 " * repeats)
        assert len(found) == repeats  # every amount is still found
        return inspected["characters"]

    small, large = work(1_000), work(8_000)
    assert small > 0
    assert large <= 8 * small * 1.1


def test_eight_thousand_amounts_take_about_eight_times_one_thousand() -> None:
    assert _growth("转8万 ", 1_000) < GROWTH_LIMIT


@pytest.mark.parametrize("unit", ["一", "二十", "1 ", "3点", "工行", "一元", "冻结了2个账户"])
def test_numeral_soup_and_repeated_entities_grow_linearly(unit: str) -> None:
    assert _growth(unit, 4_000 // len(unit)) < GROWTH_LIMIT


def test_a_long_run_of_chinese_digits_is_scanned_once_not_once_per_character() -> None:
    # Without a magnitude, _CHINESE.finditer retried at each of the 20,000 characters.
    assert amounts.find_amounts("一" * 20_000) == []
    ratio = _best_time(lambda: amounts.find_amounts("一" * 16_000)) / _best_time(
        lambda: amounts.find_amounts("一" * 2_000)
    )
    assert ratio < GROWTH_LIMIT
