"""The doctrine's safety appendix as a lint: advice never to give, steps to give in order.

Pure on purpose (plain regular expressions over the text, no spaCy, no files): the same check
runs on every response variation of the domain, every drill line, every rationale and every
coach message (tests), and on a trainee's line (the coach's ``safe_advice`` rule).

Two kinds of rule, both kept as data so a rule can be read, reviewed and tested on its own
(``docs/safety-appendix.md`` explains each one):

* :class:`ForbiddenAdvice`: a pattern that must not appear in a sentence, unless the
  sentence explicitly warns against it ("视频也能换脸,别靠视频确认") or the match is negated
  right before ("不要打对方给的号码").
* :class:`StepOrder`: steps that, when a line mentions them, must all be there and in this
  order (end the share, then freeze the card, then change passwords; save the evidence, then
  block or uninstall).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE = re.compile(r"[^。!?!?;;\n]+[。!?!?;;]*")
# Words that, just before a match, turn the advice into a warning ("不要打对方给的号码").
_NEGATION = re.compile(r"(?:不要|别|不用|不能|不必|千万别|切勿|勿|绝不|从不|不会)[^。!?!?,,]{0,3}$")
_NEGATION_WINDOW = 6


@dataclass(frozen=True)
class LintContext:
    """What the lint knows about the turn, beyond the text.

    Attributes:
        screen_share: the line answers a person who shared their screen, a code or remote
            control (reaction ``shared_code_or_screen``), even if the line does not say so.
    """

    screen_share: bool = False


@dataclass(frozen=True)
class Finding:
    """One breach of the appendix in one text."""

    rule: str
    message: str
    excerpt: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.message} — “{self.excerpt}”"


@dataclass(frozen=True)
class ForbiddenAdvice:
    """Advice that must never be given.

    Attributes:
        name: the rule's key (also the section of docs/safety-appendix.md).
        message: why it is forbidden and what to say instead, in one line (English).
        patterns: regular expressions; any match in a sentence is a finding…
        unless: …except in a sentence that matches this (it warns against the advice).
        negatable: a negation right before the match ("不要…", "别…") makes it a warning.
    """

    name: str
    message: str
    patterns: tuple[str, ...]
    unless: str | None = None
    negatable: bool = False


@dataclass(frozen=True)
class Step:
    """One step of an ordered procedure, found by a regular expression."""

    label: str
    pattern: str


@dataclass(frozen=True)
class StepOrder:
    """Steps that must come in this order whenever a line mentions one of the later ones.

    A line that mentions step *i* must mention every step before it, earlier in the line.

    Attributes:
        name: the rule's key.
        message: why the order matters (English).
        steps: the procedure, first step first.
        topic: the rule applies only to a line matching this (``None``: to every line)…
        context_flag: …or when this :class:`LintContext` attribute is true.
        negatable: a negated mention ("千万别删") is not a mention of the step.
    """

    name: str
    message: str
    steps: tuple[Step, ...]
    topic: str | None = None
    context_flag: str | None = None
    negatable: bool = True


@dataclass(frozen=True)
class Requirement:
    """Something a line must also say when it touches a topic."""

    name: str
    message: str
    when: str
    must: str
    topic: str | None = None
    context_flag: str | None = None


SCREEN_SHARE_TOPIC = r"屏幕共享|共享屏幕|结束共享|停止共享|断开共享|远程控制|远程协助|会议软件|会议APP"

FORBIDDEN: tuple[ForbiddenAdvice, ...] = (
    ForbiddenAdvice(
        "small_withdrawal_test",
        "never suggest withdrawing a small amount to test the platform: scam platforms let small "
        "withdrawals through on purpose, and the person concludes it is real; say that the balance "
        "is only a number and that every 'fee to withdraw' is the next step of the scam",
        (
            r"提现一小笔", r"提一小笔", r"小额提现", r"一试就知道", r"提出来看看", r"能不能提出来",
            r"试着[^。!?!?]{0,8}提(?:现|出|钱)", r"试[一试]?下?[^。!?!?]{0,8}提(?:现|出)",
            r"先提现", r"提现[^。!?!?]{0,6}就知道",
        ),
        unless=r"故意|不代表|不能说明|说明不了|别信|不要信|别上当|甜头|诱饵",
        negatable=True,
    ),
    ForbiddenAdvice(
        "video_verification",
        "never verify by video call: AI face-swapping and voice cloning make a video worthless; "
        "verify by the number saved before, a question only the real person can answer, in person, "
        "or by dialling 110/96110 yourself",
        (
            r"视频(?:确认|核实|验证|见面|看看|通话确认|一下)", r"(?:打|开|发)个?视频", r"视频电话",
            r"请(?:对方|他|她)[^。!?!?,,]{0,4}视频", r"(?:跟|和|与)(?:本人|对方|他|她)[^。!?!?,,]{0,3}视频",
            r"视频[^。!?!?,,]{0,2}(?:才|最)?可靠",
        ),
        unless=r"换脸|合成|伪造|假冒|不可靠|不能信|别信|不要信|不能靠|别靠|不要靠|不算数|也能|不能证明|证明不了",
        negatable=True,
    ),
    ForbiddenAdvice(
        "caller_supplied_channel",
        "never verify through a number, link or caller ID the caller supplied: numbers can be "
        "spoofed (改号软件); the person dials 110/96110 or the official hotline themselves",
        (
            r"(?:打|拨|拨打|回拨|联系)[^。!?!?,,]{0,3}(?:对方|他|她|他们|骗子)[^。!?!?,,]{0,4}(?:给|发|留|提供)[^。!?!?,,]{0,4}(?:号码|电话|链接)",
            r"用[^。!?!?,,]{0,2}(?:对方|他|她|他们)[^。!?!?,,]{0,4}(?:给|发|留|提供)[^。!?!?,,]{0,4}(?:号码|电话|链接)",
            r"来电显示[^。!?!?]{0,8}(?:110|96110|公安|警方|银行)[^。!?!?]{0,6}(?:是真|没问题|可以信|放心)",
            r"回拨(?:来电|这个号码|那个号码|刚才的号码)",
        ),
        unless=r"伪造|改号|假的",
        negatable=True,
    ),
    ForbiddenAdvice(
        "pay_after_verifying",
        "never make not paying depend on verification ('verify, then pay'): it is heard as "
        "permission to pay later; the answer is never pay — say 'do not transfer' on its own and "
        "offer verification separately",
        (
            r"转也不迟",
            r"(?:核实|确认|核对|问清楚|查清楚|弄清楚)[^。!?!?]{0,8}(?:后|之后|以后|完|清楚)[^。!?!?,,]{0,3}再(?:转|付|汇|交|打钱|充|给钱)",
            r"(?:核实|确认|核对|问清楚|查清楚|打给本人)[^。!?!?,,]{0,3}(?:之前|以前|前)[^。!?!?]{0,12}(?:转|付|汇|交钱|打钱)",
            r"在这之前[^。!?!?]{0,10}(?:转|付|汇|交钱|打钱)",
            r"(?:核实|确认)(?:了|好了)?(?:没问题|是真的)?再(?:转|付|汇|交)",
        ),
        # A sentence that quotes the phrase to warn against it ("不说…,免得听成…").
        unless=r"听成|免得|不说|别说|不要说",
    ),
)

ORDERS: tuple[StepOrder, ...] = (
    StepOrder(
        "screen_share_order",
        "after screen sharing or remote control: first end the share and cut the network, then "
        "freeze the card through the bank's hotline, then change passwords — while the share is on, "
        "the scammer sees every new password",
        (
            Step(
                "end the share / cut the network",
                r"(?:结束|停止|关闭|关掉|断开|退出)[^。!?!?,,]{0,4}(?:共享|远程)|共享关[了掉]|断网|断了网"
                r"|(?:断开|关掉|关闭|关了)[^。!?!?,,]{0,4}网络|关掉数据|飞行模式|拔掉网线",
            ),
            Step("freeze the card", r"冻结"),
            Step("change passwords", r"改[^。!?!?,,;;]{0,10}密码|换[^。!?!?,,;;]{0,6}密码"),
        ),
        topic=SCREEN_SHARE_TOPIC,
        context_flag="screen_share",
    ),
    StepOrder(
        "evidence_before_blocking",
        "before blocking the scammer or uninstalling the app, save the evidence (chat logs, transfer "
        "receipts, the app, the account): the police need it, and once money has left it cannot be "
        "rebuilt; the officer often cannot tell yet whether money has left, so evidence always comes first",
        (
            Step("save the evidence", r"保存|保留|留好|留存|截图|截屏|录屏|存好|证据"),
            Step(
                "block or uninstall",
                r"拉黑|卸载|删掉|删除|删了|退群|退出[^。!?!?,,]{0,4}群",
            ),
        ),
    ),
)

REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "freeze_from_another_phone",
        "after screen sharing, the card is frozen through the bank's hotline from another phone "
        "(家人的手机、另一部手机、座机): the shared phone may still be under the scammer's control",
        when=r"冻结",
        must=r"另一部手机|另一台手机|别的手机|其他手机|换一部手机|换个手机|座机"
        r"|(?:家人|家里人|身边人|别人|老公|丈夫|妻子|老婆|爱人|孩子|儿子|女儿|朋友|同事)的?手机",
        topic=SCREEN_SHARE_TOPIC,
        context_flag="screen_share",
    ),
)

RULE_NAMES: tuple[str, ...] = (
    tuple(rule.name for rule in FORBIDDEN) + tuple(rule.name for rule in ORDERS) + tuple(r.name for r in REQUIREMENTS)
)


def sentences(text: str) -> list[str]:
    """Cut ``text`` into sentences on 。!?; and line breaks."""
    return [match.group(0).strip() for match in _SENTENCE.finditer(text) if match.group(0).strip()]


def _negated(text: str, start: int) -> bool:
    return bool(_NEGATION.search(text[max(0, start - _NEGATION_WINDOW) : start]))


def _first(text: str, pattern: str, negatable: bool) -> int | None:
    for match in re.finditer(pattern, text):
        if negatable and _negated(text, match.start()):
            continue
        return match.start()
    return None


def _applies(topic: str | None, flag: str | None, text: str, context: LintContext) -> bool:
    if topic is None and flag is None:
        return True
    if flag is not None and getattr(context, flag):
        return True
    return topic is not None and re.search(topic, text) is not None


def _forbidden_findings(rule: ForbiddenAdvice, text: str) -> list[Finding]:
    findings = []
    for sentence in sentences(text):
        if rule.unless and re.search(rule.unless, sentence):
            continue
        for pattern in rule.patterns:
            if _first(sentence, pattern, rule.negatable) is not None:
                findings.append(Finding(rule.name, rule.message, sentence))
                break
    return findings


def _order_findings(rule: StepOrder, text: str, context: LintContext) -> list[Finding]:
    if not _applies(rule.topic, rule.context_flag, text, context):
        return []
    positions = [_first(text, step.pattern, rule.negatable) for step in rule.steps]
    findings = []
    for index, position in enumerate(positions):
        if position is None:
            continue
        for earlier, earlier_position in zip(rule.steps[:index], positions[:index], strict=True):
            if earlier_position is None or earlier_position > position:
                detail = f"“{rule.steps[index].label}” without “{earlier.label}” before it"
                findings.append(Finding(rule.name, f"{detail}: {rule.message}", text))
    return findings


def _requirement_findings(rule: Requirement, text: str, context: LintContext) -> list[Finding]:
    if not _applies(rule.topic, rule.context_flag, text, context):
        return []
    if re.search(rule.when, text) and not re.search(rule.must, text):
        return [Finding(rule.name, rule.message, text)]
    return []


def lint(text: str, context: LintContext | None = None) -> list[Finding]:
    """Every breach of the safety appendix in ``text``; empty when the text is safe.

    Args:
        text: a suggestion, drill line, rationale or trainee line (placeholders are harmless).
        context: what is known about the turn (e.g. the person shared their screen).

    Returns:
        The findings, rule by rule, in the order of the appendix.
    """
    context = context or LintContext()
    findings: list[Finding] = []
    for forbidden in FORBIDDEN:
        findings += _forbidden_findings(forbidden, text)
    for order in ORDERS:
        findings += _order_findings(order, text, context)
    for requirement in REQUIREMENTS:
        findings += _requirement_findings(requirement, text, context)
    return findings


def touches_safety_topic(text: str, context: LintContext | None = None) -> bool:
    """Whether ``text`` gives advice the appendix governs (so a clean result means something).

    True when it mentions withdrawing, video, a number or link to call, verification, a step of
    an ordered procedure, or freezing after screen sharing.
    """
    context = context or LintContext()
    topics = r"提现|提出来|视频|号码|链接|来电显示|核实|确认"
    if re.search(topics, text):
        return True
    for order in ORDERS:
        if _applies(order.topic, order.context_flag, text, context) and any(
            re.search(step.pattern, text) for step in order.steps
        ):
            return True
    return any(_applies(r.topic, r.context_flag, text, context) and re.search(r.when, text) for r in REQUIREMENTS)


__all__ = [
    "FORBIDDEN",
    "ORDERS",
    "REQUIREMENTS",
    "RULE_NAMES",
    "Finding",
    "ForbiddenAdvice",
    "LintContext",
    "Requirement",
    "Step",
    "StepOrder",
    "lint",
    "sentences",
    "touches_safety_topic",
]
