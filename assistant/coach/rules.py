"""The doctrine's rules, as small functions over a spaCy Doc of the project's pipeline.

Each rule looks at one officer line and says whether it passes, fails or does not apply to
this turn. Cue words are matched on characters (jieba splits "不要转" or "别转" differently
depending on context); sentences are cut on the tokens jieba produces, and the identity
opening ("我是/这里是 …") is found with a token Matcher.

The cue lists are meant to agree with the assistant: every suggestion in ``domain.yml`` passes
them in its own turn (``tests/unit/test_coach_agrees_with_assistant.py``). The ``safe_advice``
rule is the safety appendix's lint (``assistant.coach.safety_lint``) applied to the trainee.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from assistant.coach.safety_lint import LintContext, lint, touches_safety_topic


class Verdict(str, Enum):
    """How a line fares on one rule."""

    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "na"


@dataclass(frozen=True)
class LineContext:
    """What the coach knows about the turn a line is said in.

    Attributes:
        opening: the officer is still opening the call (nothing has got through yet).
        objection: the person's current reaction intent (conversation contract), if any.
        fraud_type: fraud type key of the drill or case.
        person_address: how the person is addressed, e.g. "王女士" (empty: not known).
    """

    opening: bool = True
    objection: str | None = None
    fraud_type: str = "unknown"
    person_address: str = ""


RuleFunction = Callable[[Doc, LineContext], Verdict]


@dataclass(frozen=True)
class Rule:
    """One doctrine rule: its key, Chinese name, messages and check."""

    name: str
    label: str
    good: str
    missing: str
    check: RuleFunction


_SENTENCE_END = frozenset("。!?!?;;…")
_GREETING = re.compile(r"^(?:喂|哎|您好|你好|[\u4e00-\u9fff]{1,4}(?:女士|先生|阿姨|叔叔|大爷|大妈|奶奶|爷爷|同学|师傅))?[,,、\s]*(?:您好|你好|喂)?[,,\s]*$")

SCAM_WORDS = ("骗子", "诈骗", "骗局", "被骗", "行骗", "骗您", "骗你", "杀猪盘", "套路", "假冒", "冒充")
IDENTITY_WORDS = ("民警", "警察", "警官", "公安", "反诈", "派出所", "警方", "专线")
INSTRUCTION_WORDS = (
    "挂断", "挂掉", "挂了电话", "不要转", "别转", "不要再转", "先别转", "一分钱都不要", "一分钱也不要", "不要汇",
    "不要把验证码", "别把验证码", "验证码不要", "不要告诉任何人", "不要给验证码", "别给验证码", "别点", "不要点",
    "卸载", "删掉", "停止共享", "关掉屏幕共享", "关闭屏幕共享", "不要再垫付", "停手", "不要付", "别付", "不要交",
    "别交", "不要去银行", "别去银行", "不要下载", "别下载", "不要贷款", "别贷款",
    # Same instructions, other common phrasings ("别再转" as well as "不要再转"), and the
    # screen-sharing repair steps (end the share, cut the network, freeze the card).
    "别再转", "不要再充", "别再充", "不要再投", "别再投", "不要再交", "别再交", "都别再", "结束共享", "结束屏幕共享",
    "断开共享", "断开屏幕共享", "断网", "冻结",
)
BLAME_WORDS = (
    "怎么这么傻", "这么傻", "真傻", "太傻", "早就说了", "早就告诉", "早说了", "活该", "你应该", "你早该", "您早该",
    "早该", "都怪你", "怪你自己", "怎么不听", "说了多少遍", "不长记性", "糊涂", "这都信", "这也信", "这么简单",
    "你自己的问题", "谁让你", "没脑子", "蠢",
)
BACK_DOWN_WORDS = (
    "不怪您", "不怪你", "不是您的错", "没有做错", "没做错", "先停一停", "先停下", "停一停", "核实清楚再说", "核实完再说",
    "问清楚再说", "核实完再决定", "不用信我", "可以不信我", "不信我没关系", "没关系", "谁都会", "很正常", "警惕心是对的",
    "警惕是对的", "不丢人", "不怪", "慢慢来", "一步一步来",
    # Affirming what the person did or wants to do saves face as well ("您做得很对",
    # "您想核实是对的"): after they agreed to stop, or when they ask how to verify.
    "不是你的错", "做得对", "做得很对", "做得很好", "做得非常对", "决定非常对", "决定很对", "停下来就对了", "是对的",
)
VERIFY_WORDS = ("110", "96110", "派出所", "官方电话", "官方客服", "老号码", "当面")
INSISTS_OFFICER = ("我是真的警察", "我真的是警察", "我真是警察", "相信我", "我是真警察", "你要信我", "您要信我", "我是正规")

# The life-safety path (doctrine: "Life safety comes before money"): in these turns the call is
# no longer about the money. The line keeps the person talking and on the line and asks where
# they are now; it never praises, never tells them to end the call, never moves on to money.
LIFE_SAFETY_OBJECTIONS = frozenset(
    {"life_safety_suicide", "life_safety_medical", "life_safety_confined", "life_safety_minor"}
)
LOCATION_WORDS = ("在哪", "位置", "地址", "什么地方", "哪个酒店", "哪个房间", "几号房间", "哪一片")
STAY_WORDS = ("陪着", "一直在", "不会走开", "别放下", "我听着", "我还在", "我就在")
LIFE_SAFETY_WRONG_WORDS = (
    # ending the call
    "挂断", "挂掉", "挂了电话", "挂电话",
    # praise, then moving on
    "了不起", "果断", "真棒", "做得好", "做得对", "做得很对", "非常对", "好样的",
    # the money
    "止付", "转账", "一分钱", "不要转", "别转", "账号", "开户行", "卸载", "拉黑", "验证码",
)

OBJECTION_CUES: dict[str, tuple[str, ...]] = {
    "claims_real_official": (
        "不会在电话里办案", "不会电话办案", "不会通过电话", "没有安全账户", "没有'安全账户'", "没有“安全账户”",
        "可以伪造", "能伪造", "都能弄到", "能假冒", "自己拨打110", "自己打110", "自己拨打96110", "官方电话",
        "老号码", "不会让您转账", "不会让你转账", "从不让人转账", "不收任何费用", "原路退回", "征信中心",
        "官方APP", "官方客服",
    ),
    "distrusts_officer": ("110", "96110", "派出所"),
    # Not "提现"/"小额"/"试一下": the small-withdrawal test is forbidden advice (safety appendix).
    "defends_investment": (
        "取不出", "提不出", "数字", "先让您赚", "先让你赚", "小赚", "诱饵", "返钱", "甜头", "故意", "一伙", "杀猪盘",
    ),
    "emotional_distress": (
        "别慌", "不要慌", "别怕", "不要怕", "别着急", "不怪您", "不怪你", "深呼吸", "没有犯罪", "不会被抓",
        "陪着您", "安全的", "一步一步", "先把",
    ),
    "money_already_sent": ("止付", "账号", "开户行", "收款账户", "冻结", "转了多少", "金额"),
    "about_to_send": ("不要转", "别转", "一分钱都不要", "先别去", "不要去", "别交", "不要交", "保证金", "解冻"),
    # Ending the share and freezing the card answer it; changing passwords or uninstalling alone do not.
    "shared_code_or_screen": ("停止共享", "结束共享", "结束屏幕共享", "断开", "关掉", "关闭", "断网", "冻结", "验证码"),
    "told_to_keep_secret": ("保密", "家人", "不让您说", "不让你说", "告诉家人", "越不让说"),
    "asks_how_to_verify": ("110", "96110", "派出所", "官方", "老号码"),
    "call_dropped": ("110", "96110", "派出所", "回电"),
    "asks_recovery": ("止付", "报案", "派出所", "冻结", "追回"),
    "reported_by_relative": ("本人", "电话", "家里", "派出所", "一起", "位置", "在哪", "身边"),
    **{objection: LOCATION_WORDS for objection in sorted(LIFE_SAFETY_OBJECTIONS)},
}


@lru_cache(maxsize=1)
def coach_pipeline() -> Language:
    """The project's spaCy pipeline, built once per process on first use."""
    from assistant.nlp.pipeline import build_pipeline

    return build_pipeline()


