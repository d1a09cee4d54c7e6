"""The centre's doctrine, enforced on domain.yml: warning first, never identity first.

Self-contained on purpose (nothing is imported from the shared tools): the checker
functions below are the project's own, and the self-checks at the end prove they reject
what the doctrine forbids, so these tests can fail.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"

FRAUD_TYPES = (
    "impersonate_police", "impersonate_acquaintance", "investment", "task_rebate",
    "fake_customer_service", "fake_loan", "fake_credit_repair", "fake_shopping", "romance",
    "game_trading", "unknown",
)
REACTION_INTENTS = (
    "claims_real_official", "distrusts_officer", "money_already_sent", "about_to_send",
    "shared_code_or_screen", "told_to_keep_secret", "defends_investment", "agrees_to_stop",
    "call_dropped", "asks_how_to_verify", "emotional_distress", "reported_by_relative",
    "asks_recovery",
)

# A leading form of address and greeting: "{person_address},您好!" (or a bare "您好,").
GREETING = re.compile(r"^\s*(?:\{person_address\}|[^,,。!!??]{0,8})?[,,]?\s*您好[,,!!。]?\s*")
FIRST_SENTENCE = re.compile(r"^[^。!!??]*[。!!??]?")
NAMES_SCAM = re.compile(r"骗子|诈骗|骗局|被骗|骗钱")
IDENTITY_FIRST = re.compile(
    r"^[^。!!??]{0,12}(我是|我们是|这里是|这边是)[^。!!??]{0,20}(公安|警察|民警|派出所|反诈|警官|政府)"
)
INSTRUCTION = re.compile(r"挂断|不要转|别转|一分钱都不要|不要把验证码|别点|不要点|不要下载|停止共享|关闭共享")
INDEPENDENT_VERIFICATION = re.compile(r"110|96110")
IDENTITY_CLAIM = re.compile(
    r"我们?(?:真的|确实|的确|就)?是(?:真的|真正的|正规的?|真)?[^,,。!!??]{0,12}(?:警察|民警|公安|警官|反诈|派出所)"
    r"|(?:相信|信)我们?是(?:真的?|正规)"
    r"|我(?:们)?(?:可)?不是骗子"
)


def body_after_greeting(text: str) -> str:
    """The text after a leading "{person_address},您好!"."""
    return GREETING.sub("", text, count=1)


def first_sentence(text: str) -> str:
    """The first sentence after the greeting, up to and including the first 。!?!?."""
    match = FIRST_SENTENCE.match(body_after_greeting(text))
    return match.group(0) if match else ""


def opening_problems(text: str) -> list[str]:
    """What is wrong with an opening under the doctrine; empty when it obeys."""
    problems = []
    body = body_after_greeting(text)
    if IDENTITY_FIRST.search(body):
        problems.append("opens with the officer's identity")
    if not NAMES_SCAM.search(first_sentence(text)):
        problems.append("first sentence does not name the scam")
    if not INSTRUCTION.search(body):
        problems.append("no concrete instruction")
    return problems


def distrust_problems(text: str) -> list[str]:
    """What is wrong with an answer to "you are the scammer"; empty when it obeys."""
    problems = []
    if not INDEPENDENT_VERIFICATION.search(text):
        problems.append("does not invite independent verification (110 / 96110)")
    if IDENTITY_CLAIM.search(text):
        problems.append("claims the officer's identity")
    return problems


def _variation_groups(variations: Sequence[Mapping[str, Any]]) -> dict[tuple[Any, ...], list[str]]:
    groups: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for variation in variations:
        key = tuple(sorted((c["name"], str(c["value"])) for c in variation.get("condition") or []))
        groups[key].append(str(variation.get("text", "")))
    return groups


def structure_problems(responses: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[str]:
    """Missing openings or reactions, or too few variations for "another way to say it"."""
    problems = []
    for name in [f"utter_open_{t}" for t in FRAUD_TYPES] + ["utter_open_generic"]:
        variations = responses.get(name) or []
        if len(variations) < 2:
            problems.append(f"{name}: {len(variations)} variations, needs at least 2")
    for intent in REACTION_INTENTS:
        name = f"utter_respond_{intent}"
        variations = responses.get(name)
        if not variations:
            problems.append(f"{name}: missing")
            continue
        groups = _variation_groups(variations)
        if len(groups.get((), [])) < 2:
            problems.append(f"{name}: {len(groups.get((), []))} default variations, needs at least 2")
        for key, texts in groups.items():
            if key and len(texts) < 2:
                problems.append(f"{name}: {len(texts)} variation(s) for {key}, needs at least 2")
    return problems


def _load_responses() -> dict[str, list[dict[str, Any]]]:
    with DOMAIN.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["responses"]


RESPONSES = _load_responses()
OPENINGS = [
    (name, index, variation["text"])
    for name, variations in sorted(RESPONSES.items())
    if name.startswith("utter_open_")
    for index, variation in enumerate(variations)
]
DISTRUST = [(index, v["text"]) for index, v in enumerate(RESPONSES.get("utter_respond_distrusts_officer") or [])]


# --- domain.yml obeys the doctrine -------------------------------------------------------


def test_there_are_openings_to_check() -> None:
    assert len(OPENINGS) >= 2 * (len(FRAUD_TYPES) + 1)


@pytest.mark.parametrize(("name", "index", "text"), OPENINGS, ids=[f"{n}[{i}]" for n, i, _ in OPENINGS])
def test_opening_warns_first_and_gives_an_instruction(name: str, index: int, text: str) -> None:
    assert opening_problems(text) == [], f"{name}[{index}]: {text}"


@pytest.mark.parametrize(("name", "index", "text"), OPENINGS, ids=[f"{n}[{i}]" for n, i, _ in OPENINGS])
def test_opening_addresses_the_person(name: str, index: int, text: str) -> None:
    assert text.startswith("{person_address},您好!"), f"{name}[{index}]"


def test_openings_and_reactions_are_complete() -> None:
    assert structure_problems(RESPONSES) == []


def test_there_are_distrust_answers_to_check() -> None:
    assert len(DISTRUST) >= 2


@pytest.mark.parametrize(("index", "text"), DISTRUST, ids=[f"distrusts_officer[{i}]" for i, _ in DISTRUST])
def test_distrust_answer_invites_independent_verification_without_claiming_identity(index: int, text: str) -> None:
    assert distrust_problems(text) == [], f"[{index}]: {text}"


# --- the checkers reject what the doctrine forbids -------------------------------------------

BAD_IDENTITY_FIRST = "您好,我是孝感市公安局反诈中心的民警……"
GOOD_FROM_DOCTRINE = (
    "{person_address},您好!刚才自称'公安局民警'给您打电话的人是骗子。公安机关不会在电话里办案,"
    "更没有'安全账户'。请您马上挂断,一分钱都不要转。"
)


def test_checker_rejects_the_identity_first_opening() -> None:
    problems = opening_problems(BAD_IDENTITY_FIRST)
    assert "opens with the officer's identity" in problems
    assert "first sentence does not name the scam" in problems
    assert "no concrete instruction" in problems


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "{person_address},您好!我是孝感市公安局反诈中心的民警,您遇到诈骗了。请您马上挂断电话。",
            "opens with the officer's identity",
        ),
        (
            "{person_address},您好!这里是云梦县公安局,对方是骗子。请您一分钱都不要转。",
            "opens with the officer's identity",
        ),
        ("我们是反诈中心的,给您打电话是因为您被骗了。请挂断。", "opens with the officer's identity"),
        ("{person_address},您好!最近天气不错。对方是骗子,请您马上挂断电话。", "first sentence does not name the scam"),
        ("{person_address},您好!请您马上挂断电话。对方是骗子。", "first sentence does not name the scam"),
        ("{person_address},您好!请您马上挂断电话!对方是骗子。", "first sentence does not name the scam"),
        ("{person_address},您好!给您打电话的人是骗子。请您多加小心。", "no concrete instruction"),
    ],
)
def test_checker_rejects_crafted_bad_openings(text: str, problem: str) -> None:
    assert problem in opening_problems(text)


def test_checker_accepts_the_doctrine_example() -> None:
    assert opening_problems(GOOD_FROM_DOCTRINE) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("请相信我,我是真的警察。先别转钱。", "claims the officer's identity"),
        ("我们确实是孝感市公安局的民警,您可以拨打110核实。", "claims the officer's identity"),
        ("我是正规的反诈中心民警,不是骗子,拨打96110也行。", "claims the officer's identity"),
        ("您一定要信我,先别转钱。", "does not invite independent verification (110 / 96110)"),
    ],
)
def test_checker_rejects_crafted_bad_distrust_answers(text: str, problem: str) -> None:
    assert problem in distrust_problems(text)


def test_structure_checker_rejects_missing_and_thin_responses() -> None:
    crafted = {name: list(variations) for name, variations in RESPONSES.items()}
    del crafted["utter_open_romance"]
    crafted["utter_open_generic"] = crafted["utter_open_generic"][:1]
    del crafted["utter_respond_asks_recovery"]
    crafted["utter_respond_call_dropped"] = crafted["utter_respond_call_dropped"][:1]
    crafted["utter_respond_distrusts_officer"] = [
        v for v in crafted["utter_respond_distrusts_officer"] if not v.get("condition")
    ] + [{"text": "只有一句", "condition": [{"type": "slot", "name": "fraud_type", "value": "romance"}]}]
    problems = structure_problems(crafted)
    assert any(p.startswith("utter_open_romance:") for p in problems)
    assert any(p.startswith("utter_open_generic:") for p in problems)
    assert "utter_respond_asks_recovery: missing" in problems
    assert any(p.startswith("utter_respond_call_dropped:") and "default" in p for p in problems)
    assert any(p.startswith("utter_respond_distrusts_officer:") and "romance" in p for p in problems)
