"""action_explain_suggestion and action_alternative_suggestion."""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.suggestions import ActionAlternativeSuggestion, ActionExplainSuggestion
from assistant.dialogue.rationales import RATIONALES
from tests.actions.helpers import load_domain, make_tracker

RESPONSE = "utter_respond_claims_real_official"
SLOTS = {"fraud_type": "impersonate_police", "person_address": "张女士", "case_loaded": True}


def _police_texts() -> list[str]:
    """The impersonate_police variations of the response, rendered for 张女士."""
    variations = load_domain()["responses"][RESPONSE]
    return [
        variation["text"].replace("{person_address}", "张女士")
        for variation in variations
        if any(c["name"] == "fraud_type" and c["value"] == "impersonate_police" for c in variation.get("condition") or [])
    ]


def _default_texts() -> list[str]:
    variations = load_domain()["responses"][RESPONSE]
    return [v["text"].replace("{person_address}", "张女士") for v in variations if not v.get("condition")]


def _bot(text: str, response: str = RESPONSE, key: str = "utter_action") -> dict[str, Any]:
    return {"event": "bot", "text": text, "data": {}, "metadata": {key: response}}


def _events(last_text: str) -> list[dict[str, Any]]:
    return [
        {"event": "user", "text": "她说对方有警官证", "parse_data": {"intent": {"name": "claims_real_official"}}},
        {"event": "action", "name": RESPONSE},
        _bot(last_text),
        {"event": "user", "text": "还有别的说法吗", "parse_data": {"intent": {"name": "ask_alternative"}}},
    ]


# --- explain ------------------------------------------------------------------------------


async def test_explain_gives_the_type_specific_rationale() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=SLOTS, intent="ask_why", events=_events(_police_texts()[0]))
    events = await ActionExplainSuggestion().run(dispatcher, tracker, load_domain())
    assert events == []
    assert len(dispatcher.messages) == 1
    text = dispatcher.messages[0]["text"]
    assert text == "为什么这么说:" + RATIONALES[RESPONSE]["impersonate_police"]
    assert "公安不电话办案" in text
    assert RATIONALES[RESPONSE]["default"] not in text


async def test_explain_falls_back_to_the_default_rationale_for_other_types() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={**SLOTS, "fraud_type": "romance"}, events=_events(_default_texts()[0]))
    await ActionExplainSuggestion().run(dispatcher, tracker, load_domain())
    assert dispatcher.messages[0]["text"] == "为什么这么说:" + RATIONALES[RESPONSE]["default"]


async def test_explain_uses_the_latest_suggestion_and_skips_system_messages() -> None:
    dispatcher = CollectingDispatcher()
    events = [
        _bot("opening", "utter_open_impersonate_police"),
        _bot("another way", RESPONSE, key="suggestion"),
        _bot("识别到诈骗类型", "utter_fraud_type_detected"),
    ]
    await ActionExplainSuggestion().run(dispatcher, make_tracker(slots=SLOTS, events=events), load_domain())
    assert dispatcher.messages[0]["text"] == "为什么这么说:" + RATIONALES[RESPONSE]["impersonate_police"]


async def test_explain_without_a_previous_suggestion() -> None:
    dispatcher = CollectingDispatcher()
    events = [_bot("识别到诈骗类型", "utter_fraud_type_detected"), {"event": "user", "text": "为什么"}]
    result = await ActionExplainSuggestion().run(dispatcher, make_tracker(slots=SLOTS, events=events), load_domain())
    assert result == []
    assert [message["response"] for message in dispatcher.messages] == ["utter_no_suggestion_yet"]
    assert dispatcher.messages[0]["text"] is None


# --- alternative ----------------------------------------------------------------------------


async def test_alternative_gives_another_applicable_variation() -> None:
    police = _police_texts()
    assert len(police) >= 2
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=SLOTS, intent="ask_alternative", events=_events(police[0]))
    events = await ActionAlternativeSuggestion().run(dispatcher, tracker, load_domain())
    assert events == []
    assert len(dispatcher.messages) == 1
    message = dispatcher.messages[0]
    assert message["text"] == police[1]
    assert message["text"] != police[0]
    assert message["suggestion"] == RESPONSE
    assert "{person_address}" not in message["text"] and "张女士" in message["text"]
    assert message["text"] not in _default_texts()


async def test_alternative_cycles_back_to_the_first_variation() -> None:
    police = _police_texts()
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=SLOTS, events=_events(police[-1]))
    await ActionAlternativeSuggestion().run(dispatcher, tracker, load_domain())
    assert dispatcher.messages[0]["text"] == police[0]


async def test_alternative_after_an_alternative_walks_on() -> None:
    police = _police_texts()
    dispatcher = CollectingDispatcher()
    events = [_bot(police[0]), _bot(police[1], key="suggestion")]
    await ActionAlternativeSuggestion().run(dispatcher, make_tracker(slots=SLOTS, events=events), load_domain())
    assert dispatcher.messages[0]["text"] == police[2 % len(police)]
    assert dispatcher.messages[0]["suggestion"] == RESPONSE


async def test_alternative_for_a_type_without_conditions_uses_the_default_variations() -> None:
    defaults = _default_texts()
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={**SLOTS, "fraud_type": "romance"}, events=_events(defaults[0]))
    await ActionAlternativeSuggestion().run(dispatcher, tracker, load_domain())
    assert dispatcher.messages[0]["text"] == defaults[1]


async def test_alternative_without_a_previous_suggestion() -> None:
    dispatcher = CollectingDispatcher()
    result = await ActionAlternativeSuggestion().run(dispatcher, make_tracker(slots=SLOTS), load_domain())
    assert result == []
    assert [message["response"] for message in dispatcher.messages] == ["utter_no_suggestion_yet"]


async def test_alternative_with_a_single_wording_says_there_is_none() -> None:
    dispatcher = CollectingDispatcher()
    domain = {"responses": {RESPONSE: [{"text": "只有这一句。"}]}}
    tracker = make_tracker(slots=SLOTS, events=_events("只有这一句。"))
    await ActionAlternativeSuggestion().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == ["utter_no_alternative"]
