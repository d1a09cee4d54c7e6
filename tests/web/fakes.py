"""A stand-in for the Rasa server, shaped like its REST channel and tracker (``AssistantChannel``)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from assistant.errors import AssistantUnavailable
from assistant.security.tokens import ChatIdentity


def speaker_metadata(speaker: ChatIdentity) -> dict[str, Any]:
    """What the real channel gives the actions about the speaker, as plain values."""
    found = {"case_id": speaker.case_id, "officer_id": speaker.username, "role": speaker.role, "sender": speaker.sender}
    return {key: value for key, value in found.items() if value}

# (reply text, response name or None). Rasa puts a response's name in the bot event's metadata
# as "utter_action"; "another way to say it" sends text with the name as "suggestion", written
# here as "alt:<name>". A plain text (the case card, a confirmation) has no name.
Utterance = tuple[str, str | None]


@dataclass
class Call:
    """One call the panel made."""

    kind: str  # "send" or "tracker"
    sender: str
    text: str | None = None
    metadata: dict[str, Any] | None = None


@dataclass
class FakeRasa:
    """Answers messages with canned replies and keeps each conversation's events like Rasa does.

    ``script`` maps a message text to ``(intent, [(reply text, response name), ...])``; a
    message not in the script is classified ``nlu_fallback`` with no reply. Set ``down`` to
    make every call fail as if the server were unreachable.
    """

    script: dict[str, tuple[str, list[Utterance]]] = field(default_factory=dict)
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    down: bool = False
    _clock: Any = field(default_factory=lambda: itertools.count(1_764_000_000))

    def _now(self) -> float:
        return float(next(self._clock))

    def _check(self) -> None:
        if self.down:
            raise AssistantUnavailable("http://rasa.test", "ConnectError: connection refused")

    def send(self, sender: str, text: str, speaker: ChatIdentity) -> list[dict[str, Any]]:
        self.calls.append(Call("send", sender, text, speaker_metadata(speaker)))
        self._check()
        intent, utterances = self.script.get(text, ("nlu_fallback", []))
        events = self.events.setdefault(sender, [])
        events.append({"event": "action", "name": "action_listen", "timestamp": self._now()})
        events.append(
            {
                "event": "user",
                "timestamp": self._now(),
                "text": text,
                "parse_data": {"intent": {"name": intent, "confidence": 1.0}, "entities": [], "text": text},
                "input_channel": "rest",
                "metadata": speaker_metadata(speaker),
            }
        )
        for reply_text, response in utterances:
            metadata_out: dict[str, Any] = {}
            if response and response.startswith("alt:"):
                metadata_out["suggestion"] = response.removeprefix("alt:")
            elif response:
                metadata_out["utter_action"] = response
            events.append(
                {"event": "bot", "timestamp": self._now(), "text": reply_text, "data": {}, "metadata": metadata_out}
            )
        return [{"recipient_id": sender, "text": reply_text} for reply_text, _ in utterances]

    def tracker(self, sender: str) -> dict[str, Any]:
        self.calls.append(Call("tracker", sender))
        self._check()
        return {
            "sender_id": sender,
            "slots": dict(self.slots.get(sender, {})),
            "latest_message": {},
            "events": [dict(event) for event in self.events.get(sender, [])],
            "paused": False,
            "active_loop": {},
        }

    def sends(self) -> list[Call]:
        """The messages sent, in order."""
        return [call for call in self.calls if call.kind == "send"]
