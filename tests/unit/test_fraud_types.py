"""Fraud type detection from cue words and the rule for switching types (assistant.domain.fraud_types)."""

from __future__ import annotations

import pytest

from assistant.domain.fraud_types import (
    CUES,
    LABELS,
    FraudType,
    choose_fraud_type,
    cue_spans,
    detect_fraud_type,
    parse_fraud_type,
)

CONTRACT_TYPES = {
    "impersonate_police", "impersonate_acquaintance", "investment", "task_rebate",
    "fake_customer_service", "fake_loan", "fake_credit_repair", "fake_shopping", "romance",
    "game_trading", "unknown",
}


def test_fraud_type_keys_match_the_contract() -> None:
    assert {fraud_type.value for fraud_type in FraudType} == CONTRACT_TYPES
    assert set(LABELS) == set(FraudType)


def test_every_known_type_has_cues() -> None:
    assert set(CUES) == set(FraudType) - {FraudType.UNKNOWN}
    assert all(CUES[fraud_type] for fraud_type in CUES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("她说对方让她把钱转到安全账户做资金核查", FraudType.IMPERSONATE_POLICE),
        ("对方说她涉嫌洗钱,还给她看了警官证", FraudType.IMPERSONATE_POLICE),
        ("检察院说有她的逮捕令", FraudType.IMPERSONATE_POLICE),
        ("他说是领导让他转钱,领导换号了", FraudType.IMPERSONATE_ACQUAINTANCE),
        ("老同学加了微信,说借钱周转", FraudType.IMPERSONATE_ACQUAINTANCE),
        ("他在股票群里跟着老师带单炒股", FraudType.INVESTMENT),
        ("对方拉她在投资平台上炒币,说高回报", FraudType.INVESTMENT),
        ("她在做刷单任务,先垫付后返利", FraudType.TASK_REBATE),
        ("网上找了个兼职,点赞就有佣金", FraudType.TASK_REBATE),
        ("快递丢失了,客服说要给她理赔", FraudType.FAKE_CUSTOMER_SERVICE),
        ("对方说要取消会员,不然每月扣费,给她退款", FraudType.FAKE_CUSTOMER_SERVICE),
        ("网贷平台说要先交解冻费才能放款", FraudType.FAKE_LOAN),
        ("对方说她贷款的银行卡号填错了,要交保证金", FraudType.FAKE_LOAN),
        ("对方说要注销校园贷,不然影响征信", FraudType.FAKE_CREDIT_REPAIR),
        ("说可以帮她修复征信", FraudType.FAKE_CREDIT_REPAIR),
        ("她在闲鱼上看到低价代购,要先付定金", FraudType.FAKE_SHOPPING),
        ("对方说海外购特价包邮", FraudType.FAKE_SHOPPING),
        ("她网恋的男朋友让她投钱", FraudType.ROMANCE),
        ("婚恋网站上认识的网友说要结婚", FraudType.ROMANCE),
        ("他要在陌生平台买游戏账号和皮肤", FraudType.GAME_TRADING),
        ("孩子在卖游戏装备,对方说代练", FraudType.GAME_TRADING),
    ],
)
def test_cue_sentences_reveal_their_type(text: str, expected: FraudType) -> None:
    assert detect_fraud_type(text) is expected


@pytest.mark.parametrize("fraud_type", sorted(CUES, key=lambda t: t.value))
def test_every_cue_on_its_own_points_to_its_type(fraud_type: FraudType) -> None:
    for cue in CUES[fraud_type]:
        assert detect_fraud_type(f"她说{cue}") is fraud_type, cue


def test_specific_cues_outweigh_a_generic_one() -> None:
    # "客服" alone would be fake customer service; two police cues win.
    assert detect_fraud_type("自称客服的人说要做资金核查,转到安全账户") is FraudType.IMPERSONATE_POLICE


@pytest.mark.parametrize("text", ["", "你好", "她说对方是真的", "已经转了8万到工行", "劝阻成功"])
def test_no_cue_gives_none(text: str) -> None:
    assert detect_fraud_type(text) is None


def test_cue_spans_point_at_the_cue() -> None:
    text = "对方让她转到安全账户"
    spans = list(cue_spans(text))
    assert [(text[start:end], fraud_type) for start, end, fraud_type in spans] == [
        ("安全账户", FraudType.IMPERSONATE_POLICE),
    ]


def test_cue_spans_do_not_overlap_and_prefer_longer_cues() -> None:
    text = "快递丢失了"
    spans = list(cue_spans(text))
    assert [text[start:end] for start, end, _ in spans] == ["快递丢失"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("romance", FraudType.ROMANCE), (None, FraudType.UNKNOWN), ("", FraudType.UNKNOWN), ("bogus", FraudType.UNKNOWN)],
)
def test_parse_fraud_type(value: str | None, expected: FraudType) -> None:
    assert parse_fraud_type(value) is expected


@pytest.mark.parametrize(
    ("current", "detected", "record_has_type", "expected"),
    [
        # The alert record's type is never overridden.
        ("impersonate_police", "investment", True, None),
        ("romance", "investment", True, None),
        # An unknown type is replaced, even when it came from the record.
        ("unknown", "investment", True, "investment"),
        (None, "investment", True, "investment"),
        ("unknown", "romance", False, "romance"),
        (None, "fake_loan", False, "fake_loan"),
        # Without a record type, the latest detected type wins.
        ("romance", "investment", False, "investment"),
        ("investment", "task_rebate", False, "task_rebate"),
        # The same type: nothing to change.
        ("investment", "investment", False, None),
        ("investment", "investment", True, None),
        # Nothing (or nothing useful) detected: nothing to change.
        ("romance", None, False, None),
        ("romance", "", False, None),
        ("romance", "unknown", False, None),
        (None, "bogus", False, None),
    ],
)
def test_choose_fraud_type(
    current: str | None, detected: str | None, record_has_type: bool, expected: str | None
) -> None:
    assert choose_fraud_type(current, detected, record_has_type) == expected
