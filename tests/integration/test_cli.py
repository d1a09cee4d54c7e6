"""The ``quanzu`` command line, run in process on a temporary SQLite database."""

from __future__ import annotations

import re
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
    monkeypatch.setenv("QUANZU_DEMO", "1")
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
    history = re.search(r"demo history \(the last 30 days, synthetic\): (\d+) alerts", out)
    assert history and int(history.group(1)) > 200
    assert _alert_count(cli_database) == 55 + int(history.group(1))

    assert main(["seed-demo"]) == 0
    out = capsys.readouterr().out
    assert "0 people, 0 alerts, 0 interventions added" in out
    assert "synthetic): 0 alerts, 0 interventions added" in out
    assert _alert_count(cli_database) == 55 + int(history.group(1))

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


def test_demo_data_is_seeded_only_in_demo_mode(
    cli_database: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    main(["db", "upgrade"])
    monkeypatch.setenv("QUANZU_DEMO", "0")
    assert main(["seed-demo"]) == 2
    assert "demo mode" in capsys.readouterr().err
    assert _alert_count(cli_database) == 0


def test_demo_data_never_goes_into_a_database_with_real_cases(
    cli_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["db", "upgrade"])
    engine = create_engine(cli_database, future=True)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO people (key, name, address_form) VALUES ('p1', '真实姓名', '某女士')"
            )
            person = connection.exec_driver_sql("SELECT id FROM people").scalar_one()
            connection.exec_driver_sql(
                "INSERT INTO alerts (case_id, person_id, fraud_type, risk_level, received_at, police_station, source,"
                f" status) VALUES ('YJ20270101001', {person}, 'investment', 'high', '2027-01-01 10:00', '某派出所',"
                " 'platform', 'open')"
            )
    finally:
        engine.dispose()
    capsys.readouterr()
    assert main(["seed-demo"]) == 2
    assert "not demo data" in capsys.readouterr().err
    assert _alert_count(cli_database) == 1


def test_secrets_init_creates_private_random_secrets_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "s" / "quanzu.env"
    assert main(["secrets", "init", "--file", str(target)]) == 0
    first = target.read_text()
    assert (target.stat().st_mode & 0o777) == 0o600
    values = dict(line.split("=", 1) for line in first.splitlines() if "=" in line and not line.startswith("#"))
    assert set(values) == {"QUANZU_SECRET_KEY", "QUANZU_API_TOKEN", "QUANZU_JWT_KEY", "QUANZU_ACTION_SECRET"}
    assert len(set(values.values())) == 4 and all(len(value) >= 40 for value in values.values())
    assert main(["secrets", "init", "--file", str(target)]) == 0
    assert target.read_text() == first  # never overwritten


def test_secrets_check_refuses_missing_and_published_secrets(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("QUANZU_SECRET_KEY", "QUANZU_API_TOKEN", "QUANZU_JWT_KEY", "QUANZU_ACTION_SECRET"):
        monkeypatch.setenv(name, "s" * 40)
    monkeypatch.setenv("QUANZU_DEMO", "0")
    assert main(["secrets", "check"]) == 0
    monkeypatch.setenv("QUANZU_API_TOKEN", "quanzu-dev-token")
    assert main(["secrets", "check"]) == 2
    assert "QUANZU_API_TOKEN is a published default value" in capsys.readouterr().err
    monkeypatch.delenv("QUANZU_API_TOKEN")
    assert main(["secrets", "check"]) == 2
    monkeypatch.setenv("QUANZU_API_TOKEN", "short")
    assert main(["secrets", "check"]) == 2
    monkeypatch.setenv("QUANZU_DEMO", "1")
    assert main(["secrets", "check"]) == 0  # demo mode tolerates a short one


def test_user_add_creates_an_account_that_signs_in(
    cli_database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    from assistant.db.unit_of_work import SqlUnitOfWork
    from assistant.services.users import authenticate

    main(["db", "upgrade"])
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password-1\n"))
    assert main(["user", "add", "officer_new", "--role", "officer", "--display-name", "新警官"]) == 0
    account = authenticate(SqlUnitOfWork(get_engine(cli_database)), "officer_new", "a-long-password-1")
    assert account is not None and account.role == "officer"
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["user", "add", "officer_two", "--role", "officer"]) == 1


def test_secrets_init_leaves_an_existing_folder_as_it_is(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    assert main(["secrets", "init", "--file", str(tmp_path / "quanzu.env")]) == 0
    assert (tmp_path.stat().st_mode & 0o777) == 0o755
    assert ((tmp_path / "quanzu.env").stat().st_mode & 0o777) == 0o600