@lru_cache(maxsize=1)
def _identity_matcher() -> Matcher:
    matcher = Matcher(coach_pipeline().vocab)
    matcher.add(
        "IDENTITY_OPENING",
        [
            [{"ORTH": {"IN": ["我", "我们", "这里", "这边", "咱们"]}}, {"ORTH": {"IN": ["是", "就是"]}}],
            [{"ORTH": {"IN": ["我是", "这里是", "我们是", "这边是"]}}],
        ],
    )
    return matcher


def sentences(doc: Doc) -> list[Span]:
    """Cut ``doc`` into sentences on the end-of-sentence tokens."""
    found: list[Span] = []
    start = 0
    for token in doc:
        if token.text and all(char in _SENTENCE_END for char in token.text):
            if token.i + 1 > start:
                found.append(doc[start : token.i + 1])
            start = token.i + 1
    if start < len(doc):
        found.append(doc[start:])
    return [span for span in found if span.text.strip()]


def first_sentence(doc: Doc) -> Span | None:
    """The first sentence that is not only a greeting ("王女士,您好!")."""
    for span in sentences(doc):
        body = "".join(char for char in span.text if char not in _SENTENCE_END).strip()
        if body and not _GREETING.match(body):
            return span
    return None


def _has_any(text: str, words: Sequence[str]) -> bool:
    return any(word in text for word in words)


