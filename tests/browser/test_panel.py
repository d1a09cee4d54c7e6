"""The officer's side panel in a real browser, against the real stack (Rasa, actions, panel, DB)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from assistant.config import project_root
from tests.doctrine import assert_warning_first
from tests.e2e.servers import Stack, free_port

# Tests write under results/ only; docs/screenshots holds the copies the README shows
# (refresh them with `cp results/screenshots/*.png docs/screenshots/` after a run).
SCREENSHOTS = project_root() / "results" / "screenshots"
SCREENSHOTS.mkdir(parents=True, exist_ok=True)
CASE_ID = "YJ20261125001"


def sign_in(page: Page, stack: Stack, username: str, password: str) -> None:
    page.goto(f"{stack.panel_url}/login")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(password)
    page.get_by_test_id("login-submit").click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_pages_need_a_signed_in_user(page: Page, stack: Stack) -> None:
    page.goto(f"{stack.panel_url}/cases/{CASE_ID}")
    expect(page).to_have_url(re.compile(r"/login"))
    page.get_by_test_id("login-username").fill("officer_li")
    page.get_by_test_id("login-password").fill("wrong-password")
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("login-error")).to_contain_text("用户名或密码错误")


def test_officer_handles_a_case_from_opening_to_outcome(page: Page, stack: Stack) -> None:
    sign_in(page, stack, "officer_li", "quanzu-officer")
    expect(page.get_by_test_id("queue-item").first).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "queue.png"), full_page=True)

    page.get_by_test_id("open-case-input").fill(CASE_ID)
    page.get_by_test_id("open-case-input").press("Enter")
    expect(page).to_have_url(re.compile(f"/cases/{CASE_ID}$"))
    expect(page.get_by_test_id("case-address")).to_contain_text("张女士")
    suggestion = page.get_by_test_id("suggestion-text")
    expect(suggestion).to_contain_text("张女士,您好")
    opening = suggestion.inner_text()
    assert_warning_first(opening.strip(), "张女士")
    assert "13900001001" not in page.get_by_test_id("case-card").inner_text()  # phone masked

    page.get_by_test_id("message-input").fill("她已经转了8万到工商银行")
    page.get_by_test_id("message-input").press("Enter")
    expect(page.get_by_test_id("message").filter(has_text="她已经转了8万到工商银行")).to_be_visible()
    expect(suggestion).not_to_have_text(opening)

    if not page.get_by_test_id("stop-payment-form").is_visible():
        page.get_by_test_id("stop-payment-button").click()
    form = page.get_by_test_id("stop-payment-form")
    expect(form).to_be_visible()
    expect(page.get_by_test_id("sp-bank")).to_have_value(re.compile("工商银行"))
    expect(page.get_by_test_id("sp-amount")).to_have_value(re.compile("80000|8万"))
    page.get_by_test_id("sp-account").fill("6222 0212 3456 7890 123")
    page.get_by_test_id("sp-time").fill("十分钟前")
    page.screenshot(path=str(SCREENSHOTS / "stop-payment.png"), full_page=True)
    page.get_by_test_id("sp-submit").click()
    expect(page.get_by_test_id("sp-summary")).to_contain_text("6222021234567890123")

    page.reload()
    expect(page.get_by_test_id("message").filter(has_text="她已经转了8万到工商银行")).to_be_visible()
    expect(page.get_by_test_id("case-address")).to_contain_text("张女士")
    page.screenshot(path=str(SCREENSHOTS / "live-case.png"), full_page=True)

    page.get_by_test_id("outcome-button").click()
    page.get_by_test_id("outcome-select").select_option("partly_dissuaded")
    page.get_by_test_id("outcome-amount-saved").fill("0")
    page.get_by_test_id("outcome-accounts-frozen").fill("1")
    page.get_by_test_id("outcome-amount-frozen").fill("80000")
    page.get_by_test_id("outcome-submit").click()
    expect(page.get_by_test_id("outcome-confirmation")).to_contain_text("部分劝阻")

    conversation = f"{CASE_ID}--officer_li"
    requests_filed = stack.rows("SELECT * FROM stop_payment_requests WHERE conversation_id = :c", c=conversation)
    assert len(requests_filed) == 1
    assert requests_filed[0]["payee_account"] == "6222021234567890123"
    assert requests_filed[0]["payee_bank"] == "中国工商银行"
    assert requests_filed[0]["amount"] == 80000
    interventions = stack.rows("SELECT * FROM interventions WHERE conversation_id = :c", c=conversation)
    assert len(interventions) == 1
    assert interventions[0]["outcome"] == "partly_dissuaded"
    assert interventions[0]["amount_frozen"] == 80000


def test_trainee_sees_no_real_personal_data(page: Page, stack: Stack) -> None:
    sign_in(page, stack, "trainee_wang", "quanzu-trainee")
    page.goto(f"{stack.panel_url}/cases/YJ20261125004")
    expect(page.get_by_test_id("case-card")).to_be_visible()
    content = page.content()
    for real in ("13900001002", "6230580000324150968", "陈女士"):
        assert real not in content


def test_assistant_unavailable_keeps_what_was_typed(page: Page, stack: Stack) -> None:
    """With Rasa unreachable the panel says so, keeps the officer's text, and the case card still works."""
    dead_rasa = f"http://127.0.0.1:{free_port()}"
    url = stack.start_panel(name="panel-without-rasa", rasa_url=dead_rasa)
    try:
        page.goto(f"{url}/login")
        page.get_by_test_id("login-username").fill("officer_zhou")
        page.get_by_test_id("login-password").fill("quanzu-officer")
        page.get_by_test_id("login-submit").click()
        expect(page).to_have_url(re.compile(r"/$"))
        page.goto(f"{url}/cases/YJ20261125003")
        expect(page.get_by_test_id("case-address")).to_contain_text("罗先生")
        expect(page.get_by_test_id("assistant-unavailable")).to_be_visible()

        page.get_by_test_id("message-input").fill("她说对方让她转到安全账户")
        page.get_by_test_id("message-input").press("Enter")
        expect(page.get_by_test_id("assistant-unavailable")).to_contain_text("助手暂时不可用")
        expect(page.get_by_test_id("message-input")).to_have_value("她说对方让她转到安全账户")
    finally:
        stack.stop("panel-without-rasa")


