"""The life-safety drills: the coach checks the life-safety moves (doctrine: life before money)."""

from __future__ import annotations

import pytest

from assistant.coach.drill import DrillSession
from assistant.coach.drills import get_drill

OPENINGS = {
    "person_in_crisis": "刘女士,您好!股票群里的“老师”和那个投资APP是一伙骗子。请您现在一分钱都不要转。",
    "confined_person": "赵女士,您好!让您把钱转进“安全账户”、配合调查的,是冒充公检法的诈骗。请您一分钱都不要转。",
}
GOOD = {
    "person_in_crisis": "刘女士,我在听,我一直陪着您,钱的事先放一放。您现在在哪里?身边有人吗?",
    "confined_person": "赵女士,这不怪您,真警察不会让您一个人住宾馆。我一直陪着您,您在哪个宾馆、几号房间?",
}
# What the issue reported, and its neighbours: praise, "hang up", moving on to the money.
WRONG = [
    "您很果断,了不起!请先把聊天记录截图保存好,再把对方拉黑,您现在在哪里?",
    "您先别着急,深呼吸,先把那个电话挂掉就好。",
    "我一直陪着您,先把对方账号告诉我,我们马上止付。",
]


def _in_danger(drill_id: str) -> DrillSession:
    session = DrillSession(get_drill(drill_id), "trainee_test")
    session.say(OPENINGS[drill_id])
    assert session.state.objection and session.state.objection.startswith("life_safety_")
    return session


@pytest.mark.parametrize("drill_id", sorted(GOOD))
def test_staying_with_the_person_and_asking_where_succeeds(drill_id: str) -> None:
    session = _in_danger(drill_id)
    turn = session.say(GOOD[drill_id])
    assert turn.moved and session.finished and session.outcome == "success"


@pytest.mark.parametrize("drill_id", sorted(GOOD))
@pytest.mark.parametrize("line", WRONG)
def test_praise_hang_up_or_money_loses_the_person(drill_id: str, line: str) -> None:
    session = _in_danger(drill_id)
    session.say(line)
    assert session.finished and session.outcome == "failure"


@pytest.mark.parametrize("drill_id", sorted(GOOD))
def test_a_kind_line_that_does_not_ask_where_does_not_move_on(drill_id: str) -> None:
    session = _in_danger(drill_id)
    turn = session.say("别怕,我一直陪着您,您慢慢说。")
    assert not turn.moved and not session.finished
    assert turn.feedback.failed("life_safety_first")
