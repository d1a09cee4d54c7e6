"""Action tests: settings from a clean environment, and no default database to fall back on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from actions import common
from tests.actions.helpers import TEST_JWT_KEY


@pytest.fixture(autouse=True)
def clean_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Default settings; an action that ignored the injected unit of work would hit an empty database."""
    for name in ("QUANZU_REMINDER_SECONDS", "QUANZU_FOLLOW_UP_DAYS", "QUANZU_DEFAULT_OFFICER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'not-migrated.db'}")
    monkeypatch.setenv("QUANZU_JWT_KEY", TEST_JWT_KEY)
    common.settings.cache_clear()
    common.default_unit_of_work.cache_clear()
    yield
    common.settings.cache_clear()
    common.default_unit_of_work.cache_clear()
