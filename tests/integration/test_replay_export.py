"""``quanzu replay export`` on a real Rasa SQL tracker store (SQLite) and a seeded case database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    ReminderScheduled,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import select

from assistant.cli import main
from assistant.config import project_root
from assistant.db.models import Alert, Intervention
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.replay.commands import SALT_VARIABLE
from assistant.replay.corpus import load_replays
from assistant.replay.export import replayable_events, run_sync
from assistant.replay.masking import DEFAULT_SALT, Masker

ACCOUNT = "6222 0212 3456 7890 123"
PHONE = "13900001001"  # 张女士's phone in the demo seed
TEST_SALT = "test-only-salt-7f3a9c2e41b8"


@pytest.fixture(autouse=True)
def secret_salt(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every export here has a secret salt unless a test takes it away."""
    monkeypatch.setenv(SALT_VARIABLE, TEST_SALT)
    return TEST_SALT


def at(day: int, hour: int = 10) -> float:
    return datetime(2026, 11, day, hour, 0).timestamp()


def user(text: str, intent: str, timestamp: float, entities: dict[str, Any] | None = None, **metadata: Any) -> UserUttered:
    """A user event; ``entities`` maps the annotated text to (entity, value[, role])."""
    found = []
    for span, spec in (entities or {}).items():
        start = text.index(span)
        entity = {"entity": spec[0], "value": spec[1], "start": start, "end": start + len(span), "extractor": "x"}
        if len(spec) > 2:
            entity["role"] = spec[2]
        found.append(entity)
    return UserUttered(text, {"name": intent, "confidence": 0.99}, found, timestamp=timestamp, metadata=metadata or None)


def action(name: str) -> ActionExecuted:
    return ActionExecuted(name)


def session_start() -> list[Event]:
    return [action("action_session_start"), SessionStarted(), SlotSet("person_address", "机主"), action("action_listen")]


def police_conversation() -> list[Event]:
    """Fake police, the money already sent, an account given; outcome logged in the conversation."""
    return [
        *session_start(),
        user("打开案件 YJ20261125001", "open_case", at(20), {"YJ20261125001": ("case_id", "YJ20261125001")}),
        action("action_open_case"),
        BotUttered(f"【案件 YJ20261125001】张女士 电话 {PHONE}"),
        SlotSet("case_id", "YJ20261125001"),
        SlotSet("fraud_type", "impersonate_police"),
        SlotSet("person_address", "张女士"),
        SlotSet("case_opened_at", at(20)),
        action("utter_open_impersonate_police"),
        BotUttered("张女士,您好!……", metadata={"utter_action": "utter_open_impersonate_police"}),
        action("action_listen"),
        user(
            f"张女士说已经转了8万到工行,账号{ACCOUNT}", "money_already_sent", at(20, 11),
            {"8万": ("amount", 80000), "工行": ("bank", "中国工商银行"), ACCOUNT: ("account_number", ACCOUNT.replace(" ", ""))},
        ),
        SlotSet("payee_account", ACCOUNT),
        action("utter_respond_money_already_sent"),
        BotUttered("张女士,这不怪您……", metadata={"utter_action": "utter_respond_money_already_sent"}),
        action("stop_payment_form"),
        ActiveLoop("stop_payment_form"),
        SlotSet("payee_account", ACCOUNT.replace(" ", "")),
        SlotSet("requested_slot", "transfer_time"),
        BotUttered("什么时候转的?", metadata={"utter_action": "utter_ask_transfer_time"}),
        action("action_listen"),
        user("取消", "cancel", at(20, 11)),
        action("action_deactivate_loop"),
        ActiveLoop(None),
        action("utter_stop_payment_cancelled"),
        BotUttered("已退出紧急止付", metadata={"utter_action": "utter_stop_payment_cancelled"}),
        action("action_listen"),
        user("劝阻成功,挽损8万", "report_outcome", at(20, 12),
             {"劝阻成功": ("outcome", "dissuaded"), "8万": ("amount", 80000, "saved")}),
        action("action_log_outcome"),
        BotUttered("已记录案件 YJ20261125001 的劝阻结果"),
        ReminderScheduled("EXTERNAL_follow_up_due", datetime(2026, 11, 23), name="follow_up_YJ20261125001"),
        action("action_listen"),
        user("EXTERNAL: EXTERNAL_follow_up_due", "EXTERNAL_follow_up_due", at(23), is_external=True),
        action("action_follow_up_reminder"),
        BotUttered("回访提醒", metadata={"utter_action": "utter_follow_up_due"}),
        action("action_listen"),
    ]


