"""Transfer times as people say them, resolved against a fixed "now" (assistant.domain.times)."""

from __future__ import annotations

from datetime import datetime

import pytest

from assistant.domain.times import find_time_spans, parse_transfer_time

AFTERNOON = datetime(2025, 3, 19, 16, 0, 30)
MORNING = datetime(2025, 3, 19, 9, 0)
SMALL_HOURS = datetime(2025, 3, 19, 1, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("下午三点二十", datetime(2025, 3, 19, 15, 20)),
        ("下午3点20分", datetime(2025, 3, 19, 15, 20)),
        ("下午三点", datetime(2025, 3, 19, 15, 0)),
        ("10分钟前", datetime(2025, 3, 19, 15, 50)),
        ("二十分钟以前", datetime(2025, 3, 19, 15, 40)),
        ("半小时前", datetime(2025, 3, 19, 15, 30)),
        ("一个小时前", datetime(2025, 3, 19, 15, 0)),
        ("两个小时前", datetime(2025, 3, 19, 14, 0)),
        ("14:30", datetime(2025, 3, 19, 14, 30)),
        ("14:30", datetime(2025, 3, 19, 14, 30)),
        ("昨天下午", datetime(2025, 3, 18, 15, 0)),
        ("昨天下午三点", datetime(2025, 3, 18, 15, 0)),
        ("今天上午九点多", datetime(2025, 3, 19, 9, 0)),
        ("早上八点", datetime(2025, 3, 19, 8, 0)),
        ("中午一点", datetime(2025, 3, 19, 13, 0)),
        ("两点半", datetime(2025, 3, 19, 14, 30)),
        ("三点一刻", datetime(2025, 3, 19, 15, 15)),
        ("三点三刻", datetime(2025, 3, 19, 15, 45)),
        ("晚上十点", datetime(2025, 3, 18, 22, 0)),  # still in the future today: last night
        ("昨晚十一点", datetime(2025, 3, 18, 23, 0)),
        ("昨晚", datetime(2025, 3, 18, 20, 0)),
        ("今早", datetime(2025, 3, 19, 10, 0)),
        ("前天", datetime(2025, 3, 17, 12, 0)),
        ("刚才", datetime(2025, 3, 19, 16, 0)),
        ("她说刚刚转的", datetime(2025, 3, 19, 16, 0)),
    ],
)
def test_times_in_the_afternoon(text: str, expected: datetime) -> None:
    assert parse_transfer_time(text, AFTERNOON) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("晚上十点", datetime(2025, 3, 18, 22, 0)),  # said in the morning: yesterday
        ("下午三点二十", datetime(2025, 3, 18, 15, 20)),
        ("14:30", datetime(2025, 3, 18, 14, 30)),
        ("两点半", datetime(2025, 3, 19, 2, 30)),  # latest past 2:30 is early this morning
        ("十点", datetime(2025, 3, 18, 22, 0)),
        ("早上八点", datetime(2025, 3, 19, 8, 0)),
        ("10分钟前", datetime(2025, 3, 19, 8, 50)),
        ("刚才", datetime(2025, 3, 19, 9, 0)),
    ],
)
def test_times_in_the_morning(text: str, expected: datetime) -> None:
    assert parse_transfer_time(text, MORNING) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("两点半", datetime(2025, 3, 18, 14, 30)),  # both 2:30 and 14:30 today are ahead
        ("凌晨两点", datetime(2025, 3, 18, 2, 0)),
        ("两个小时前", datetime(2025, 3, 18, 23, 0)),
    ],
)
def test_times_just_after_midnight(text: str, expected: datetime) -> None:
    assert parse_transfer_time(text, SMALL_HOURS) == expected


@pytest.mark.parametrize("now", [AFTERNOON, MORNING, SMALL_HOURS])
@pytest.mark.parametrize("text", ["下午三点二十", "两点半", "晚上十点", "14:30", "10分钟前", "昨天下午", "刚才"])
def test_resolved_time_is_never_in_the_future(text: str, now: datetime) -> None:
    resolved = parse_transfer_time(text, now)
    assert resolved <= now
    assert (now - resolved).days < 2


@pytest.mark.parametrize("text", ["garbage", "", "你好", "没有时间", "25:99", "三十点", "不记得了"])
def test_garbage_raises_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_transfer_time(text, AFTERNOON)


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("她下午三点转的", ["下午三点"]),
        ("10分钟前转到工行了", ["10分钟前"]),
        ("昨天下午转了8万", ["昨天下午"]),
        ("刚才转了两万五", ["刚才"]),
        ("转了8万到工行", []),
    ],
)
def test_find_time_spans(text: str, spans: list[str]) -> None:
    assert [text[start:end] for start, end in find_time_spans(text)] == spans
