"""The real stack attacked over loopback as in issue 7: every attack refused, every bad input answered.

The Rasa server, the action server and the panel run as ``make run`` starts them (secure
channels, shared action secret, random secrets); the tests talk to them over HTTP only.
"""

from __future__ import annotations

import concurrent.futures
import json
import sqlite3
import time
import uuid
from pathlib import Path

import requests

from assistant.security.tokens import ChatIdentity, issue_chat_token
from tests.e2e.servers import ACTION_SECRET, TOKEN, Stack, chat_token

CASE = "YJ20261125001"  # 张女士, phone 13900001001, payee account 6217000000123409876
OTHER_CASE = "YJ20261125002"  # 郑先生


def new_sender() -> str:
    return f"sec-{uuid.uuid4().hex[:10]}"


def interventions(stack: Stack, conversation_id: str) -> list[dict[str, object]]:
    return stack.rows(
        "SELECT officer, outcome FROM interventions WHERE conversation_id = :c", c=conversation_id
    )


# --- the REST channel ---------------------------------------------------------------------


def test_the_rest_channel_refuses_messages_without_a_valid_token(stack: Stack) -> None:
    payload = {"sender": new_sender(), "message": f"打开案件 {CASE}"}
    anonymous = stack.post(payload)
    assert anonymous.status_code == 401 and "张女士" not in anonymous.text
    assert stack.post(payload, "not-a-token").status_code == 401
    forged = issue_chat_token("another-key-" + "x" * 32, ChatIdentity("officer_li", "officer", sender=payload["sender"]))
    assert stack.post(payload, forged).status_code == 401
    expired = issue_chat_token(
        __import__("tests.e2e.servers", fromlist=["JWT_KEY"]).JWT_KEY,
        ChatIdentity("officer_li", "officer", sender=payload["sender"]),
        ttl_seconds=1,
        now=time.time() - 3600,
    )
    assert stack.post(payload, expired).status_code == 401


def test_a_token_writes_only_to_its_own_conversation(stack: Stack) -> None:
    mine, theirs = new_sender(), new_sender()
    answer = stack.post({"sender": theirs, "message": "误报"}, chat_token(mine))
    assert answer.status_code == 403


def test_client_metadata_names_nobody(stack: Stack) -> None:
    """The officer on the record comes from the token; metadata sent by the client is dropped."""
    sender = new_sender()
    token = chat_token(sender, username="officer_e2e")
    spoofed = {"case_id": OTHER_CASE, "officer_id": "officer_li", "role": "supervisor"}
    opened = stack.post({"sender": sender, "message": f"打开案件 {OTHER_CASE}", "metadata": spoofed}, token)
    assert opened.status_code == 200, opened.text
    logged = stack.post({"sender": sender, "message": "劝阻成功,挽损8万", "metadata": spoofed}, token)
    assert logged.status_code == 200, logged.text
    assert [row["officer"] for row in interventions(stack, sender)] == ["officer_e2e"]


def test_the_old_published_api_token_reads_nothing(stack: Stack) -> None:
    url = f"http://127.0.0.1:{stack.rasa_port}/conversations/x/tracker"
    assert requests.get(url, params={"token": "quanzu-dev-token"}, timeout=10).status_code == 401
    assert requests.get(url, timeout=10).status_code == 401
    assert requests.get(url, params={"token": TOKEN}, timeout=10).status_code == 200


def test_no_cors_for_unknown_origins(stack: Stack) -> None:
    evil = "http://evil.example"
    answer = requests.options(
        stack.rest_url, headers={"Origin": evil, "Access-Control-Request-Method": "POST"}, timeout=10
    )
    assert answer.headers.get("Access-Control-Allow-Origin") not in (evil, "*")
    allowed = requests.options(
        stack.rest_url, headers={"Origin": stack.embed_origin, "Access-Control-Request-Method": "POST"}, timeout=10
    )
    assert allowed.headers.get("Access-Control-Allow-Origin") == stack.embed_origin


# --- the socket.io channel ----------------------------------------------------------------


def _socketio_connect(stack: Stack, token: str | None, origin: str | None = None) -> str:
    """Engine.IO handshake and socket.io CONNECT over long-polling; the server's answer packet."""
    base = f"http://127.0.0.1:{stack.rasa_port}/socket.io/"
    headers = {"Origin": origin} if origin else {}
    params = {"EIO": "4", "transport": "polling"}
    if token:
        params["token"] = token
    session = requests.Session()
    opened = session.get(base, params=params, headers=headers, timeout=10)
    if opened.status_code != 200:
        return f"HTTP {opened.status_code}"
    sid = json.loads(opened.text[opened.text.index("{"):])["sid"]
    params["sid"] = sid
    session.post(base, params=params, data="40", headers=headers, timeout=10)
    return session.get(base, params=params, headers=headers, timeout=10).text


