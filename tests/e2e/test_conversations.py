"""End-to-end: the officer converses with the running assistant over REST; replies and database rows are checked."""

from __future__ import annotations

import time
import uuid

from tests.doctrine import assert_warning_first
from tests.e2e.servers import Stack


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:10]}"


def test_open_case_shows_card_and_warning_first_opening(stack: Stack) -> None:
    replies = stack.send(new_sender(), "打开案件 YJ20261125001")
    assert len(replies) == 2, replies
    card, opening = replies
    assert "YJ20261125001" in card and "张女士" in card and "冒充公检法" in card
    assert "13900001001" not in card  # the phone number is masked
    assert_warning_first(opening, "张女士")


def test_case_id_in_session_metadata_opens_the_case(stack: Stack) -> None:
    replies = stack.send(new_sender(), "/session_start", {"case_id": "YJ20261125004", "officer_id": "officer_e2e"})
    assert len(replies) == 2, replies  # the card and the opening, once
    assert any("YJ20261125004" in reply and "陈女士" in reply for reply in replies), replies
    assert_warning_first(replies[-1], "陈女士")
    assert "重复受害人" in replies[0]


def test_bad_case_ids_get_a_clear_reply_and_the_conversation_goes_on(stack: Stack) -> None:
    sender = new_sender()
    malformed = stack.send(sender, "打开案件 YJ123")
    assert malformed and "不是有效的案件编号" in malformed[0]
    unknown = stack.send(sender, "打开案件 YJ20991231999")
    assert unknown and "没有找到案件 YJ20991231999" in unknown[0]
    after = stack.send(sender, "你才是骗子吧,我凭什么信你")
    assert after and any("110" in reply or "96110" in reply for reply in after), after


def test_fraud_type_identified_from_cue_words_and_stop_payment_filed(stack: Stack) -> None:
    sender = new_sender()
    opening = stack.send(sender, "打开案件 YJ20261125003")
    assert "类型未明" in opening[0]
    replies = stack.send(sender, "她说对方是公安局的,要她把钱转到安全账户配合资金核查")
    assert any("冒充公检法" in reply for reply in replies), replies  # type switched
    assert any("安全账户" in reply or "110" in reply for reply in replies[1:]), replies

    replies = stack.send(sender, "她已经转了8万到工商银行")
    joined = "\n".join(replies)
    assert "止付" in joined and "账号" in joined, replies  # urge the freeze, ask the account
    replies = stack.send(sender, "6222 0212 3456 7890 123")
    assert replies and "什么时候" in replies[-1], replies  # bank and amount were pre-filled, time is asked
    replies = stack.send(sender, "十分钟前")
    summary = "\n".join(replies)
    assert "紧急止付申请" in summary and "6222021234567890123" in summary and "8万元" in summary

    stored = stack.rows("SELECT * FROM stop_payment_requests WHERE conversation_id = :c", c=sender)
    assert len(stored) == 1
    assert stored[0]["payee_account"] == "6222021234567890123"
    assert stored[0]["payee_bank"] == "中国工商银行"
    assert stored[0]["amount"] == 80000
    alert = stack.rows("SELECT id FROM alerts WHERE case_id = 'YJ20261125003'")[0]
    assert stored[0]["alert_id"] == alert["id"]


def test_invalid_form_answer_is_asked_again_with_the_reason(stack: Stack) -> None:
    sender = new_sender()
    stack.send(sender, "发起紧急止付")
    replies = stack.send(sender, "12345")
    assert any("位数字" in reply for reply in replies), replies
    replies = stack.send(sender, "取消")
    assert any("退出紧急止付" in reply for reply in replies), replies
    assert not stack.rows("SELECT id FROM stop_payment_requests WHERE conversation_id = :c", c=sender)


def test_why_and_another_way_to_say_it(stack: Stack) -> None:
    sender = new_sender()
    stack.send(sender, "打开案件 YJ20261125001")
    first = stack.send(sender, "她说对方有警官证,肯定是真警察")
    why = stack.send(sender, "为什么这么说")
    assert why and why[0].startswith("为什么这么说:") and len(why[0]) > 12
    other = stack.send(sender, "换个说法")
    assert other and other[0] not in first and other[0].strip()


def test_outcome_logged_once_and_follow_up_reminder_fires(stack: Stack) -> None:
    sender = new_sender()
    stack.send(sender, "打开案件 YJ20261125002")
    replies = stack.send(sender, "劝阻成功,挽损8万")
    assert replies and "劝阻成功" in replies[0] and "8万元" in replies[0] and "回访" in replies[0], replies
    again = stack.send(sender, "劝阻成功,挽损10万")
    assert again and "已更新" in again[0]

    stored = stack.rows("SELECT i.* FROM interventions i WHERE i.conversation_id = :c", c=sender)
    assert len(stored) == 1 and stored[0]["outcome"] == "dissuaded" and stored[0]["amount_saved"] == 100000
    follow_ups = stack.rows("SELECT * FROM follow_ups WHERE intervention_id = :i", i=stored[0]["id"])
    assert len(follow_ups) == 1

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        events = stack.tracker(sender)["events"]
        if any(e.get("event") == "bot" and "回访提醒" in (e.get("text") or "") for e in events):
            break
        time.sleep(1)
    else:
        raise AssertionError("the follow-up reminder did not fire")


def test_escalation_to_the_station_is_stored(stack: Stack) -> None:
    sender = new_sender()
    stack.send(sender, "打开案件 YJ20261125004")
    stack.send(sender, "她把电话挂了")
    replies = stack.send(sender, "转派出所,让所里上门劝阻")
    assert replies and "应城城中派出所" in replies[0] and "见面劝阻" in replies[0]
    stored = stack.rows("SELECT * FROM escalations WHERE conversation_id = :c", c=sender)
    assert len(stored) == 1 and "挂断" in str(stored[0]["reason"])


def test_low_confidence_input_gets_a_useful_clarification(stack: Stack) -> None:
    replies = stack.send(new_sender(), "qwzx")
    assert replies and replies[0].strip()
