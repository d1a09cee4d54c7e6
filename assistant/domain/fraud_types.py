"""The national fraud-type taxonomy and the cue words that reveal a type in conversation."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from assistant.domain.spans import SpanClaims


class FraudType(str, Enum):
    """Fraud type keys, as used in slots, entities, responses and records."""

    IMPERSONATE_POLICE = "impersonate_police"
    IMPERSONATE_ACQUAINTANCE = "impersonate_acquaintance"
    INVESTMENT = "investment"
    TASK_REBATE = "task_rebate"
    FAKE_CUSTOMER_SERVICE = "fake_customer_service"
    FAKE_LOAN = "fake_loan"
    FAKE_CREDIT_REPAIR = "fake_credit_repair"
    FAKE_SHOPPING = "fake_shopping"
    ROMANCE = "romance"
    GAME_TRADING = "game_trading"
    UNKNOWN = "unknown"


LABELS: dict[FraudType, str] = {
    FraudType.IMPERSONATE_POLICE: "冒充公检法及政府机关",
    FraudType.IMPERSONATE_ACQUAINTANCE: "冒充领导熟人",
    FraudType.INVESTMENT: "虚假网络投资理财",
    FraudType.TASK_REBATE: "刷单返利",
    FraudType.FAKE_CUSTOMER_SERVICE: "冒充电商物流客服",
    FraudType.FAKE_LOAN: "虚假网络贷款",
    FraudType.FAKE_CREDIT_REPAIR: "虚假征信",
    FraudType.FAKE_SHOPPING: "虚假购物服务",
    FraudType.ROMANCE: "网络婚恋交友",
    FraudType.GAME_TRADING: "网络游戏产品虚假交易",
    FraudType.UNKNOWN: "类型未明",
}

# Cue words that identify a type when the alert record does not. Longer, more specific cues
# are listed first within a type; detection weighs every cue found, so a single generic word
# ("客服") loses against two specific ones ("安全账户", "资金核查").
CUES: dict[FraudType, tuple[str, ...]] = {
    FraudType.IMPERSONATE_POLICE: (
        "安全账户", "资金核查", "资产核查", "清查资金", "洗钱", "通缉令", "逮捕令", "拘捕令",
        "冻结令", "公检法", "警官证", "检察院", "检察官", "法院传票", "涉嫌犯罪", "涉案",
        "配合调查", "保密协议", "公安局", "刑警",
    ),
    FraudType.IMPERSONATE_ACQUAINTANCE: (
        "冒充领导", "领导让", "领导要", "老板让", "老板要", "换号了", "新号码", "换了号",
        "老同学", "冒充熟人", "冒充亲戚", "冒充儿子", "冒充女儿", "借钱周转", "送礼",
    ),
    FraudType.INVESTMENT: (
        "股票群", "炒股", "荐股", "带单", "投资群", "投资平台", "理财平台", "理财", "虚拟币",
        "数字货币", "炒币", "期货", "外汇", "高回报", "内幕消息", "原始股", "老师带",
        "交易软件", "打新股",
    ),
    FraudType.TASK_REBATE: (
        "刷单", "返利", "做任务", "点赞", "关注任务", "垫付", "佣金", "连单", "兼职",
    ),
    FraudType.FAKE_CUSTOMER_SERVICE: (
        "客服", "退款", "快递丢", "快递丢失", "理赔", "赔付", "取消会员", "关闭会员",
        "百万保障", "订单异常", "商品质量", "退货",
    ),
    FraudType.FAKE_LOAN: (
        "贷款", "解冻费", "保证金", "刷流水", "放款", "额度", "网贷", "银行卡号填错",
        "工本费", "验资",
    ),
    FraudType.FAKE_CREDIT_REPAIR: (
        "征信", "注销校园贷", "校园贷", "学生贷", "注销账户", "影响征信", "修复征信",
        "京东金条", "注销贷款",
    ),
    FraudType.FAKE_SHOPPING: (
        "代购", "低价", "定金", "预售", "二手", "特价", "闲鱼", "海外购", "包邮",
    ),
    FraudType.ROMANCE: (
        "网恋", "男朋友", "女朋友", "男友", "女友", "交友", "婚恋", "网友", "对象", "相亲",
        "杀猪盘", "结婚",
    ),
    FraudType.GAME_TRADING: (
        "游戏账号", "游戏装备", "装备", "皮肤", "游戏币", "代练", "点券", "买号", "卖号",
        "账号交易",
    ),
}


def parse_fraud_type(value: str | None) -> FraudType:
    """Return the fraud type for a key, or ``UNKNOWN`` for ``None`` or an unknown key."""
    if not value:
        return FraudType.UNKNOWN
    try:
        return FraudType(value)
    except ValueError:
        return FraudType.UNKNOWN


def detect_fraud_type(text: str) -> FraudType | None:
    """Identify the fraud type a piece of conversation points to, from its cue words.

    Args:
        text: what the officer typed (the person's words, relayed or verbatim).

    Returns:
        The type whose cues cover the most characters of ``text``, or ``None`` when no cue
        word occurs. Ties go to the type listed first in :class:`FraudType`.
    """
    best: FraudType | None = None
    best_score = 0
    for fraud_type, cues in CUES.items():
        score = sum(len(cue) for cue in cues if cue in text)
        if score > best_score:
            best, best_score = fraud_type, score
    return best


def cue_spans(text: str) -> Iterable[tuple[int, int, FraudType]]:
    """Yield ``(start, end, type)`` for every cue occurrence in ``text``, longest cue first."""
    claims = SpanClaims(len(text))
    ordered = sorted(
        ((cue, fraud_type) for fraud_type, cues in CUES.items() for cue in cues),
        key=lambda item: -len(item[0]),
    )
    for cue, fraud_type in ordered:
        start = text.find(cue)
        while start != -1:
            end = start + len(cue)
            if claims.claim(start, end):
                yield start, end, fraud_type
            start = text.find(cue, end)


def choose_fraud_type(current: str | None, detected: str | None, record_has_type: bool) -> str | None:
    """Decide whether a detected type replaces the current one.

    A type on the alert record is authoritative and is never overridden. Without one, the
    latest detected type wins, so the suggestions follow the conversation (a romance scam
    that turns into an "investment opportunity" switches to the investment scripts).

    Args:
        current: the fraud type the conversation uses now.
        detected: the type the latest message points to, if any.
        record_has_type: whether ``current`` comes from the alert record.

    Returns:
        The new type key, or ``None`` when the current type stays.
    """
    if not detected or parse_fraud_type(detected) is FraudType.UNKNOWN:
        return None
    if record_has_type and parse_fraud_type(current) is not FraudType.UNKNOWN:
        return None
    if detected == current:
        return None
    return detected


RELAPSE_PRONE: frozenset[FraudType] = frozenset({FraudType.INVESTMENT, FraudType.ROMANCE})
