"""The life-safety lines keep the doctrine's properties, variation by variation.

Doctrine, "Life safety comes before money": keep the person talking and on the line, calm and
warm, ask where they are now; never praise and move on, never move on to money, never tell
them to end the call; 12356 once the person is safe. The rules keep every reaction on the
path while it is on, and the stop-payment form gives way to it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.dialogue.history import REACTION_INTENTS, is_suggestion
from assistant.dialogue.variations import render

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
RULES = yaml.safe_load((ROOT / "data" / "rules" / "life_safety.yml").read_text(encoding="utf-8"))["rules"]
RESPONSES: dict[str, list[dict[str, Any]]] = DOMAIN["responses"]
SLOTS = {"person_address": "王女士", "police_station": "城关派出所", "person_location": "如家酒店308房间"}

KINDS = ("suicide", "medical", "confined", "minor")
STARTS = tuple(f"utter_life_safety_{kind}" for kind in KINDS)
# Lines said while the path is on and the place is not known yet: each asks for it again.
ASKING = (*STARTS, "utter_life_safety_silent", "utter_life_safety_refuses", "utter_life_safety_keep_talking")
LIFE_SAFETY = sorted(name for name in RESPONSES if name.startswith("utter_life_safety_"))

PRAISE = re.compile(r"了不起|果断|真棒|做得好|做得对|非常对|您真|很勇敢|好样的|谢谢您的信任")
HANG_UP = re.compile(r"挂断|挂掉|挂了电话|挂电话|挂了吧|先挂")
MONEY_MOVES = re.compile(r"止付|转账|一分钱|不要转|别转|账号|开户行|卸载|拉黑|截图|验证码|报案")
ASKS_WHERE = re.compile(r"在哪|位置|地址|什么地方|哪个酒店|哪个房间|几号房间|哪一片")
STAYS = re.compile(r"陪着|一直在|不会走开|别放下|我听着|我还在|我就在")

VARIATIONS = [
    (f"{name}[{index}]", render(str(variation["text"]), SLOTS))
    for name in LIFE_SAFETY
    for index, variation in enumerate(RESPONSES[name])
]


def test_every_kind_has_its_opening_line_and_the_path_its_follow_ups() -> None:
    assert set(STARTS) | {
        "utter_life_safety_location", "utter_life_safety_silent", "utter_life_safety_refuses",
        "utter_life_safety_keep_talking", "utter_life_safety_resolved",
    } <= set(LIFE_SAFETY)
    assert all(is_suggestion(name) for name in LIFE_SAFETY)


@pytest.mark.parametrize("name", LIFE_SAFETY)
def test_every_line_has_another_way_to_say_it_in_each_kind(name: str) -> None:
    groups: dict[str, int] = {}
    for variation in RESPONSES[name]:
        kind = next((c["value"] for c in variation.get("condition") or [] if c["name"] == "life_safety"), "")
        groups[kind] = groups.get(kind, 0) + 1
    assert groups.get("", 0) >= 2 and all(count >= 2 for count in groups.values()), groups


@pytest.mark.parametrize(("where", "text"), VARIATIONS, ids=[where for where, _ in VARIATIONS])
def test_no_line_praises_tells_to_hang_up_or_moves_on_to_money(where: str, text: str) -> None:
    assert not PRAISE.search(text), f"{where} praises: {text}"
    assert not HANG_UP.search(text), f"{where} ends the call: {text}"
    assert not MONEY_MOVES.search(text), f"{where} moves on to money: {text}"
    assert "{" not in text, f"{where} has an unfilled slot: {text}"


@pytest.mark.parametrize("name", ASKING)
def test_lines_before_the_place_is_known_ask_where_the_person_is_and_stay(name: str) -> None:
    for variation in RESPONSES[name]:
        text = str(variation["text"])
        assert ASKS_WHERE.search(text), f"{name} does not ask where: {text}"
        assert STAYS.search(text), f"{name} does not stay with the person: {text}"


def test_the_location_line_keeps_the_person_on_the_line_and_says_help_is_coming() -> None:
    for variation in RESPONSES["utter_life_safety_location"]:
        text = str(variation["text"])
        assert STAYS.search(text), text
        assert re.search(r"马上|在路上|正在过去|在叫", text), text


def test_12356_is_offered_when_the_person_is_safe_and_nowhere_else() -> None:
    assert all("12356" in str(v["text"]) for v in RESPONSES["utter_life_safety_resolved"])
    elsewhere = [name for name, variations in RESPONSES.items() if name != "utter_life_safety_resolved"
                 for v in variations if "12356" in str(v["text"])]
    assert elsewhere == []


def _rules_for(intent: str) -> list[dict[str, Any]]:
    return [rule for rule in RULES if any(step.get("intent") == intent for step in rule["steps"])]


def _actions(rule: dict[str, Any]) -> list[str]:
    return [step["action"] for step in rule["steps"] if "action" in step]


@pytest.mark.parametrize("intent", sorted(REACTION_INTENTS | {"refuses_help"}))
def test_while_the_path_is_on_every_reaction_keeps_to_it(intent: str) -> None:
    on_path = [
        rule for rule in _rules_for(intent)
        if {"slot_was_set": [{"life_safety_active": True}]} in (rule.get("condition") or [])
        and {"active_loop": "stop_payment_form"} not in (rule.get("condition") or [])
    ]
    assert len(on_path) == 1, intent
    actions = _actions(on_path[0])
    assert len(actions) == 1 and actions[0].startswith("utter_life_safety_"), actions


@pytest.mark.parametrize("kind", KINDS)
def test_the_path_starts_anywhere_and_the_stop_payment_form_gives_way(kind: str) -> None:
    rules = _rules_for(f"life_safety_{kind}")
    plain = [rule for rule in rules if not rule.get("condition")]
    in_form = [rule for rule in rules if {"active_loop": "stop_payment_form"} in (rule.get("condition") or [])]
    assert len(plain) == 1 and len(in_form) == 1
    assert _actions(plain[0]) == ["action_life_safety", f"utter_life_safety_{kind}", "utter_urge_dispatch"]
    assert _actions(in_form[0])[0] == "action_deactivate_loop"
    assert _actions(in_form[0])[1:] == _actions(plain[0])


def test_only_the_officer_ends_the_path_and_then_12356_is_offered() -> None:
    ending = [rule for rule in RULES if any(
        {"life_safety_active": False} in (step.get("slot_was_set") or []) for step in rule["steps"]
    )]
    assert len(ending) == 1
    assert ending[0]["steps"][0] == {"intent": "life_safety_resolved"}
    assert _actions(ending[0]) == ["action_life_safety_resolved", "utter_life_safety_resolved"]
