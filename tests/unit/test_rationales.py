"""Rationales for "why" (assistant.dialogue.rationales) cover every suggestion in domain.yml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.dialogue.explain import rationale_for
from assistant.dialogue.rationales import RATIONALES

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"


def _responses() -> dict[str, list[dict[str, Any]]]:
    with DOMAIN.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["responses"]


def _is_suggestion(name: str) -> bool:
    return name.startswith(("utter_open_", "utter_respond_", "utter_life_safety_")) or name in {
        "utter_urge_freeze", "utter_urge_dispatch",
    }


RESPONSES = _responses()
SUGGESTIONS = sorted(name for name in RESPONSES if _is_suggestion(name))


def _conditional_types(variations: list[dict[str, Any]]) -> set[str]:
    return {
        constraint["value"]
        for variation in variations
        for constraint in variation.get("condition") or []
        if constraint.get("name") == "fraud_type"
    }


def test_the_domain_has_suggestions_to_check() -> None:
    assert "utter_urge_freeze" in SUGGESTIONS
    assert len([name for name in SUGGESTIONS if name.startswith("utter_open_")]) >= 12
    assert len([name for name in SUGGESTIONS if name.startswith("utter_respond_")]) >= 13
    assert len([name for name in SUGGESTIONS if name.startswith("utter_life_safety_")]) >= 9


@pytest.mark.parametrize("response", SUGGESTIONS)
def test_every_suggestion_has_a_default_rationale(response: str) -> None:
    entry = RATIONALES.get(response)
    assert entry, f"{response} has no rationale"
    assert isinstance(entry.get("default"), str) and entry["default"].strip()


@pytest.mark.parametrize("response", SUGGESTIONS)
def test_every_conditional_fraud_type_has_its_own_rationale(response: str) -> None:
    missing = _conditional_types(RESPONSES[response]) - set(RATIONALES.get(response, {}))
    assert not missing, f"{response}: no rationale for {sorted(missing)}"
    for fraud_type in _conditional_types(RESPONSES[response]):
        assert RATIONALES[response][fraud_type].strip()


def test_rationales_only_name_existing_responses() -> None:
    assert set(RATIONALES) - set(RESPONSES) == set()


def test_the_conditional_check_sees_conditions() -> None:
    # Guards the test above: domain.yml does have conditional variations to check.
    assert "impersonate_police" in _conditional_types(RESPONSES["utter_respond_claims_real_official"])


@pytest.mark.parametrize(
    ("response", "fraud_type", "expected_key"),
    [
        ("utter_respond_claims_real_official", "impersonate_police", "impersonate_police"),
        ("utter_respond_claims_real_official", "romance", "default"),
        ("utter_respond_claims_real_official", None, "default"),
        ("utter_urge_freeze", "investment", "default"),
    ],
)
def test_rationale_for_falls_back_to_the_default(response: str, fraud_type: str | None, expected_key: str) -> None:
    assert rationale_for(response, fraud_type) == RATIONALES[response][expected_key]


def test_rationale_for_an_unknown_response_is_none() -> None:
    assert rationale_for("utter_greet", "investment") is None
    assert rationale_for("utter_no_such_thing", None) is None