def investment_conversation() -> list[Event]:
    """Investment case opened by the web panel (session metadata); the outcome is only in the case DB."""
    return [
        SlotSet("session_started_metadata", {"case_id": "YJ20261125002", "officer_id": "officer_li"}),
        action("action_session_start"),
        BotUttered("【案件 YJ20261125002】郑先生"),
        BotUttered("郑先生,您好!", metadata={"utter_action": "utter_open_investment"}),
        SessionStarted(),
        SlotSet("officer_id", "officer_li"),
        SlotSet("case_id", "YJ20261125002"),
        SlotSet("fraud_type", "investment"),
        SlotSet("person_address", "郑先生"),
        action("action_listen"),
        user("/session_start", "session_start", at(24), case_id="YJ20261125002", officer_id="officer_li"),
        action("action_session_start"),
        SessionStarted(),
        SlotSet("case_id", "YJ20261125002"),
        action("action_listen"),
        user("他说这个平台是正规的,他已经赚了好几万了", "defends_investment", at(24)),
        action("utter_respond_defends_investment"),
        BotUttered("郑先生……", metadata={"utter_action": "utter_respond_defends_investment"}),
        action("action_listen"),
    ]


@pytest.fixture()
def domain() -> Domain:
    return Domain.load(project_root() / "domain.yml")


@pytest.fixture()
def tracker_db(tmp_path: Path, domain: Domain, seeded_uow: SqlUnitOfWork) -> Path:
    """A Rasa SQL tracker store file with three conversations (one of them empty)."""
    path = tmp_path / "tracker.db"
    store = SQLTrackerStore(domain=domain, dialect="sqlite", db=str(path))
    for sender, events in (
        ("conv-police", police_conversation()),
        ("conv-investment", investment_conversation()),
        ("conv-empty", session_start()),
    ):
        run_sync(store.save(DialogueStateTracker.from_events(sender, events, domain.slots)))
    store.engine.dispose()
    # The investment conversation's outcome was logged in the case database only.
    with seeded_uow() as session:
        alert_id = session.execute(select(Alert.id).where(Alert.case_id == "YJ20261125002")).scalar_one()
        session.add(Intervention(
            alert_id=alert_id, conversation_id="conv-investment", officer="officer_li", outcome="failed",
            started_at=datetime(2026, 11, 24, 10), ended_at=datetime(2026, 11, 24, 10, 20),
        ))
    return path


def export(tracker_db: Path, database_url: str, out: Path, *options: str) -> int:
    return main(["replay", "export", "--tracker-db", str(tracker_db), "--database-url", database_url,
                 "--out", str(out), *options])


def stories(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["stories"])


def test_every_conversation_with_messages_becomes_a_test_story(tracker_db: Path, database_url: str, tmp_path: Path) -> None:
    out = tmp_path / "all.yml"
    assert export(tracker_db, database_url, out) == 0
    written = stories(out)
    assert len(written) == 2  # the conversation without a message is left out
    police = next(s for s in written if "YJ20261125001" in s["story"])
    steps = police["steps"]
    users = [s for s in steps if "intent" in s]
    assert [s["intent"] for s in users] == [
        "open_case", "money_already_sent", "cancel", "report_outcome", "EXTERNAL_follow_up_due",
    ]
    assert "user" not in users[-1]  # the fired reminder: waited for in a replay, never typed
    assert {"action": "action_open_case"} in steps and {"action": "utter_stop_payment_cancelled"} in steps
    assert {"active_loop": "stop_payment_form"} in steps and {"active_loop": None} in steps
    assert {"slot_was_set": [{"fraud_type": "impersonate_police"}]} in steps
    assert not any("case_opened_at" in str(s) for s in steps)  # varies from run to run: never exported
    turns = police["metadata"]["replay"]["turns"]
    assert [t["responses"] for t in turns] == [
        ["utter_open_impersonate_police"],
        ["utter_respond_money_already_sent", "utter_ask_transfer_time"],
        ["utter_stop_payment_cancelled"],
        [],
        ["utter_follow_up_due"],
    ]
    assert turns[3]["reminders"] == ["EXTERNAL_follow_up_due"] and turns[4]["external"] is True
    assert police["metadata"]["replay"]["outcomes"] == ["dissuaded"]


def test_personal_data_is_masked_consistently(tracker_db: Path, database_url: str, tmp_path: Path) -> None:
    out = tmp_path / "all.yml"
    assert export(tracker_db, database_url, out) == 0
    text = out.read_text(encoding="utf-8")
    for real in ("张女士", "郑先生", PHONE, ACCOUNT, ACCOUNT.replace(" ", ""), "officer_li", "conv-police", "已记录"):
        assert real not in text, real
    masker = Masker(salt=TEST_SALT)
    fake = masker.digits(ACCOUNT)
    assert fake != Masker(salt=DEFAULT_SALT).digits(ACCOUNT)  # the secret salt, not the public one
    police = next(s for s in stories(out) if "YJ20261125001" in s["story"])
    message = next(s["user"] for s in police["steps"] if s.get("intent") == "money_already_sent")
    assert f"[{fake}]" in message and f'"value": "{fake.replace(" ", "")}"' in message  # text and entity agree
    assert {"slot_was_set": [{"payee_account": fake}]} in police["steps"]  # the slot as typed
    assert {"slot_was_set": [{"payee_account": fake.replace(" ", "")}]} in police["steps"]  # as validated
    pseudonym = masker.surname("张") + "女士"
    assert message.startswith(pseudonym) and {"slot_was_set": [{"person_address": pseudonym}]} in police["steps"]
    investment = next(s for s in stories(out) if "YJ20261125002" in s["story"])
    assert investment["metadata"]["replay"]["turns"][0]["message_metadata"] == {
        "case_id": "YJ20261125002", "officer_id": masker.officer("officer_li"),
    }


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--case", "YJ20261125001"], ["YJ20261125001"]),
        (["--case", "yj20261125002"], ["YJ20261125002"]),
        (["--fraud-type", "investment"], ["YJ20261125002"]),
        (["--outcome", "dissuaded"], ["YJ20261125001"]),  # from the action_log_outcome turn
        (["--outcome", "failed"], ["YJ20261125002"]),  # from the interventions table
        (["--since", "2026-11-21"], ["YJ20261125002"]),
        (["--until", "2026-11-20"], ["YJ20261125001"]),
        (["--since", "2026-11-20", "--until", "2026-11-24"], ["YJ20261125001", "YJ20261125002"]),
        (["--conversation", "conv-investment"], ["YJ20261125002"]),
    ],
)
def test_filters(tracker_db: Path, database_url: str, tmp_path: Path, options: list[str], expected: list[str]) -> None:
    out = tmp_path / "filtered.yml"
    assert export(tracker_db, database_url, out, *options) == 0
    assert [s["metadata"]["replay"]["case_ids"][0] for s in stories(out)] == expected


