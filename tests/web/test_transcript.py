"""Reading replies and history from tracker events shaped like Rasa's (assistant.dialogue.transcript)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from assistant.dialogue.transcript import (
    Message,
    Reply,
    bot_response,
    latest_timestamp,
    messages,
    replies_since,
    reply_texts,
)
from assistant.security.tokens import ChatIdentity
from assistant.services.conversation import conversation_id, speaker_of, stop_payment_draft


def user(text: str, at: float, intent: str = "nlu_fallback") -> dict[str, Any]:
    return {"event": "user", "timestamp": at, "text": text, "parse_data": {"intent": {"name": intent}}, "metadata": {}}


def bot(text: str, at: float, **metadata: str) -> dict[str, Any]:
    return {"event": "bot", "timestamp": at, "text": text, "data": {}, "metadata": metadata}


EVENTS = [
    {"event": "action", "name": "action_session_start", "timestamp": 10.0},
    {"event": "session_started", "timestamp": 10.0},
    {"event": "slot", "name": "session_started_metadata", "value": {"case_id": "YJ20261125001"}, "timestamp": 10.0},
    user("/session_start", 11.0, "session_start"),
    bot("【案件 YJ20261125001】张女士", 12.0),
    bot("张女士,您好!", 13.0, utter_action="utter_open_impersonate_police"),
    {"event": "action", "name": "action_listen", "timestamp": 14.0},
    user("你才是骗子吧", 20.0, "distrusts_officer"),
    bot("您可以拨打110核实。", 21.0, utter_action="utter_respond_distrusts_officer"),
    bot("识别到诈骗类型:冒充公检法及政府机关。", 21.5, utter_action="utter_fraud_type_detected"),
    user("换个说法", 30.0, "ask_alternative"),
    bot("您直接打110问问。", 31.0, suggestion="utter_respond_distrusts_officer"),
    user("/EXTERNAL_follow_up_due", 40.0, "EXTERNAL_follow_up_due"),
    bot("回访时间到了。", 41.0, utter_action="utter_follow_up_due"),
    bot("", 42.0),
]


def test_bot_response_reads_both_metadata_keys() -> None:
    assert bot_response(bot("x", 1, utter_action="utter_open_romance")) == "utter_open_romance"
    assert bot_response(bot("x", 1, suggestion="utter_respond_call_dropped")) == "utter_respond_call_dropped"
    assert bot_response(bot("x", 1)) is None
    assert bot_response({"event": "bot", "text": "x", "metadata": None}) is None


def test_latest_timestamp() -> None:
    assert latest_timestamp(EVENTS) == 42.0
    assert latest_timestamp([]) == 0.0


def test_replies_since_marks_only_suggestions() -> None:
    assert replies_since(EVENTS, 14.0, ["您可以拨打110核实。", "识别到诈骗类型:冒充公检法及政府机关。"]) == [
        Reply("您可以拨打110核实。", True),
        Reply("识别到诈骗类型:冒充公检法及政府机关。", False),
    ]
    assert replies_since(EVENTS, 30.0, ["您直接打110问问。"]) == [Reply("您直接打110问问。", True)]
    assert replies_since(EVENTS, 0.0, ["【案件 YJ20261125001】张女士", "张女士,您好!"]) == [
        Reply("【案件 YJ20261125001】张女士", False),
        Reply("张女士,您好!", True),
    ]


def test_replies_since_ignores_bot_events_from_before_the_message() -> None:
    # The same text said earlier as a suggestion does not make a new plain reply one.
    events = [bot("请不要转账。", 5.0, utter_action="utter_open_generic"), bot("请不要转账。", 9.0)]
    assert replies_since(events, 6.0, ["请不要转账。"]) == [Reply("请不要转账。", False)]


def test_replies_since_matches_repeated_texts_in_order() -> None:
    events = [bot("同一句", 5.0), bot("同一句", 6.0, utter_action="utter_respond_call_dropped")]
    assert replies_since(events, 1.0, ["同一句", "同一句"]) == [Reply("同一句", False), Reply("同一句", True)]


def test_a_reply_without_a_tracker_event_is_not_a_suggestion() -> None:
    assert replies_since([], 0.0, ["只有文字"]) == [Reply("只有文字", False)]


def test_messages_hide_commands_and_empty_texts() -> None:
    shown = messages(EVENTS)
    assert [(m.sender, m.text, m.suggestion) for m in shown] == [
        ("assistant", "【案件 YJ20261125001】张女士", False),
        ("assistant", "张女士,您好!", True),
        ("officer", "你才是骗子吧", False),
        ("assistant", "您可以拨打110核实。", True),
        ("assistant", "识别到诈骗类型:冒充公检法及政府机关。", False),
        ("officer", "换个说法", False),
        ("assistant", "您直接打110问问。", True),
        ("assistant", "回访时间到了。", False),
    ]
    assert shown[0].at == datetime.fromtimestamp(12.0)


def test_message_and_reply_as_the_api_shows_them() -> None:
    at = datetime(2026, 11, 25, 10, 0, 5, 123456)
    assert Message("officer", "你好", False, at).as_dict() == {
        "from": "officer",
        "text": "你好",
        "suggestion": False,
        "at": "2026-11-25T10:00:05",
    }
    assert Reply("说这句", True).as_dict() == {"text": "说这句", "suggestion": True, "error": False}
    assert Reply("系统出错", False, error=True).as_dict() == {"text": "系统出错", "suggestion": False, "error": True}


def test_reply_texts_skip_replies_without_text() -> None:
    rest = [{"recipient_id": "s", "text": "一"}, {"recipient_id": "s", "image": "x.png"}, {"recipient_id": "s", "text": "二"}]
    assert reply_texts(rest) == ["一", "二"]


def test_conversation_id_and_metadata() -> None:
    assert conversation_id("YJ20261125001", "officer_li") == "YJ20261125001--officer_li"
    assert speaker_of("YJ20261125001", "officer_li", "officer") == ChatIdentity(
        "officer_li", "officer", "YJ20261125001", "YJ20261125001--officer_li"
    )


def test_stop_payment_draft_normalises_the_slots() -> None:
    draft = stop_payment_draft({"payee_account": ["6222-0212-3456-7890"], "payee_bank": "支付宝", "amount": "3万"})
    assert draft == {"payee_account": "6222021234567890", "payee_bank": "支付宝", "amount": 30000, "transfer_time": None}
