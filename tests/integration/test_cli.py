"""The ``quanzu`` command line, run in process on a temporary SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from assistant.cli import main
from assistant.db.models import Alert
from assistant.db.unit_of_work import get_engine


@pytest.fixture()
def cli_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    yield url
    get_engine(url).dispose()


def _alert_count(url: str) -> int:
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count(Alert.id))).scalar_one()
    finally:
        engine.dispose()


def test_upgrade_seed_and_show_a_case(cli_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == 0
    assert cli_database in capsys.readouterr().out

    assert main(["seed-demo"]) == 0
    out = capsys.readouterr().out
    assert "demo seed loaded: 48 people, 55 alerts" in out
    assert _alert_count(cli_database) == 55

    assert main(["seed-demo"]) == 0
    assert "0 people, 0 alerts, 0 interventions added" in capsys.readouterr().out
    assert _alert_count(cli_database) == 55

    assert main(["case", "YJ20261125001"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.startswith("【案件 YJ20261125001】张女士 · 冒充公检法及政府机关")
    assert "孝南广场派出所" in captured.out
    assert "139****1001" in captured.out
    assert "13900001001" not in captured.out


def test_case_accepts_a_lowercase_id(cli_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["db", "upgrade"])
    main(["seed-demo"])
    capsys.readouterr()
    assert main(["case", "yj20261125002"]) == 0
    assert "重复受害人" in capsys.readouterr().out


def test_case_with_a_bad_id_exits_1_with_a_one_line_error(
    cli_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["db", "upgrade"])
    capsys.readouterr()
    assert main(["case", "XYZ-1"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ")
    assert "XYZ-1" in lines[0]
    assert "Traceback" not in captured.err


def test_case_not_found_exits_1_with_a_one_line_error(cli_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["db", "upgrade"])
    main(["seed-demo"])
    capsys.readouterr()
    assert main(["case", "YJ20991231001"]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == "error: case not found: YJ20991231001"
    assert captured.out == ""


def test_analyse_prints_the_entities(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", "劝阻成功,挽损8万,转到工行"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [
        "outcome\t劝阻成功\tdissuaded",
        "amount\t8万\t80000 role=saved",
        "bank\t工行\t中国工商银行",
    ]


def test_analyse_of_a_sentence_without_entities_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", "你好"]) == 0
    assert capsys.readouterr().out == ""


def test_build_nlp_writes_the_pipeline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "zh_quanzu"
    assert main(["build-nlp", "--output", str(output)]) == 0
    assert (output / "config.cfg").is_file()
    assert str(output) in capsys.readouterr().out


def test_a_missing_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2
    assert "usage: quanzu" in capsys.readouterr().err
