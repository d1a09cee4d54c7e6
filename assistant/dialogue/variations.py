"""Response variations: which ones apply, how they render, and "another way to say it".

Selection mirrors Rasa's: variations whose slot conditions all match take precedence; when
none match, the variations without a condition apply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

Variation = Mapping[str, Any]

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _matches(variation: Variation, slots: Mapping[str, Any]) -> bool:
    for constraint in variation.get("condition") or []:
        actual, expected = slots.get(constraint["name"]), constraint["value"]
        if isinstance(actual, str) and isinstance(expected, str):
            if actual.casefold() != expected.casefold():
                return False
        elif actual != expected:
            return False
    return True


def applicable_variations(variations: Sequence[Variation], slots: Mapping[str, Any]) -> list[Variation]:
    """The variations Rasa would choose from, given the current slot values."""
    conditional = [v for v in variations if v.get("condition") and _matches(v, slots)]
    if conditional:
        return conditional
    return [v for v in variations if not v.get("condition")]


def render(template: str, values: Mapping[str, Any]) -> str:
    """Fill ``{slot}`` placeholders; unknown or empty ones are left out rather than "None"."""

    def fill(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return "" if value is None else str(value)

    return _PLACEHOLDER.sub(fill, template)


def alternative(variations: Sequence[Variation], slots: Mapping[str, Any], last_text: str | None) -> str | None:
    """Another applicable wording than ``last_text``, rendered; ``None`` if there is no other.

    The choice is deterministic: the applicable variation after the one last said, cycling,
    so asking repeatedly walks through every wording.
    """
    texts = [render(str(v.get("text", "")), slots) for v in applicable_variations(variations, slots)]
    texts = [text for text in texts if text]
    if not texts:
        return None
    if last_text in texts:
        following = texts[(texts.index(last_text) + 1) % len(texts)]
        return None if following == last_text else following
    return texts[0]
