"""``quanzu report`` and ``quanzu stats generate``: the formats, bad arguments, empty periods, the generator's refusal."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from assistant.cli import main
from assistant.db.migrate import upgrade
from assistant.db.models import Alert, Intervention
from assistant.db.unit_of_work import get_engine
from assistant.stats.formats import CSV_COLUMNS, width
from tests.integration import stats_fixture as fx

MARCH = ["--since", "2026-03-01", "--until", "2026-03-31"]


@pytest.fixture()
def report_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'report.db'}"
    upgrade(url)
    engine = create_engine(url, future=True)
    with engine.begin() as connection:
        fx.insert_fixture(connection)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    yield url
    get_engine(url).dispose()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["report", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_is_the_report(report_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *MARCH, "--by", "officer", "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["by"] == "officer" and report["period"]["since"] == "2026-03-01"
    assert report["total"]["alerts_received"] == fx.MARCH_TOTAL["alerts_received"]
    assert report["total"]["call_seconds"] == fx.MARCH_TOTAL["call_seconds"]
    assert [group["key"] for group in report["groups"]] == ["officer_li", "officer_zhou", None]


def test_csv_has_a_row_per_group_and_the_total(report_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, *MARCH, "--by", "fraud_type", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    total = rows[-1]
    assert (total["label"], total["key"], total["by"]) == ("合计", "", "fraud_type")
    assert (total["alerts_received"], total["stop_payment_amount"], total["dissuasion_rate"]) == ("5", "115000", "0.6667")
    assert (total["call_median_min"], total["call_p90_min"]) == ("12.0", "36.0")  # 720 s, 2160 s
    investment = next(row for row in rows if row["key"] == "investment")
    assert (investment["label"], investment["interventions"], investment["unreachable"]) == ("虚假网络投资理财", "2", "1")
    assert next(row for row in rows if row["key"] == "fake_loan")["dissuasion_rate"] == ""  # nothing decided


def test_table_shows_the_total_and_aligned_groups(report_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, *MARCH, "--by", "station")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "全阻统计报表 · 2026-03-01 至 2026-03-31 · 按派出所"
    assert "  预警    接收 5 · 已处置 4 · 重复受害人 2" in lines
    assert any("劝阻成功率 66.7%" in line for line in lines)
    assert any("转账→止付     中位 20.0分钟 · P90 40.0分钟(共3次)" in line for line in lines)
    table = [line for line in lines if line.startswith(("派出所", fx.XN, fx.HC, "合计  "))]
    header, *rows = table
    assert all(width(row) <= width(header) + 2 for row in rows)  # one column layout for every row
    assert "孝南广场派出所" in out and "汉川城关派出所" in out


def test_an_empty_period_is_shown_as_empty(report_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--since", "2020-01-01", "--until", "2020-01-31", "--by", "fraud_type")
    assert (code, err) == (0, "")
    assert "合计(该时段没有记录)" in out
    assert "按诈骗类型:该时段没有记录" in out
    assert "劝阻成功率 —" in out
    code, out, _err = run(capsys, "--since", "2020-01-01", "--until", "2020-01-03", "--by", "day", "--format", "csv")
    assert code == 0 and [row["key"] for row in csv.DictReader(io.StringIO(out))] == [
        "2020-01-01", "2020-01-02", "2020-01-03", ""
    ]


def test_named_periods(report_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    today = datetime.now().date().isoformat()
    for flag in ("--today", "--week", "--month", "--days=7"):
        code, out, _err = run(capsys, flag, "--format", "json")
        assert code == 0, flag
        period = json.loads(out)["period"]
        assert period["since"] <= today <= period["until"], flag


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-02-30"], "error: not a day (YYYY-MM-DD): '2026-02-30'"),
        (["--since", "2026-03-10", "--until", "2026-03-01"], "error: the period ends (2026-03-01) before it starts (2026-03-10)"),
        (["--today", "--since", "2026-03-01"], "error: give either a named period or --since/--until, not both"),
        (["--since", "1000-01-01", "--until", "2026-01-01"], "error: the period is longer than 3660 days"),
    ],
)
def test_bad_periods_are_one_line_errors(
    report_database: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.strip() == message


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "weather"], "argument --by: invalid choice: 'weather'"),
        (["--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["--today", "--week"], "argument --week: not allowed with argument --today"),
        (["--days", "0"], "argument --days: must be 1 or more: '0'"),
        (["--days", "many"], "argument --days: not a whole number: 'many'"),
    ],
)
def test_bad_arguments_are_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["report", *args])
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_a_missing_database_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'nowhere.db'}")
    code, out, err = run(capsys, "--today")
    assert (code, out) == (1, "")
    assert "run `quanzu db upgrade`" in err and "Traceback" not in err
    assert not (tmp_path / "nowhere.db").exists()


def test_output_to_a_file(report_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "march.csv"
    code, out, err = run(capsys, *MARCH, "--format", "csv", "--output", str(target))
    assert (code, out) == (0, "") and str(target) in err
    assert target.read_text(encoding="utf-8").startswith("since,until,by,key,label,")


def test_generate_fills_an_empty_database_and_refuses_a_full_one(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    assert main(["stats", "generate", "--interventions", "3000", "--database", url]) == 0
    assert "generated" in capsys.readouterr().out
    engine = create_engine(url, future=True)
    with engine.connect() as connection:
        interventions = connection.execute(select(func.count(Intervention.id))).scalar_one()
        alerts = connection.execute(select(func.count(Alert.id))).scalar_one()
        latest = connection.execute(select(func.max(Alert.received_at))).scalar_one()
    engine.dispose()
    assert 3000 <= interventions < 3300 and alerts < interventions
    assert latest <= datetime.now()
    assert main(["stats", "generate", "--interventions", "10", "--database", url]) == 1
    assert "already holds" in capsys.readouterr().err
