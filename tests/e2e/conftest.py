"""One real stack (action server + Rasa server + scratch database) for the e2e tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.servers import MODEL, Stack, make_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run 'make test' (it trains the model first)")
    running = make_stack(tmp_path_factory.mktemp("e2e"))
    try:
        running.start_actions()
        running.start_rasa()
        yield running
    finally:
        running.stop_all()