def _first_position(text: str, words: Sequence[str]) -> int | None:
    positions = [text.find(word) for word in words if word in text]
    return min(positions) if positions else None


def warning_first(doc: Doc, context: LineContext) -> Verdict:
    """Opening turn: the first sentence names the scam."""
    if not context.opening:
        return Verdict.NOT_APPLICABLE
    sentence = first_sentence(doc)
    return Verdict.PASS if sentence is not None and _has_any(sentence.text, SCAM_WORDS) else Verdict.FAIL


def identity_opening(doc: Doc) -> bool:
    """Whether the line introduces the officer ("我是…民警") before it warns of the scam."""
    warning_at = _first_position(doc.text, SCAM_WORDS)
    for _match_id, start, _end in _identity_matcher()(doc):
        token = doc[start]
        if warning_at is not None and token.idx > warning_at:
            continue
        rest = doc.text[token.idx : token.idx + 24]
        if _has_any(rest, IDENTITY_WORDS):
            return True
    return False


def no_identity_first(doc: Doc, context: LineContext) -> Verdict:
    """Opening turn: the officer's identity does not come first."""
    if not context.opening:
        return Verdict.NOT_APPLICABLE
    return Verdict.FAIL if identity_opening(doc) else Verdict.PASS


def _life_safety_turn(context: LineContext) -> bool:
    return context.objection in LIFE_SAFETY_OBJECTIONS


def concrete_instruction(doc: Doc, context: LineContext) -> Verdict:
    """One concrete instruction: hang up, do not transfer, or do not give the code.

    Not in a life-safety turn: there the instruction about the money is exactly what not to say.
    """
    if _life_safety_turn(context):
        return Verdict.NOT_APPLICABLE
    return Verdict.PASS if _has_any(doc.text, INSTRUCTION_WORDS) else Verdict.FAIL


def handles_objection(doc: Doc, context: LineContext) -> Verdict:
    """The line answers the person's current objection."""
    cues = OBJECTION_CUES.get(context.objection or "")
    if cues is None:
        return Verdict.NOT_APPLICABLE
    text = doc.text
    if context.objection == "distrusts_officer" and _has_any(text, INSISTS_OFFICER):
        return Verdict.FAIL
    return Verdict.PASS if _has_any(text, cues) else Verdict.FAIL


def no_blame(doc: Doc, context: LineContext) -> Verdict:
    """No blaming or lecturing the person."""
    return Verdict.FAIL if _has_any(doc.text, BLAME_WORDS) else Verdict.PASS


def way_to_back_down(doc: Doc, context: LineContext) -> Verdict:
    """After the opening: the person is offered a way to back down without losing face.

    Not in a life-safety turn: a person in danger is not holding a position to back down from.
    """
    if context.opening or _life_safety_turn(context):
        return Verdict.NOT_APPLICABLE
    return Verdict.PASS if _has_any(doc.text, BACK_DOWN_WORDS) else Verdict.FAIL