def test_socketio_refuses_connections_without_a_token(stack: Stack) -> None:
    assert _socketio_connect(stack, None).startswith("44")  # CONNECT_ERROR
    assert _socketio_connect(stack, "forged").startswith("44")
    accepted = _socketio_connect(stack, chat_token(None))
    assert accepted.startswith("40"), accepted


def test_socketio_refuses_other_web_origins(stack: Stack) -> None:
    refused = _socketio_connect(stack, chat_token(None), origin="http://evil.example")
    assert refused.startswith(("HTTP 4", "44")), refused
    assert _socketio_connect(stack, chat_token(None), origin=stack.embed_origin).startswith("40")


# --- the action server --------------------------------------------------------------------


def _hand_made_call(action: str, text: str) -> dict[str, object]:
    return {
        "next_action": action,
        "sender_id": "attacker",
        "tracker": {
            "sender_id": "attacker",
            "slots": {"case_loaded": True, "case_id": CASE},
            "latest_message": {"text": text, "intent": {"name": "report_outcome"}, "entities": []},
            "events": [],
        },
        "domain": {},
        "version": "3.6.2",
    }


def test_the_action_server_refuses_requests_without_the_shared_secret(stack: Stack) -> None:
    url = f"http://127.0.0.1:{stack.actions_port}/webhook"
    for headers in ({}, {"X-Quanzu-Action-Secret": "wrong"}):
        answer = requests.post(url, json=_hand_made_call("action_open_case", f"打开案件 {CASE}"), headers=headers, timeout=10)
        assert answer.status_code == 401 and "张女士" not in answer.text
    assert requests.get(f"http://127.0.0.1:{stack.actions_port}/actions", timeout=10).status_code == 401


def test_even_with_the_secret_a_hand_made_tracker_writes_nothing(stack: Stack) -> None:
    """A tracker without a verified speaker cannot log an outcome (defence in depth)."""
    url = f"http://127.0.0.1:{stack.actions_port}/webhook"
    answer = requests.post(
        url, json=_hand_made_call("action_log_outcome", "误报"), headers={"X-Quanzu-Action-Secret": ACTION_SECRET},
        timeout=30,
    )
    assert answer.status_code == 200
    assert [reply.get("response") for reply in answer.json()["responses"]] == ["utter_not_signed_in"]
    assert interventions(stack, "attacker") == []


def _listening_addresses(port: int) -> set[str]:
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_the_action_server_listens_on_loopback_only(stack: Stack) -> None:
    addresses = _listening_addresses(stack.actions_port)
    assert addresses == {"0100007F"}, addresses  # 127.0.0.1, and nothing else


# --- trainees -----------------------------------------------------------------------------


def test_a_trainee_conversation_writes_no_record_by_any_path(stack: Stack) -> None:
    sender = new_sender()
    token = chat_token(sender, username="trainee_wang", role="trainee", case_id=CASE)
    status_before = stack.rows("SELECT status FROM alerts WHERE case_id = :c", c=CASE)
    for text in ("/session_start", "误报", "劝阻成功,挽损8万", "转派出所", "她已经转了8万到工商银行"):
        answer = stack.post({"sender": sender, "message": text}, token)
        assert answer.status_code == 200, answer.text
    for table in ("interventions", "escalations", "stop_payment_requests"):
        assert stack.rows(f"SELECT * FROM {table} WHERE conversation_id = :c", c=sender) == [], table
    assert stack.rows("SELECT status FROM alerts WHERE case_id = :c", c=CASE) == status_before


def test_a_trainee_sees_no_real_personal_data_of_any_case(stack: Stack) -> None:
    sender = new_sender()
    token = chat_token(sender, username="trainee_wang", role="trainee")
    answer = stack.post({"sender": sender, "message": f"打开案件 {OTHER_CASE}"}, token)
    assert answer.status_code == 200
    text = answer.text.encode().decode("unicode_escape") if "\\u" in answer.text else answer.text
    person = stack.rows(
        "SELECT p.name, p.address_form, p.phone, a.payee_account FROM alerts a JOIN people p ON p.id = a.person_id"
        " WHERE a.case_id = :c",
        c=OTHER_CASE,
    )[0]
    assert OTHER_CASE in text
    for value in person.values():
        if value:
            assert str(value) not in text, value


def test_a_case_conversation_stays_on_its_case(stack: Stack) -> None:
    sender = new_sender()
    token = chat_token(sender, case_id="YJ20261125004")
    stack.post({"sender": sender, "message": "/session_start"}, token)
    answer = stack.post({"sender": sender, "message": f"打开案件 {CASE}"}, token)
    assert answer.status_code == 200
    replies = [reply["text"] for reply in answer.json()]
    assert any("属于案件 YJ20261125004" in reply for reply in replies), replies
    assert not any("张女士" in reply for reply in replies)


