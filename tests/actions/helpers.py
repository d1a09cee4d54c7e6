"""Building trackers and running actions the way the action server does."""

from __future__ import annotations

from typing import Any

import yaml
from rasa_sdk import Tracker

from assistant.config import project_root


def load_domain() -> dict[str, Any]:
    """The project's domain.yml as a dictionary (what the Rasa server sends to actions)."""
    with open(project_root() / "domain.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def make_tracker(
    *,
    slots: dict[str, Any] | None = None,
    text: str = "",
    intent: str | None = None,
    entities: list[dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
    sender_id: str = "test-conversation",
    active_loop: dict[str, Any] | None = None,
) -> Tracker:
    """A tracker as the action server receives it, with the domain's initial slot values."""
    domain_slots = load_domain()["slots"]
    all_slots: dict[str, Any] = {name: spec.get("initial_value") for name, spec in domain_slots.items()}
    all_slots.update(slots or {})
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []}
    return Tracker(
        sender_id=sender_id,
        slots=all_slots,
        latest_message=latest,
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop=active_loop or {},
        latest_action_name=None,
    )
