"""Building trackers and running actions the way the action server does."""

from __future__ import annotations

from typing import Any

import yaml
from rasa_sdk import Tracker

from assistant.channels.guard import TOKEN_METADATA_KEY
from assistant.config import project_root
from assistant.security.tokens import ChatIdentity, issue_chat_token

# The chat-token key of the action tests' settings (tests/actions/conftest.py sets it).
TEST_JWT_KEY = "action-tests-jwt-key-" + "k" * 24
# The speaker of a tracker unless a test says otherwise: a signed-in officer.
OFFICER = ChatIdentity("officer_demo", "officer")
TRAINEE = ChatIdentity("trainee_wang", "trainee")


def speaker_metadata(speaker: ChatIdentity, key: str = TEST_JWT_KEY) -> dict[str, Any]:
    """Message metadata as the secure channels write it: a token naming the verified speaker."""
    return {TOKEN_METADATA_KEY: issue_chat_token(key, speaker)}


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
    speaker: ChatIdentity | None = OFFICER,
) -> Tracker:
    """A tracker as the action server receives it, with the domain's initial slot values.

    ``speaker`` is who sent the latest message (``None``: nobody verified, as in a tracker
    that did not come through a secure channel).
    """
    domain_slots = load_domain()["slots"]
    all_slots: dict[str, Any] = {name: spec.get("initial_value") for name, spec in domain_slots.items()}
    all_slots.update(slots or {})
    latest: dict[str, Any] = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []}
    if speaker is not None:
        latest["metadata"] = speaker_metadata(speaker)
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
