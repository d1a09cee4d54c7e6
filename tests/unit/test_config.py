"""Settings from the environment (assistant.config)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import DEFAULT_DATABASE_URL, Settings, project_root


def test_defaults_with_an_empty_environment() -> None:
    settings = Settings.from_env({})
    assert settings.database_url == DEFAULT_DATABASE_URL == "sqlite:///quanzu.db"
    assert settings.default_officer == "officer_demo"
    assert settings.follow_up_days == 3
    assert settings.reminder_seconds is None


def test_database_url_override() -> None:
    url = "postgresql://quanzu:secret@db:5432/quanzu"
    assert Settings.from_env({"DATABASE_URL": url}).database_url == url


def test_empty_database_url_falls_back_to_the_default() -> None:
    assert Settings.from_env({"DATABASE_URL": ""}).database_url == DEFAULT_DATABASE_URL


@pytest.mark.parametrize(("raw", "expected"), [("5", 5), ("120", 120), ("", None)])
def test_reminder_seconds(raw: str, expected: int | None) -> None:
    assert Settings.from_env({"QUANZU_REMINDER_SECONDS": raw}).reminder_seconds == expected


def test_officer_and_follow_up_days() -> None:
    settings = Settings.from_env({"QUANZU_DEFAULT_OFFICER": "officer_07", "QUANZU_FOLLOW_UP_DAYS": "7"})
    assert settings.default_officer == "officer_07"
    assert settings.follow_up_days == 7


def test_unrelated_variables_are_ignored() -> None:
    assert Settings.from_env({"PATH": "/usr/bin", "HOME": "/root"}) == Settings()


def test_reads_os_environ_when_no_mapping_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/other.db")
    monkeypatch.setenv("QUANZU_REMINDER_SECONDS", "30")
    settings = Settings.from_env()
    assert settings.database_url == "sqlite:////tmp/other.db"
    assert settings.reminder_seconds == 30


def test_the_mapping_given_wins_over_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/other.db")
    assert Settings.from_env({}).database_url == DEFAULT_DATABASE_URL


def test_settings_are_immutable() -> None:
    settings = Settings.from_env({})
    with pytest.raises(AttributeError):
        settings.database_url = "sqlite://"  # type: ignore[misc]


def test_project_root_holds_the_domain() -> None:
    assert (project_root() / "domain.yml").is_file()
    assert project_root() == Path(__file__).resolve().parents[2]