def test_unknown_case_shows_a_clear_state(page: Page, stack: Stack) -> None:
    sign_in(page, stack, "officer_li", "quanzu-officer")
    page.goto(f"{stack.panel_url}/cases/YJ20991231999")
    expect(page.get_by_test_id("case-error")).to_contain_text("没有找到案件")


def test_action_server_down_keeps_the_text_and_the_retry_records_once(page: Page, stack: Stack) -> None:
    """Nothing typed is lost and nothing is reported saved that was not (issue 7, fault test)."""
    case_id, line = "YJ20261125003", "劝阻成功,挽损8万"
    conversation = f"{case_id}--officer_zhou"
    sign_in(page, stack, "officer_zhou", "quanzu-officer")
    page.goto(f"{stack.panel_url}/cases/{case_id}")
    expect(page.get_by_test_id("suggestion-text")).to_contain_text("您好")
    box = page.get_by_test_id("message-input")
    stack.stop("actions")
    try:
        box.fill(line)
        box.press("Enter")
        expect(page.get_by_test_id("assistant-unavailable")).to_contain_text("没有保存")
        expect(box).to_have_value(line)
        assert stack.rows("SELECT id FROM interventions WHERE conversation_id = :c", c=conversation) == []
        page.screenshot(path=str(SCREENSHOTS / "action-server-down.png"), full_page=True)
    finally:
        stack.start_actions()
    box.press("Enter")
    expect(page.get_by_test_id("message").filter(has_text="已记录")).to_be_visible(timeout=60_000)
    expect(box).to_have_value("")
    assert len(stack.rows("SELECT id FROM interventions WHERE conversation_id = :c", c=conversation)) == 1


def test_life_safety_alert_with_one_step_dispatch(page: Page, stack: Stack) -> None:
    """A person in danger: the alert is above everything, and one click sends help to where they are."""
    case_id = "YJ20261120005"
    sign_in(page, stack, "officer_li", "quanzu-officer")
    page.goto(f"{stack.panel_url}/cases/{case_id}")
    suggestion = page.get_by_test_id("suggestion-text")
    expect(suggestion).to_contain_text("您好")
    alert = page.get_by_test_id("life-safety-alert")
    expect(alert).to_be_hidden()
    box = page.get_by_test_id("message-input")
    box.fill("她说活着没意思了,不想活了")
    box.press("Enter")
    expect(alert).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("life-safety-kind")).to_contain_text("轻生")
    said = suggestion.inner_text()
    assert not any(word in said for word in ("挂断", "挂掉", "了不起", "果断")), said
    box.fill("她说她在长江大桥上")
    box.press("Enter")
    expect(page.get_by_test_id("life-safety-location")).to_contain_text("长江大桥", timeout=60_000)
    page.get_by_test_id("dispatch-120").click()
    result = page.get_by_test_id("life-safety-result")
    expect(result).to_contain_text("120")
    expect(result).to_contain_text("长江大桥")
    page.screenshot(path=str(SCREENSHOTS / "life-safety.png"), full_page=True)
    reasons = stack.rows(
        "SELECT reason FROM escalations WHERE conversation_id = :c", c=f"{case_id}--officer_li"
    )
    assert len(reasons) == 1 and str(reasons[0]["reason"]).startswith("生命安全紧急,已通知120")
