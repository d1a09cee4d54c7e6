"""End-to-end: conversations live in the SQL tracker store and survive a Rasa server restart."""

from __future__ import annotations

import uuid

from tests.e2e.servers import Stack


def test_conversation_survives_a_restart(stack: Stack) -> None:
    sender = f"e2e-restart-{uuid.uuid4().hex[:8]}"
    stack.send(sender, "打开案件 YJ20261125001")
    before = stack.tracker(sender)
    assert before["slots"]["case_id"] == "YJ20261125001"

    stack.stop("rasa")
    stack.start_rasa()

    after = stack.tracker(sender)
    assert after["slots"]["case_id"] == "YJ20261125001"
    assert len(after["events"]) >= len(before["events"])
    replies = stack.send(sender, "为什么这么说")
    assert replies and replies[0].startswith("为什么这么说:")
