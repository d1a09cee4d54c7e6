"""Shared fixtures: a real SQLite database migrated with Alembic, optionally with the demo seed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from assistant.db.migrate import upgrade
from assistant.db.unit_of_work import SqlUnitOfWork, get_engine
from assistant.seed.loader import load_seed, read_demo_seed
from tests.e2e.servers import MODEL, Stack, make_stack

# The seed's panel passwords are hashed with this in tests: argon2's default parameters cost
# about 0.2 s a hash, which every test using the seed would pay four times.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture()
def database_url(tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite file with the schema at the latest migration."""
    url = f"sqlite:///{tmp_path / 'quanzu-test.db'}"
    upgrade(url)
    yield url
    get_engine(url).dispose()


@pytest.fixture()
def uow(database_url: str) -> SqlUnitOfWork:
    """A unit of work on an empty, migrated database."""
    return SqlUnitOfWork(get_engine(database_url))


@pytest.fixture()
def seeded_uow(uow: SqlUnitOfWork) -> SqlUnitOfWork:
    """A unit of work on a database holding the demo seed (panel passwords hashed cheaply)."""
    load_seed(uow, read_demo_seed(), hasher=CHEAP_HASHER)
    return uow


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The real stack for end-to-end and browser tests: action server, Rasa server, panel, scratch DB.

    Started once per test session, on demand (only tests that use it pay for it).
    """
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run 'make test' (it trains the model first)")
    running = make_stack(tmp_path_factory.mktemp("stack"))
    try:
        running.start_actions()
        running.start_rasa()
        running.start_panel()
        yield running
    finally:
        running.stop_all()
