"""The statistics API and the /stats page: supervisors only, the service's figures, CSV, clear errors."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from fastapi.testclient import TestClient

from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.services.statistics import build_dashboard, build_report
from assistant.stats import periods
from assistant.stats.formats import CSV_COLUMNS
from assistant.stats.queries import Grouping
from assistant.web.stats_api import STATS_FORBIDDEN

ENDPOINTS = ["/api/stats/dashboard", "/api/stats/report?by=fraud_type", "/api/stats/report.csv?by=day"]
# The article's cases: March to May 2025, closed with their outcomes (assistant/seed/demo_cases.yml).
ARTICLE_RANGE = {"since": "2025-02-01", "until": "2025-05-31"}


def _without_time(answer: dict[str, object]) -> dict[str, object]:
    return {name: value for name, value in answer.items() if name != "generated_at"}


def test_nobody_signed_in_gets_401(client: TestClient) -> None:
    for path in ENDPOINTS:
        answer = client.get(path)
        assert answer.status_code == 401, path
        assert answer.json()["detail"] == "请先登录"


def test_officers_and_trainees_get_403_on_the_api_and_the_page(officer: TestClient, trainee: TestClient) -> None:
    for user in (officer, trainee):
        for path in ENDPOINTS:
            answer = user.get(path)
            assert answer.status_code == 403, path
            assert answer.json()["detail"] == STATS_FORBIDDEN
            assert "alerts_received" not in answer.text
        page = user.get("/stats")
        assert page.status_code == 403
        assert STATS_FORBIDDEN in page.text
        assert 'href="/"' in page.text  # a way back to the queue
        assert "stats.js" not in page.text


def test_the_page_sends_anonymous_users_to_sign_in(client: TestClient) -> None:
    answer = client.get("/stats", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login"


def test_supervisors_get_the_page_with_the_charts_from_the_panel_itself(supervisor: TestClient) -> None:
    answer = supervisor.get("/stats")
    assert answer.status_code == 200
    assert '<script src="/vendor/chart.umd.min.js' in answer.text
    assert "<script>" not in answer.text and "cdn" not in answer.text.lower()
    assert "script-src 'self'" in answer.headers["content-security-policy"]


def test_only_supervisors_see_the_stats_link_in_the_queue(supervisor: TestClient, officer: TestClient) -> None:
    assert 'data-testid="stats-link"' in supervisor.get("/").text
    assert 'data-testid="stats-link"' not in officer.get("/").text


def test_dashboard_is_the_services_dashboard(supervisor: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    answer = supervisor.get("/api/stats/dashboard", params=ARTICLE_RANGE)
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    body = answer.json()
    period = periods.between(datetime(2025, 2, 1).date(), datetime(2025, 5, 31).date())
    expected = build_dashboard(seeded_uow, period, datetime.now()).as_dict()
    assert _without_time(body) == _without_time(expected)
    assert body["total"]["interventions"] > 0 and not body["empty"]
    assert len(body["trend"]) == 120
    assert [line["period"]["name"] for line in body["headline"]] == ["today", "week", "month"]


def test_dashboard_defaults_to_the_last_30_days(supervisor: TestClient) -> None:
    body = supervisor.get("/api/stats/dashboard").json()
    assert body["period"]["name"] == "30d"
    assert len(body["trend"]) == 30


def test_report_json_by_every_grouping(supervisor: TestClient, seeded_uow: SqlUnitOfWork) -> None:
    period = periods.between(datetime(2025, 2, 1).date(), datetime(2025, 5, 31).date())
    for grouping in Grouping:
        answer = supervisor.get("/api/stats/report", params={"by": grouping.value, **ARTICLE_RANGE})
        assert answer.status_code == 200, grouping
        expected = build_report(seeded_uow, period, grouping, datetime.now()).as_dict()
        assert _without_time(answer.json()) == _without_time(expected)


def test_report_csv_download(supervisor: TestClient) -> None:
    answer = supervisor.get("/api/stats/report.csv", params={"by": "fraud_type", **ARTICLE_RANGE})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.headers["content-disposition"] == (
        'attachment; filename="quanzu-stats-fraud_type-2025-02-01-2025-05-31.csv"'
    )
    text = answer.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the Chinese labels as UTF-8
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[-1]["label"] == "合计" and rows[-1]["key"] == ""
    assert {row["label"] for row in rows[:-1]} >= {"冒充公检法及政府机关", "冒充领导熟人"}
    assert sum(int(row["interventions"]) for row in rows[:-1]) == int(rows[-1]["interventions"])


def test_an_empty_period_is_empty_not_an_error(supervisor: TestClient) -> None:
    answer = supervisor.get("/api/stats/dashboard", params={"since": "2020-01-01", "until": "2020-01-07"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["empty"]
    assert body["total"]["alerts_received"] == 0 and body["total"]["dissuasion_rate"] is None
    assert [point["interventions"] for point in body["trend"]] == [0] * 7
    assert body["by_fraud_type"] == body["by_station"] == body["officers"] == []
    csv_answer = supervisor.get("/api/stats/report.csv", params={"by": "officer", "since": "2020-01-01", "until": "2020-01-07"})
    assert csv_answer.status_code == 200
    assert csv_answer.text.lstrip("\ufeff").splitlines()[1:] == [
        "2020-01-01,2020-01-07,officer,,合计," + ",".join(
            "0" if not column.endswith(("_min", "rate")) else "" for column in CSV_COLUMNS[5:]
        )
    ]


BAD_PARAMETERS = [
    ({"by": "weather"}, "分组应为"),
    ({"period": "fortnight"}, "时段应为"),
    ({"since": "2026-13-01"}, "日期格式应为 YYYY-MM-DD"),
    ({"since": "2026-12-10", "until": "2026-12-01"}, "结束日期早于开始日期"),
    ({"period": "month", "since": "2026-12-01"}, "请只选择一种时段"),
    ({"period": "0d"}, "天数应在1到"),
]


def test_bad_parameters_are_422_with_the_reason(supervisor: TestClient) -> None:
    for params, reason in BAD_PARAMETERS:
        for path in ("/api/stats/report", "/api/stats/report.csv", "/api/stats/dashboard"):
            if path.endswith("dashboard") and "by" in params:
                continue  # the dashboard has no grouping
            answer = supervisor.get(path, params=params)
            assert answer.status_code == 422, (path, params)
            assert reason in answer.json()["detail"], (path, params)
