"""The safety appendix (docs/safety-appendix.md) enforced on everything the assistant and the coach say.

The corpus tests run the lint over every response variation of domain.yml, every drill line,
every rationale, every coach message and every coach reference line; the crafted examples
below prove that each lint rule catches the bad line it exists for, and lets the safe
phrasing of the same advice through.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.coach.drills import load_drills
from assistant.coach.rules import OBJECTION_CUES, RULES
from assistant.coach.safety_lint import RULE_NAMES, LintContext, lint, sentences, touches_safety_topic
from assistant.coach.suggestions import suggestion
from assistant.dialogue.rationales import RATIONALES

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "domain.yml"
APPENDIX = ROOT / "docs" / "safety-appendix.md"
SCREEN = LintContext(screen_share=True)
FRAUD_TYPES = (
    "impersonate_police", "impersonate_acquaintance", "investment", "task_rebate", "fake_customer_service",
    "fake_loan", "fake_credit_repair", "fake_shopping", "romance", "game_trading", "unknown",
)


def _responses() -> dict[str, list[dict[str, Any]]]:
    return dict(yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["responses"])


def _domain_texts() -> list[tuple[str, str, LintContext]]:
    return [
        (f"{name}[{index}]", str(variation["text"]), SCREEN if name == "utter_respond_shared_code_or_screen" else LintContext())
        for name, variations in sorted(_responses().items())
        for index, variation in enumerate(variations)
    ]


def _drill_texts() -> list[tuple[str, str, LintContext]]:
    found = []
    for drill in load_drills().values():
        found.append((f"{drill.id}.give_up", drill.give_up, LintContext()))
        found += [(f"{drill.id}.sample[{i}]", line, LintContext()) for i, line in enumerate(drill.sample)]
        for state in drill.states.values():
            context = LintContext(screen_share=state.objection == "shared_code_or_screen")
            found.append((f"{drill.id}.{state.name}.line", state.line, context))
            if state.stuck:
                found.append((f"{drill.id}.{state.name}.stuck", state.stuck, context))
        # The trainee's sample answer in a state is said in that state's context.
        if any(state.objection == "shared_code_or_screen" for state in drill.states.values()):
            found += [(f"{drill.id}.sample[{i}]@screen", line, SCREEN) for i, line in enumerate(drill.sample)]
    return found


def _rationale_texts() -> list[tuple[str, str, LintContext]]:
    return [
        (f"{name}.{key}", text, SCREEN if name == "utter_respond_shared_code_or_screen" else LintContext())
        for name, entry in sorted(RATIONALES.items())
        for key, text in entry.items()
    ]


def _coach_texts() -> list[tuple[str, str, LintContext]]:
    found = [(f"rule {rule.name}.{kind}", text, LintContext()) for rule in RULES for kind, text in (("good", rule.good), ("missing", rule.missing))]
    objections: list[str | None] = [None, *sorted(OBJECTION_CUES)]
    for fraud_type in FRAUD_TYPES:
        for opening in (True, False):
            for objection in objections:
                if not opening and objection is None:
                    continue
                line = suggestion(opening, fraud_type, objection, "王女士")
                if line:
                    context = LintContext(screen_share=objection == "shared_code_or_screen")
                    found.append((f"suggestion({opening}, {fraud_type}, {objection})", line, context))
    return found


CORPUS = _domain_texts() + _drill_texts() + _rationale_texts() + _coach_texts()


def test_the_corpus_covers_domain_drills_rationales_and_coach() -> None:
    kinds = {where.split("[")[0].split(".")[0] for where, _, _ in CORPUS}
    assert len(_domain_texts()) >= 130
    assert len(_drill_texts()) >= 60
    assert len(_rationale_texts()) >= 40
    assert len(_coach_texts()) >= 100
    assert "utter_respond_defends_investment" in kinds and "investment_defends_platform" in kinds


@pytest.mark.parametrize(("where", "text", "context"), CORPUS, ids=[where for where, _, _ in CORPUS])
def test_nothing_the_assistant_or_the_coach_says_breaks_the_safety_appendix(
    where: str, text: str, context: LintContext
) -> None:
    assert [str(finding) for finding in lint(text, context)] == [], where


# --- each rule catches what it exists for ---------------------------------------------------

BAD: list[tuple[str, str, LintContext]] = [
    ("small_withdrawal_test", "您先试着提现一小笔,能不能提出来,一试就知道。", LintContext()),
    ("small_withdrawal_test", "先别追加,先试着提现一小笔,提不出来就是骗局。", LintContext()),
    ("small_withdrawal_test", "您先提现试试,比如一千块。", LintContext()),
    ("small_withdrawal_test", "余额只是数字,试一下提现就知道了。", LintContext()),
    ("small_withdrawal_test", "那我先不转,试试能不能把钱提出来。", LintContext()),
    ("video_verification", "您跟本人视频确认一下,问清楚再说。", LintContext()),
    ("video_verification", "或者打视频电话看看是不是本人。", LintContext()),
    ("video_verification", "您可以请对方马上视频。", LintContext()),
    ("video_verification", "只有用老号码回拨或视频才可靠。", LintContext()),
    ("caller_supplied_channel", "您回拨对方给您的那个号码问问就清楚了。", LintContext()),
    ("caller_supplied_channel", "用他发的链接查一下案件编号。", LintContext()),
    ("caller_supplied_channel", "来电显示是110,那就是真的,可以放心。", LintContext()),
    ("pay_after_verifying", "对方越催,越说明有问题,核实清楚再转也不迟。", LintContext()),
    ("pay_after_verifying", "确认后再转。", LintContext()),
    ("pay_after_verifying", "核实之前,一分钱都不要转。", LintContext()),
    ("pay_after_verifying", "挂断后自己拨打110核实,在这之前先别转钱。", LintContext()),
    ("screen_share_order", "请立刻结束共享,改掉支付密码,再打银行客服电话冻结账户。", LintContext()),
    ("screen_share_order", "请您马上改密码,再结束共享。", SCREEN),
    ("screen_share_order", "先用家人的手机打银行电话冻结,再关闭屏幕共享。", LintContext()),
    ("screen_share_order", "马上修改银行卡密码,再用另一部手机打银行电话冻结。", SCREEN),
    ("freeze_from_another_phone", "请您马上结束屏幕共享、断网,打银行客服电话把卡冻结。", LintContext()),
    ("freeze_from_another_phone", "请断网,再打银行电话冻结,然后改密码。", SCREEN),
    ("evidence_before_blocking", "请把对方拉黑,卸载对方让您装的APP。", LintContext()),
    ("evidence_before_blocking", "先拉黑对方,再把聊天记录截图保存好。", LintContext()),
    ("evidence_before_blocking", "钱已经转出去了,赶紧把那个APP删掉。", LintContext()),
]

SAFE: list[tuple[str, LintContext]] = [
    ("能提出来的小钱也是骗子故意给的甜头,账面上的钱只是数字。请您一分钱都不要再转。", LintContext()),
    ("平台一说要交税才能提钱,就是骗局。", LintContext()),
    ("视频和声音都能用AI伪造,不能作数。请用原来存的老号码打给本人。", LintContext()),
    ("公安机关不会通过电话或视频办案。", LintContext()),
    ("不要打对方新给的号码,也别用对方发的链接。", LintContext()),
    ("请您一分钱都不要转,挂断后自己拨打110核实,核实清楚再说。", LintContext()),
    ("请马上结束屏幕共享、断网,再用家人的手机打银行电话把卡冻结,最后再改密码。", LintContext()),
    ("请马上断网,用另一部手机打银行电话冻结卡,再改密码。", SCREEN),
    ("请先把聊天记录、转账记录截图保存好,再把对方拉黑、卸载那个APP。", LintContext()),
    ("那个APP先别卸载,聊天记录也留着,千万别删。", LintContext()),
    ("请您马上挂断电话,一分钱都不要转。", LintContext()),
]


def test_every_rule_has_a_crafted_bad_line() -> None:
    assert {rule for rule, _, _ in BAD} == set(RULE_NAMES)


@pytest.mark.parametrize(("rule", "text", "context"), BAD, ids=[f"{rule}:{text[:12]}" for rule, text, _ in BAD])
def test_each_rule_catches_a_bad_line(rule: str, text: str, context: LintContext) -> None:
    assert rule in {finding.rule for finding in lint(text, context)}, text


@pytest.mark.parametrize(("text", "context"), SAFE, ids=[text[:12] for text, _ in SAFE])
def test_the_safe_phrasing_of_the_same_advice_passes(text: str, context: LintContext) -> None:
    assert lint(text, context) == []


def test_a_screen_share_answer_needs_the_context_flag_when_it_does_not_name_the_share() -> None:
    text = "请马上改掉支付密码。"
    assert lint(text) == []
    assert {finding.rule for finding in lint(text, SCREEN)} == {"screen_share_order"}


def test_a_finding_names_the_rule_and_quotes_the_sentence() -> None:
    (finding,) = lint("王女士,您好。您先试着提现一小笔。别的不用管。")
    assert finding.rule == "small_withdrawal_test"
    assert finding.excerpt == "您先试着提现一小笔。"
    assert "small_withdrawal_test" in str(finding) and "提现一小笔" in str(finding)


def test_sentences_are_cut_on_chinese_punctuation() -> None:
    assert sentences("先停一停。别转!好吗?\n好") == ["先停一停。", "别转!", "好吗?", "好"]


def test_a_line_without_governed_advice_does_not_touch_the_appendix() -> None:
    assert not touches_safety_topic("请您马上挂断电话。")
    assert touches_safety_topic("请用原来存的老号码打给本人核实。")
    assert touches_safety_topic("请马上改掉支付密码。", SCREEN)


def test_the_appendix_documents_every_lint_rule() -> None:
    appendix = APPENDIX.read_text(encoding="utf-8")
    for rule in RULE_NAMES:
        assert f"`{rule}`" in appendix, rule
