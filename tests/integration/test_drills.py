"""The scenario library and the drill engine, with the real spaCy pipeline and SQLite."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from assistant.coach.drill import DrillFinished, DrillSession
from assistant.coach.drills import DrillFormatError, DrillNotFound, get_drill, load_drill_file, load_drills
from assistant.coach.results import all_trainees, save_result, trainee_progress, transcript
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.domain.fraud_types import FraudType

BAD_LINES = [
    "您好,我是公安局反诈中心的民警。",
    "你怎么这么傻,这都信?",
    "我是真的警察,你要信我。",
    "你早就该知道的。",
    "说了多少遍了。",
    "喂?",
    "喂?",
]


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 5, 1, 9, 0)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def test_the_library_has_a_drill_per_fraud_type_and_some_hard_people() -> None:
    drills = load_drills()
    assert len(drills) >= 11
    assert {drill.fraud_type for drill in drills.values()} == {member.value for member in FraudType}
    assert {"distrustful", "panicking"} <= {drill.temperament for drill in drills.values()}


@pytest.mark.parametrize("drill_id", sorted(load_drills()))
def test_the_sample_lines_of_every_drill_reach_success(drill_id: str) -> None:
    drill = get_drill(drill_id)
    session = DrillSession(drill, "trainee_a", clock=_Clock())
    for line in drill.sample:
        turn = session.say(line)
        assert turn.moved, (drill_id, line, turn.feedback.verdicts)
    assert session.outcome == "success"
    assert session.passed and session.score >= 80


@pytest.mark.parametrize("drill_id", sorted(load_drills()))
def test_bad_lines_end_in_failure(drill_id: str) -> None:
    drill = get_drill(drill_id)
    session = DrillSession(drill, "trainee_b", clock=_Clock())
    for line in BAD_LINES:
        if session.finished:
            break
        session.say(line)
    assert session.outcome == "failure"
    assert not session.passed
    assert session.score < 60
    with pytest.raises(DrillFinished):
        session.say("请您马上挂断电话。")


def test_the_distrustful_person_stays_distrustful_until_a_verification_route_is_offered() -> None:
    session = DrillSession(get_drill("impersonate_police_distrustful"), "trainee_a", clock=_Clock())
    session.say("何女士,您好!跟您视频的人是骗子。请您一分钱都不要转。")
    assert session.state.objection == "distrusts_officer"
    turn = session.say("您不用信我,这不怪您,先别转钱。")
    assert not turn.moved and session.state.objection == "distrusts_officer"
    assert turn.feedback.failed("handles_objection")
    turn = session.say("您不用信我,挂断后自己拨打110核实清楚再说,先别转钱。")
    assert turn.moved and session.state.objection == "claims_real_official"


def test_blaming_a_panicking_person_makes_her_hang_up() -> None:
    session = DrillSession(get_drill("fake_customer_service_panicking"), "trainee_b", clock=_Clock())
    turn = session.say("你怎么这么傻,客服是骗子,马上挂断!")
    assert turn.outcome == "failure"
    assert "挂断" in turn.person_line


def test_a_drill_run_is_stored_and_shows_in_the_progress_views(uow: SqlUnitOfWork) -> None:
    clock = _Clock()
    drill = get_drill("investment_defends_platform")
    good = DrillSession(drill, "trainee_a", clock=clock)
    for line in drill.sample:
        good.say(line)
    bad = DrillSession(drill, "trainee_a", clock=clock)
    for line in BAD_LINES[: drill.max_turns]:
        if not bad.finished:
            bad.say(line)
    other = DrillSession(get_drill("romance_pig_butchering"), "trainee_b", clock=clock)
    for line in get_drill("romance_pig_butchering").sample:
        other.say(line)

    first_id = save_result(uow, bad.record())
    save_result(uow, good.record())
    save_result(uow, other.record())

    progress = trainee_progress(uow, "trainee_a")
    # Oldest first by when the drill finished, not by when it was stored.
    assert [row.passed for row in progress] == [True, False]
    assert progress[0].finished_at < progress[1].finished_at
    assert progress[0].score == good.score and progress[0].turns == len(drill.sample)

    summaries = {summary.username: summary for summary in all_trainees(uow)}
    assert set(summaries) == {"trainee_a", "trainee_b"}
    assert summaries["trainee_a"].drills == 2 and summaries["trainee_a"].passed == 1
    assert summaries["trainee_a"].average_score == round((good.score + bad.score) / 2, 1)
    assert summaries["trainee_b"].best_score == other.score

    stored = transcript(uow, first_id)
    assert stored[0] == {"speaker": "person", "text": drill.opening_line, "state": drill.start}
    assert stored[1]["speaker"] == "trainee" and "verdicts" in stored[1]["feedback"]


def test_a_malformed_drill_names_the_file_and_the_field(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text(
        "id: broken\ntitle: 坏的\nfraud_type: investment\ngive_up: 算了\n"
        "profile: {address: 王女士, situation: 测试}\n"
        "states:\n  start:\n    line: 喂?\n    next: [{to: done, passes: [be_nice]}]\n"
        "  done: {end: success, line: 好}\n",
        encoding="utf-8",
    )
    with pytest.raises(DrillFormatError) as error:
        load_drill_file(path)
    assert "broken.yml" in str(error.value) and "states.start.next[0].passes" in str(error.value)

    path.write_text("id: broken\ntitle: 坏的\nfraud_type: lottery\n", encoding="utf-8")
    with pytest.raises(DrillFormatError, match="fraud_type"):
        load_drill_file(path)


def test_an_unknown_drill_id_is_reported() -> None:
    with pytest.raises(DrillNotFound):
        get_drill("no_such_drill")
