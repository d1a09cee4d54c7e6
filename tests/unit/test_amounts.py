"""Money amounts as officers type them, normalised to integer yuan (assistant.domain.amounts)."""

from __future__ import annotations

import pytest

from assistant.domain.amounts import find_amounts, format_yuan, parse_amount, to_yuan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8万", 80_000),
        ("八万元", 80_000),
        ("30万", 300_000),
        ("三千块", 3_000),
        ("5.63亿", 563_000_000),
        ("2,000元", 2_000),
        ("五万二", 52_000),
        ("3万5", 35_000),
        ("1.5万", 15_000),
        ("3w", 30_000),
        ("3W", 30_000),
        ("转了80000", 80_000),
        ("两万五", 25_000),
        ("十万块钱", 100_000),
        ("一千万", 10_000_000),
        ("九千九百元", 9_900),
        ("3k", 3_000),
        ("5000元", 5_000),
        ("5万多", 50_000),
        ("两千多块", 2_000),
        ("30多万", 300_000),
        ("三十多万", 300_000),
        ("被骗了20多万", 200_000),
    ],
)
def test_contract_phrasings_become_integer_yuan(text: str, expected: int) -> None:
    value = parse_amount(text)
    assert value == expected
    assert isinstance(value, int)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("8万", 80_000), ("五万二", 52_000), ("2,000元", 2_000), ("5.63亿", 563_000_000), ("3w", 30_000)],
)
def test_to_yuan_converts_an_amount_as_written(text: str, expected: int) -> None:
    assert to_yuan(text) == expected


@pytest.mark.parametrize("text", ["", "元", "abc", "块钱"])
def test_to_yuan_rejects_non_amounts(text: str) -> None:
    with pytest.raises(ValueError):
        to_yuan(text)


@pytest.mark.parametrize(
    ("text", "value", "role"),
    [
        ("挽损8万", 80_000, "saved"),
        ("劝阻成功,挽损8万", 80_000, "saved"),
        ("挽回三万元", 30_000, "saved"),
        ("保住了20万", 200_000, "saved"),
        ("冻结30万", 300_000, "frozen"),
        ("止付5万", 50_000, "frozen"),
        ("已经止付了1.5万", 15_000, "frozen"),
        ("她转了8万", 80_000, None),
        ("被骗5.63亿", 563_000_000, None),
    ],
)
def test_role_follows_the_money_word_before_the_amount(text: str, value: int, role: str | None) -> None:
    mentions = find_amounts(text)
    assert [(m.value, m.role) for m in mentions] == [(value, role)]


def test_each_amount_in_a_sentence_gets_its_own_role() -> None:
    text = "已经转了3万,挽回了1万,冻结2万"
    mentions = find_amounts(text)
    assert [(m.value, m.role) for m in mentions] == [(30_000, None), (10_000, "saved"), (20_000, "frozen")]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("她已经转了8万到工商银行", "8万"),
        ("挽回五万二", "五万二"),
        ("金额 2,000元", "2,000元"),
        ("转了80000", "80000"),
    ],
)
def test_mention_offsets_cover_the_amount(text: str, span: str) -> None:
    (mention,) = find_amounts(text)
    assert text[mention.start:mention.end] == span


@pytest.mark.parametrize(
    "text",
    [
        "十分钟前",
        "两个账户",
        "三点",
        "一下子",
        "冻结2个账户",
        "两点半",
        "三个小时前",
        "6222 0212 3456 7890 123",
        "账号6222021234567890123",
        "转了2个",
        "她今年六十五岁",
        "你好",
    ],
)
def test_non_amounts_are_not_amounts(text: str) -> None:
    assert find_amounts(text) == []


def test_accounts_frozen_count_is_not_an_amount_of_two_yuan() -> None:
    mentions = find_amounts("部分劝阻 已冻结2个账户 止付30万")
    assert [(m.value, m.role) for m in mentions] == [(300_000, "frozen")]
    assert all(m.value != 2 for m in mentions)


def test_parse_amount_without_an_amount_raises() -> None:
    with pytest.raises(ValueError):
        parse_amount("不知道")


def test_bare_number_counts_as_a_form_answer() -> None:
    assert parse_amount("80000") == 80_000


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (80_000, "8万元"),
        (2_500, "2,500元"),
        (563_000_000, "5.63亿元"),
        (100_000_000, "1亿元"),
        (52_000, "5.2万元"),
        (15_000, "1.5万元"),
        (12_345, "12,345元"),
        (999, "999元"),
        (10_050, "10,050元"),
    ],
)
def test_format_yuan(value: int, expected: str) -> None:
    assert format_yuan(value) == expected


@pytest.mark.parametrize("value", [80_000, 52_000, 563_000_000, 2_500, 35_000])
def test_format_yuan_round_trips_through_to_yuan(value: int) -> None:
    assert to_yuan(format_yuan(value)) == value
