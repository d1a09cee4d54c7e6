"""The rationale behind a suggestion, for the officer's "why?"."""

from __future__ import annotations

from assistant.dialogue.rationales import RATIONALES


def rationale_for(response: str, fraud_type: str | None) -> str | None:
    """The rationale of ``response`` for this fraud type, falling back to its default."""
    entry = RATIONALES.get(response)
    if not entry:
        return None
    return entry.get(fraud_type or "") or entry.get("default")
