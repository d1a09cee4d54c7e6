"""The assistant's own suggestion for a turn, read from ``domain.yml`` for comparison."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assistant.config import project_root
from assistant.dialogue.variations import render

_LEADING_ADDRESS = re.compile(r"^\{person_address\}[,,]\s*")


@lru_cache(maxsize=4)
def _responses(domain_path: Path) -> dict[str, Any]:
    with domain_path.open(encoding="utf-8") as handle:
        domain = yaml.safe_load(handle) or {}
    return dict(domain.get("responses") or {})


def response_name(opening: bool, fraud_type: str, objection: str | None) -> str:
    """The response the assistant would give: the opening, or the answer to the objection."""
    if opening and not objection:
        return f"utter_open_{fraud_type}"
    if objection and objection.startswith("life_safety_"):
        return f"utter_{objection}"
    if objection:
        return f"utter_respond_{objection}"
    return f"utter_open_{fraud_type}"


def _first_default(variations: Sequence[dict[str, Any]] | None) -> str | None:
    for variation in variations or []:
        if not variation.get("condition") and variation.get("text"):
            return str(variation["text"])
    return None


def suggestion(
    opening: bool, fraud_type: str, objection: str | None, person_address: str, domain_path: Path | None = None
) -> str | None:
    """The first default variation of the matching response, addressed to the person.

    When the person already reacts in the opening turn (she panics, she is about to send), the
    assistant's line is its opening followed by its answer to the reaction: the opening must
    still name the scam first, and the reaction still needs an answer.

    Returns:
        The rendered text, or ``None`` when the domain has no such response.
    """
    responses = _responses(domain_path or project_root() / "domain.yml")
    template = _first_default(responses.get(response_name(opening, fraud_type, objection)))
    if opening:
        opening_template = _first_default(responses.get(f"utter_open_{fraud_type}")) or _first_default(
            responses.get("utter_open_generic")
        )
        if objection and opening_template and template:
            template = f"{opening_template}{_LEADING_ADDRESS.sub('', template)}"
        elif template is None:
            template = opening_template
    if template is None:
        return None
    # Without a form of address, "{person_address},您好" would start with a bare comma.
    text = render(template, {"person_address": person_address})
    return re.sub(r"^[,,]\s*", "", text)
