"""Where the person is now, as relayed by the officer ("她说她在如家酒店308房间").

The life-safety path needs the place to send someone to. The rule works on characters: a
place is a run of Chinese letters or digits that ends in a place word (酒店, 小区, 大桥, 家里 …),
optionally followed by a room, floor or building number and a direction word (门口, 楼顶 …),
and starts after the last location cue of its clause (在, 住, 地址是 …). A clause with a cue
but no place word gives what follows the cue when it is short and names no action (a hotel
brand, "格林豪泰"; not "在给网友转钱"). The value is the span as typed: the officer and the station read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Longest first, so that "火车站" wins over "站" and "楼顶" over "楼".
_PLACE_WORDS = sorted(
    {
        "酒店", "宾馆", "旅馆", "旅社", "招待所", "民宿", "客栈", "小区", "花园", "大厦", "大楼", "公寓", "宿舍",
        "出租屋", "医院", "诊所", "学校", "大学", "中学", "小学", "幼儿园", "图书馆", "操场", "公园", "广场",
        "商场", "超市", "市场", "车站", "火车站", "汽车站", "地铁站", "候车室", "机场", "服务区", "银行",
        "营业厅", "网吧", "大桥", "桥", "天台", "楼顶", "阳台", "江边", "河边", "湖边", "海边", "水库",
        "路", "街", "巷", "道", "号", "村", "村口", "镇", "家里", "家中", "家楼下", "屋里", "屋头", "车库",
        "停车场", "单元", "栋", "楼", "层", "室", "房间", "车里", "公司", "单位", "工地", "厂",
    },
    key=len,
    reverse=True,
)
_UNITS = r"(?:号楼|号房|房间|单元|栋|楼|层|室|号|房)"
_DIRECTIONS = r"(?:门口|旁边|附近|对面|中间|下面|上面|楼下|楼顶|里面|里|上|下|边|口)"
_PLACE = re.compile(
    r"[\u4e00-\u9fffA-Za-z0-9]{0,16}?"
    rf"(?:[\u4e00-\u9fffA-Za-z0-9]*(?:{'|'.join(_PLACE_WORDS)}))"
    rf"(?:[0-9A-Za-z一二三四五六七八九十零]{{1,6}}{_UNITS}?){{0,3}}"
    rf"{_DIRECTIONS}?"
)
_CLAUSE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
_CUES = ("地址是", "位置是", "地址在", "位置在", "地址", "位置", "定位", "位于", "住在", "在")
_MAX_LENGTH = 24
_MIN_FALLBACK = 2
_MAX_FALLBACK = 10
# A cue followed by one of these is what the person is doing ("她正在被骗", "在给网友转钱"), not where.
_NOT_A_PLACE = frozenset("被给跟和对向把说想看做忙哭打转等问听用弄搞玩聊吃穿骗拿发找去来要让跳死挂电")
# "在" in these words is not "at": "我现在就挂掉他电话", "她正在去银行的路上", "存在问题".
_NOT_THE_CUE = ("现在", "正在", "实在", "存在", "好在", "自在", "在于")


def _is_cue_at(clause: str, index: int, cue: str) -> bool:
    if cue != "在":
        return True
    return not any(
        clause.startswith(word, index - word.index("在")) for word in _NOT_THE_CUE if index - word.index("在") >= 0
    )


def _after_last_cue(clause: str) -> int | None:
    """Index just after the last location cue in ``clause``, or ``None``."""
    best: int | None = None
    for cue in _CUES:
        index = clause.rfind(cue)
        while index != -1 and not _is_cue_at(clause, index, cue):
            index = clause.rfind(cue, 0, index)
        if index != -1 and (best is None or index + len(cue) > best):
            best = index + len(cue)
    return best


def find_location_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each place the person is said to be at, in order.

    Only clauses with a location cue count, or clauses that are a place and nothing else
    ("如家酒店308房间", not "他说钱追不回来他就去跳楼"). In "她在工商银行转了5万" the bank
    rule, which runs first, keeps the bank.
    """
    for clause in _CLAUSE.finditer(text):
        body = clause.group(0)
        cue_end = _after_last_cue(body)
        start = cue_end if cue_end is not None else 0
        rest = body[start:]
        if not rest:
            continue
        place = _PLACE.match(rest[: _MAX_LENGTH + 8])
        bare_place = (
            cue_end is None and place is not None and place.end() == len(rest) and not _NOT_A_PLACE & set(rest)
            # "案件号" is no place: a bare clause needs a number or a place word of two characters.
            and (any(char.isdigit() for char in rest) or any(word in rest for word in _PLACE_WORDS if len(word) > 1))
        )
        if place and (cue_end is not None or bare_place):
            end = min(place.end(), _MAX_LENGTH)
            yield clause.start() + start, clause.start() + start + end
        elif cue_end is not None and _MIN_FALLBACK <= len(rest) <= _MAX_FALLBACK and not _NOT_A_PLACE & set(rest):
            yield clause.start() + start, clause.end()
