"""Masking personal data for replay exports: consistent, same-shape numbers, pseudonymous names."""

from __future__ import annotations

import re

import pytest

from assistant.replay.masking import Masker, PersonOnRecord, pseudonym_shape, split_address_form

PEOPLE = [
    PersonOnRecord("何丽华", "何女士"),
    PersonOnRecord("冯某某", "小冯"),
    PersonOnRecord("欧阳某某", "欧阳先生"),
    PersonOnRecord("何建国", "何先生"),
]
NUMBERS = ["13800001001", "420984198503120022", "6222020000123456789"]


@pytest.fixture()
def masker() -> Masker:
    return Masker(PEOPLE, NUMBERS, salt="unit-test")


def test_the_same_value_gets_the_same_placeholder_everywhere(masker: Masker) -> None:
    first = masker.text("何女士说卡号是6222 0212 3456 7890 123")
    second = masker.text("卡号6222 0212 3456 7890 123,何女士刚转的")
    assert masker.text("何女士") in first and masker.text("何女士") in second
    fake = masker.digits("6222 0212 3456 7890 123")
    assert fake in first and fake in second
    # Another masker with the same salt (another export, the replay runner) agrees.
    assert Masker(PEOPLE, NUMBERS, salt="unit-test").text("何女士说卡号是6222 0212 3456 7890 123") == first


def test_a_different_salt_gives_different_placeholders(masker: Masker) -> None:
    other = Masker(PEOPLE, NUMBERS, salt="another-secret")
    assert other.digits("13800001001") != masker.digits("13800001001")


def test_numbers_keep_length_first_digit_and_grouping(masker: Masker) -> None:
    for number in ("13800001001", "420984198503120022", "6222 0212 3456 7890 123", "6222-0212-3456-7890-123"):
        fake = masker.digits(number)
        assert len(fake) == len(number)
        assert fake[0] == number[0]
        assert [i for i, c in enumerate(fake) if not c.isdigit()] == [i for i, c in enumerate(number) if not c.isdigit()]
        assert fake != number
    # Grouping does not change the digits: the typed account and the slot value stay consistent.
    assert masker.digits("6222 0212 3456 7890 123").replace(" ", "") == masker.digits("6222021234567890123")


def test_the_x_of_an_id_number_is_kept(masker: Masker) -> None:
    masked = masker.text("身份证42092319910418002X")
    assert re.fullmatch(r"身份证4\d{16}X", masked), masked
    assert "42092319910418002X" not in masked


def test_case_ids_amounts_and_dates_are_not_personal_data(masker: Masker) -> None:
    for text in ("打开案件 YJ20261125001", "打开案件 20261125001", "转了80000元", "2026-11-25 14:30 转的", "验证码123456"):
        assert masker.text(text) == text


def test_names_and_forms_of_address_keep_their_honorific(masker: Masker) -> None:
    masked = masker.text("何女士和何先生,还有小冯、欧阳先生、何丽华")
    assert not re.search("何|冯|欧阳", masked), masked
    he = masker.surname("何")
    assert f"{he}女士" in masked and f"{he}先生" in masked and f"{he}某某" in masked
    assert f"小{masker.surname('冯')}" in masked
    assert f"{masker.surname('欧阳')}先生" in masked


def test_a_common_surname_with_an_honorific_is_masked_even_if_not_on_record(masker: Masker) -> None:
    masked = masker.text("她说王先生也被骗了")
    assert "王" not in masked and masked.endswith("先生也被骗了")
    assert masker.text("这位女士说的") == "这位女士说的"  # 位 is not a surname


def test_pseudonyms_are_not_real_surnames(masker: Masker) -> None:
    for surname in "王李张刘陈杨黄赵吴周何丁":
        pseudonym = masker.surname(surname)
        assert len(pseudonym) == 2 and not set(pseudonym) & set("王李张刘陈杨黄赵吴周何丁")


def test_entity_positions_follow_the_masked_text(masker: Masker) -> None:
    text = "何女士转到6222021234567890123了"
    start, end = text.index("6222"), text.index("了")
    masked, position = masker.text_with_offsets(text)
    assert masked[position(start):position(end)] == masker.digits("6222021234567890123")
    assert masked[position(end):] == "了"


def test_live_masking_replaces_only_what_came_from_the_case_database(masker: Masker) -> None:
    # A replayed message carries placeholder digits already: they must not be masked again.
    placeholder = masker.digits("6222021234567890123")
    assert masker.live_text(placeholder) == placeholder
    assert masker.live_text("何女士") == masker.text("何女士")
    assert masker.live_text("电话13800001001") == masker.text("电话13800001001")


def test_slot_values_and_message_metadata(masker: Masker) -> None:
    assert masker.slot("person_address", "何女士") == masker.text("何女士")
    assert masker.slot("amount", 80000) == 80000
    assert masker.slot("officer_id", "officer_li").startswith("officer_")
    assert masker.slot("officer_id", "officer_li") != "officer_li"
    assert masker.message_metadata({"case_id": "YJ20261125002", "officer_id": "officer_li", "model_id": "x"}) == {
        "case_id": "YJ20261125002",
        "officer_id": masker.officer("officer_li"),
    }
    assert masker.value({"names": ["何女士", 3]}) == {"names": [masker.text("何女士"), 3]}


@pytest.mark.parametrize(
    ("form", "parts"),
    [("何女士", ("", "何", "女士")), ("小冯", ("小", "冯", "")), ("欧阳先生", ("", "欧阳", "先生")), ("丽丽", None)],
)
def test_split_address_form(form: str, parts: tuple[str, str, str] | None) -> None:
    assert split_address_form(form) == parts


def test_pseudonyms_compare_by_shape(masker: Masker) -> None:
    other = Masker(PEOPLE, NUMBERS, salt="a-secret-salt")
    assert pseudonym_shape(masker.text("何女士")) == pseudonym_shape(other.text("何女士")) == "〇〇女士"
    assert pseudonym_shape(masker.text("何女士")) != pseudonym_shape(masker.text("何先生"))
    assert pseudonym_shape({"form": [masker.text("小冯")]}) == {"form": ["小〇〇"]}
    assert pseudonym_shape("甲子年 打开案件") == "甲子年 打开案件"  # no honorific: not a pseudonym
