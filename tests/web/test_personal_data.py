"""Redacting a case's personal data for trainees (assistant.services.personal_data, case_views)."""

from __future__ import annotations

import pytest

from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.domain.roles import sees_personal_data
from assistant.errors import CaseNotFound, MalformedCaseId
from assistant.services.case_views import redact_for_trainee
from assistant.services.personal_data import PersonalData, load_personal_data, mask_numbers, pseudonym

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
