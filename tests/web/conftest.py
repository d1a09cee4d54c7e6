"""Panel tests: the app on a real, seeded SQLite database, with a fake Rasa server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.config import Settings
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.seed.loader import read_demo_seed
from assistant.services.cases import format_case_card, load_case
from assistant.web.app import TEMPLATES_DIR, create_app
from tests.conftest import CHEAP_HASHER
from tests.web.fakes import FakeRasa

# The panel's own origin as the test client reaches it: state-changing requests must name it.
ORIGIN = "http://testserver"
SAME_ORIGIN = {"Origin": ORIGIN}

PASSWORDS = {
    "officer_li": "quanzu-officer",
    "officer_zhou": "quanzu-officer",
    "trainee_wang": "quanzu-trainee",
    "supervisor_zhao": "quanzu-supervisor",
}
CASE = "YJ20261125001"  # 张女士, impersonate_police, payee account 6217000000123409876
OPENING = "张女士,您好!给您打电话的人是骗子,公安机关不会让您把钱转到“安全账户”。请您千万不要转账。"
RESPOND_DISTRUST = "张女士,您可以挂掉电话后拨打110核实我的身份。"
ALTERNATIVE = "您不用信我,直接拨打110或96110问问就知道。"


@pytest.fixture()
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key="test-secret-key-" + "s" * 32,
        session_hours=12,
        rasa_url="http://rasa.test",
        rasa_token="test-token",
        jwt_key="test-jwt-key-" + "j" * 32,
    )


@pytest.fixture()
def fake_rasa(seeded_uow: SqlUnitOfWork) -> FakeRasa:
    card = format_case_card(load_case(seeded_uow, CASE))
    return FakeRasa(
        script={
            "/session_start": ("session_start", [(card, None), (OPENING, "utter_open_impersonate_police")]),
            "你才是骗子吧": ("distrusts_officer", [(RESPOND_DISTRUST, "utter_respond_distrusts_officer")]),
            "换个说法": ("ask_alternative", [(ALTERNATIVE, "alt:utter_respond_distrusts_officer")]),
            "为什么": ("ask_why", [("为什么这么说:先让对方自己核实,不争辩身份。", None)]),
            "她说对方有警官证": ("claims_real_official", [("真的警察不会在电话里出示警官证。", "utter_respond_claims_real_official")]),
            "她挂了": ("call_dropped", [("对方挂断了,建议转派出所见面劝阻。", "utter_respond_call_dropped")]),
        }
    )


@pytest.fixture()
def app(settings: Settings, fake_rasa: FakeRasa, seeded_uow: SqlUnitOfWork) -> FastAPI:
    TEMPLATES_DIR.mkdir(exist_ok=True)  # the front end's templates; only the directory is ours to make
    built = create_app(settings, rasa=fake_rasa)
    # Sign-ins check the seed's cheap hashes with the same cheap parameters, so they are not
    # rehashed at argon2's default cost on every sign-in (tests/web/test_users.py covers rehashing).
    built.state.panel = replace(built.state.panel, hasher=CHEAP_HASHER)
    return built


@pytest.fixture()
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, headers=SAME_ORIGIN) as test_client:
        yield test_client


def sign_in(client: TestClient, username: str, password: str | None = None) -> Any:
    """Sign in through the API; return the answer."""
    secret = PASSWORDS[username] if password is None else password
    return client.post("/api/login", json={"username": username, "password": secret})


@pytest.fixture()
def client_for(app: FastAPI) -> Iterator[Callable[[str], TestClient]]:
    """A factory of clients, each signed in as the given demo account."""
    opened: list[TestClient] = []

    def make(username: str) -> TestClient:
        test_client = TestClient(app, headers=SAME_ORIGIN)
        test_client.__enter__()
        opened.append(test_client)
        answer = sign_in(test_client, username)
        assert answer.status_code == 200, answer.text
        return test_client

    yield make
    for test_client in opened:
        test_client.__exit__(None, None, None)


@pytest.fixture()
def officer(client_for: Callable[[str], TestClient]) -> TestClient:
    return client_for("officer_li")


@pytest.fixture()
def trainee(client_for: Callable[[str], TestClient]) -> TestClient:
    return client_for("trainee_wang")


@pytest.fixture()
def supervisor(client_for: Callable[[str], TestClient]) -> TestClient:
    return client_for("supervisor_zhao")


def real_personal_values(case_ids: set[str] | None = None) -> set[str]:
    """Every real name, form of address, phone, id number and payee account in the seed
    (only those of the given cases' people, when case ids are given)."""
    seed = read_demo_seed()
    alerts = [alert for alert in seed["alerts"] if case_ids is None or alert["case_id"] in case_ids]
    keys = {alert["person"] for alert in alerts}
    values: set[str] = {str(alert["payee_account"]) for alert in alerts if alert.get("payee_account")}
    for person in seed["people"]:
        if person["key"] in keys:
            values |= {str(person[name]) for name in ("name", "address_form", "phone", "id_number") if person.get(name)}
    return values
