#!/usr/bin/env python3
"""Record the replay corpus: play scripted conversations on a real stack, export them masked.

Starts the action server and the Rasa server on a scratch database (migrated, demo seed), the
way the end-to-end tests do; plays every conversation below over the REST channel, checking
that each message got the intent it was written for; then exports each one with
``quanzu replay export`` into ``tests/replays/NN_<slug>.yml``.

Usage: .venv/bin/python scripts/record_replays.py [--out tests/replays] [--only SLUG ...]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.servers import BIN, Stack, make_stack  # noqa: E402


@dataclass(frozen=True)
class Say:
    """An officer message and the intent it is meant to get."""

    text: str
    intent: str
    metadata: dict[str, Any] | None = None


@dataclass(frozen=True)
class WaitForReminder:
    """Wait until the follow-up reminder has fired in the conversation."""


@dataclass(frozen=True)
class Conversation:
    """A scripted conversation of the corpus."""

    slug: str
    title: str
    steps: tuple[Say | WaitForReminder, ...]


def say(text: str, intent: str, **metadata: Any) -> Say:
    """An officer message meant to get ``intent``, sent with ``metadata`` if any."""
    return Say(text, intent, metadata or None)


OPEN = "open_case"
OUTCOME = "report_outcome"
CONVERSATIONS: tuple[Conversation, ...] = (
    # --- the article's cases (2025, closed; replayed on the record) ---------------------------
    Conversation("article_he_fake_police", "article case YJ20250319001: fake police, safe account; she argues, then agrees", (
        say("打开案件 YJ20250319001", OPEN),
        say("她说对方有警官证,还给她看了逮捕令", "claims_real_official"),
        say("你才是骗子吧,我凭什么信你", "distrusts_officer"),
        say("好的好的,我不给他转了,我现在就挂掉他电话", "agrees_to_stop"),
        say("劝阻成功,挽损8万", OUTCOME),
    )),
    Conversation("article_wang_nephew", "article case YJ20250414001: a fake nephew asks for money; how to verify", (
        say("打开案件 YJ20250414001", OPEN),
        say("她说那就是她外甥本人,头像和名字都对得上,不可能是假的", "claims_real_official"),
        say("那我怎么核实你是不是真的", "asks_how_to_verify"),
        say("劝阻成功,挽损2万", OUTCOME),
    )),
    Conversation("article_qiu_old_boss", "article case YJ20250426001: a fake old boss; escalated to the station", (
        say("打开案件 YJ20250426001", OPEN),
        say("她说那就是她们单位领导本人,头像和名字都对得上,不可能是假的", "claims_real_official"),
        say("转派出所,让所里上门", "request_escalation"),
        say("劝阻成功,挽损8万", OUTCOME),
    )),
    Conversation("article_wang_procuratorate", "article case YJ20250427001: fake procuratorate, secrecy, on the way to the bank; escalated", (
        say("打开案件 YJ20250427001", OPEN),
        say("对方让她谁都不要告诉,连家里人都不能说", "told_to_keep_secret"),
        say("她吓得直哭,说怕被抓去坐牢", "emotional_distress"),
        say("她说正在去银行的路上,要把钱取出来", "about_to_send"),
        say("转派出所,让所里上门劝阻", "request_escalation"),
        say("劝阻成功,挽损30万", OUTCOME),
    )),
    Conversation("article_cai_type_unknown", "article case YJ20250506001: type unknown, identified from what the caller said", (
        say("打开案件 YJ20250506001", OPEN),
        say("她说对方是公安局的,要她把钱转到安全账户配合资金核查", "claims_real_official"),
        say("劝阻成功,挽损1万", OUTCOME),
    )),
    Conversation("article_sun_screen_share", "article case YJ20250512001: fake police made her share the screen; why, another way", (
        say("打开案件 YJ20250512001", OPEN),
        say("她按对方说的开了屏幕共享", "shared_code_or_screen"),
        say("为什么这么说", "ask_why"),
        say("换个说法", "ask_alternative"),
    )),
    Conversation("article_huang_investment", "article case YJ20250226001: investment; defends the platform, asks about recovery; follow-up fires", (
        say("打开案件 YJ20250226001", OPEN),
        say("他说这个平台是正规的,他已经赚了好几万了", "defends_investment"),
        say("我之前投进去的钱还能要回来吗", "asks_recovery"),
        say("劝阻成功,挽损8万", OUTCOME),
        WaitForReminder(),
    )),
    Conversation("article_zheng_relapse", "article cases YJ20251102001/002: investment relapse; follow-up fires, the relapse case is opened", (
        say("打开案件 YJ20251102001", OPEN),
        say("我是他前妻,他又要把钱投进荐股平台", "reported_by_relative"),
        say("劝阻成功,挽损10万", OUTCOME),
        WaitForReminder(),
        say("打开案件 YJ20251102002", OPEN),
        say("好的好的,我不给他转了,我现在就挂掉他电话", "agrees_to_stop"),
    )),
    # --- every fraud type's opening, with a reaction ------------------------------------------
    Conversation("open_fake_acquaintance", "fake acquaintance: opening; insists it is the boss", (
        say("调出预警 YJ20261123003", OPEN),
        say("她说那就是她们单位领导本人,头像和名字都对得上,不可能是假的", "claims_real_official"),
    )),
    Conversation("open_task_rebate", "task rebate: opening; defends the rebates", (
        say("开 yj20261124002", OPEN),
        say("她说前面几单都返钱了,肯定是真的", "defends_investment"),
    )),
    Conversation("open_fake_customer_service", "fake customer service: opening; screen shared, code read out", (
        say("打开案件YJ20261120001", OPEN),
        say("他按对方说的开了屏幕共享", "shared_code_or_screen"),
        say("她已经把手机收到的验证码念给对方了", "shared_code_or_screen"),
    )),
    Conversation("open_fake_loan", "fake loan: opening; asked for an unfreeze fee", (
        say("案件号 YJ20261123001", OPEN),
        say("对方让他先交三千块解冻费才能放款", "about_to_send"),
    )),
    Conversation("open_fake_credit_repair", "fake credit repair: opening; panics about the credit record", (
        say("看下这个单子 YJ20261124001", OPEN),
        say("他很慌,说不处理的话征信就完了,急得不行", "emotional_distress"),
    )),
    Conversation("open_fake_shopping", "fake shopping: opening; agrees to stop", (
        say("打开 YJ20261121005", OPEN),
        say("好的好的,我不给他转了,我现在就挂掉他电话", "agrees_to_stop"),
    )),
    Conversation("open_romance_relapse", "romance: a relative reports, the person hangs up, escalated; follow-up fires", (
        say("打开案件 YJ20261125004", OPEN),
        say("我是她女儿,我妈一直在给一个没见过面的男人打钱", "reported_by_relative"),
        say("她把电话挂了", "call_dropped"),
        say("转派出所,让所里上门劝阻", "request_escalation"),
        say("劝阻成功,挽损5万", OUTCOME),
        WaitForReminder(),
    )),
    Conversation("open_game_trading", "game trading: opening; asks how to verify", (
        say("调一下 YJ20261122005", OPEN),
        say("那我怎么核实你是不是真的", "asks_how_to_verify"),
    )),
    Conversation("open_fake_police", "fake police: opening; insists, distrusts, asks how to verify, agrees", (
        say("打开案件 YJ20261125001", OPEN),
        say("她说对方是检察院的,有逮捕令", "claims_real_official"),
        say("你才是骗子吧,我凭什么信你", "distrusts_officer"),
        say("那我怎么核实你是不是真的", "asks_how_to_verify"),
        say("好的好的,我不给他转了,我现在就挂掉他电话", "agrees_to_stop"),
    )),
    # --- stop-payment -----------------------------------------------------------------------
    Conversation("stop_payment_money_sent", "money already sent: urge the freeze, fill the stop-payment form, log a partial outcome", (
        say("打开案件 YJ20261125001", OPEN),
        say("她已经转了8万到工商银行", "money_already_sent"),
        say("6222 0212 3456 7890 123", "inform"),
        say("下午三点二十", "money_already_sent"),
        say("部分劝阻,止付8万", OUTCOME),
    )),
    Conversation("stop_payment_interrupted", "stop-payment without a case: the person interrupts, the form goes on to the end", (
        say("紧急止付", "request_stop_payment"),
        say("你们才是骗子,别想骗我", "distrusts_officer"),
        say("6217002870012345678", "inform"),
        say("建行", "inform"),
        say("两万五", "inform"),
        say("十分钟前", "money_already_sent"),
    )),
    Conversation("stop_payment_invalid_then_cancelled", "stop-payment: an invalid account is asked again, then the officer cancels", (
        say("发起止付", "request_stop_payment"),
        say("12345", "inform"),
        say("取消", "cancel"),
    )),
    Conversation("type_detected_then_stop_payment", "type unknown, identified as fake police; money sent, account given, time, filed", (
        say("打开案件 YJ20261125003", OPEN),
        say("她说对方是公安局的,要她把钱转到安全账户配合资金核查", "claims_real_official"),
        say("她已经转了8万到工商银行", "money_already_sent"),
        say("6222 0212 3456 7890 123", "inform"),
        say("十分钟前", "money_already_sent"),
    )),
    # --- the web panel, commands, failures --------------------------------------------------
    Conversation("panel_session_start_investment", "case opened by the web panel (session metadata); outcome logged, follow-up fires", (
        say("/session_start", "session_start", case_id="YJ20261125002", officer_id="officer_li"),
        say("他说这个平台是正规的,他已经赚了好几万了", "defends_investment"),
        say("劝阻成功,挽损8万", OUTCOME),
        WaitForReminder(),
    )),
    Conversation("why_alternative_escalation", "why, another way, hung up, escalated, outcome logged (investment)", (
        say("查一下 YJ20261125002", OPEN),
        say("为什么这么说", "ask_why"),
        say("换个说法", "ask_alternative"),
        say("他把电话挂了,再打就关机", "call_dropped"),
        say("转派出所,让所里上门", "request_escalation"),
        say("劝阻成功,挽损10万", OUTCOME),
    )),
    Conversation("case_not_found", "unknown and malformed case ids get a clear reply; the conversation goes on", (
        say("打开案件 YJ20991231999", OPEN),
        say("打开案件 YJ123", OPEN),
        say("你才是骗子吧,我凭什么信你", "distrusts_officer"),
        say("打开案件 YJ20261125001", OPEN),
    )),
    Conversation("commands_without_a_case", "greeting, help, a bank outside the form, nothing to cancel, the opening without a case", (
        say("你好", "greet"),
        say("怎么用", "help"),
        say("农行", "inform"),
        say("取消", "cancel"),
        say("开场白怎么说", "ask_opening"),
    )),
    Conversation("no_case_open", "escalation and outcome asked for without a case: the assistant says a case is needed", (
        say("转派出所,让所里上门", "request_escalation"),
        say("劝阻成功,挽损8万", OUTCOME),
    )),
    Conversation("personal_data_masked", "personal data in the messages (masked in the export): a phone number, an account number", (
        say("打开案件 YJ20261122002", OPEN),
        say("张女士说对方用13912345678这个号码打来的,有警官证", "claims_real_official"),
        say("她已经转了5万到建设银行,账号6217 0028 7001 2345 678", "money_already_sent"),
        say("十分钟前", "inform"),
    )),
    # --- life safety comes before money -----------------------------------------------------
    Conversation("life_safety_suicide", "a person talks of ending their life: kept on the line, asked where, silence, resolved, 12356", (
        say("打开案件 YJ20261120006", OPEN),
        say("她说活着没意思了,不想活了", "life_safety_suicide"),
        say("她说她在长江大桥上", "inform_location"),
        say("她不说话了", "call_dropped"),
        say("危机解除", "life_safety_resolved"),
    )),
    Conversation("life_safety_confined", "confined by fake police alone in a hotel room: asked where, room given, station sent, resolved", (
        say("打开案件 YJ20261125001", OPEN),
        say("她说对方让她去宾馆开房单独接受调查,不准出门,不准接家里电话", "life_safety_confined"),
        say("她说在如家酒店308房间", "inform_location"),
        say("转派出所", "request_escalation"),
        say("危机解除", "life_safety_resolved"),
    )),
)


def play(stack: Stack, sender: str, conversation: Conversation) -> list[str]:
    """Play a conversation; return the messages whose intent was not the one meant."""
    problems = []
    for step in conversation.steps:
        if isinstance(step, WaitForReminder):
            deadline = time.monotonic() + 60
            while not any(e.get("event") == "user" and e.get("text", "").startswith("EXTERNAL")
                          for e in stack.tracker(sender)["events"]):
                if time.monotonic() > deadline:
                    problems.append("the follow-up reminder did not fire")
                    break
                time.sleep(1)
            continue
        stack.send(sender, step.text, step.metadata)
        latest = [e for e in stack.tracker(sender)["events"] if e.get("event") == "user"][-1]
        intent = latest["parse_data"]["intent"]["name"]
        if intent != step.intent:
            problems.append(f"{step.text!r}: meant {step.intent}, got {intent}")
    return problems


def main() -> int:
    """Record the corpus; exit 1 when a message did not get the intent it was written for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "replays")
    parser.add_argument("--only", nargs="*", help="record only these slugs")
    args = parser.parse_args()
    chosen = [(n, c) for n, c in enumerate(CONVERSATIONS, start=1) if not args.only or c.slug in args.only]
    with tempfile.TemporaryDirectory(prefix="quanzu-record-") as scratch:
        stack = make_stack(Path(scratch))
        try:
            stack.start_actions()
            stack.start_rasa()
            problems = {}
            for number, conversation in chosen:
                sender = f"record-{number:02d}-{conversation.slug}"
                print(f"playing {number:02d} {conversation.slug}", flush=True)
                problems[conversation.slug] = play(stack, sender, conversation)
            args.out.mkdir(parents=True, exist_ok=True)
            for number, conversation in chosen:
                sender = f"record-{number:02d}-{conversation.slug}"
                subprocess.run(
                    [
                        str(BIN / "quanzu"), "replay", "export", "--tracker-db", str(Path(scratch) / "tracker.db"),
                        "--conversation", sender, "--name", conversation.title,
                        "--out", str(args.out / f"{number:02d}_{conversation.slug}.yml"),
                        # Synthetic demo data only: `replay run` masks live values with the same salt.
                        "--public-demo-salt",
                    ],
                    cwd=ROOT, env=stack.env, check=True, stdout=subprocess.DEVNULL,
                )
        finally:
            stack.stop_all()
    failed = {slug: found for slug, found in problems.items() if found}
    for slug, found in failed.items():
        print(f"{slug}:\n  " + "\n  ".join(found), file=sys.stderr)
    print(f"recorded {len(chosen)} conversations into {args.out}; {len(failed)} with unexpected intents")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
