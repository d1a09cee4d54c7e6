"""services.cases: looking up a case and the card shown to the officer."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from sqlalchemy import select

from assistant.db.models import Alert
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.errors import CaseNotFound, MalformedCaseId
from assistant.services.cases import format_case_card, load_case


def test_load_case_returns_the_record_fields(seeded_uow: SqlUnitOfWork) -> None:
    case = load_case(seeded_uow, "YJ20261125001")
    assert case.case_id == "YJ20261125001"
    assert case.address_form == "张女士"
    assert case.fraud_type == "impersonate_police"
    assert case.fraud_type_label == "冒充公检法及政府机关"
    assert case.has_known_type
    assert case.risk_level == "high"
    assert case.amount_at_risk == 200000
    assert case.payee_account == "6217000000123409876"
    assert case.payee_bank == "中国建设银行"
    assert case.police_station == "孝南广场派出所"
    assert case.received_at == datetime(2026, 11, 25, 9, 6)
    assert case.status == "open"
    assert case.phone_masked == "139****1001"
    assert case.earlier == ()
    assert not case.is_repeat_victim
    assert not case.relapse_prone


def test_load_case_of_a_repeat_victim_lists_earlier_alerts_oldest_first(seeded_uow: SqlUnitOfWork) -> None:
    case = load_case(seeded_uow, "YJ20261125002")
    assert case.is_repeat_victim and case.relapse_prone
    assert [other.case_id for other in case.earlier] == ["YJ20251102001", "YJ20251102002"]
    first, second = case.earlier
    assert first.outcomes == ("failed", "dissuaded")
    assert first.amount_saved == 600000
    assert first.status == "closed"
    assert second.outcomes == ("dissuaded",)
    assert second.amount_saved == 50000
    assert case.reporter == "前妻"


def test_romance_repeat_victim_has_one_earlier_alert(seeded_uow: SqlUnitOfWork) -> None:
    case = load_case(seeded_uow, "YJ20261125004")
    assert case.fraud_type == "romance"
    assert [(other.case_id, other.outcomes) for other in case.earlier] == [("YJ20260612003", ("partly_dissuaded",))]


def test_unknown_fraud_type_case(seeded_uow: SqlUnitOfWork) -> None:
    case = load_case(seeded_uow, "YJ20261125003")
    assert case.fraud_type == "unknown"
    assert not case.has_known_type
    assert case.payee_account is None


@pytest.mark.parametrize("raw", ["YJ123", "AB20261125001", "YJ20261325001", "hello", "YJ2026112500"])
def test_malformed_case_id_is_rejected(seeded_uow: SqlUnitOfWork, raw: str) -> None:
    with pytest.raises(MalformedCaseId) as caught:
        load_case(seeded_uow, raw)
    assert caught.value.case_id == raw
    assert caught.value.response == "utter_case_id_malformed"
    assert caught.value.params == {"case_id": raw}


def test_unknown_case_id_raises_case_not_found(seeded_uow: SqlUnitOfWork) -> None:
    with pytest.raises(CaseNotFound) as caught:
        load_case(seeded_uow, "YJ20991231999")
    assert caught.value.case_id == "YJ20991231999"
    assert caught.value.response == "utter_case_not_found"


def test_lowercase_and_spaced_case_ids_are_normalised(seeded_uow: SqlUnitOfWork) -> None:
    assert load_case(seeded_uow, "yj20261125001").case_id == "YJ20261125001"
    assert load_case(seeded_uow, " yj 20261125-004 ").case_id == "YJ20261125004"
    assert load_case(seeded_uow, "20261125002").case_id == "YJ20261125002"


def test_load_case_does_not_change_the_record(seeded_uow: SqlUnitOfWork) -> None:
    load_case(seeded_uow, "YJ20261125001")
    with seeded_uow() as session:
        alert = session.execute(select(Alert).where(Alert.case_id == "YJ20261125001")).scalar_one()
        assert alert.status == "open"


def test_case_card_of_a_first_time_case(seeded_uow: SqlUnitOfWork) -> None:
    card = format_case_card(load_case(seeded_uow, "YJ20261125001"))
    first_line = card.splitlines()[0]
    assert "YJ20261125001" in first_line
    assert "张女士" in first_line
    assert "冒充公检法及政府机关" in first_line
    assert "风险高" in first_line
    assert "孝南广场派出所" in card
    assert "20万元" in card
    assert "139****1001" in card
    assert "13900001001" not in card
    assert "重复受害人" not in card


def test_case_card_never_shows_a_full_phone_number(seeded_uow: SqlUnitOfWork) -> None:
    for case_id in ("YJ20261125001", "YJ20261125002", "YJ20261125003", "YJ20261125004"):
        card = format_case_card(load_case(seeded_uow, case_id))
        # Account numbers are 19 digits; a phone is 11 digits starting with 1 that is not part of a longer number.
        assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", card), card


def test_case_card_of_a_repeat_victim_warns_and_lists_earlier_outcomes(seeded_uow: SqlUnitOfWork) -> None:
    card = format_case_card(load_case(seeded_uow, "YJ20261125002"))
    assert "郑先生" in card
    assert "虚假网络投资理财" in card
    assert "孝南新华派出所" in card
    assert "重复受害人" in card
    assert "此前另有2条预警" in card
    assert "YJ20251102001" in card and "YJ20251102002" in card
    assert "劝阻失败、劝阻成功" in card
    assert "报警人:前妻" in card
    assert "138****1009" in card and "13800001009" not in card


def test_case_card_of_an_unknown_type_asks_for_the_persons_words(seeded_uow: SqlUnitOfWork) -> None:
    card = format_case_card(load_case(seeded_uow, "YJ20261125003"))
    assert "罗先生" in card
    assert "类型未明" in card
    assert "收款账户:未知" in card
    assert "请转述对方的话" in card