def safe_advice(doc: Doc, context: LineContext) -> Verdict:
    """No advice the safety appendix forbids, and its steps in order; n/a when no such advice is given."""
    lint_context = LintContext(screen_share=context.objection == "shared_code_or_screen")
    if lint(doc.text, lint_context):
        return Verdict.FAIL
    return Verdict.PASS if touches_safety_topic(doc.text, lint_context) else Verdict.NOT_APPLICABLE


def life_safety_first(doc: Doc, context: LineContext) -> Verdict:
    """Life-safety turn: stays with the person and asks where they are; no hang-up, praise or money."""
    if not _life_safety_turn(context):
        return Verdict.NOT_APPLICABLE
    text = doc.text
    if _has_any(text, LIFE_SAFETY_WRONG_WORDS):
        return Verdict.FAIL
    return Verdict.PASS if _has_any(text, LOCATION_WORDS) and _has_any(text, STAY_WORDS) else Verdict.FAIL


RULES: tuple[Rule, ...] = (
    Rule("warning_first", "先预警", "第一句就点明是诈骗。", "第一句没有点明“这是骗子/诈骗”,要先预警。", warning_first),
    Rule(
        "no_identity_first", "不先亮身份", "没有先自报身份。",
        "开场先说了“我是…民警/这里是…公安”,骗子也这样开场,对方会更警惕。", no_identity_first,
    ),
    Rule(
        "concrete_instruction", "一个具体指令", "给了一个具体指令。",
        "缺一个具体指令:挂断电话、一分钱都不要转、不要把验证码告诉任何人、别点链接……", concrete_instruction,
    ),
    Rule(
        "handles_objection", "回应对方的顾虑", "回应了对方当前的顾虑。",
        "没有回应对方当前的顾虑(比如说明公安机关不会电话办案、请对方自己拨打110/96110核实)。", handles_objection,
    ),
    Rule("no_blame", "不指责不说教", "没有指责或说教。", "有指责或说教的话(如“你怎么这么傻”“早就说了”),会让对方更抗拒。", no_blame),
    Rule(
        "way_to_back_down", "给台阶下", "给了对方台阶(“这不怪您”“先停一停,核实清楚再说”)。",
        "没给对方台阶下:可以说“这不怪您”“您不用信我,先停一停,核实清楚再说”。", way_to_back_down,
    ),
    Rule(
        "safe_advice", "不给危险建议", "给的建议是安全的(核实只走对方控制不了的渠道,步骤顺序正确)。",
        "有危险建议:小额提现能成功是骗子故意放的甜头,不能拿它验证平台;核实只走对方控制不了的渠道"
        "(自己拨打110/96110、原来存的老号码、当面),视频和对方给的号码都不算;“不转”不要和“核实”挂钩;"
        "屏幕共享后先结束共享、断网,再用另一部手机打银行电话冻结,最后改密码;先保存证据,再拉黑、卸载。",
        safe_advice,
    ),
    Rule(
        "life_safety_first", "生命安全优先", "稳住了对方、一直陪着说话,并问清了对方现在在哪里。",
        "对方有生命危险:先别谈钱,也别表扬、别让对方结束通话;要说“我一直陪着您”,并问清“您现在在哪里”,好派人过去。",
        life_safety_first,
    ),
)

RULE_NAMES: tuple[str, ...] = tuple(rule.name for rule in RULES)


def rule_by_name(name: str) -> Rule:
    """The rule called ``name``; ``KeyError`` when there is none."""
    for rule in RULES:
        if rule.name == name:
            return rule
    raise KeyError(name)


def analyse_line(text: str) -> Doc:
    """Run the project's pipeline on one officer line."""
    return coach_pipeline()(text)


def evaluate(doc: Doc, context: LineContext) -> dict[str, Verdict]:
    """Every rule's verdict on ``doc``."""
    return {rule.name: rule.check(doc, context) for rule in RULES}


def describe(verdicts: dict[str, Verdict]) -> dict[str, Any]:
    """The verdicts as plain values (for transcripts and JSON)."""
    return {name: verdict.value for name, verdict in verdicts.items()}
