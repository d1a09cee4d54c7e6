"""Comparing a recorded turn with the same turn replayed, and showing the difference."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.replay.masking import pseudonym_shape
from assistant.replay.turns import Turn, entity_key, normalise_text

ASPECTS = ("intent", "entities", "actions", "slots", "loops", "responses", "reminders")


@dataclass(frozen=True)
class Difference:
    """One aspect of a turn that differs: what was recorded and what the replay did."""

    aspect: str
    expected: Any
    actual: Any


@dataclass
class TurnDivergence:
    """A turn whose replay differs from the recording."""

    index: int  # 1-based, counting every user step of the story
    label: str  # the message, or the reminder's intent
    differences: list[Difference] = field(default_factory=list)

    def headline(self) -> str:
        """One line: which turn and what differs first (the JUnit failure message)."""
        first = self.differences[0]
        if isinstance(first.expected, list):
            expected, actual = first_change(first)
            detail = f"{first.aspect}: expected [{', '.join(expected)}], got [{', '.join(actual)}]"
        else:
            detail = f"{first.aspect}: expected {first.expected}, got {first.actual}"
        more = f" (+{len(self.differences) - 1} more)" if len(self.differences) > 1 else ""
        return f"turn {self.index} «{self.label}»: {detail}{more}"


def turn_label(turn: Turn) -> str:
    """How a turn is named in reports: its message, or the reminder's intent."""
    return turn.text if turn.text is not None else f"({turn.intent})"


def _slot_text(slot: tuple[str, Any]) -> str:
    name, value = slot
    return f"{name} = {normalise_text(value) if value is not None else 'null'}"


def _normalise_slot(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, tuple):
        return [_normalise_slot(v) for v in value]
    if isinstance(value, list):
        return [_normalise_slot(v) for v in value]
    return value


def compare_turn(
    recorded: Turn,
    live: Turn | None,
    tracked_slots: Collection[str],
    mask: Callable[[Any], Any] = lambda value: value,
) -> list[Difference]:
    """The differences between a recorded turn and its replay (empty when they match).

    Args:
        recorded: the turn as recorded (masked).
        live: the turn as replayed; ``None`` when the replay has no such turn.
        tracked_slots: the slots compared (those that appear anywhere in the recording).
        mask: masks what the live turn took from the case database, to compare like with like.
            Names are then compared by shape (:func:`pseudonym_shape`).
    """
    if live is None:
        return [Difference("turn", "present", "missing: the replay has no such turn")]
    differences = []
    if recorded.intent != live.intent:
        differences.append(Difference("intent", recorded.intent, live.intent))
    if recorded.text is not None and not recorded.text.startswith("/"):
        live_entities = sorted(
            (entity_key({"entity": e, "value": pseudonym_shape(mask(v)), "role": r}) for e, v, r in live.entities),
            key=repr,
        )
        expected_entities = sorted(
            (entity_key({"entity": e, "value": pseudonym_shape(v), "role": r}) for e, v, r in recorded.entities),
            key=repr,
        )
        if expected_entities != live_entities:
            differences.append(Difference("entities", expected_entities, live_entities))
    if recorded.actions != live.actions:
        differences.append(Difference("actions", recorded.actions, live.actions))
    expected_slots = [(n, _normalise_slot(pseudonym_shape(v))) for n, v in recorded.slots if n in tracked_slots]
    live_slots = [(n, _normalise_slot(pseudonym_shape(mask(v)))) for n, v in live.slots if n in tracked_slots]
    if expected_slots != live_slots:
        differences.append(Difference("slots", expected_slots, live_slots))
    for aspect in ("loops", "responses", "reminders"):
        if getattr(recorded, aspect) != getattr(live, aspect):
            differences.append(Difference(aspect, getattr(recorded, aspect), getattr(live, aspect)))
    return differences


def _items(aspect: str, values: Sequence[Any]) -> list[str]:
    if aspect == "slots":
        return [_slot_text(v) for v in values]
    if aspect == "entities":
        return [f"{e}{'/' + r if r else ''} = {v}" for e, v, r in values]
    return ["null" if v is None else str(v) for v in values]


def _opcodes(difference: Difference) -> tuple[list[str], list[str], list[tuple[str, int, int, int, int]]]:
    expected = _items(difference.aspect, difference.expected)
    actual = _items(difference.aspect, difference.actual or [])
    matcher = difflib.SequenceMatcher(a=expected, b=actual, autojunk=False)
    return expected, actual, [(str(tag), i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def first_change(difference: Difference) -> tuple[list[str], list[str]]:
    """The first run of items that differ in a list aspect: (recorded items, replayed items)."""
    expected, actual, opcodes = _opcodes(difference)
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "equal":
            return expected[i1:i2], actual[j1:j2]
    return expected, actual


def format_difference(difference: Difference, indent: str = "      ", context: int = 1) -> list[str]:
    """A difference as lines: lists as a diff (``-`` recorded only, ``+`` replay only).

    Unchanged items are shown only next to a change (``context`` of them on each side).
    """
    if not isinstance(difference.expected, list):
        return [f"{indent}{difference.aspect}: expected {difference.expected}, got {difference.actual}"]
    lines = [f"{indent}{difference.aspect}:"]
    expected, actual, opcodes = _opcodes(difference)
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = expected[i1:i2]
            head = same[:context] if number > 0 else []
            tail = same[-context:] if number < len(opcodes) - 1 and context else []
            if len(same) > len(head) + len(tail):
                lines += [f"{indent}    {item}" for item in head] + [f"{indent}    …"]
                lines += [f"{indent}    {item}" for item in tail]
            else:
                lines += [f"{indent}    {item}" for item in same]
            continue
        lines += [f"{indent}  - {item}" for item in expected[i1:i2]]
        lines += [f"{indent}  + {item}" for item in actual[j1:j2]]
    if not expected and not actual:
        lines.append(f"{indent}    (none)")
    return lines


def format_divergence(divergence: TurnDivergence) -> str:
    """A diverging turn, readable: the message, then each differing aspect."""
    lines = [f"    turn {divergence.index} «{divergence.label}»"]
    for difference in divergence.differences:
        lines += format_difference(difference)
    return "\n".join(lines)
