"""Shared fixtures: a real SQLite database migrated with Alembic, optionally with the demo seed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.db.migrate import upgrade
from assistant.db.unit_of_work import SqlUnitOfWork, get_engine
from assistant.seed.loader import load_seed, read_demo_seed


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
    """A unit of work on a database holding the demo seed."""
    load_seed(uow, read_demo_seed())
    return uow
