"""assistant.domain.locations: where the person is now, as the officer relays it."""

from __future__ import annotations

import pytest

from assistant.domain.locations import find_location_spans
from assistant.nlp.analysis import analyse


def _places(text: str) -> list[str]:
    return [text[start:end] for start, end in find_location_spans(text)]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("她说她在如家酒店308房间", ["如家酒店308房间"]),
        ("他在长江大桥上", ["长江大桥上"]),
        ("她现在在家里", ["家里"]),
        ("他还在银行", ["银行"]),
        ("他说在中山路88号", ["中山路88号"]),
        ("她在锦绣花园5号楼2单元", ["锦绣花园5号楼2单元"]),
        ("她说地址是解放路12号", ["解放路12号"]),
        ("位置是城南汽车站", ["城南汽车站"]),
        ("我在锦江之星302", ["锦江之星302"]),  # a hotel brand: no place word, still a place
        ("他在车里,车停在小区地下车库", ["车里", "小区地下车库"]),
        ("如家酒店308房间", ["如家酒店308房间"]),
        ("俺在村口", ["村口"]),
    ],
)
def test_places_are_found_after_the_cue(text: str, places: list[str]) -> None:
    assert _places(text) == places


@pytest.mark.parametrize(
    "text",
    ["她正在被骗", "我在给网友转钱", "她说在忙,不想聊", "她在哭", "他说钱追不回来他就去跳楼",
     "她说对方让她一个人住酒店", "对方在视频里穿着警服", "她说不想活了", "",
     # "现在"/"正在" are not "at"; a bare "…号" is no address
     "好的好的,我不给他转了,我现在就挂掉他电话", "她说正在去银行的路上,要把钱取出来", "案件号 YJ20261123001"],
)
def test_what_the_person_is_doing_is_not_a_place(text: str) -> None:
    assert _places(text) == []


def test_a_bank_stays_a_bank_in_the_analysis() -> None:
    mentions = analyse("她在工商银行转了5万")
    assert [m.entity for m in mentions] == ["bank", "amount"]


def test_the_analysis_reports_the_place_as_person_location() -> None:
    [mention] = analyse("她说她在如家酒店308房间")
    assert (mention.entity, mention.text, mention.value) == ("person_location", "如家酒店308房间", "如家酒店308房间")


def test_a_long_text_is_cut_to_a_bounded_place() -> None:
    text = "她在" + "长" * 5000 + "大桥"
    assert all(end - start <= 24 for start, end in find_location_spans(text))
