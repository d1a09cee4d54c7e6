"""Signing in and out, server-side sessions (signed cookie, expiring, revoked at logout), and which routes need them."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import datetime, timedelta

import itsdangerous
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from assistant.config import Settings
from assistant.db.models import PanelSession, User
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.services.sessions import live_sessions, open_session, revoke_user_sessions
from assistant.web.app import SESSION_COOKIE, create_app
from tests.web.conftest import CASE, SAME_ORIGIN, sign_in
from tests.web.fakes import FakeRasa

DRILL = "impersonate_police_distrustful"
DRILL_SESSION = "some-session"
API_ROUTES = [
    ("POST", "/api/logout"),
    ("GET", "/api/me"),
    ("GET", "/api/queue"),
    ("GET", f"/api/cases/{CASE}"),
    ("POST", f"/api/cases/{CASE}/reveal"),
    ("GET", f"/api/cases/{CASE}/conversation"),
    ("POST", f"/api/cases/{CASE}/start"),
    ("POST", f"/api/cases/{CASE}/messages"),
    ("GET", f"/api/cases/{CASE}/stop-payment/draft"),
    ("POST", f"/api/cases/{CASE}/stop-payments"),
    ("POST", f"/api/cases/{CASE}/escalations"),
    ("POST", f"/api/cases/{CASE}/outcome"),
    ("GET", "/api/drills"),
    ("GET", "/api/drills/progress"),
    ("POST", f"/api/drills/{DRILL}/sessions"),
    ("POST", f"/api/drill-sessions/{DRILL_SESSION}/lines"),
    ("GET", "/api/audit"),
    ("POST", "/api/chat-token"),
    ("POST", f"/api/cases/{CASE}/life-safety/dispatch"),
    ("GET", "/api/stats/dashboard"),
    ("GET", "/api/stats/report"),
    ("GET", "/api/stats/report.csv"),
]
# Pages for supervisors only: anyone else signed in gets 403 (tests/web/test_stats_api.py).
SUPERVISOR_PAGES = ["/stats"]
PAGES = ["/", f"/cases/{CASE}", "/drills", f"/drills/{DRILL}", *SUPERVISOR_PAGES]


def test_the_lists_above_cover_every_route_of_the_app(app: FastAPI) -> None:
    routes = {
        (method, route.path.replace("{case_id}", CASE).replace("{drill_id}", DRILL).replace("{session_id}", DRILL_SESSION))
        for route in app.routes
        for method in (getattr(route, "methods", None) or ())
    }
    assert routes == set(API_ROUTES) | {("GET", page) for page in PAGES} | {("POST", "/api/login"), ("GET", "/login")}


@pytest.mark.parametrize(("method", "path"), API_ROUTES)
def test_every_api_route_needs_a_session(client: TestClient, fake_rasa: FakeRasa, method: str, path: str) -> None:
    answer = client.request(method, path, json={"text": "你好", "field": "phone", "outcome": "dissuaded"})
    assert answer.status_code == 401
    assert answer.json() == {"detail": "请先登录"}
    assert fake_rasa.calls == []


@pytest.mark.parametrize("path", PAGES)
def test_every_page_redirects_to_login_without_a_session(client: TestClient, path: str) -> None:
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login"


def test_login_page_is_served_without_a_session(client: TestClient) -> None:
    answer = client.get("/login")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")


def test_login_sets_a_signed_strict_cookie_and_me_answers(client: TestClient) -> None:
    answer = sign_in(client, "officer_li")
    assert answer.status_code == 200
    assert answer.json() == {"username": "officer_li", "display_name": "李警官", "role": "officer"}
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    assert "Max-Age=43200" in cookie
    me = client.get("/api/me")
    assert me.status_code == 200
    assert me.json() == {"username": "officer_li", "display_name": "李警官", "role": "officer"}
    assert me.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("username", "password"),
    [("officer_li", "wrong-password"), ("nobody", "quanzu-officer"), ("officer_li", ""), ("trainee_wang", "quanzu-officer")],
)
def test_wrong_credentials_get_401_and_no_session(client: TestClient, username: str, password: str) -> None:
    answer = sign_in(client, username, password)
    assert answer.status_code == 401
    assert answer.json() == {"detail": "用户名或密码错误"}
    assert "set-cookie" not in answer.headers
    assert client.get("/api/me").status_code == 401


def test_malformed_login_body_is_422_with_field_errors(client: TestClient) -> None:
    answer = client.post("/api/login", json={"username": "officer_li"})
    assert answer.status_code == 422
    assert answer.json()["errors"] == {"password": "必须填写"}


def test_logout_clears_the_session(client: TestClient) -> None:
    sign_in(client, "officer_li")
    assert client.get("/api/me").status_code == 200
    answer = client.post("/api/logout")
    assert answer.status_code == 204
    assert f'{SESSION_COOKIE}=""' in answer.headers["set-cookie"]
    assert client.get("/api/me").status_code == 401
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_copied_cookie_no_longer_works_after_logout(client: TestClient, app: FastAPI) -> None:
    sign_in(client, "officer_li")
    copied = client.cookies[SESSION_COOKIE]
    assert client.post("/api/logout").status_code == 204
    with TestClient(app, headers=SAME_ORIGIN) as thief:
        thief.cookies.set(SESSION_COOKIE, copied)
        assert thief.get("/api/me").status_code == 401
        assert thief.get(f"/api/cases/{CASE}").status_code == 401
        assert thief.get("/", follow_redirects=False).headers["location"] == "/login"


def test_signing_in_again_ends_the_browser_s_previous_session(client: TestClient, app: FastAPI) -> None:
    sign_in(client, "officer_li")
    first = client.cookies[SESSION_COOKIE]
    sign_in(client, "supervisor_zhao")
    assert client.get("/api/me").json()["username"] == "supervisor_zhao"
    with TestClient(app, headers=SAME_ORIGIN) as other:
        other.cookies.set(SESSION_COOKIE, first)
        assert other.get("/api/me").status_code == 401


def test_logout_revokes_only_its_own_session(client_for: Callable[[str], TestClient]) -> None:
    desk = client_for("officer_li")
    laptop = client_for("officer_li")
    assert laptop.post("/api/logout").status_code == 204
    assert laptop.get("/api/me").status_code == 401
    assert desk.get("/api/me").status_code == 200


def test_the_session_is_a_server_side_row_and_the_cookie_holds_only_a_signed_random_token(
    client: TestClient, seeded_uow: SqlUnitOfWork, settings: Settings
) -> None:
    sign_in(client, "officer_li")
    cookie = client.cookies[SESSION_COOKIE]
    token = itsdangerous.TimestampSigner(settings.secret_key, salt="quanzu.panel-session").unsign(cookie).decode()
    assert "officer_li" not in cookie and len(token) >= 43  # 32 random bytes, base64
    with seeded_uow() as session:
        row = session.execute(select(PanelSession)).scalar_one()
        assert row.id == hashlib.sha256(token.encode()).hexdigest()
        assert row.username == "officer_li" and row.revoked_at is None
        assert timedelta(hours=11.9) < row.expires_at - row.created_at <= timedelta(hours=12)
    client.post("/api/logout")
    with seeded_uow() as session:
        assert session.execute(select(PanelSession)).scalar_one().revoked_at is not None


def test_the_cookie_is_secure_over_https(app: FastAPI) -> None:
    with TestClient(app, base_url="https://panel.example", headers={"Origin": "https://panel.example"}) as client:
        answer = sign_in(client, "officer_li")
        assert answer.status_code == 200
        cookie = answer.headers["set-cookie"].lower()
        assert "secure" in cookie and "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
    with TestClient(app, headers=SAME_ORIGIN) as plain:
        assert "secure" not in sign_in(plain, "officer_li").headers["set-cookie"].lower()


def test_signed_in_user_gets_the_pages_and_login_redirects_to_the_queue(client: TestClient) -> None:
    sign_in(client, "officer_li")
    for path in PAGES:
        answer = client.get(path)
        assert answer.status_code == (403 if path in SUPERVISOR_PAGES else 200), path
        assert answer.headers["content-type"].startswith("text/html")
    login = client.get("/login", follow_redirects=False)
    assert login.status_code == 303 and login.headers["location"] == "/"


def _signed(secret: str, token: str) -> str:
    return itsdangerous.TimestampSigner(secret, salt="quanzu.panel-session").sign(token).decode("utf-8")


def _open_session(uow: SqlUnitOfWork, username: str, *, created: datetime, hours: float = 12) -> str:
    return open_session(uow, username, now=created, lifetime=timedelta(hours=hours))


def test_a_cookie_signed_with_another_key_is_rejected(
    client: TestClient, seeded_uow: SqlUnitOfWork, settings: Settings
) -> None:
    token = _open_session(seeded_uow, "supervisor_zhao", created=datetime.now())
    for key in ("another-key", "quanzu-dev-secret-change-me", ""):
        client.cookies.set(SESSION_COOKIE, _signed(key, token))
        assert client.get("/api/me").status_code == 401, key
    # The same live session under the configured key is accepted: only the signature was refused.
    client.cookies.set(SESSION_COOKIE, _signed(settings.secret_key, token))
    assert client.get("/api/me").json()["username"] == "supervisor_zhao"


@pytest.mark.parametrize(
    "cookie",
    ["", "garbage", "officer_li", "eyJ1c2VybmFtZSI6Im9mZmljZXJfbGkifQ==.Zx.sig", "a" * 5000],
)
def test_malformed_cookies_are_rejected(client: TestClient, cookie: str) -> None:
    client.cookies.set(SESSION_COOKIE, cookie)
    assert client.get("/api/me").status_code == 401
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_well_signed_cookie_for_a_session_never_opened_is_rejected(client: TestClient, settings: Settings) -> None:
    client.cookies.set(SESSION_COOKIE, _signed(settings.secret_key, "made-up-token"))
    assert client.get("/api/me").status_code == 401


def test_a_session_expires_after_the_session_hours_even_when_kept_alive(
    client: TestClient, seeded_uow: SqlUnitOfWork, settings: Settings
) -> None:
    token = _open_session(seeded_uow, "officer_li", created=datetime.now() - timedelta(hours=12, minutes=1))
    client.cookies.set(SESSION_COOKIE, _signed(settings.secret_key, token))
    assert client.get("/api/me").status_code == 401
    assert client.get("/", follow_redirects=False).status_code == 303
    fresh = _open_session(seeded_uow, "officer_li", created=datetime.now() - timedelta(hours=11))
    client.cookies.set(SESSION_COOKIE, _signed(settings.secret_key, fresh))
    assert client.get("/api/me").status_code == 200


def test_a_cookie_signed_longer_ago_than_the_session_lifetime_is_rejected(
    client: TestClient, seeded_uow: SqlUnitOfWork, settings: Settings
) -> None:
    # A live row, but a cookie whose signature is older than a session can live: refused cheaply.
    token = _open_session(seeded_uow, "officer_li", created=datetime.now(), hours=48)

    class SignerAt(itsdangerous.TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - 13 * 3600)

    client.cookies.set(SESSION_COOKIE, SignerAt(settings.secret_key, salt="quanzu.panel-session").sign(token).decode())
    assert client.get("/api/me").status_code == 401
    client.cookies.set(SESSION_COOKIE, _signed(settings.secret_key, token))
    assert client.get("/api/me").status_code == 200


def test_revoking_every_session_of_a_user(client: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    sign_in(client, "officer_li")
    assert live_sessions(seeded_uow, "officer_li", now=datetime.now()) == 1
    assert revoke_user_sessions(seeded_uow, "officer_li", now=datetime.now()) == 1
    assert client.get("/api/me").status_code == 401
    assert live_sessions(seeded_uow, "officer_li", now=datetime.now()) == 0


def test_short_session_lifetime_from_settings(database_url: str, fake_rasa: FakeRasa, settings: Settings) -> None:
    short = Settings(database_url=database_url, secret_key=settings.secret_key, session_hours=1 / 3600)
    with TestClient(create_app(short, rasa=fake_rasa), headers=SAME_ORIGIN) as short_client:
        answer = sign_in(short_client, "officer_li")
        assert "Max-Age=1;" in answer.headers["set-cookie"]
        assert short_client.get("/api/me").status_code == 200
        time.sleep(2.1)
        assert short_client.get("/api/me").status_code == 401


def test_a_removed_account_loses_its_session(client: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    sign_in(client, "officer_zhou")
    with seeded_uow() as session:
        session.delete(session.execute(select(User).where(User.username == "officer_zhou")).scalar_one())
    assert client.get("/api/me").status_code == 401


def test_usernames_are_trimmed(client: TestClient) -> None:
    answer = client.post("/api/login", json={"username": "  officer_li ", "password": "quanzu-officer"})
    assert answer.status_code == 200


def test_each_client_has_its_own_session(client_for: Callable[[str], TestClient]) -> None:
    officer = client_for("officer_li")
    trainee = client_for("trainee_wang")
    assert officer.get("/api/me").json()["role"] == "officer"
    assert trainee.get("/api/me").json()["role"] == "trainee"
