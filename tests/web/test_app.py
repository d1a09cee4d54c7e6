"""The app factory, its settings, the pages, the static files and the ``quanzu web`` command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.cli import main
from assistant.config import ConfigError, Settings
from assistant.web import app as app_module
from assistant.web.app import create_app, static_version
from assistant.web.rasa_client import RasaClient
from tests.web.conftest import CASE, SAME_ORIGIN
from tests.web.fakes import FakeRasa


def test_importing_the_app_module_builds_nothing() -> None:
    assert not [name for name, value in vars(app_module).items() if isinstance(value, FastAPI)]


def test_settings_for_the_panel_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "QUANZU_SECRET_KEY": "s3cret",
            "QUANZU_SESSION_HOURS": "8",
            "QUANZU_RASA_URL": "http://rasa:5005/",
            "QUANZU_API_TOKEN": "tok",
        }
    )
    assert (settings.secret_key, settings.session_hours, settings.rasa_url, settings.rasa_token) == (
        "s3cret",
        8.0,
        "http://rasa:5005",
        "tok",
    )
    defaults = Settings.from_env({})
    # No secret has a default: the servers refuse to start without them (require_secrets).
    assert (defaults.secret_key, defaults.session_hours, defaults.rasa_url, defaults.rasa_token) == (
        None,
        12.0,
        "http://localhost:5005",
        None,
    )


SECRETS = {
    "QUANZU_SECRET_KEY": "k" * 40,
    "QUANZU_API_TOKEN": "t" * 40,
    "QUANZU_JWT_KEY": "j" * 40,
    "QUANZU_ACTION_SECRET": "a" * 40,
}


def test_the_panel_refuses_to_start_without_usable_secrets(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    for name in SECRETS:
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError, match="QUANZU_SECRET_KEY is not set"):
        create_app()
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("QUANZU_SECRET_KEY", "quanzu-dev-secret-change-me")  # the old published default
    with pytest.raises(ConfigError, match="published"):
        create_app()
    assert main(["web"]) == 2


def test_create_app_reads_the_environment_and_builds_a_rasa_client(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("QUANZU_RASA_URL", "http://rasa.example:5999")
    app = create_app()
    panel = app.state.panel
    assert panel.settings.database_url == database_url
    assert isinstance(panel.assistant, RasaClient)
    assert panel.assistant.base_url == "http://rasa.example:5999"
    with TestClient(app, headers=SAME_ORIGIN) as client:  # runs the lifespan, which closes the client it made
        assert client.get("/login").status_code == 200


def test_pages_render_html_for_a_signed_in_user(officer: TestClient) -> None:
    for path in ("/", f"/cases/{CASE}", "/cases/whatever"):
        answer = officer.get(path)
        assert answer.status_code == 200, path
        assert answer.headers["content-type"].startswith("text/html")


def test_static_files_are_served_from_the_static_directory(
    tmp_path: Path, settings: Settings, fake_rasa: FakeRasa, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "panel.css").write_text("body { width: 400px }", encoding="utf-8")
    monkeypatch.setattr(app_module, "STATIC_DIR", tmp_path)
    with TestClient(create_app(settings, rasa=fake_rasa), headers=SAME_ORIGIN) as client:
        answer = client.get("/static/panel.css")
        assert answer.status_code == 200
        assert answer.text == "body { width: 400px }"
        assert client.get("/static/missing.js").status_code == 404


def test_static_version_follows_the_files(tmp_path: Path) -> None:
    empty = static_version(tmp_path)
    (tmp_path / "panel.css").write_text("body {}", encoding="utf-8")
    first = static_version(tmp_path)
    (tmp_path / "panel.css").write_text("body { color: red }", encoding="utf-8")
    assert len({empty, first, static_version(tmp_path)}) == 3
    assert static_version(tmp_path) == static_version(tmp_path)
    assert static_version(tmp_path / "missing") == empty


def test_unexpected_failures_answer_in_the_api_shape(
    app: Any, fake_rasa: FakeRasa, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(sender: str) -> dict[str, Any]:
        raise RuntimeError("bug")

    monkeypatch.setattr(fake_rasa, "tracker", broken)
    with TestClient(app, raise_server_exceptions=False, headers=SAME_ORIGIN) as client:
        client.post("/api/login", json={"username": "officer_li", "password": "quanzu-officer"})
        answer = client.get(f"/api/cases/{CASE}/conversation")
    assert answer.status_code == 500
    assert answer.json()["detail"].startswith("系统出错")
    assert "bug" not in answer.text


def test_quanzu_web_runs_uvicorn_with_the_factory(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr("uvicorn.run", lambda *args, **kwargs: calls.append((args, kwargs)))
    assert main(["web", "--host", "0.0.0.0", "--port", "8099"]) == 0
    assert main(["web"]) == 0
    (args, kwargs), (_, defaults) = calls
    assert args == ("assistant.web.app:create_app",)
    assert kwargs["factory"] is True
    assert (kwargs["host"], kwargs["port"]) == ("0.0.0.0", 8099)
    assert (defaults["host"], defaults["port"]) == ("127.0.0.1", 8080)


def test_seed_demo_reports_the_accounts(database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("QUANZU_DEMO", "1")
    assert main(["seed-demo"]) == 0
    assert "4 panel accounts added" in capsys.readouterr().out
    assert main(["seed-demo"]) == 0
    assert "0 panel accounts added" in capsys.readouterr().out
