"""action_log_outcome with entity values that are no amounts or counts (typed or injected).

Rasa accepts entities written into a message (``/report_outcome{"amount": "八百亿亿"}``), and
an ``int()`` of such a value used to crash the action: the officer got an empty reply.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from actions.outcome import ActionLogOutcome
from assistant.db.models import Intervention
from assistant.db.unit_of_work import SqlUnitOfWork
from tests.actions.helpers import load_domain, make_tracker

CASE = "YJ20261125002"


@pytest.mark.parametrize(
    ("entity", "field"),
    [
        ({"entity": "amount", "value": "八百亿亿", "role": "saved"}, "amount_saved"),
        ({"entity": "amount", "value": "Infinity", "role": "saved"}, "amount_saved"),
        ({"entity": "amount", "value": -5, "role": "saved"}, "amount_saved"),
        ({"entity": "amount", "value": 1e30}, "amount"),
        ({"entity": "amount", "role": "frozen"}, "amount_frozen"),
        ({"entity": "accounts_frozen", "value": "十十"}, "accounts_frozen"),
    ],
)
async def test_a_bad_entity_value_is_a_clear_re_ask_and_writes_nothing(
    seeded_uow: SqlUnitOfWork, entity: dict[str, Any], field: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"case_id": CASE, "case_loaded": True, "case_opened_at": time.time() - 600},
        text="劝阻成功",
        intent="report_outcome",
        entities=[{"entity": "outcome", "value": "dissuaded"}, entity],
        sender_id="conv-bad-entity",
    )
    with seeded_uow() as session:
        before = session.execute(select(func.count()).select_from(Intervention)).scalar_one()

    events = await ActionLogOutcome(unit_of_work=seeded_uow).run(dispatcher, tracker, load_domain())

    assert events == []
    assert [message["response"] for message in dispatcher.messages] == ["utter_invalid_field"]
    assert dispatcher.messages[0]["field"] == field
    assert dispatcher.messages[0]["reason"]
    with seeded_uow() as session:
        assert session.execute(select(func.count()).select_from(Intervention)).scalar_one() == before
