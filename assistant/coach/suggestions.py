"""The assistant's own suggestion for a turn, read from ``domain.yml`` for comparison."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assistant.config import project_root
from assistant.dialogue.variations import render


@lru_cache(maxsize=4)
def _responses(domain_path: Path) -> dict[str, Any]:
    with domain_path.open(encoding="utf-8") as handle:
        domain = yaml.safe_load(handle) or {}
    return dict(domain.get("responses") or {})


def response_name(opening: bool, fraud_type: str, objection: str | None) -> str:
    """The response the assistant would give: the opening, or the answer to the objection."""
    if opening and not objection:
        return f"utter_open_{fraud_type}"
    if objection:
        return f"utter_respond_{objection}"
    return f"utter_open_{fraud_type}"


def suggestion(
    opening: bool, fraud_type: str, objection: str | None, person_address: str, domain_path: Path | None = None
) -> str | None:
    """The first default variation of the matching response, addressed to the person.

    Returns:
        The rendered text, or ``None`` when the domain has no such response.
    """
    responses = _responses(domain_path or project_root() / "domain.yml")
    variations = responses.get(response_name(opening, fraud_type, objection))
    if not variations and opening:
        variations = responses.get("utter_open_generic")
    for variation in variations or []:
        if not variation.get("condition") and variation.get("text"):
            # Without a form of address, "{person_address},您好" would start with a bare comma.
            text = render(str(variation["text"]), {"person_address": person_address})
            return re.sub(r"^[,,]\s*", "", text)
    return None
