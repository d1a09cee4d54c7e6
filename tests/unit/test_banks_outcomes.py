"""Bank names (assistant.domain.banks) and intervention outcomes (assistant.domain.outcomes)."""

from __future__ import annotations

import pytest

from assistant.domain.banks import BANKS, bank_spans, canonical_bank
from assistant.domain.outcomes import LABELS, Outcome, outcome_spans, parse_outcome


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("工行", "中国工商银行"),
        ("工商银行", "中国工商银行"),
        ("中国工商银行", "中国工商银行"),
        (" 建行 ", "中国建设银行"),
        ("建设银行", "中国建设银行"),
        ("农行", "中国农业银行"),
        ("中行", "中国银行"),
        ("中国银行", "中国银行"),
        ("交行", "交通银行"),
        ("邮储", "中国邮政储蓄银行"),
        ("邮政银行", "中国邮政储蓄银行"),
        ("招行", "招商银行"),
        ("浦发", "上海浦东发展银行"),
        ("农商银行", "湖北农信"),
        ("支付宝", "支付宝"),
        ("Alipay", "支付宝"),
        ("微信", "微信支付"),
        ("财付通", "微信支付"),
        ("云闪付", "云闪付"),
    ],
)
def test_aliases_map_to_the_canonical_name(typed: str, canonical: str) -> None:
    assert canonical_bank(typed) == canonical


@pytest.mark.parametrize("typed", ["花旗银行", "", "银行", "中国", "工商", "比特币"])
def test_unknown_banks_are_none(typed: str) -> None:
    assert canonical_bank(typed) is None


@pytest.mark.parametrize("canonical", sorted(BANKS))
def test_every_canonical_name_maps_to_itself(canonical: str) -> None:
    assert canonical_bank(canonical) == canonical


def test_bank_spans_prefer_the_longest_name() -> None:
    text = "转到中国银行和中国工商银行,还有微信钱包"
    spans = bank_spans(text)
    assert [(text[start:end], bank) for start, end, bank in spans] == [
        ("中国银行", "中国银行"),
        ("中国工商银行", "中国工商银行"),
        ("微信钱包", "微信支付"),
    ]


def test_bank_spans_without_a_bank() -> None:
    assert bank_spans("她说对方是真警察") == []


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("劝阻成功", Outcome.DISSUADED),
        ("成功劝阻,挽损8万", Outcome.DISSUADED),
        ("劝住了", Outcome.DISSUADED),
        ("部分劝阻", Outcome.PARTLY_DISSUADED),
        ("部分劝阻成功", Outcome.PARTLY_DISSUADED),
        ("部分挽损,冻结30万", Outcome.PARTLY_DISSUADED),
        ("劝阻失败", Outcome.FAILED),
        ("没劝住", Outcome.FAILED),
        ("没有劝住,她执意转账", Outcome.FAILED),
        ("劝阻不成功", Outcome.FAILED),
        ("未接通", Outcome.UNREACHABLE),
        ("电话关机", Outcome.UNREACHABLE),
        ("无人接听", Outcome.UNREACHABLE),
        ("已转派出所", Outcome.ESCALATED),
        ("已上报", Outcome.ESCALATED),
        ("误报", Outcome.FALSE_ALARM),
        ("核实了,不是诈骗", Outcome.FALSE_ALARM),
        ("是正常转账", Outcome.FALSE_ALARM),
    ],
)
def test_typical_phrasings_name_their_outcome(text: str, outcome: Outcome) -> None:
    assert parse_outcome(text) is outcome


@pytest.mark.parametrize("text", ["好的", "已经转了8万", "今天天气不错", "", "她说对方是真警察"])
def test_no_outcome_phrase_gives_none(text: str) -> None:
    assert parse_outcome(text) is None
    assert outcome_spans(text) == []


@pytest.mark.parametrize(
    ("text", "phrase", "outcome"),
    [
        ("劝阻成功,挽损8万", "劝阻成功", Outcome.DISSUADED),
        ("今天部分劝阻成功", "部分劝阻", Outcome.PARTLY_DISSUADED),
        ("还是没劝住", "没劝住", Outcome.FAILED),
        ("电话未接通", "未接通", Outcome.UNREACHABLE),
    ],
)
def test_outcome_span_covers_the_deciding_phrase(text: str, phrase: str, outcome: Outcome) -> None:
    ((start, end, found),) = outcome_spans(text)
    assert text[start:end] == phrase
    assert found is outcome


def test_outcome_values_match_the_contract() -> None:
    assert {outcome.value for outcome in Outcome} == {
        "dissuaded", "partly_dissuaded", "failed", "unreachable", "escalated", "false_alarm",
    }
    assert set(LABELS) == set(Outcome)
