"""The training mode's API: drills, live sessions scored by the coach, stored results, progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from assistant.coach.drills import get_drill
from assistant.db.models import DrillResult
from assistant.db.unit_of_work import SqlUnitOfWork

DRILL = "impersonate_police_distrustful"
SAMPLE = get_drill(DRILL).sample
BAD_LINE = "你怎么这么傻,早就说了不要相信陌生人!"


def _start(client: TestClient, drill_id: str = DRILL) -> dict[str, Any]:
    answer = client.post(f"/api/drills/{drill_id}/sessions")
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def _say(client: TestClient, session_id: str, text: str) -> Any:
    return client.post(f"/api/drill-sessions/{session_id}/lines", json={"text": text})


def _results(uow: SqlUnitOfWork) -> list[tuple[str, str, int, bool]]:
    with uow() as session:
        return [(r.username, r.drill_id, r.score, bool(r.passed)) for r in session.execute(select(DrillResult)).scalars()]


def test_drill_api_needs_a_signed_in_user(client: TestClient) -> None:
    assert client.get("/api/drills").status_code == 401
    assert client.post(f"/api/drills/{DRILL}/sessions").status_code == 401
    assert client.post("/api/drill-sessions/x/lines", json={"text": "你好"}).status_code == 401
    assert client.get("/api/drills/progress").status_code == 401


def test_list_of_drills(trainee: TestClient) -> None:
    answer = trainee.get("/api/drills")
    assert answer.status_code == 200
    drills = {drill["id"]: drill for drill in answer.json()["drills"]}
    assert drills[DRILL]["fraud_type_label"] == "冒充公检法及政府机关"
    assert drills[DRILL]["mood"] == "不信任民警"
    assert drills[DRILL]["title"].startswith("冒充公检法")


def test_start_a_drill(trainee: TestClient) -> None:
    started = _start(trainee)
    assert started["session_id"]
    assert started["person_line"].startswith("喂?谁啊?")
    assert started["profile"] == {"address": "何女士", "age": 56, "situation": get_drill(DRILL).profile.situation}


def test_unknown_drill_is_404(trainee: TestClient) -> None:
    answer = trainee.post("/api/drills/no_such_drill/sessions")
    assert answer.status_code == 404
    assert answer.json()["detail"] == "没有这个训练场景"


def test_good_and_bad_lines_score_differently(trainee: TestClient) -> None:
    good = _say(trainee, _start(trainee)["session_id"], SAMPLE[0])
    assert good.status_code == 200, good.text
    good_answer = good.json()
    assert good_answer["finished"] is False
    assert good_answer["moved"] is True
    assert good_answer["person_line"].startswith("你才是骗子吧")
    rules = {rule["name"]: rule for rule in good_answer["feedback"]["rules"]}
    assert rules["warning_first"]["status"] == "pass"
    assert rules["warning_first"]["message"]
    assert good_answer["feedback"]["suggestion"]

    bad = _say(trainee, _start(trainee)["session_id"], "你好,我是民警。")
    bad_answer = bad.json()
    assert bad.status_code == 200
    assert bad_answer["feedback"]["score"] < good_answer["feedback"]["score"]
    assert any(rule["status"] == "fail" and rule["message"] for rule in bad_answer["feedback"]["rules"])
    assert bad_answer["moved"] is False


def test_finishing_stores_the_result(trainee: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    session_id = _start(trainee)["session_id"]
    answer: dict[str, Any] = {}
    for line in SAMPLE:
        answer = _say(trainee, session_id, line).json()
    assert answer["finished"] is True
    assert answer["passed"] is True
    assert 0 < answer["score"] <= 100
    assert answer["result_id"]
    assert _results(seeded_uow) == [("trainee_wang", DRILL, answer["score"], True)]
    # The finished session is gone.
    assert _say(trainee, session_id, SAMPLE[0]).status_code == 404


def test_blame_ends_the_drill_as_a_failure(trainee: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    answer = _say(trainee, _start(trainee)["session_id"], BAD_LINE).json()
    assert answer["finished"] is True
    assert answer["passed"] is False
    assert answer["outcome"] == "failure"
    assert [(row[0], row[3]) for row in _results(seeded_uow)] == [("trainee_wang", False)]


def test_progress_of_a_trainee_and_of_a_supervisor(
    trainee: TestClient, supervisor: TestClient, client_for: Callable[[str], TestClient]
) -> None:
    officer = client_for("officer_li")
    _say(trainee, _start(trainee)["session_id"], BAD_LINE)
    _say(officer, _start(officer)["session_id"], BAD_LINE)

    own = trainee.get("/api/drills/progress").json()
    assert [(r["username"], r["drill_id"], r["passed"]) for r in own["results"]] == [("trainee_wang", DRILL, False)]
    assert "trainees" not in own
    assert own["titles"][DRILL].startswith("冒充公检法")

    officer_own = officer.get("/api/drills/progress").json()
    assert [r["username"] for r in officer_own["results"]] == ["officer_li"]
    assert "trainees" not in officer_own

    everyone = supervisor.get("/api/drills/progress").json()
    assert everyone["results"] == []
    assert {t["username"] for t in everyone["trainees"]} == {"officer_li", "trainee_wang"}
    assert {r["username"] for r in everyone["all_results"]} == {"officer_li", "trainee_wang"}


def test_another_users_session_is_404(trainee: TestClient, officer: TestClient) -> None:
    session_id = _start(trainee)["session_id"]
    assert _say(officer, session_id, SAMPLE[0]).status_code == 404
    assert _say(trainee, "no-such-session", SAMPLE[0]).status_code == 404
    assert _say(trainee, session_id, SAMPLE[0]).status_code == 200


def test_empty_line_is_422(trainee: TestClient) -> None:
    session_id = _start(trainee)["session_id"]
    answer = _say(trainee, session_id, "   ")
    assert answer.status_code == 422
    assert answer.json()["detail"] == "请输入你要对当事人说的话"
    assert trainee.post(f"/api/drill-sessions/{session_id}/lines", json={}).status_code == 422


def test_drill_pages(trainee: TestClient, client: TestClient) -> None:
    assert client.get("/drills", follow_redirects=False).status_code == 303
    listing = trainee.get("/drills")
    assert listing.status_code == 200
    assert "drills.js" in listing.text
    drill = trainee.get(f"/drills/{DRILL}")
    assert drill.status_code == 200
    assert f'data-drill-id="{DRILL}"' in drill.text
    assert 'href="/drills"' in trainee.get("/").text
