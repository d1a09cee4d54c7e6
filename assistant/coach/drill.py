"""Running a drill: the trainee plays the officer, the coach scores, the person reacts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from assistant.coach.coach import Feedback, score_line
from assistant.coach.drills import Drill, DrillState, Transition
from assistant.coach.rules import LineContext
from assistant.errors import QuanzuError

Scorer = Callable[[str, LineContext], Feedback]
Clock = Callable[[], datetime]


class DrillFinished(QuanzuError):
    """A line was given to a drill that has already ended."""

    def __init__(self, drill_id: str) -> None:
        super().__init__(f"drill {drill_id} has already ended", drill_id=drill_id)


@dataclass(frozen=True)
class TurnResult:
    """One trainee line: the coach's feedback and the person's reply."""

    trainee_line: str
    feedback: Feedback
    person_line: str
    state: str
    moved: bool
    outcome: str | None = None


@dataclass
class DrillRecord:
    """A finished (or abandoned) drill, as stored."""

    username: str
    drill_id: str
    score: int
    turns: int
    passed: bool
    started_at: datetime
    finished_at: datetime
    transcript: list[dict[str, Any]] = field(default_factory=list)


def _moves(transition: Transition, text: str, feedback: Feedback) -> bool:
    if not all(feedback.passed(rule) for rule in transition.passes):
        return False
    if not all(feedback.failed(rule) for rule in transition.fails):
        return False
    return not transition.cues or any(cue in text for cue in transition.cues)


class DrillSession:
    """One run of a drill by one trainee.

    Args:
        drill: the scenario.
        username: the trainee.
        scorer: scores a line (the coach by default; tests may pass a fake).
        clock: current time (``datetime.now`` by default).
    """

    def __init__(self, drill: Drill, username: str, scorer: Scorer = score_line, clock: Clock = datetime.now) -> None:
        self.drill = drill
        self.username = username
        self._scorer = scorer
        self._clock = clock
        self.state: DrillState = drill.states[drill.start]
        self.turns: list[TurnResult] = []
        self.outcome: str | None = None
        self.started_at = clock()
        self.finished_at: datetime | None = None
        self.transcript: list[dict[str, Any]] = [{"speaker": "person", "text": drill.opening_line, "state": drill.start}]

    @property
    def finished(self) -> bool:
        """Whether the drill has ended (success or failure)."""
        return self.outcome is not None

    @property
    def opening_line(self) -> str:
        """What the person says when the call connects."""
        return self.drill.opening_line

    def context(self) -> LineContext:
        """The turn the next line is said in."""
        return LineContext(
            opening=self.state.name == self.drill.start,
            objection=self.state.objection,
            fraud_type=self.drill.fraud_type,
            person_address=self.drill.profile.address,
        )

    def say(self, text: str) -> TurnResult:
        """Take one trainee line: score it, move the person on, and end the drill when due.

        Raises:
            DrillFinished: the drill has already ended.
        """
        if self.finished:
            raise DrillFinished(self.drill.id)
        text = text.strip()
        feedback = self._scorer(text, self.context())
        target = next((t.to for t in self.state.next if _moves(t, text, feedback)), None)
        moved = target is not None
        if target is not None:
            self.state = self.drill.states[target]
            person_line = self.state.line
            self.outcome = self.state.end
        else:
            person_line = self.state.stuck or self.state.line
        if not self.finished and len(self.turns) + 1 >= self.drill.max_turns:
            self.outcome = "failure"
            person_line = f"{person_line}\n{self.drill.give_up}" if moved else self.drill.give_up
        if self.finished:
            self.finished_at = self._clock()
        result = TurnResult(text, feedback, person_line, self.state.name, moved, self.outcome)
        self.turns.append(result)
        self.transcript.append({"speaker": "trainee", "text": text, "feedback": feedback.as_dict()})
        self.transcript.append({"speaker": "person", "text": person_line, "state": self.state.name})
        return result

    @property
    def score(self) -> int:
        """The drill's score: the mean of the turn scores (0 without turns)."""
        if not self.turns:
            return 0
        return round(sum(turn.feedback.score for turn in self.turns) / len(self.turns))

    @property
    def passed(self) -> bool:
        """Whether the person agreed to stop."""
        return self.outcome == "success"

    def record(self) -> DrillRecord:
        """The result to store."""
        return DrillRecord(
            username=self.username,
            drill_id=self.drill.id,
            score=self.score,
            turns=len(self.turns),
            passed=self.passed,
            started_at=self.started_at,
            finished_at=self.finished_at or self._clock(),
            transcript=list(self.transcript),
        )
