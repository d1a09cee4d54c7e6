"""``quanzu replay run``: replay recorded conversations against the live stack and compare.

Each conversation gets a fresh sender id. The officer's messages are sent one by one over the
REST channel (custom actions run for real on the action server, against its database);
reminders that fired in the recording are not sent but waited for. Then the live tracker is
read and compared turn by turn with the recording: intent, entities, actions, slots (those the
recording mentions), form loops, response names and scheduled reminders.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

import requests

from assistant.replay.client import RasaClient
from assistant.replay.compare import TurnDivergence, compare_turn, format_divergence, turn_label
from assistant.replay.corpus import Replay
from assistant.replay.masking import Masker
from assistant.replay.turns import Turn, turns_from_events

logger = logging.getLogger(__name__)


@dataclass
class ReplayResult:
    """How one conversation replayed."""

    replay: Replay
    sender_id: str
    divergences: list[TurnDivergence] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None

    @property
    def turns(self) -> int:
        """Number of recorded turns."""
        return len(self.replay.turns)

    @property
    def matched_turns(self) -> int:
        """Turns that replayed exactly as recorded."""
        return 0 if self.error else self.turns - len(self.divergences)

    @property
    def exact(self) -> bool:
        """Whether the whole conversation replayed exactly as recorded."""
        return not self.error and not self.divergences

    def first_divergence(self) -> str | None:
        """The first divergence, in one line."""
        if self.error:
            return self.error
        return self.divergences[0].headline() if self.divergences else None


def _wait_for_reminders(client: RasaClient, sender: str, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        fired = sum(1 for turn in turns_from_events(client.events(sender)) if turn.external)
        if fired >= count or time.monotonic() >= deadline:
            return
        time.sleep(0.5)


def compare_conversation(
    recorded: Sequence[Turn], live: Sequence[Turn], mask: Any = lambda value: value
) -> list[TurnDivergence]:
    """Compare a recorded conversation with its replay, turn by turn.

    Officer turns are compared in order; fired reminders are compared among themselves, in
    order, since when a reminder fires depends on the clock. Reminders that fired in the replay
    but not in the recording are not compared.
    """
    tracked_slots = {name for turn in recorded for name, _ in turn.slots}
    live_officer = [turn for turn in live if not turn.external]
    live_external = [turn for turn in live if turn.external]
    officer_index = external_index = 0
    divergences = []
    for number, turn in enumerate(recorded, start=1):
        if turn.external:
            counterpart = live_external[external_index] if external_index < len(live_external) else None
            external_index += 1
        else:
            counterpart = live_officer[officer_index] if officer_index < len(live_officer) else None
            officer_index += 1
        differences = compare_turn(turn, counterpart, tracked_slots, mask)
        if differences:
            divergences.append(TurnDivergence(number, turn_label(turn), differences))
    return divergences


def replay_conversation(client: RasaClient, replay: Replay, masker: Masker, reminder_timeout: float) -> ReplayResult:
    """Replay one conversation on a fresh sender id and compare it with the recording.

    Raises:
        ReplayConnectionError: when the server cannot be reached.
    """
    sender = f"replay-{uuid.uuid4().hex[:12]}"
    started = time.monotonic()
    result = ReplayResult(replay, sender)
    reminders = 0
    speaker: dict[str, Any] = {}
    try:
        for turn in replay.turns:
            if turn.external:
                reminders += 1
                _wait_for_reminders(client, sender, reminders, reminder_timeout)
            else:
                # The officer (and case) of the recording speak every later message too.
                speaker = dict(turn.metadata) or speaker
                client.send(sender, turn.text or "", speaker)
        live = turns_from_events(client.events(sender))
    except requests.HTTPError as error:
        result.error = f"the Rasa server failed: {error}"
    else:
        result.divergences = compare_conversation(replay.turns, live, masker.live_value)
    result.seconds = time.monotonic() - started
    return result


def report_result(result: ReplayResult, out: TextIO) -> None:
    """Print one conversation's outcome, and the diff of each diverging turn."""
    mark = "ok  " if result.exact else "FAIL"
    print(f"{mark} {result.replay.label} ({result.turns} turns, {result.seconds:.1f}s)", file=out)
    if result.error:
        print(f"    {result.error}", file=out)
    for divergence in result.divergences:
        print(format_divergence(divergence), file=out)
    if result.divergences:
        print("    (- recorded only, + replay only)", file=out)


def run_replays(
    client: RasaClient, replays: Sequence[Replay], masker: Masker, out: TextIO, reminder_timeout: float = 30.0
) -> list[ReplayResult]:
    """Replay every conversation, printing each as it finishes.

    Raises:
        ReplayConnectionError: when the server cannot be reached.
    """
    results = []
    for replay in replays:
        result = replay_conversation(client, replay, masker, reminder_timeout)
        report_result(result, out)
        results.append(result)
    return results


def summary(results: Sequence[ReplayResult]) -> str:
    """Conversations, turns, exact matches, and the first divergence of each diverging one."""
    turns = sum(r.turns for r in results)
    matched = sum(r.matched_turns for r in results)
    exact = sum(1 for r in results if r.exact)
    lines = [
        "",
        f"replayed {len(results)} conversations, {turns} turns",
        f"exact matches: {exact}/{len(results)} conversations, {matched}/{turns} turns",
    ]
    failing = [r for r in results if not r.exact]
    if failing:
        lines.append("first divergence of each diverging conversation:")
        lines += [f"  {r.replay.label}: {r.first_divergence()}" for r in failing]
    return "\n".join(lines)
