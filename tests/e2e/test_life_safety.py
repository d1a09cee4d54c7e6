"""End-to-end: the life-safety path over REST, on the real replies and the case database.

Doctrine, "Life safety comes before money": the reply keeps the person talking, asks where they
are now, never praises, never says to end the call, never moves on to the money; the event is
on the record and in the station briefing; 12356 is offered once the officer says the person
is safe.
"""

from __future__ import annotations

import re
import uuid

import pytest

from tests.e2e.servers import E2E_OFFICER, Stack

ASKS_WHERE = re.compile(r"在哪|位置|地址|什么地方|哪个房间|哪一片")
PRAISE = re.compile(r"了不起|果断|真棒|做得好|做得对|非常对")
HANG_UP = re.compile(r"挂断|挂掉|挂了电话|挂电话")


def new_sender() -> str:
    return f"e2e-ls-{uuid.uuid4().hex[:10]}"


def assert_on_the_path(replies: list[str], *, asks_where: bool = True) -> None:
    """The turn's replies keep to the life-safety path."""
    assert replies and all(reply.strip() for reply in replies), replies
    joined = "\n".join(replies)
    assert not PRAISE.search(joined), replies
    assert not HANG_UP.search(joined), replies
    assert "12356" not in joined, replies  # only once the person is safe
    if asks_where:
        assert ASKS_WHERE.search(joined), replies


def _slots(stack: Stack, sender: str) -> dict[str, object]:
    return dict(stack.tracker(sender)["slots"])


@pytest.mark.parametrize(
    "line", ["她哭着说钱没了不想活了", "我不想活了 活着没意思", "他说想死了算了药都买好了"]
)
def test_suicide_talk_after_the_opening_keeps_to_the_path_until_the_officer_ends_it(stack: Stack, line: str) -> None:
    sender = new_sender()
    stack.send(sender, "打开案件 YJ20261125001")
    replies = stack.send(sender, line)
    assert_on_the_path(replies)
    assert any("110" in reply and "120" in reply for reply in replies), replies  # the officer's dispatch prompt
    slots = _slots(stack, sender)
    assert (slots["life_safety"], slots["life_safety_active"]) == ("suicide", True)

    replies = stack.send(sender, "她说在长江大桥上")
    assert_on_the_path(replies, asks_where=False)
    assert _slots(stack, sender)["person_location"] == "长江大桥上"
    assert_on_the_path(stack.send(sender, "她说好的不转了"))  # no agrees-to-stop praise
    assert_on_the_path(stack.send(sender, "她不说话了"))

    [row] = stack.rows("SELECT * FROM life_safety_events WHERE conversation_id = :c", c=sender)
    assert (row["kind"], row["location"], row["officer"], row["resolved_at"]) == (
        "suicide", "长江大桥上", E2E_OFFICER, None,
    )
    assert row["alert_id"] == stack.rows("SELECT id FROM alerts WHERE case_id = 'YJ20261125001'")[0]["id"]

    briefing = "\n".join(stack.send(sender, "转派出所"))
    assert "【生命安全】" in briefing and "长江大桥上" in briefing and "轻生" in briefing, briefing

    resolved = "\n".join(stack.send(sender, "危机解除"))
    assert "12356" in resolved and not PRAISE.search(resolved), resolved
    assert stack.rows("SELECT resolved_at FROM life_safety_events WHERE conversation_id = :c", c=sender)[0]["resolved_at"]
    assert _slots(stack, sender)["life_safety_active"] is False
    again = "\n".join(stack.send(sender, "危机解除"))
    assert again and "12356" not in again, again  # offered once


@pytest.mark.parametrize("line", ["她说胸口好闷喘不上来气", "老人在银行门口晕倒了", "我心脏好难受 头晕站不住"])
def test_a_medical_emergency_without_a_case_asks_where_and_never_moves_on_to_money(stack: Stack, line: str) -> None:
    sender = new_sender()
    replies = stack.send(sender, line)
    assert_on_the_path(replies)
    assert _slots(stack, sender)["life_safety"] == "medical"
    replies = stack.send(sender, "她说已经转了5万到工商银行")
    assert_on_the_path(replies)
    assert not any("止付" in reply or "账号" in reply for reply in replies), replies
    assert stack.tracker(sender).get("active_loop", {}).get("name") in (None, "")
    [row] = stack.rows("SELECT * FROM life_safety_events WHERE conversation_id = :c", c=sender)
    assert row["kind"] == "medical" and row["alert_id"] is None


@pytest.mark.parametrize(
    "line",
    ["她说对方让她一个人住酒店,不许出门也不许接家里电话", "我被要求待在宾馆房间里配合调查 不能出去", "他说被人看住了走不了"],
)
def test_confinement_inside_the_stop_payment_form_stops_the_form(stack: Stack, line: str) -> None:
    sender = new_sender()
    stack.send(sender, "打开案件 YJ20261125001")
    form = "\n".join(stack.send(sender, "她已经转了8万到工商银行"))
    assert "止付" in form
    assert stack.tracker(sender)["active_loop"].get("name") == "stop_payment_form"

    replies = stack.send(sender, line)
    assert_on_the_path(replies)
    assert not stack.tracker(sender)["active_loop"].get("name")
    assert _slots(stack, sender)["life_safety"] == "confined"

    replies = stack.send(sender, "她说在如家酒店308房间")
    assert_on_the_path(replies, asks_where=False)
    assert _slots(stack, sender)["person_location"] == "如家酒店308房间"
    assert_on_the_path(stack.send(sender, "你们别管我"))
    [row] = stack.rows("SELECT * FROM life_safety_events WHERE conversation_id = :c", c=sender)
    assert (row["kind"], row["location"]) == ("confined", "如家酒店308房间")


def test_a_trainee_gets_the_path_but_writes_no_record(stack: Stack) -> None:
    sender = new_sender()
    replies = stack.send(sender, "他说要跳楼", role="trainee")
    assert_on_the_path(replies)
    assert not stack.rows("SELECT id FROM life_safety_events WHERE conversation_id = :c", c=sender)
