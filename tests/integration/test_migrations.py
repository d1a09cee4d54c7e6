"""The Alembic migrations build the schema and can be taken down and up again."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect

from assistant.db.migrate import downgrade, upgrade
from assistant.db.models import Base

TABLES = {"people", "alerts", "interventions", "stop_payment_requests", "escalations", "follow_ups"}
PANEL_TABLES = {"users", "panel_sessions", "access_log"}
HEAD = "0007"


def _tables(url: str) -> set[str]:
    engine = create_engine(url, future=True)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _revision(url: str) -> str | None:
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        return rows[0][0] if rows else None
    finally:
        engine.dispose()


def test_upgrade_creates_every_table_of_the_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'schema.db'}"
    upgrade(url)
    tables = _tables(url)
    assert TABLES | PANEL_TABLES <= tables
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables
    assert _revision(url) == HEAD


def test_upgrade_creates_the_columns_and_indexes_the_models_declare(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'columns.db'}"
    upgrade(url)
    engine = create_engine(url, future=True)
    try:
        inspector = inspect(engine)
        for name, table in Base.metadata.tables.items():
            columns = {column["name"] for column in inspector.get_columns(name)}
            assert columns == {column.name for column in table.columns}, name
        alert_indexes = {index["name"]: index for index in inspector.get_indexes("alerts")}
        assert alert_indexes["ix_alerts_case_id"]["unique"]
        interventions_unique = inspector.get_unique_constraints("interventions")
        assert any(set(c["column_names"]) == {"alert_id", "conversation_id"} for c in interventions_unique)
    finally:
        engine.dispose()


def test_downgrade_to_base_drops_the_tables_and_upgrade_restores_them(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    upgrade(url)
    downgrade(url, "base")
    assert not (TABLES & _tables(url))
    assert _revision(url) is None

    upgrade(url)
    assert TABLES | PANEL_TABLES <= _tables(url)
    assert _revision(url) == HEAD


def test_upgrade_twice_is_a_no_op(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    upgrade(url)
    upgrade(url)
    assert TABLES | PANEL_TABLES <= _tables(url)
    assert _revision(url) == HEAD


def test_0002_adds_the_panel_tables_and_downgrade_to_0001_removes_only_them(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'panel.db'}"
    upgrade(url, "0001")
    assert not ({"users", "reveal_log"} & _tables(url))

    upgrade(url, "0002")
    assert {"users", "reveal_log"} <= _tables(url)
    engine = create_engine(url, future=True)
    try:
        inspector = inspect(engine)
        assert any(c["column_names"] == ["username"] for c in inspector.get_unique_constraints("users"))
        assert {index["name"] for index in inspector.get_indexes("reveal_log")} == {
            "ix_reveal_log_case_id",
            "ix_reveal_log_username",
        }
    finally:
        engine.dispose()

    downgrade(url, "0001")
    assert not ({"users", "reveal_log"} & _tables(url))
    assert TABLES <= _tables(url)
    assert _revision(url) == "0001"


def test_0004_folds_the_reveal_log_into_the_access_log_and_downgrade_restores_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'access.db'}"
    upgrade(url, "0003")
    engine = create_engine(url, future=True)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO reveal_log (username, case_id, field, revealed_at) VALUES "
                "('officer_li', 'YJ20261125001', 'phone', '2026-11-25 10:00:00.000000'), "
                "('supervisor_zhao', 'YJ20261125002', 'id_number', '2026-11-25 11:00:00.000000')"
            )
        upgrade(url)
        tables = _tables(url)
        assert "reveal_log" not in tables and {"access_log", "panel_sessions"} <= tables
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT username, case_id, action, channel, at FROM access_log ORDER BY id"
            ).all()
        assert [tuple(row) for row in rows] == [
            ("officer_li", "YJ20261125001", "reveal:phone", "panel", "2026-11-25 10:00:00.000000"),
            ("supervisor_zhao", "YJ20261125002", "reveal:id_number", "panel", "2026-11-25 11:00:00.000000"),
        ]
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO access_log (username, case_id, action, channel, at) "
                "VALUES ('officer_li', 'YJ20261125001', 'view', 'chat', '2026-11-25 12:00:00.000000')"
            )

        downgrade(url, "0003")
        tables = _tables(url)
        assert "reveal_log" in tables and not ({"access_log", "panel_sessions"} & tables)
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT username, case_id, field, revealed_at FROM reveal_log ORDER BY id"
            ).all()
        assert [tuple(row) for row in rows] == [
            ("officer_li", "YJ20261125001", "phone", "2026-11-25 10:00:00.000000"),
            ("supervisor_zhao", "YJ20261125002", "id_number", "2026-11-25 11:00:00.000000"),
        ]
        assert _revision(url) == "0003"
    finally:
        engine.dispose()


def test_0005_adds_the_life_safety_events_and_downgrade_to_0004_removes_only_them(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'life-safety.db'}"
    upgrade(url)
    engine = create_engine(url, future=True)
    try:
        inspector = inspect(engine)
        indexes = {index["name"] for index in inspector.get_indexes("life_safety_events")}
        assert {"ix_life_safety_events_alert_id", "ix_life_safety_events_conversation_id"} <= indexes
        [foreign_key] = inspector.get_foreign_keys("life_safety_events")
        assert foreign_key["referred_table"] == "alerts"
    finally:
        engine.dispose()
    downgrade(url, "0004")
    tables = _tables(url)
    assert "life_safety_events" not in tables
    assert TABLES | PANEL_TABLES <= tables
    assert _revision(url) == "0004"


def test_0007_adds_the_statistics_indexes_and_downgrade_to_0005_removes_only_them(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'statistics.db'}"
    upgrade(url)
    wanted = {
        "alerts": {"ix_alerts_received_at", "ix_alerts_person_received"},
        "interventions": {"ix_interventions_started_at", "ix_interventions_alert_started"},
        "stop_payment_requests": {"ix_stop_payment_requests_created_at"},
        "escalations": {"ix_escalations_created_at"},
        "follow_ups": {"ix_follow_ups_due_at"},
    }
    engine = create_engine(url, future=True)
    try:
        for table, names in wanted.items():
            indexes = {index["name"]: index for index in inspect(engine).get_indexes(table)}
            assert names <= set(indexes), table
        interventions = {index["name"]: index for index in inspect(engine).get_indexes("interventions")}
        assert interventions["ix_interventions_started_at"]["column_names"][:2] == ["started_at", "ended_at"]
        declared = {index.name for table in Base.metadata.tables.values() for index in table.indexes}
        assert set().union(*wanted.values()) <= declared  # the models declare what the migration builds
    finally:
        engine.dispose()
    downgrade(url, "0005")
    engine = create_engine(url, future=True)
    try:
        for table, names in wanted.items():
            assert not names & {index["name"] for index in inspect(engine).get_indexes(table)}, table
        assert "ix_alerts_case_id" in {index["name"] for index in inspect(engine).get_indexes("alerts")}
    finally:
        engine.dispose()
    assert _revision(url) == "0005"
