"""The life-safety alert in the panel API and its one-step dispatch (issue 8)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from assistant.db.models import Escalation
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.services.life_safety_alert import life_safety_alert
from tests.web.conftest import CASE
from tests.web.fakes import FakeRasa

SENDER = f"{CASE}--officer_li"
CRISIS = {"life_safety": "suicide", "life_safety_active": True, "person_location": "汉江大桥上"}


def _in_crisis(fake_rasa: FakeRasa, sender: str = SENDER, **slots: object) -> None:
    fake_rasa.script["她说不想活了"] = ("life_safety_suicide", [("您现在在哪里?我陪着您。", "utter_life_safety_suicide")])
    fake_rasa.slots[sender] = {**CRISIS, **slots}


def test_the_alert_comes_with_the_answer_and_the_conversation(officer: TestClient, fake_rasa: FakeRasa) -> None:
    _in_crisis(fake_rasa)
    answer = officer.post(f"/api/cases/{CASE}/messages", json={"text": "她说不想活了"})
    assert answer.status_code == 200
    assert answer.json()["life_safety"] == {
        "kind": "suicide", "label": "有轻生/自伤言行", "active": True, "location": "汉江大桥上",
    }
    assert officer.get(f"/api/cases/{CASE}/conversation").json()["life_safety"]["active"] is True


def test_no_alert_without_the_path(officer: TestClient) -> None:
    answer = officer.post(f"/api/cases/{CASE}/messages", json={"text": "你才是骗子吧"})
    assert answer.json()["life_safety"] is None
    assert life_safety_alert({"life_safety": None}) is None


def test_dispatch_files_the_visit_with_the_danger_and_the_location_first(
    officer: TestClient, fake_rasa: FakeRasa, seeded_uow: SqlUnitOfWork
) -> None:
    _in_crisis(fake_rasa)
    answer = officer.post(f"/api/cases/{CASE}/life-safety/dispatch", json={"service": "120", "location": "别处"})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert "120" in body["message"] and "汉江大桥上" in body["message"] and "别处" not in body["message"]
    assert "挂断" not in body["message"]
    with seeded_uow() as session:
        row = session.execute(select(Escalation)).scalar_one()
    assert row.officer == "officer_li" and row.conversation_id == SENDER
    assert row.reason.startswith("生命安全紧急,已通知120急救,当前位置:汉江大桥上")
    assert row.reason in row.briefing and body["briefing"] == row.briefing


def test_dispatch_to_the_station_names_it(officer: TestClient, fake_rasa: FakeRasa) -> None:
    _in_crisis(fake_rasa, person_location=None)
    body = officer.post(f"/api/cases/{CASE}/life-safety/dispatch", json={"service": "station"}).json()
    assert "孝南广场派出所" in body["message"] and "位置未知" in body["message"]


def test_no_dispatch_without_an_active_alert(officer: TestClient, fake_rasa: FakeRasa, seeded_uow: SqlUnitOfWork) -> None:
    answer = officer.post(f"/api/cases/{CASE}/life-safety/dispatch", json={"service": "110"})
    assert answer.status_code == 409
    _in_crisis(fake_rasa, life_safety_active=False)
    assert officer.post(f"/api/cases/{CASE}/life-safety/dispatch", json={"service": "110"}).status_code == 409
    with seeded_uow() as session:
        assert session.execute(select(Escalation)).first() is None


def test_only_known_services_and_never_by_a_trainee(officer: TestClient, trainee: TestClient, fake_rasa: FakeRasa) -> None:
    _in_crisis(fake_rasa)
    assert officer.post(f"/api/cases/{CASE}/life-safety/dispatch", json={"service": "119"}).status_code == 422
    _in_crisis(fake_rasa, sender=f"{CASE}--trainee_wang")
    assert trainee.post(f"/api/cases/{CASE}/life-safety/dispatch", json={"service": "120"}).status_code == 403