def test_nothing_matches(tracker_db: Path, database_url: str, tmp_path: Path) -> None:
    out = tmp_path / "none.yml"
    assert export(tracker_db, database_url, out, "--fraud-type", "romance") == 1
    assert not out.exists()


def test_one_file_per_conversation_and_a_story_name(tracker_db: Path, database_url: str, tmp_path: Path) -> None:
    out = tmp_path / "replays"
    assert export(tracker_db, database_url, out) == 0
    assert len(list(out.glob("replay_*.yml"))) == 2
    named = tmp_path / "named.yml"
    assert export(tracker_db, database_url, named, "--conversation", "conv-police", "--name", "fake police, cancelled") == 0
    assert [s["story"] for s in stories(named)] == ["fake police, cancelled"]


def test_the_export_reads_back_as_replays(tracker_db: Path, database_url: str, tmp_path: Path, domain: Domain) -> None:
    out = tmp_path / "all.yml"
    assert export(tracker_db, database_url, out) == 0
    replays = {r.name: r for r in load_replays(out, domain)}
    police = next(r for name, r in replays.items() if "YJ20261125001" in name)
    assert [t.intent for t in police.turns] == ["open_case", "money_already_sent", "cancel", "report_outcome",
                                               "EXTERNAL_follow_up_due"]
    assert police.turns[0].actions == ["action_open_case", "utter_open_impersonate_police"]
    assert police.turns[1].loops == ["stop_payment_form"]
    assert police.turns[4].external and police.turns[4].text is None
    assert ("amount", "80000", "saved") in police.turns[3].entities
    investment = next(r for name, r in replays.items() if "YJ20261125002" in name)
    assert investment.turns[0].text == "/session_start" and investment.turns[0].metadata["case_id"] == "YJ20261125002"
    assert investment.turns[0].responses == ["utter_open_investment"]


def test_a_session_that_expired_between_messages_is_left_out() -> None:
    events = [
        *session_start(),
        user("你好", "greet", at(20)),
        action("utter_greet"),
        action("action_listen"),
        action("action_session_start"),  # hours later: a new session before the next message
        SessionStarted(),
        SlotSet("person_address", "机主"),
        action("action_listen"),
        user("怎么用", "help", at(20, 18)),
        action("utter_help"),
    ]
    kept = replayable_events(events)
    assert [e.action_name for e in kept if isinstance(e, ActionExecuted)] == [
        "action_session_start", "action_listen", "utter_greet", "action_listen", "utter_help",
    ]
    assert sum(isinstance(e, SessionStarted) for e in kept) == 1


def test_a_missing_tracker_database_is_an_error(database_url: str, tmp_path: Path) -> None:
    assert export(tmp_path / "nothing.db", database_url, tmp_path / "out.yml") == 1
    assert not (tmp_path / "nothing.db").exists()


# --- the salt ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("salt", "message"),
    [
        (None, "is not set"),
        ("", "is not set"),
        ("short-salt", "only 10 characters"),
        (DEFAULT_SALT, "published value"),
        ("quanzu-dev-token", "published value"),
    ],
)
def test_without_a_secret_salt_the_export_exits_2_and_writes_nothing(
    tracker_db: Path, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], salt: str | None, message: str,
) -> None:
    if salt is None:
        monkeypatch.delenv(SALT_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(SALT_VARIABLE, salt)
    out = tmp_path / "out"
    assert export(tracker_db, database_url, out / "all.yml") == 2
    assert not out.exists()
    error = capsys.readouterr().err
    assert SALT_VARIABLE in error and message in error and "nothing exported" in error


def test_the_public_demo_salt_is_used_only_when_asked_for(
    tracker_db: Path, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SALT_VARIABLE, raising=False)
    out = tmp_path / "demo.yml"
    assert export(tracker_db, database_url, out, "--public-demo-salt") == 0
    assert Masker(salt=DEFAULT_SALT).digits(ACCOUNT) in out.read_text(encoding="utf-8")
