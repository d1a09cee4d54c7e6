"""The training mode in a real browser, against the real stack: a trainee plays a drill to the end."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from assistant.coach.drills import get_drill
from tests.browser.test_panel import SCREENSHOTS, sign_in
from tests.e2e.servers import Stack

DRILL = "impersonate_police_distrustful"


def test_trainee_plays_a_drill_to_the_end(page: Page, stack: Stack) -> None:
    sample = get_drill(DRILL).sample
    sign_in(page, stack, "trainee_wang", "quanzu-trainee")
    page.get_by_role("link", name="训练").click()
    expect(page).to_have_url(re.compile(r"/drills$"))

    item = page.locator(f'[data-testid="drill-item"][data-drill-id="{DRILL}"]')
    expect(item).to_be_visible()
    item.click()
    expect(page).to_have_url(re.compile(f"/drills/{DRILL}$"))
    expect(page.get_by_test_id("drill-person-line").first).to_contain_text("喂?谁啊?")

    drill_input = page.get_by_test_id("drill-input")
    for number, line in enumerate(sample, start=1):
        expect(drill_input).to_be_enabled()
        drill_input.fill(line)
        drill_input.press("Enter")
        expect(page.get_by_test_id("drill-feedback")).to_have_count(number)
    expect(page.get_by_test_id("drill-person-line")).to_have_count(len(sample) + 1)

    first = page.get_by_test_id("drill-feedback").first
    expect(first).to_contain_text("✓")
    expect(first).to_contain_text("参考说法")
    finished = page.get_by_test_id("drill-finished")
    expect(finished).to_be_visible()
    expect(finished).to_contain_text("劝阻成功")
    expect(page.get_by_test_id("drill-score")).to_have_text(re.compile(r"^\d{1,3}$"))
    score = int(page.get_by_test_id("drill-score").inner_text())
    page.screenshot(path=str(SCREENSHOTS / "drill.png"), full_page=True)

    rows = stack.rows(
        "SELECT * FROM drill_results WHERE username = :u AND drill_id = :d", u="trainee_wang", d=DRILL
    )
    assert [(row["score"], bool(row["passed"]), row["turns"]) for row in rows] == [(score, True, len(sample))]

    page.goto(f"{stack.panel_url}/drills")
    expect(page.get_by_test_id("progress-row").filter(has_text="成功")).to_have_count(1)
