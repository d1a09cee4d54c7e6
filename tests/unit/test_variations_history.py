"""Response variations (assistant.dialogue.variations) and the conversation so far (assistant.dialogue.history)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.core.nlg.generator import ResponseVariationFilter

from assistant.dialogue.history import (
    REACTION_INTENTS,
    Suggestion,
    first_event_time,
    is_suggestion,
    last_suggestion,
    recent_reactions,
)
from assistant.dialogue.variations import alternative, applicable_variations, render

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"
FRAUD_TYPES = [
    "impersonate_police", "impersonate_acquaintance", "investment", "task_rebate",
    "fake_customer_service", "fake_loan", "fake_credit_repair", "fake_shopping", "romance",
    "game_trading", "unknown",
]


def cond(**slots: Any) -> list[dict[str, Any]]:
    return [{"type": "slot", "name": name, "value": value} for name, value in slots.items()]


VARIATIONS: list[dict[str, Any]] = [
    {"text": "默认一"},
    {"text": "默认二"},
    {"text": "公检法一", "condition": cond(fraud_type="impersonate_police")},
    {"text": "公检法二", "condition": cond(fraud_type="impersonate_police")},
    {"text": "投资一", "condition": cond(fraud_type="investment")},
]


@pytest.fixture(scope="module")
def responses() -> dict[str, list[dict[str, Any]]]:
    with DOMAIN.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["responses"]


def texts(variations: list[Any]) -> list[str]:
    return [v["text"] for v in variations]


# --- applicable_variations -------------------------------------------------------------


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        ({"fraud_type": "impersonate_police"}, ["公检法一", "公检法二"]),
        ({"fraud_type": "IMPERSONATE_POLICE"}, ["公检法一", "公检法二"]),  # Rasa compares casefolded
        ({"fraud_type": "investment"}, ["投资一"]),
        ({"fraud_type": "romance"}, ["默认一", "默认二"]),
        ({"fraud_type": None}, ["默认一", "默认二"]),
        ({}, ["默认一", "默认二"]),
    ],
)
def test_conditional_matches_win_else_defaults(slots: dict[str, Any], expected: list[str]) -> None:
    assert texts(applicable_variations(VARIATIONS, slots)) == expected


def test_every_condition_of_a_variation_must_match() -> None:
    variations = [
        {"text": "默认"},
        {"text": "两个条件", "condition": cond(fraud_type="investment", relapse=True)},
    ]
    assert texts(applicable_variations(variations, {"fraud_type": "investment", "relapse": True})) == ["两个条件"]
    assert texts(applicable_variations(variations, {"fraud_type": "investment", "relapse": False})) == ["默认"]
    assert texts(applicable_variations(variations, {"fraud_type": "investment"})) == ["默认"]


def test_no_defaults_and_no_match_gives_nothing() -> None:
    only_conditional = [{"text": "投资", "condition": cond(fraud_type="investment")}]
    assert applicable_variations(only_conditional, {"fraud_type": "romance"}) == []


@pytest.mark.parametrize("fraud_type", [*FRAUD_TYPES, None, "Investment"])
def test_selection_mirrors_rasa_for_every_domain_response(
    responses: dict[str, list[dict[str, Any]]], fraud_type: str | None
) -> None:
    rasa_filter = ResponseVariationFilter(responses)
    slots = {"fraud_type": fraud_type, "person_address": "王女士"}
    for name, variations in responses.items():
        ours = applicable_variations(variations, slots)
        theirs = rasa_filter.responses_for_utter_action(name, "rest", slots)
        assert ours == theirs, name


# --- render ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "values", "expected"),
    [
        ("{person_address},您好!", {"person_address": "王女士"}, "王女士,您好!"),
        ("{person_address},您好!", {"person_address": None}, ",您好!"),
        ("{person_address},您好!", {}, ",您好!"),
        ("没有找到案件 {case_id}。", {"case_id": "YJ20250319001"}, "没有找到案件 YJ20250319001。"),
        ("冻结{count}个账户", {"count": 2}, "冻结2个账户"),
        ("没有占位符", {"person_address": "王女士"}, "没有占位符"),
    ],
)
def test_render(template: str, values: dict[str, Any], expected: str) -> None:
    assert render(template, values) == expected


def test_render_never_leaves_none_or_braces_in_domain_responses(responses: dict[str, list[dict[str, Any]]]) -> None:
    empty_slots = {"person_address": None, "fraud_type": None, "case_id": None, "police_station": None}
    for name, variations in responses.items():
        for variation in variations:
            rendered = render(variation["text"], empty_slots)
            assert "None" not in rendered, name
            assert "{" not in rendered and "}" not in rendered, name


# --- alternative -----------------------------------------------------------------------


def test_alternative_cycles_through_the_applicable_variations() -> None:
    slots = {"fraud_type": "romance"}
    assert alternative(VARIATIONS, slots, "默认一") == "默认二"
    assert alternative(VARIATIONS, slots, "默认二") == "默认一"


def test_alternative_stays_within_the_conditional_group() -> None:
    slots = {"fraud_type": "impersonate_police"}
    assert alternative(VARIATIONS, slots, "公检法一") == "公检法二"
    assert alternative(VARIATIONS, slots, "公检法二") == "公检法一"


def test_alternative_walks_every_wording_deterministically() -> None:
    variations = [{"text": "甲"}, {"text": "乙"}, {"text": "丙"}]
    said, seen = "甲", ["甲"]
    for _ in range(3):
        said = alternative(variations, {}, said)
        seen.append(said)
    assert seen == ["甲", "乙", "丙", "甲"]
    assert alternative(variations, {}, "乙") == alternative(variations, {}, "乙") == "丙"


@pytest.mark.parametrize("last_text", [None, "别的话", "默认二"])
def test_alternative_when_the_last_text_is_not_applicable_starts_at_the_first(last_text: str | None) -> None:
    assert alternative(VARIATIONS, {"fraud_type": "impersonate_police"}, last_text) == "公检法一"


def test_alternative_with_only_one_variation_is_none() -> None:
    assert alternative(VARIATIONS, {"fraud_type": "investment"}, "投资一") is None
    assert alternative([{"text": "唯一"}], {}, "唯一") is None


def test_alternative_with_no_variation_is_none() -> None:
    assert alternative([], {}, "什么") is None


def test_alternative_renders_the_slots() -> None:
    variations = [{"text": "{person_address},第一种"}, {"text": "{person_address},第二种"}]
    slots = {"person_address": "何女士"}
    assert alternative(variations, slots, "何女士,第一种") == "何女士,第二种"
    assert alternative(variations, {"person_address": None}, ",第二种") == ",第一种"


def test_every_suggestion_in_the_domain_has_an_alternative(responses: dict[str, list[dict[str, Any]]]) -> None:
    slots_list = [{"fraud_type": t, "person_address": "王女士", "police_station": "南河派出所"} for t in FRAUD_TYPES]
    for name, variations in responses.items():
        if not is_suggestion(name):
            continue
        for slots in slots_list:
            first = render(applicable_variations(variations, slots)[0]["text"], slots)
            other = alternative(variations, slots, first)
            assert other is not None and other != first, (name, slots["fraud_type"])


# --- history ---------------------------------------------------------------------------


def bot(text: str, **metadata: Any) -> dict[str, Any]:
    return {"event": "bot", "text": text, "metadata": metadata}


def user(intent: str | None, timestamp: float | None = None) -> dict[str, Any]:
    event: dict[str, Any] = {"event": "user", "text": "…", "parse_data": {"intent": {"name": intent}}}
    if timestamp is not None:
        event["timestamp"] = timestamp
    return event


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("utter_open_impersonate_police", True),
        ("utter_open_generic", True),
        ("utter_respond_distrusts_officer", True),
        ("utter_urge_freeze", False),  # an instruction to the officer
        ("utter_life_safety_suicide", True),
        ("utter_life_safety_resolved", True),
        ("utter_urge_dispatch", False),  # an instruction to the officer
        ("utter_no_life_safety_path", False),
        ("utter_greet", False),
        ("utter_no_alternative", False),
        ("utter_ask_amount", False),
        ("", False),
        (None, False),
    ],
)
def test_is_suggestion(response: str | None, expected: bool) -> None:
    assert is_suggestion(response) is expected


def test_last_suggestion_reads_the_suggestion_metadata() -> None:
    events = [user("open_case"), bot("王女士,您好!……是骗子。", suggestion="utter_open_impersonate_police")]
    assert last_suggestion(events) == Suggestion("utter_open_impersonate_police", "王女士,您好!……是骗子。")


def test_last_suggestion_reads_utter_action_metadata() -> None:
    events = [user("distrusts_officer"), bot("您可以不信我", utter_action="utter_respond_distrusts_officer")]
    assert last_suggestion(events) == Suggestion("utter_respond_distrusts_officer", "您可以不信我")


def test_last_suggestion_prefers_the_newest() -> None:
    events = [
        bot("开场", suggestion="utter_open_generic"),
        user("money_already_sent"),
        bot("这不怪您,请马上记下对方账号", utter_action="utter_respond_money_already_sent"),
        bot("立刻止付", utter_action="utter_urge_freeze"),
    ]
    assert last_suggestion(events) == Suggestion("utter_respond_money_already_sent", "这不怪您,请马上记下对方账号")


def test_last_suggestion_skips_system_messages() -> None:
    events = [
        bot("开场", suggestion="utter_open_generic"),
        user("ask_why"),
        bot("理由……", utter_action="utter_explain"),
        bot("没有别的说法", utter_action="utter_no_alternative"),
        bot("识别到诈骗类型", utter_action="utter_fraud_type_detected"),
        bot("没有元数据"),
        {"event": "action", "name": "action_listen"},
        user("ask_alternative"),
    ]
    assert last_suggestion(events) == Suggestion("utter_open_generic", "开场")


@pytest.mark.parametrize(
    "events",
    [
        [],
        [user("greet"), bot("您好!", utter_action="utter_greet")],
        [{"event": "user", "text": "x", "metadata": {"suggestion": "utter_open_generic"}}],
    ],
)
def test_no_suggestion_gives_none(events: list[dict[str, Any]]) -> None:
    assert last_suggestion(events) is None


def test_recent_reactions_newest_first_without_officer_commands() -> None:
    events = [
        user("open_case"),
        user("claims_real_official"),
        bot("…", utter_action="utter_respond_claims_real_official"),
        user("ask_why"),
        user("distrusts_officer"),
        user(None),
        user("money_already_sent"),
        {"event": "action", "name": "action_listen"},
    ]
    assert recent_reactions(events) == ["money_already_sent", "distrusts_officer", "claims_real_official"]


def test_recent_reactions_respects_the_limit() -> None:
    events = [user("claims_real_official"), user("distrusts_officer"), user("agrees_to_stop")]
    assert recent_reactions(events, limit=2) == ["agrees_to_stop", "distrusts_officer"]
    assert recent_reactions(iter(events)) == ["agrees_to_stop", "distrusts_officer", "claims_real_official"]


def test_reaction_intents_match_the_contract() -> None:
    assert REACTION_INTENTS == {
        "claims_real_official", "distrusts_officer", "money_already_sent", "about_to_send",
        "shared_code_or_screen", "told_to_keep_secret", "defends_investment", "agrees_to_stop",
        "call_dropped", "asks_how_to_verify", "emotional_distress", "reported_by_relative",
        "asks_recovery",
    }


def test_first_event_time() -> None:
    events = [bot("欢迎"), user("greet"), user("open_case", timestamp=100.5), user("help", timestamp=200.0)]
    assert first_event_time(events) == 100.5
    assert first_event_time([bot("欢迎"), user("greet")]) is None
