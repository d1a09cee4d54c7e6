"""The coach and the assistant agree: every suggestion the panel can show passes the coach's rules.

Scope (docs/safety-appendix.md, "Coach and assistant"): every variation of every response the
officer reads out to the person —

* ``utter_open_*``, judged as an opening turn (fraud type from the name; ``generic`` as unknown);
* ``utter_respond_<reaction>``, judged as the answer to that reaction (objection = the reaction,
  fraud type = the variation's ``fraud_type`` condition, ``unknown`` for default variations),

except ``utter_respond_call_dropped``, whose variations are instructions to the officer (call
back, send the warning SMS, hand over to the station), not lines said to the person. Officer
prompts (``utter_urge_freeze``, ``utter_urge_dispatch``) and messages about the assistant itself
are not judged either.

* ``utter_life_safety_<kind>`` (suicide, medical, confined, minor), judged as the answer to the
  life-safety reaction ``life_safety_<kind>``: the coach's ``life_safety_first`` rule (stay with
  the person, ask where they are; no hang-up, praise or money) applies, the money instruction and
  the way to back down do not.

The life-safety follow-ups (``utter_life_safety_location``, ``_silent``, ``_refuses``,
``_keep_talking``, ``_resolved``) are out of the coach's scope on purpose: they answer turns the
drills do not model as reactions (a place, silence, a refusal, the officer's "危机解除"), and
the coach's rules for those reactions (``call_dropped``, ``distrusts_officer`` …) are the
anti-fraud ones the path deliberately does not follow. ``tests/unit/test_life_safety_responses.py``
checks their own properties; the safety lint covers them like every other response.

The drills agree too: the coach's own reference line, turn after turn, carries every drill to
success.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.coach.coach import score_line
from assistant.coach.drill import DrillSession
from assistant.coach.drills import load_drills
from assistant.coach.rules import LineContext, Verdict
from assistant.coach.suggestions import suggestion
from assistant.dialogue.variations import render

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"
OFFICER_FACING = frozenset({"utter_respond_call_dropped"})
LIFE_SAFETY_JUDGED = frozenset(f"utter_life_safety_{kind}" for kind in ("suicide", "medical", "confined", "minor"))
ADDRESS = "王女士"


def _responses() -> dict[str, list[dict[str, Any]]]:
    return dict(yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["responses"])


def _fraud_type(variation: dict[str, Any]) -> str:
    for constraint in variation.get("condition") or []:
        if constraint.get("name") == "fraud_type":
            return str(constraint["value"])
    return "unknown"


def judged_suggestions() -> list[tuple[str, str, LineContext]]:
    """Every variation the coach is meant to judge, rendered, with the turn it is said in."""
    found = []
    for name, variations in sorted(_responses().items()):
        if name in OFFICER_FACING:
            continue
        for index, variation in enumerate(variations):
            text = render(str(variation["text"]), {"person_address": ADDRESS, "police_station": "城关派出所"})
            if name.startswith("utter_open_"):
                fraud_type = name.removeprefix("utter_open_")
                context = LineContext(
                    opening=True, fraud_type="unknown" if fraud_type == "generic" else fraud_type, person_address=ADDRESS
                )
            elif name in LIFE_SAFETY_JUDGED:
                context = LineContext(
                    opening=False, objection=name.removeprefix("utter_"), fraud_type=_fraud_type(variation),
                    person_address=ADDRESS,
                )
            elif name.startswith("utter_respond_"):
                context = LineContext(
                    opening=False,
                    objection=name.removeprefix("utter_respond_"),
                    fraud_type=_fraud_type(variation),
                    person_address=ADDRESS,
                )
            else:
                continue
            found.append((f"{name}[{index}]", text, context))
    return found


def disagreements(text: str, context: LineContext) -> list[str]:
    """The coach's rules that fail on ``text`` in ``context`` (empty: the coach agrees)."""
    feedback = score_line(text, context)
    return [rule for rule, verdict in feedback.verdicts.items() if verdict is Verdict.FAIL]


SUGGESTIONS = judged_suggestions()


def test_the_first_life_safety_lines_are_judged_and_the_follow_ups_left_to_their_own_test() -> None:
    life_safety = {name for name in _responses() if name.startswith("utter_life_safety_")}
    judged = {where.split("[")[0] for where, _, _ in SUGGESTIONS if where.startswith("utter_life_safety_")}
    assert judged == LIFE_SAFETY_JUDGED
    assert len(life_safety - judged) >= 5


def test_the_scope_holds_every_opening_and_reaction_variation() -> None:
    responses = _responses()
    expected = sum(
        len(variations)
        for name, variations in responses.items()
        if (name.startswith(("utter_open_", "utter_respond_")) and name not in OFFICER_FACING)
        or name in LIFE_SAFETY_JUDGED
    )
    assert len(SUGGESTIONS) == expected >= 110
    reactions = {
        where.split("[")[0] for where, _, context in SUGGESTIONS
        if not context.opening and where.startswith("utter_respond_")
    }
    assert len(reactions) == 12  # the 13 reactions of the contract but call_dropped


@pytest.mark.parametrize(("where", "text", "context"), SUGGESTIONS, ids=[where for where, _, _ in SUGGESTIONS])
def test_the_coach_passes_every_suggestion_the_assistant_can_make(where: str, text: str, context: LineContext) -> None:
    assert disagreements(text, context) == [], f"{where}: {text}"


@pytest.mark.parametrize(
    ("text", "objection", "rules"),
    [
        # The old wording the issue reported: no way to back down, or harmful advice.
        ("王女士,我理解您已经看到收益了。您先试着提现一小笔,能不能提出来,一试就知道。", "defends_investment", {"safe_advice", "way_to_back_down", "concrete_instruction", "handles_objection"}),
        ("对方开着屏幕共享,就能看到您的验证码和密码。请立刻结束共享、卸载那个会议APP,改掉支付密码,再打银行客服电话冻结账户。", "shared_code_or_screen", {"safe_advice", "way_to_back_down"}),
        ("王女士,真案子可以到派出所当面办。您自己拨打110或到附近派出所问,不要打对方给您的号码。", "asks_how_to_verify", {"concrete_instruction", "way_to_back_down"}),
    ],
)
def test_the_check_fails_on_the_wording_the_issue_reported(text: str, objection: str, rules: set[str]) -> None:
    assert set(disagreements(text, LineContext(opening=False, objection=objection))) == rules


@pytest.mark.parametrize("drill_id", sorted(load_drills()))
def test_the_coachs_reference_lines_carry_every_drill_to_success(drill_id: str) -> None:
    drill = load_drills()[drill_id]
    session = DrillSession(drill, "trainee_reference")
    while not session.finished:
        context = session.context()
        line = suggestion(context.opening, context.fraud_type, context.objection, context.person_address)
        assert line is not None, (drill_id, session.state.name)
        turn = session.say(line)
        assert turn.moved, (drill_id, session.state.name, line, disagreements(line, context))
        assert not disagreements(line, context), (drill_id, line)
    assert session.outcome == "success" and session.score == 100


def test_an_opening_turn_with_a_reaction_gets_the_opening_then_the_answer() -> None:
    line = suggestion(True, "fake_customer_service", "emotional_distress", "孙女士")
    assert line is not None and line.startswith("孙女士,您好!")
    assert "骗子" in line.split("。")[0]
    assert "别着急" in line and line.count("孙女士") == 1
