"""Comparing recorded turns with replayed ones: what counts as a divergence and how it is shown."""

from __future__ import annotations

from assistant.replay.compare import Difference, compare_turn, format_difference
from assistant.replay.runner import compare_conversation
from assistant.replay.turns import Turn


def officer(text: str, intent: str, actions: list[str], **fields: object) -> Turn:
    return Turn(text=text, intent=intent, actions=actions, **fields)  # type: ignore[arg-type]


def reminder() -> Turn:
    return Turn(text=None, intent="EXTERNAL_follow_up_due", actions=["action_follow_up_reminder"], external=True,
                responses=["utter_follow_up_due"])


def test_identical_turns_match() -> None:
    turn = officer("打开案件 YJ20261125001", "open_case", ["action_open_case"], slots=[("fraud_type", "investment")])
    assert compare_turn(turn, turn, {"fraud_type"}) == []


def test_each_aspect_is_compared() -> None:
    recorded = officer("她已经转了8万", "money_already_sent", ["utter_respond_money_already_sent"],
                       entities=[("amount", "80000", None)], slots=[("amount", 80000)], loops=["stop_payment_form"],
                       responses=["utter_respond_money_already_sent"], reminders=[])
    live = officer("她已经转了8万", "about_to_send", ["utter_respond_about_to_send"],
                   entities=[("amount", "8000", None)], slots=[("amount", 8000)], loops=[],
                   responses=["utter_respond_about_to_send"], reminders=["EXTERNAL_follow_up_due"])
    aspects = [d.aspect for d in compare_turn(recorded, live, {"amount"})]
    assert aspects == ["intent", "entities", "actions", "slots", "loops", "responses", "reminders"]


def test_only_slots_of_the_recording_are_compared_and_names_by_shape() -> None:
    recorded = officer("打开案件 YJ20261125001", "open_case", [], slots=[("person_address", "癸卯女士")])
    live = officer("打开案件 YJ20261125001", "open_case", [], slots=[("person_address", "何女士"), ("case_opened_at", 1.5)])
    masked = {"何女士": "戌子女士"}
    assert compare_turn(recorded, live, {"person_address"}, lambda v: masked.get(v, v)) == []
    assert compare_turn(recorded, live, {"person_address"})[0].aspect == "slots"  # unmasked: a real name differs


def test_reminders_are_matched_among_themselves_whenever_they_fire() -> None:
    recorded = [officer("劝阻成功", "report_outcome", ["action_log_outcome"]), officer("好的", "agrees_to_stop", []),
                reminder()]
    live = [officer("劝阻成功", "report_outcome", ["action_log_outcome"]), reminder(),
            officer("好的", "agrees_to_stop", []), reminder()]
    assert compare_conversation(recorded, live) == []


def test_a_missing_turn_and_a_missing_reminder_diverge() -> None:
    recorded = [officer("你好", "greet", ["utter_greet"]), officer("怎么用", "help", ["utter_help"]), reminder()]
    divergences = compare_conversation(recorded, [officer("你好", "greet", ["utter_greet"])])
    assert [(d.index, d.differences[0].aspect) for d in divergences] == [(2, "turn"), (3, "turn")]
    assert divergences[1].label == "(EXTERNAL_follow_up_due)"


def test_list_differences_read_as_a_diff() -> None:
    difference = Difference("actions", ["a", "b", "c", "d"], ["a", "x", "c", "d"])
    assert format_difference(difference, indent="") == ["actions:", "    a", "  - b", "  + x", "    c", "    …"]
