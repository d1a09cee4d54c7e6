"""Rule-based entity analysis of what officers type (assistant.nlp.analysis.analyse)."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.nlp.analysis import EntityMention, analyse


def entities(text: str) -> set[tuple[str, Any, str | None]]:
    return {(m.entity, m.value, m.role) for m in analyse(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "她已经转了8万到工商银行,账号6222 0212 3456 7890 123,下午三点转的",
            {
                ("amount", 80_000, None),
                ("bank", "中国工商银行", None),
                ("account_number", "6222021234567890123", None),
                ("transfer_time", "下午三点", None),
            },
        ),
        (
            "部分劝阻 已冻结2个账户 止付30万",
            {
                ("outcome", "partly_dissuaded", None),
                ("accounts_frozen", 2, None),
                ("amount", 300_000, "frozen"),
            },
        ),
        (
            "劝阻成功,挽损8万",
            {("outcome", "dissuaded", None), ("amount", 80_000, "saved")},
        ),
        (
            "劝阻成功,挽回五万二",
            {("outcome", "dissuaded", None), ("amount", 52_000, "saved")},
        ),
        ("打开案件 YJ20250319001", {("case_id", "YJ20250319001", None)}),
        ("打开案件 yj20250319001", {("case_id", "YJ20250319001", None)}),
        ("打开案件 20250319001", {("case_id", "YJ20250319001", None)}),
        ("打开案件 YJ123", {("case_id", "YJ123", None)}),
        (
            "10分钟前转到工行了,6222-0212-3456-7890",
            {
                ("transfer_time", "10分钟前", None),
                ("bank", "中国工商银行", None),
                ("account_number", "6222021234567890", None),
            },
        ),
        (
            "刚才转了两万五到建行",
            {("transfer_time", "刚才", None), ("amount", 25_000, None), ("bank", "中国建设银行", None)},
        ),
        ("转了三千块到支付宝", {("amount", 3_000, None), ("bank", "支付宝", None)}),
        ("已经转了80000", {("amount", 80_000, None)}),
        (
            "冻结了两个账户,冻结金额1.5万",
            {("accounts_frozen", 2, None), ("amount", 15_000, "frozen")},
        ),
        ("3个账户已冻结", {("accounts_frozen", 3, None)}),
        ("劝阻失败,被骗5.63亿", {("outcome", "failed", None), ("amount", 563_000_000, None)}),
        ("她说对方让她把钱转到安全账户", {("fraud_type", "impersonate_police", None)}),
        ("她在股票群里跟着老师炒股", {("fraud_type", "investment", None)}),
        ("你才是骗子吧", set()),
        ("", set()),
    ],
)
def test_officer_sentences_give_the_right_entities(text: str, expected: set[tuple[str, Any, str | None]]) -> None:
    assert entities(text) == expected


@pytest.mark.parametrize(
    ("text", "entity", "span"),
    [
        ("她已经转了8万到工商银行,账号6222 0212 3456 7890 123,下午三点转的", "amount", "8万"),
        ("她已经转了8万到工商银行,账号6222 0212 3456 7890 123,下午三点转的", "bank", "工商银行"),
        (
            "她已经转了8万到工商银行,账号6222 0212 3456 7890 123,下午三点转的",
            "account_number",
            "6222 0212 3456 7890 123",
        ),
        ("她已经转了8万到工商银行,账号6222 0212 3456 7890 123,下午三点转的", "transfer_time", "下午三点"),
        ("部分劝阻 已冻结2个账户 止付30万", "outcome", "部分劝阻"),
        ("部分劝阻 已冻结2个账户 止付30万", "accounts_frozen", "2"),
        ("部分劝阻 已冻结2个账户 止付30万", "amount", "30万"),
        ("冻结了两个账户", "accounts_frozen", "两"),
        ("打开案件 yj20250319001", "case_id", "yj20250319001"),
        ("她说对方让她把钱转到安全账户", "fraud_type", "安全账户"),
    ],
)
def test_offsets_point_at_the_mention(text: str, entity: str, span: str) -> None:
    (mention,) = [m for m in analyse(text) if m.entity == entity]
    assert text[mention.start:mention.end] == mention.text == span


@pytest.mark.parametrize(
    "text",
    [
        "她已经转了8万到工商银行,账号6222 0212 3456 7890 123,下午三点转的",
        "部分劝阻 已冻结2个账户 止付30万",
        "已经转了3万,挽回了1万,冻结2万,昨天下午转到农行 6228480402564890018",
        "打开案件 YJ20250319001,她说转到安全账户了",
    ],
)
def test_mentions_are_ordered_and_never_overlap(text: str) -> None:
    mentions = analyse(text)
    assert mentions == sorted(mentions, key=lambda m: m.start)
    for before, after in zip(mentions, mentions[1:], strict=False):
        assert before.end <= after.start
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text


def test_account_digits_are_never_read_as_amounts() -> None:
    found = analyse("转了6222021234567890123")
    assert [(m.entity, m.value) for m in found] == [("account_number", "6222021234567890123")]


def test_case_id_digits_are_never_read_as_amounts_or_accounts() -> None:
    found = analyse("打开案件 20250319001")
    assert [m.entity for m in found] == ["case_id"]


def test_accounts_frozen_count_is_not_an_amount() -> None:
    found = analyse("冻结2个账户")
    assert [(m.entity, m.value) for m in found] == [("accounts_frozen", 2)]


def test_several_amounts_keep_their_roles() -> None:
    found = [(m.value, m.role) for m in analyse("已经转了3万,挽回了1万,冻结2万") if m.entity == "amount"]
    assert found == [(30_000, None), (10_000, "saved"), (20_000, "frozen")]


def test_only_the_detected_type_is_reported_once() -> None:
    found = [m for m in analyse("自称客服的人说要做资金核查,转到安全账户") if m.entity == "fraud_type"]
    assert len(found) == 1
    assert found[0].value == "impersonate_police"


def test_as_rasa_entity_with_and_without_role() -> None:
    saved = EntityMention("amount", 7, 9, "8万", 80_000, "saved")
    assert saved.as_rasa_entity("QuanzuEntities") == {
        "entity": "amount", "start": 7, "end": 9, "value": 80_000, "extractor": "QuanzuEntities", "role": "saved",
    }
    bank = EntityMention("bank", 0, 2, "工行", "中国工商银行")
    assert "role" not in bank.as_rasa_entity("x")
