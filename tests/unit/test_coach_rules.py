"""The coach's doctrine rules on a hand-labelled set of good and bad officer lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.coach.coach import score_line
from assistant.coach.rules import RULE_NAMES, LineContext, Verdict

LABELLED = Path(__file__).resolve().parent.parent / "coach" / "labelled_lines.yml"


def _labelled() -> list[dict[str, Any]]:
    return list(yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["lines"])


def _context(raw: dict[str, Any] | None) -> LineContext:
    raw = raw or {}
    return LineContext(
        opening=raw.get("opening", True),
        objection=raw.get("objection"),
        fraud_type=raw.get("fraud_type", "unknown"),
        person_address=raw.get("person_address", "王女士"),
    )


def test_the_labelled_set_is_big_enough_and_every_rule_can_pass_and_fail() -> None:
    lines = _labelled()
    assert len(lines) >= 40
    for rule in RULE_NAMES:
        expected = {line["expect"][rule] for line in lines if rule in line["expect"]}
        assert {"pass", "fail"} <= expected, rule


@pytest.mark.parametrize("line", _labelled(), ids=lambda line: line["text"][:16])
def test_each_rule_gives_the_labelled_verdict(line: dict[str, Any]) -> None:
    feedback = score_line(line["text"], _context(line.get("context")))
    actual = {rule: feedback.verdicts[rule].value for rule in line["expect"]}
    assert actual == line["expect"]


def test_a_good_opening_scores_full_marks_with_the_assistants_opening_for_comparison() -> None:
    context = LineContext(opening=True, fraud_type="impersonate_police", person_address="何女士")
    feedback = score_line("何女士,您好!给您打电话说要查资金的人是骗子。请您马上挂断电话。", context)
    assert feedback.score == 100
    assert not feedback.missing
    assert feedback.suggestion is not None
    assert feedback.suggestion.startswith("何女士,您好!")
    assert "骗子" in feedback.suggestion


def test_a_bad_reply_lists_what_is_missing_and_suggests_the_response_to_the_objection() -> None:
    context = LineContext(opening=False, objection="distrusts_officer", fraud_type="impersonate_police", person_address="何女士")
    feedback = score_line("我是真的警察,你怎么这么傻。", context)
    assert feedback.score == 0
    assert feedback.verdicts["warning_first"] is Verdict.NOT_APPLICABLE
    assert any("指责" in message for message in feedback.missing)
    assert feedback.suggestion is not None
    assert "110" in feedback.suggestion and feedback.suggestion.startswith("何女士")


def test_the_score_counts_only_the_rules_that_apply() -> None:
    feedback = score_line("请您马上挂断电话。", LineContext(opening=True))
    # warning_first fails; no_identity_first, concrete_instruction, no_blame pass; two rules do not apply.
    assert feedback.score == 75
    assert feedback.verdicts["handles_objection"] is Verdict.NOT_APPLICABLE


def test_without_a_form_of_address_the_suggestion_starts_with_the_greeting() -> None:
    feedback = score_line("请您马上挂断电话。", LineContext(opening=True, fraud_type="fake_loan"))
    assert feedback.suggestion is not None and feedback.suggestion.startswith("您好!")
