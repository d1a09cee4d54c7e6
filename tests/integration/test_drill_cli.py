"""``quanzu drill`` driven non-interactively through ``assistant.cli.main``, and migration 0003."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from assistant.cli import main
from assistant.coach.drills import get_drill
from assistant.db.migrate import downgrade, upgrade
from assistant.db.unit_of_work import get_engine


@pytest.fixture()
def drill_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'drill.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    yield url
    get_engine(url).dispose()


def _feed(monkeypatch: pytest.MonkeyPatch, lines: list[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def _tables(url: str) -> set[str]:
    engine = create_engine(url, future=True)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_a_drill_from_stdin_is_scored_stored_and_shown_in_progress(
    drill_database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    capsys.readouterr()
    drill = get_drill("impersonate_police_distrustful")
    _feed(monkeypatch, ["", *drill.sample])
    assert main(["drill", "--drill", drill.id, "--user", "xiaoli"]) == 0
    out = capsys.readouterr().out
    assert drill.opening_line in out
    assert "你才是骗子吧" in out
    assert "参考说法:何女士,您好!" in out
    assert "成功劝阻" in out and "成绩已保存" in out

    _feed(monkeypatch, ["您好,我是公安局的民警。", "你怎么这么傻?"])
    assert main(["drill", "--drill", drill.id, "--user", "xiaozhang"]) == 0
    out = capsys.readouterr().out
    assert "开场先说了" in out and "劝阻失败" in out

    assert main(["drill", "progress", "--user", "xiaoli"]) == 0
    out = capsys.readouterr().out
    assert drill.id in out and "成功" in out
    assert main(["drill", "progress"]) == 0
    out = capsys.readouterr().out
    assert "xiaoli\t1\t1" in out and "xiaozhang\t1\t0" in out


def test_input_running_out_leaves_the_drill_unfinished_and_unstored(
    drill_database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    _feed(monkeypatch, ["何女士,您好!跟您视频的人是骗子。请您一分钱都不要转。"])
    assert main(["drill", "--drill", "impersonate_police_distrustful", "--user", "xiaoli"]) == 1
    assert "练习未完成" in capsys.readouterr().out
    assert main(["drill", "progress", "--user", "xiaoli"]) == 0
    assert "还没有练习记录" in capsys.readouterr().out


def test_without_a_migrated_database_the_drill_runs_but_is_not_stored(
    drill_database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    drill = get_drill("task_rebate_student")
    _feed(monkeypatch, list(drill.sample))
    assert main(["drill", "--drill", drill.id, "--user", "xiaoli"]) == 0
    assert "成绩未保存" in capsys.readouterr().out
    assert main(["drill", "progress"]) == 1
    assert "quanzu db upgrade" in capsys.readouterr().err


def test_list_and_unknown_drill(drill_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["drill", "--list"]) == 0
    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) >= 11 and "impersonate_police_distrustful" in out
    assert main(["drill", "--drill", "nope"]) == 1
    assert "no drill with id 'nope'" in capsys.readouterr().err


def test_migration_0003_adds_and_removes_only_the_drill_results(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url, "0002")
    assert "drill_results" not in _tables(url)
    upgrade(url)
    assert "drill_results" in _tables(url)
    engine = create_engine(url, future=True)
    try:
        indexes = {index["name"] for index in inspect(engine).get_indexes("drill_results")}
    finally:
        engine.dispose()
    assert indexes == {"ix_drill_results_username", "ix_drill_results_drill_id"}
    downgrade(url, "0002")
    tables = _tables(url)
    assert "drill_results" not in tables and {"users", "reveal_log", "alerts"} <= tables
