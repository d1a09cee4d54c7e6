"""The access audit: case views and reveals are recorded, supervisors list them (API and CLI)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from assistant.cli import main
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.services.audit import format_access_table, list_access, record_access
from tests.web.conftest import CASE

OTHER = "YJ20261125002"


def _rows(uow: SqlUnitOfWork) -> list[tuple[str, str, str, str]]:
    return [(r.username, r.case_id, r.action, r.channel) for r in reversed(list_access(uow))]


def test_every_case_view_and_reveal_through_the_panel_is_recorded(
    officer: TestClient, trainee: TestClient, seeded_uow: SqlUnitOfWork
) -> None:
    before = datetime.now() - timedelta(seconds=1)
    assert officer.get(f"/api/cases/{CASE.lower()}").status_code == 200
    assert officer.post(f"/api/cases/{CASE}/reveal", json={"field": "phone"}).status_code == 200
    assert officer.post(f"/api/cases/{CASE}/reveal", json={"field": "id_number"}).status_code == 200
    assert trainee.get(f"/api/cases/{OTHER}").status_code == 200
    assert _rows(seeded_uow) == [
        ("officer_li", CASE, "view", "panel"),
        ("officer_li", CASE, "reveal:phone", "panel"),
        ("officer_li", CASE, "reveal:id_number", "panel"),
        ("trainee_wang", OTHER, "view", "panel"),
    ]
    assert all(before <= record.at <= datetime.now() for record in list_access(seeded_uow))


@pytest.mark.parametrize("case_id", ["YJ123", "YJ20991231001"])
def test_a_case_that_was_not_shown_is_not_recorded(officer: TestClient, seeded_uow: SqlUnitOfWork, case_id: str) -> None:
    assert officer.get(f"/api/cases/{case_id}").status_code in (400, 404)
    assert _rows(seeded_uow) == []


def test_the_conversation_and_the_queue_are_not_separate_views(officer: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    officer.get("/api/queue")
    officer.get(f"/api/cases/{CASE}/conversation")
    assert _rows(seeded_uow) == []


def _seed_records(uow: SqlUnitOfWork) -> None:
    day = datetime(2026, 11, 20, 9, 0)
    record_access(uow, username="officer_li", case_id=CASE, action="view", channel="panel", now=day)
    record_access(uow, username="officer_li", case_id=CASE, action="reveal:phone", channel="panel", now=day + timedelta(minutes=1))
    record_access(uow, username="officer_zhou", case_id=OTHER, action="view", channel="chat", now=day + timedelta(days=2))
    record_access(uow, username="trainee_wang", case_id=CASE, action="view", channel="chat", now=day + timedelta(days=5))


def test_supervisors_list_the_audit_newest_first_with_filters(supervisor: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    _seed_records(seeded_uow)
    answer = supervisor.get("/api/audit")
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    entries = answer.json()["entries"]
    assert [(e["username"], e["case_id"], e["action"], e["channel"]) for e in entries] == [
        ("trainee_wang", CASE, "view", "chat"),
        ("officer_zhou", OTHER, "view", "chat"),
        ("officer_li", CASE, "reveal:phone", "panel"),
        ("officer_li", CASE, "view", "panel"),
    ]
    assert entries[2]["at"] == "2026-11-20T09:01:00" and entries[2]["action_label"] == "查看完整电话"
    assert answer.json()["truncated"] is False

    def users(**params: str) -> list[str]:
        found = supervisor.get("/api/audit", params=params)
        assert found.status_code == 200, found.text
        return [entry["username"] for entry in found.json()["entries"]]

    assert users(case_id=CASE.lower()) == ["trainee_wang", "officer_li", "officer_li"]
    assert users(username="officer_zhou") == ["officer_zhou"]
    assert users(since="2026-11-22") == ["trainee_wang", "officer_zhou"]
    assert users(until="2026-11-22") == ["officer_zhou", "officer_li", "officer_li"]  # the whole day
    assert users(until="2026-11-20T09:01:00") == ["officer_li"]  # a time is exclusive
    assert users(since="2026-11-21", until="2026-11-24", case_id=OTHER) == ["officer_zhou"]
    assert users(case_id=CASE, username="officer_zhou") == []
    limited = supervisor.get("/api/audit", params={"limit": "2"}).json()
    assert len(limited["entries"]) == 2 and limited["truncated"] is True


@pytest.mark.parametrize(
    ("params", "status"),
    [({"since": "2026/11/20"}, 422), ({"until": "yesterday"}, 422), ({"limit": "0"}, 422), ({"limit": "x"}, 422), ({"case_id": "YJ1"}, 400)],
)
def test_bad_audit_filters_are_refused_clearly(supervisor: TestClient, params: dict[str, str], status: int) -> None:
    answer = supervisor.get("/api/audit", params=params)
    assert answer.status_code == status
    assert answer.json()["detail"]


@pytest.mark.parametrize("who", ["officer", "trainee"])
def test_only_supervisors_may_list_the_audit(request: pytest.FixtureRequest, who: str, seeded_uow: SqlUnitOfWork) -> None:
    _seed_records(seeded_uow)
    client: TestClient = request.getfixturevalue(who)
    answer = client.get("/api/audit")
    assert answer.status_code == 403
    assert answer.json() == {"detail": "只有主管可以查看访问记录"}


def test_list_access_caps_the_limit(seeded_uow: SqlUnitOfWork) -> None:
    _seed_records(seeded_uow)
    assert len(list_access(seeded_uow, limit=1)) == 1
    assert len(list_access(seeded_uow, limit=0)) == 1  # at least one
    assert len(list_access(seeded_uow, limit=10_000)) == 4


def test_quanzu_audit_prints_a_table(
    seeded_uow: SqlUnitOfWork, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed_records(seeded_uow)
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["audit", "--case", CASE, "--since", "2026-11-20", "--until", "2026-11-20"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["time", "user", "case", "action", "channel"]
    assert set(lines[1]) <= {"-", " "}
    assert [line.split()[2:] for line in lines[2:]] == [
        ["officer_li", CASE, "reveal:phone", "panel"],
        ["officer_li", CASE, "view", "panel"],
    ]
    assert main(["audit", "--user", "nobody"]) == 0
    assert "(no records)" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["audit", "--since", "20.11.2026"])


def test_format_access_table_of_nothing() -> None:
    assert format_access_table([]).splitlines()[-1] == "(no records)"
