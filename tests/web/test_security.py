"""Security headers, the same-origin check on state-changing requests, sign-in throttling, database outages."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from assistant.db.models import Intervention
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.web.app import SESSION_COOKIE, TEMPLATES_DIR
from tests.web.conftest import CASE, PASSWORDS, SAME_ORIGIN, sign_in

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
LOCKED = "登录失败次数过多,请15分钟后再试"
FOREIGN = {"detail": "请求来源不被允许"}
DB_DOWN = {"detail": "数据库暂时不可用,刚才的操作没有保存,请稍后重试"}


def _assert_secured(answer: Any) -> None:
    assert answer.headers["content-security-policy"] == CSP
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["referrer-policy"] == "no-referrer"


# --- headers ------------------------------------------------------------------------------


def test_every_kind_of_answer_carries_the_security_headers(officer: TestClient, client: TestClient) -> None:
    answers = {
        "page": officer.get("/"),
        "login page": client.get("/login"),
        "redirect": client.get("/", follow_redirects=False),
        "api": officer.get("/api/me"),
        "api 401": client.get("/api/me"),
        "api 404": officer.get("/api/cases/YJ20991231001"),
        "static": officer.get("/static/panel.js"),
        "unknown path": officer.get("/nowhere"),
        "api forbidden origin": client.post("/api/login", json={}, headers={"Origin": "http://evil.example"}),
    }
    for name, answer in answers.items():
        _assert_secured(answer)
        assert (answer.headers.get("cache-control") == "no-store") is (name.startswith("api")), name


def test_an_unexpected_failure_carries_the_security_headers(app: FastAPI, fake_rasa: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fake_rasa, "tracker", lambda sender: 1 / 0)
    with TestClient(app, raise_server_exceptions=False, headers=SAME_ORIGIN) as client:
        sign_in(client, "officer_li")
        answer = client.get(f"/api/cases/{CASE}/conversation")
    assert answer.status_code == 500
    _assert_secured(answer)
    assert answer.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("template", sorted(path.name for path in TEMPLATES_DIR.glob("*.html")))
def test_templates_have_nothing_inline_that_the_csp_would_block(template: str) -> None:
    html = (TEMPLATES_DIR / template).read_text(encoding="utf-8")
    assert not re.search(r"\sstyle\s*=", html, re.I), "inline style attribute"
    assert not re.search(r"<style", html, re.I), "inline style element"
    assert not re.search(r"\son[a-z]+\s*=", html, re.I), "inline event handler"
    assert not re.search(r"javascript:", html, re.I)
    for script in re.findall(r"<script\b[^>]*>", html, re.I):
        # The panel's own scripts, or a library it serves itself from build/ (/vendor/).
        assert re.search(r'\ssrc="/(static|vendor)/', script), script
    assert re.findall(r"<script\b[^>]*>\s*</script>", html, re.I) == re.findall(r"<script\b[^>]*>.*?</script>", html, re.I | re.S)


def test_the_front_end_calls_only_the_panel_itself() -> None:
    static = TEMPLATES_DIR.parent / "static"
    for path in static.glob("*.js"):
        source = path.read_text(encoding="utf-8")
        assert "http://" not in source and "https://" not in source, path.name
        assert "setAttribute('style'" not in source and 'setAttribute("style"' not in source, path.name
        assert "innerHTML" not in source and "eval(" not in source, path.name
    # Every request goes through api(), a same-origin fetch of a relative path.
    panel = (static / "panel.js").read_text(encoding="utf-8")
    assert panel.count("fetch(") == 1 and "credentials: 'same-origin'" in panel


# --- same-origin check ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "https://testserver"},
        {"Origin": "http://testserver:8081"},
        {"Origin": "http://testserver.evil.example"},
        {"Origin": "null"},
        {"Origin": ""},
        {"Referer": "http://evil.example/cases/YJ20261125001"},
        {"Origin": "http://evil.example", "Referer": "http://testserver/"},
    ],
)
def test_a_state_changing_request_from_another_origin_is_403(app: FastAPI, headers: dict[str, str]) -> None:
    with TestClient(app) as client:
        answer = client.post("/api/login", json={"username": "officer_li", "password": PASSWORDS["officer_li"]}, headers=headers)
        assert answer.status_code == 403
        assert answer.json() == FOREIGN
        assert "set-cookie" not in answer.headers


def test_a_state_changing_request_without_origin_or_referer_is_403(app: FastAPI) -> None:
    with TestClient(app) as client:
        answer = client.post("/api/login", json={"username": "officer_li", "password": PASSWORDS["officer_li"]})
        assert answer.status_code == 403 and answer.json() == FOREIGN


def test_a_same_origin_referer_is_enough_without_origin(app: FastAPI) -> None:
    with TestClient(app) as client:
        answer = client.post(
            "/api/login",
            json={"username": "officer_li", "password": PASSWORDS["officer_li"]},
            headers={"Referer": "http://testserver/login"},
        )
        assert answer.status_code == 200
        assert client.get("/api/me").status_code == 200  # reads need no origin


def test_the_origin_may_name_the_default_port(app: FastAPI) -> None:
    with TestClient(app, headers={"Origin": "http://TESTSERVER:80"}) as client:
        assert sign_in(client, "officer_li").status_code == 200


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_signed_in_officer_cannot_be_made_to_write_from_another_site(
    officer: TestClient, seeded_uow: SqlUnitOfWork, method: str
) -> None:
    def interventions() -> int:
        with seeded_uow() as session:
            return int(session.execute(select(func.count()).select_from(Intervention)).scalar_one())

    before = interventions()
    answer = officer.request(
        method, f"/api/cases/{CASE}/outcome", json={"outcome": "false_alarm"}, headers={"Origin": "http://evil.example"}
    )
    assert answer.status_code == 403 and answer.json() == FOREIGN
    assert interventions() == before
    logout = officer.post("/api/logout", headers={"Origin": "http://evil.example"})
    assert logout.status_code == 403
    assert officer.get("/api/me").status_code == 200  # not signed out by another site


def test_same_origin_writes_pass(officer: TestClient) -> None:
    assert officer.post(f"/api/cases/{CASE}/outcome", json={"outcome": "false_alarm"}).status_code == 200


def test_over_https_the_origin_must_be_https(app: FastAPI) -> None:
    with TestClient(app, base_url="https://panel.example") as client:
        body = {"username": "officer_li", "password": PASSWORDS["officer_li"]}
        assert client.post("/api/login", json=body, headers={"Origin": "http://panel.example"}).status_code == 403
        assert client.post("/api/login", json=body, headers={"Origin": "https://panel.example"}).status_code == 200


# --- sign-in throttling ---------------------------------------------------------------------


def _at(app: FastAPI, address: str) -> Callable[..., Any]:
    """The app as reached from another client address."""

    async def asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            scope = {**scope, "client": (address, 40000)}
        await app(scope, receive, send)

    return asgi


def _fail(client: TestClient, username: str, times: int) -> None:
    for _ in range(times):
        answer = sign_in(client, username, "wrong-password")
        assert answer.status_code == 401, answer.text


def test_after_5_failures_even_the_right_password_is_refused_for_a_while(client: TestClient) -> None:
    _fail(client, "officer_li", 5)
    answer = sign_in(client, "officer_li")
    assert answer.status_code == 429
    assert answer.json() == {"detail": LOCKED}
    assert 800 < int(answer.headers["retry-after"]) <= 900
    assert "set-cookie" not in answer.headers
    assert client.get("/api/me").status_code == 401
    # The lock is on the name, whatever case or spaces it is typed with.
    assert sign_in(client, "officer_li", " OFFICER_LI ").status_code == 429


def test_20_wrong_passwords_then_the_right_one_is_refused(client: TestClient) -> None:
    for _ in range(20):
        assert sign_in(client, "officer_li", "wrong-password").status_code in (401, 429)
    assert sign_in(client, "officer_li").status_code == 429


def test_a_locked_username_does_not_lock_other_users(client: TestClient) -> None:
    _fail(client, "officer_li", 5)
    assert sign_in(client, "officer_zhou").status_code == 200


def test_only_failures_count_and_success_clears_the_username(client: TestClient) -> None:
    for _ in range(3):
        _fail(client, "officer_li", 4)
        assert sign_in(client, "officer_li").status_code == 200


def test_20_failures_from_one_address_lock_it_for_every_user_but_not_other_addresses(app: FastAPI) -> None:
    users = ["officer_li", "officer_zhou", "trainee_wang", "supervisor_zhao", "nobody"]
    with TestClient(_at(app, "10.0.0.7"), headers=SAME_ORIGIN) as attacker:
        for username in users:
            _fail(attacker, username, 4)  # never 5 on one name: only the address limit is reached
        answer = sign_in(attacker, "officer_li")
        assert answer.status_code == 429 and answer.json() == {"detail": LOCKED}
        assert int(answer.headers["retry-after"]) > 0
    with TestClient(_at(app, "10.0.0.8"), headers=SAME_ORIGIN) as colleague:
        assert sign_in(colleague, "officer_li").status_code == 200


def test_a_username_locked_from_one_address_is_locked_from_every_address(app: FastAPI) -> None:
    with TestClient(_at(app, "10.0.0.7"), headers=SAME_ORIGIN) as attacker:
        _fail(attacker, "supervisor_zhao", 5)
    with TestClient(_at(app, "10.0.0.9"), headers=SAME_ORIGIN) as other:
        assert sign_in(other, "supervisor_zhao").status_code == 429
        assert sign_in(other, "officer_zhou").status_code == 200


def test_malformed_sign_ins_do_not_count(client: TestClient) -> None:
    for _ in range(10):
        assert client.post("/api/login", json={"username": "officer_li"}).status_code == 422
    assert sign_in(client, "officer_li").status_code == 200


# --- database outages -----------------------------------------------------------------------


def _broken_uow(statement_params: dict[str, Any] | None = None) -> Callable[[], Any]:
    def uow() -> Any:
        raise OperationalError("SELECT * FROM people WHERE phone = ?", statement_params or {}, Exception("database is locked"))

    return uow


def test_a_database_outage_answers_503_not_500(app: FastAPI, officer: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    from dataclasses import replace

    app.state.panel = replace(app.state.panel, uow=_broken_uow({"phone": "13900001001"}))
    with caplog.at_level(logging.DEBUG):
        for method, path, body in [
            ("GET", "/api/me", None),
            ("GET", f"/api/cases/{CASE}", None),
            ("POST", f"/api/cases/{CASE}/outcome", {"outcome": "dissuaded", "note": "张女士电话13900001001"}),
            ("POST", "/api/login", {"username": "officer_li", "password": PASSWORDS["officer_li"]}),
        ]:
            answer = officer.request(method, path, json=body)
            assert answer.status_code == 503, path
            assert answer.json() == DB_DOWN
            _assert_secured(answer)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "OperationalError" in logged
    assert "13900001001" not in logged and "张女士" not in logged and "SELECT" not in logged


def test_a_database_file_that_cannot_be_opened_answers_503(app: FastAPI, officer: TestClient, tmp_path: Any) -> None:
    from dataclasses import replace

    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'quanzu.db'}", future=True)
    app.state.panel = replace(app.state.panel, uow=SqlUnitOfWork(engine))
    answer = officer.get(f"/api/cases/{CASE}")
    assert answer.status_code == 503 and answer.json() == DB_DOWN
    engine.dispose()


def test_the_session_cookie_name_is_unchanged() -> None:
    assert SESSION_COOKIE == "quanzu_session"
