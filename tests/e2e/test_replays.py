"""Replay tests: the committed corpus of recorded conversations replays exactly on the live stack.

`quanzu replay run` sends each conversation's messages to the running Rasa server (custom
actions run on the action server, against the stack's scratch database) and compares every
turn with the recording.
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from rasa.shared.core.domain import Domain

from assistant.dialogue.history import REACTION_INTENTS
from assistant.domain.fraud_types import FraudType
from assistant.replay.corpus import load_replays
from tests.e2e.servers import BIN, ROOT, TOKEN, Stack

CORPUS = ROOT / "tests" / "replays"


def replay(stack: Stack, target: Path, junit: Path) -> subprocess.CompletedProcess[str]:
    command = [
        str(BIN / "quanzu"), "replay", "run", str(target), "--rasa-url", f"http://127.0.0.1:{stack.rasa_port}",
        "--token", TOKEN, "--junit", str(junit),
    ]
    env = dict(stack.env, DATABASE_URL=stack.database_url)
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)


def test_the_corpus_covers_what_it_must() -> None:
    replays = load_replays(CORPUS, Domain.load(ROOT / "domain.yml"))
    assert len(replays) >= 25
    turns = [turn for r in replays for turn in r.turns]
    intents = {turn.intent for turn in turns}
    actions = {action for turn in turns for action in turn.actions}
    responses = {response for turn in turns for response in turn.responses}
    assert REACTION_INTENTS <= intents, REACTION_INTENTS - intents
    openings = {f"utter_open_{fraud_type.value}" for fraud_type in FraudType}
    assert openings <= actions | responses, openings - actions - responses
    assert {"action_submit_stop_payment", "action_escalate", "action_log_outcome", "action_follow_up_reminder"} <= actions
    assert {"utter_case_not_found", "utter_case_id_malformed", "utter_follow_up_due"} <= responses
    assert any(turn.external for turn in turns)  # a follow-up reminder fired (relapse-prone case)
    assert any(turn.metadata.get("case_id") for turn in turns)  # a case opened by the web panel
    opened = {value for turn in turns for entity, value, _ in turn.entities if entity == "case_id"}
    assert len({case for case in opened if case.startswith("YJ2025")}) >= 8  # the article's cases


def test_the_corpus_replays_exactly(stack: Stack, tmp_path: Path) -> None:
    junit = tmp_path / "replays.xml"
    result = replay(stack, CORPUS, junit)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    report = ElementTree.parse(junit).getroot()
    cases = report.findall(".//testcase")
    assert len(cases) >= 25
    assert not report.findall(".//failure")
    assert f"exact matches: {len(cases)}/{len(cases)} conversations" in result.stdout


def test_a_changed_expectation_is_reported_as_a_divergence(stack: Stack, tmp_path: Path) -> None:
    recorded = (CORPUS / "18_stop_payment_money_sent.yml").read_text(encoding="utf-8")
    assert "  - action: utter_urge_freeze\n" in recorded
    changed = tmp_path / "changed"
    changed.mkdir()
    (changed / "changed.yml").write_text(
        recorded.replace("  - action: utter_urge_freeze\n", "  - action: utter_respond_agrees_to_stop\n", 1),
        encoding="utf-8",
    )
    junit = tmp_path / "changed.xml"
    result = replay(stack, changed, junit)
    assert result.returncode == 1, result.stdout[-4000:] + result.stderr[-2000:]
    assert "FAIL" in result.stdout
    assert "- utter_respond_agrees_to_stop" in result.stdout and "+ utter_urge_freeze" in result.stdout
    assert "exact matches: 0/1 conversations" in result.stdout
    failures = ElementTree.parse(junit).getroot().findall(".//failure")
    assert len(failures) == 1
    assert failures[0].get("message", "").startswith("turn 2 «她已经转了8万到工商银行»: actions")


def test_an_unreachable_server_is_a_usage_error(tmp_path: Path) -> None:
    command = [str(BIN / "quanzu"), "replay", "run", str(CORPUS), "--rasa-url", "http://127.0.0.1:9", "--token", "x"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "cannot reach the Rasa server" in result.stderr
