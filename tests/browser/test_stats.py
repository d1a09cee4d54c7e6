"""The supervisors' dashboard in a real browser, on the real stack with the demo seed's month of history.

Checks the figures against the API, the charts (Chart.js, served by the panel under its CSP),
the CSV download, an empty period, the panel's width and a desktop screen, and that officers
are refused. Screenshots go to results/screenshots (``make screenshots`` copies them to docs/).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from assistant.config import project_root
from tests.browser.test_panel import SCREENSHOTS, sign_in
from tests.e2e.servers import Stack, free_port, make_stack

BUNDLE = project_root() / "build" / "charts" / "chart.umd.min.js"
WIDER_THAN_THE_WINDOW = """() => [...document.querySelectorAll('body *')]
  .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5 && !element.closest('.table-scroll'))
  .map((element) => `${element.tagName}.${element.className}#${element.id}: ${Math.round(element.getBoundingClientRect().right)}`)"""
CHART_DATA = """() => Object.fromEntries(['trend-chart', 'fraud-chart', 'delay-chart'].map((id) => {
  const chart = Chart.getChart(id);
  return [id, chart ? chart.data.datasets[0].data.length : -1];
}))"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Only the panel, on a scratch database migrated and seeded by ``quanzu seed-demo`` (with its history).

    The dashboard needs no assistant: the panel is pointed at a port where nothing listens.
    """
    running = make_stack(tmp_path_factory.mktemp("stats-stack"))
    try:
        running.start_panel(rasa_url=f"http://127.0.0.1:{free_port()}")
        yield running
    finally:
        running.stop_all()


def test_officers_are_refused_the_dashboard(page: Page, stack: Stack) -> None:
    sign_in(page, stack, "officer_li", "quanzu-officer")
    expect(page.get_by_test_id("stats-link")).to_have_count(0)
    answer = page.goto(f"{stack.panel_url}/stats")
    assert answer is not None and answer.status == 403
    expect(page.get_by_test_id("forbidden-message")).to_have_text("只有主管可以查看统计")
    assert page.request.get(f"{stack.panel_url}/api/stats/dashboard").status == 403


def test_supervisor_reads_the_dashboard(page: Page, stack: Stack) -> None:
    assert BUNDLE.exists(), f"{BUNDLE} is missing: 'make test' fetches it (scripts/ensure-charts.sh)"
    problems: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "favicon" in str(message.location.get("url", "")):
            return  # the browser's own request for an icon the panel does not have
        if message.type == "error" or "Content Security Policy" in message.text:
            problems.append(message.text)

    page.on("console", watch)
    page.on("pageerror", lambda error: problems.append(str(error)))
    sign_in(page, stack, "supervisor_zhao", "quanzu-supervisor")
    page.get_by_test_id("stats-link").click()
    expect(page).to_have_url(re.compile(r"/stats$"))
    expect(page.locator("body[data-loaded]")).to_have_count(1)

    # The headline figures are the API's (this month's alerts, today's … this month's dissuasion rate).
    api = page.request.get(f"{stack.panel_url}/api/stats/dashboard").json()
    month = api["headline"][2]
    assert month["interventions"] > 0, "the demo history gives this month figures"
    month_cells = page.locator('#headline-body td[data-period="month"]')
    expect(month_cells).to_have_count(15)
    expect(month_cells.nth(0)).to_have_text(f"{month['alerts_received']:,}")
    expect(month_cells.nth(2)).to_have_text(f"{month['interventions']:,}")
    expect(page.get_by_test_id("period-label")).to_contain_text("近30天")

    # Charts drawn from the API's figures; tables beside them.
    charts = page.evaluate(CHART_DATA)
    assert charts == {
        "trend-chart": 30,
        "fraud-chart": len([row for row in api["by_fraud_type"] if row["key"] is not None]),
        "delay-chart": 8,
    }
    assert api["by_fraud_type"] and api["officers"] and api["by_station"]
    expect(page.get_by_test_id("fraud-table").locator("tbody tr")).to_have_count(len(api["by_fraud_type"]))
    expect(page.get_by_test_id("officers-table").locator("tbody tr")).to_have_count(len(api["officers"]))
    expect(page.get_by_test_id("station-table").locator("tbody tr")).to_have_count(len(api["by_station"]))
    expect(page.get_by_test_id("delay-summary")).to_contain_text("中位")

    # Readable at the panel's width: nothing wider than the window.
    wider = page.evaluate(WIDER_THAN_THE_WINDOW)
    assert wider == [], wider
    page.screenshot(path=str(SCREENSHOTS / "stats.png"), full_page=True)

    # CSV download of the period, by officer.
    page.get_by_test_id("csv-grouping").select_option("officer")
    with page.expect_download() as download_info:
        page.get_by_test_id("csv-download").click()
    download = download_info.value
    assert re.fullmatch(r"quanzu-stats-officer-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv", download.suggested_filename)
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8-sig").read())))
    assert rows[-1]["label"] == "合计"
    assert int(rows[-1]["interventions"]) == api["total"]["interventions"]
    assert {row["key"] for row in rows[:-1]} == {row["key"] or "" for row in api["officers"]}

    # An empty period is shown as empty: zeros and notes, no error.
    page.get_by_test_id("range-since").fill("2020-01-01")
    page.get_by_test_id("range-until").fill("2020-01-07")
    page.get_by_test_id("range-submit").click()
    expect(page.locator('body[data-loaded="since=2020-01-01&until=2020-01-07"]')).to_have_count(1)
    expect(page.get_by_test_id("period-empty")).to_be_visible()
    expect(page.locator('[data-empty="trend"]')).to_be_visible()
    expect(page.locator('[data-empty="fraud"]')).to_be_visible()
    expect(page.locator('[data-chart="trend"]')).to_be_hidden()
    expect(page.get_by_test_id("stats-error")).to_be_hidden()
    expect(month_cells.nth(2)).to_have_text(f"{month['interventions']:,}")  # the headline stays

    # On a desktop screen: the cards side by side.
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.get_by_role("button", name="近30天").click()
    expect(page.locator('body[data-loaded="period=30d"]')).to_have_count(1)
    trend = page.locator('section[aria-labelledby="trend-title"]').bounding_box()
    fraud = page.locator('section[aria-labelledby="fraud-title"]').bounding_box()
    assert trend and fraud and abs(trend["y"] - fraud["y"]) < 2 and fraud["x"] > trend["x"]
    page.screenshot(path=str(SCREENSHOTS / "stats-desktop.png"), full_page=True)
    assert problems == []