# --- bad input ----------------------------------------------------------------------------


def test_a_long_message_is_refused_at_once_and_nobody_waits(stack: Stack) -> None:
    sender, other = new_sender(), new_sender()
    flood = "转8万 " * 8000
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        long_answer = pool.submit(stack.post, {"sender": sender, "message": flood}, chat_token(sender))
        help_answer = pool.submit(stack.post, {"sender": other, "message": "帮助"}, chat_token(other), )
        refused, helped = long_answer.result(timeout=60), help_answer.result(timeout=60)
    assert refused.status_code == 413 and "最多1000字" in refused.json()["message"]
    assert helped.status_code == 200 and helped.json()
    near_limit = stack.post({"sender": sender, "message": ("转8万 " * 250)[:999]}, chat_token(sender))
    assert near_limit.status_code == 200 and near_limit.json(), near_limit.text


def test_unparseable_numerals_get_an_answer(stack: Stack) -> None:
    sender = new_sender()
    stack.send(sender, f"打开案件 {CASE}")
    for text in ("冻结了十十个账户", "转了八百亿亿", "转了1e30元", "转了-5万"):
        answer = stack.post({"sender": sender, "message": text}, chat_token(sender))
        assert answer.status_code == 200 and answer.json(), (text, answer.text)


def test_a_bad_transfer_time_in_the_form_is_asked_again(stack: Stack) -> None:
    sender = new_sender()
    stack.send(sender, f"打开案件 {CASE}")
    stack.send(sender, "她已经转了8万到工商银行")
    stack.send(sender, "6222021234567890123")
    replies = stack.send(sender, "3点2十0")
    assert replies and any("时间" in reply for reply in replies), replies


# --- faults: nothing lost, nothing reported saved that was not -----------------------------


def test_action_server_down_mid_call_is_said_and_the_retry_records_once(stack: Stack) -> None:
    sender = new_sender()
    stack.send(sender, f"打开案件 {OTHER_CASE}")
    stack.stop("actions")
    try:
        down = stack.post({"sender": sender, "message": "劝阻成功,挽损8万"}, chat_token(sender))
        assert down.status_code == 503
        assert "没有保存" in down.json()["message"]
        assert interventions(stack, sender) == []
    finally:
        stack.start_actions()
    again = stack.send(sender, "劝阻成功,挽损8万")
    assert any("已记录" in reply for reply in again), again
    assert len(interventions(stack, sender)) == 1


def test_database_unavailable_is_said_and_the_retry_records_once(stack: Stack) -> None:
    sender = new_sender()
    stack.send(sender, f"打开案件 {OTHER_CASE}")
    path = stack.database_url.removeprefix("sqlite:///")
    blocker = sqlite3.connect(path, timeout=1, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # nobody else reads or writes the case database now
    try:
        answer = stack.post({"sender": sender, "message": "劝阻成功,挽损8万"}, chat_token(sender))
        texts = [reply.get("text", "") for reply in answer.json()] if answer.status_code == 200 else [answer.text]
        assert any("没有保存" in text for text in texts), texts
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert interventions(stack, sender) == []
    stack.send(sender, "劝阻成功,挽损8万")
    assert len(interventions(stack, sender)) == 1


# --- audit and logs -----------------------------------------------------------------------


def test_every_case_view_in_the_chat_is_on_the_access_log(stack: Stack) -> None:
    sender = new_sender()
    stack.send(sender, f"打开案件 {OTHER_CASE}", {"officer_id": "officer_audit"})
    stack.send(new_sender(), "/session_start", {"officer_id": "officer_audit", "case_id": CASE})
    rows = stack.rows("SELECT case_id, action, channel FROM access_log WHERE username = 'officer_audit' ORDER BY id")
    assert rows == [
        {"case_id": OTHER_CASE, "action": "view", "channel": "chat"},
        {"case_id": CASE, "action": "view", "channel": "chat"},
    ]


def test_zz_no_personal_data_in_any_server_log(stack: Stack) -> None:
    """Runs last in this file: every log the stack wrote during the attacks above."""
    people = stack.rows(
        "SELECT p.phone, p.id_number, a.payee_account FROM alerts a JOIN people p ON p.id = a.person_id"
    )
    secrets_ = {str(value) for row in people for value in row.values() if value}
    secrets_ |= {"6222021234567890123", "转8万 转8万 转8万", "劝阻成功,挽损8万"}  # typed during the tests
    for log in stack.workdir.glob("*.log"):
        text = log.read_text(encoding="utf-8", errors="replace")
        leaked = sorted(value for value in secrets_ if value in text)
        assert not leaked, f"{log.name} contains {leaked[:3]}"
