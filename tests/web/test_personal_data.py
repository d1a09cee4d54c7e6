"""Redacting a case's personal data for trainees (assistant.services.personal_data, case_views)."""

from __future__ import annotations

import pytest

from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.domain.roles import sees_personal_data
from assistant.errors import CaseNotFound, MalformedCaseId
from assistant.services.case_views import redact_for_trainee
from assistant.services.personal_data import (
    PersonalData,
    case_ids_in,
    load_personal_data,
    load_redaction,
    mask_numbers,
    pseudonym,
)

ZHANG = PersonalData("张某某", "张女士", "13900001001", "420902196610030029", "6217000000123409876")


@pytest.mark.parametrize(
    ("real", "shown"), [("张女士", "张**"), ("小冯", "小*"), ("欧阳先生", "欧***"), ("张", "*"), ("", "")]
)
def test_pseudonym_keeps_the_first_character(real: str, shown: str) -> None:
    assert pseudonym(real) == shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话13900001001", "电话139****1001"),
        ("账号 6222 0212 3456 7890 123 已止付", "账号 622************0123 已止付"),
        ("身份证42092219920826001X", "身份证420***********001X"),
        ("案件 YJ20261125001", "案件 YJ20261125001"),
        ("转账时间:2026-11-25 14:20", "转账时间:2026-11-25 14:20"),
        ("金额200000元,123456789", "金额200000元,123456789"),
    ],
)
def test_mask_numbers(text: str, expected: str) -> None:
    assert mask_numbers(text) == expected


def test_redact_text_replaces_every_personal_value() -> None:
    text = "张女士(张某某,电话 13900001001,身份证 420902196610030029)转到 6217000000123409876"
    redacted = ZHANG.redact_text(text)
    for value in ("张女士", "张某某", "13900001001", "420902196610030029", "6217000000123409876"):
        assert value not in redacted
    assert redacted == "张**(张**,电话 139****1001,身份证 420***********0029)转到 621************9876"


def test_redact_walks_nested_payloads_and_leaves_other_values() -> None:
    payload = {"a": ["张女士", {"b": ("13900001001",)}], "n": 3, "ok": True, "none": None}
    assert ZHANG.redact(payload) == {"a": ["张**", {"b": ["139****1001"]}], "n": 3, "ok": True, "none": None}


def test_redact_for_trainee_masks_the_payee_account_field() -> None:
    other = PersonalData("李某某", "李女士")
    assert redact_for_trainee({"payee_account": "62170000001234"}, other)["payee_account"] == "621*******1234"
    assert redact_for_trainee({"payee_account": None}, other) == {"payee_account": None}
    assert redact_for_trainee(["李女士"], other) == ["李**"]


def test_load_personal_data(seeded_uow: SqlUnitOfWork) -> None:
    assert load_personal_data(seeded_uow, "yj20261125001") == ZHANG
    assert load_personal_data(seeded_uow, "YJ20261125003").payee_account is None
    with pytest.raises(CaseNotFound):
        load_personal_data(seeded_uow, "YJ20991231001")
    with pytest.raises(MalformedCaseId):
        load_personal_data(seeded_uow, "YJ1")


@pytest.mark.parametrize(
    ("role", "sees"), [("officer", True), ("supervisor", True), ("trainee", False), ("unknown", False), ("", False)]
)
def test_who_sees_personal_data(role: str, sees: bool) -> None:
    assert sees_personal_data(role) is sees


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话138-0013-8000", "电话138****8000"),
        ("电话 138 0013 8000", "电话 138****8000"),
        ("电话138.0013.8000", "电话138****8000"),
        ("电话１３８００１３８０００", "电话138****8000"),
        ("电话１３８-0013 8000", "电话138****8000"),
        ("电话138—0013—8000", "电话138****8000"),
        ("电话１３８－００１３－８０００", "电话138****8000"),
        ("账号6217 0000 0012 3409 876", "账号621************9876"),
        ("账号6217-0000-0012-3409-876", "账号621************9876"),
        ("身份证４２０９０２１９６６１００３００２Ｘ", "身份证420***********002X"),
        ("身份证4209 0219 6610 0300 2x", "身份证420***********002x"),
        ("13800138000 2026-11-25 14:30", "138****8000 2026-11-25 14:30"),
        ("6217000000123409876 14:30转的", "621************9876 14:30转的"),
        ("案件YJ20261125001,电话13900001001", "案件YJ20261125001,电话139****1001"),
        ("2026-11-25", "2026-11-25"),
        ("2026.11.25 14:30", "2026.11.25 14:30"),
        ("２０２６-１１-２５ １４:３０", "２０２６-１１-２５ １４:３０"),
        ("14:30", "14:30"),
        ("转了8万 3次", "转了8万 3次"),
        ("1380013800", "138***3800"),
        ("138001380", "138001380"),
    ],
)
def test_mask_numbers_catches_every_way_of_writing_a_number(text: str, expected: str) -> None:
    assert mask_numbers(text) == expected


ZHENG = PersonalData("郑某某", "郑先生", "13800001009", "420902197009140037", "6222600000213059874")


def test_case_ids_in_payloads(seeded_uow: SqlUnitOfWork) -> None:
    payload = {"replies": [{"text": "打开案件 yj20261125002"}, {"text": "YJ20261399001 与 XYJ20261125003 不算"}], "k": ("YJ20261125004",)}
    assert case_ids_in(payload) == {"YJ20261125002", "YJ20261125004"}


def test_load_redaction_covers_every_case_mentioned_and_the_names_on_record(seeded_uow: SqlUnitOfWork) -> None:
    payload = {"replies": [{"text": "案件 YJ20261125002:郑先生,电话13800001009"}, {"text": "王某芳也打过电话"}]}
    redaction = load_redaction(seeded_uow, payload, "yj20261125001")
    assert redaction.people == (ZHANG, ZHENG)
    assert "王某芳" in redaction.names
    assert load_redaction(seeded_uow, {"text": "YJ20991231001"}).people == ()  # unknown cases are ignored
    with pytest.raises(CaseNotFound):
        load_redaction(seeded_uow, {}, "YJ20991231001")


def test_redact_for_trainee_masks_another_case_shown_in_a_reply(seeded_uow: SqlUnitOfWork) -> None:
    card = (
        "案件 YJ20261125002 · 郑先生(郑某某)· 电话 138-0000-1009 · 身份证 420902197009140037 · "
        "收款账号 6222 6000 0021 3059 874 · 王某芳曾报警"
    )
    payload = {"replies": [{"text": card, "suggestion": False}]}
    redacted = redact_for_trainee(payload, load_redaction(seeded_uow, payload, CASE_ZHANG))
    text = redacted["replies"][0]["text"]
    for value in ("郑先生", "郑某某", "13800001009", "420902197009140037", "6222600000213059874", "王某芳"):
        assert value not in text.replace("*", ""), value
    assert "YJ20261125002" in text and "郑**" in text and "王**" in text


CASE_ZHANG = "YJ20261125001"
