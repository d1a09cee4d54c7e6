"""Scoring one officer line against the doctrine: verdicts, messages, score, suggestion."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.coach.rules import RULES, LineContext, Verdict, analyse_line, evaluate
from assistant.coach.suggestions import suggestion


@dataclass(frozen=True)
class Feedback:
    """The coach's feedback on one line.

    Attributes:
        verdicts: rule name → pass / fail / na.
        score: 0–100, the share of applicable rules passed.
        good: what was good (Chinese).
        missing: what was missing (Chinese).
        suggestion: what the assistant itself would say, for comparison.
    """

    verdicts: dict[str, Verdict]
    score: int
    good: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    suggestion: str | None = None

    def passed(self, rule: str) -> bool:
        """Whether ``rule`` passed on this line."""
        return self.verdicts.get(rule) is Verdict.PASS

    def failed(self, rule: str) -> bool:
        """Whether ``rule`` failed on this line."""
        return self.verdicts.get(rule) is Verdict.FAIL

    def as_dict(self) -> dict[str, Any]:
        """Plain values, for transcripts and JSON."""
        return {
            "verdicts": {name: verdict.value for name, verdict in self.verdicts.items()},
            "score": self.score,
            "good": list(self.good),
            "missing": list(self.missing),
            "suggestion": self.suggestion,
        }

    def format(self) -> str:
        """The feedback as the terminal shows it."""
        lines = [f"  得分 {self.score}/100"]
        lines += [f"  ✓ {message}" for message in self.good]
        lines += [f"  ✗ {message}" for message in self.missing]
        if self.suggestion:
            lines.append(f"  参考说法:{self.suggestion}")
        return "\n".join(lines)


def score_line(text: str, context: LineContext | None = None) -> Feedback:
    """Score one trainee line.

    Args:
        text: what the trainee, playing the officer, said.
        context: the turn: opening or not, the person's current objection, fraud type, address.

    Returns:
        Per-rule verdicts, Chinese messages, a 0–100 score and the assistant's suggestion.
    """
    context = context or LineContext()
    verdicts = evaluate(analyse_line(text), context)
    good = [rule.good for rule in RULES if verdicts[rule.name] is Verdict.PASS]
    missing = [rule.missing for rule in RULES if verdicts[rule.name] is Verdict.FAIL]
    applicable = [verdict for verdict in verdicts.values() if verdict is not Verdict.NOT_APPLICABLE]
    passed = sum(1 for verdict in applicable if verdict is Verdict.PASS)
    score = round(100 * passed / len(applicable)) if applicable else 100
    return Feedback(
        verdicts=verdicts,
        score=score,
        good=good,
        missing=missing,
        suggestion=suggestion(context.opening, context.fraud_type, context.objection, context.person_address),
    )
