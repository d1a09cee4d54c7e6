"""Masking personal data in exported conversations, consistently.

The same real value always becomes the same placeholder (for a given salt), so a masked
conversation still makes sense and still replays:

- phone, account and id numbers (10 or more digits) keep their length, their first digit and
  their separators; the other digits are replaced by digits derived from a keyed hash
  (``6222 0212 3456 7890 123`` → ``6847 1190 ...``). Case ids (``YJ`` + date + number) are not
  personal data and are kept, also when typed without the ``YJ`` prefix;
- people's names and forms of address (from the case database, plus any common surname
  followed by an honorific) get a pseudonymous surname of two cyclical characters and keep
  their honorific (with the default salt ``何女士`` → ``癸卯女士``, ``何某某`` → ``癸卯某某``);
- officer ids and conversation ids become short hashes.

The hash is keyed by a salt (``QUANZU_REPLAY_SALT``). With the published demo salt
(:data:`DEFAULT_SALT`) anyone can compute the placeholder of a guessed value, so ``quanzu
replay export`` refuses to run without a secret one (see
:func:`assistant.replay.commands.export_salt`); the demo salt is used only when asked for
with ``--public-demo-salt``, for the synthetic conversations of the committed corpus.
Replaying does not need the secret: the fake numbers are sent as they were recorded, and
names are compared by shape (:func:`pseudonym_shape`).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from assistant.domain.identifiers import validate_case_id
from assistant.errors import MalformedCaseId

DEFAULT_SALT = "quanzu-replay-demo"

HONORIFIC_SUFFIXES = (
    "女士", "先生", "阿姨", "大爷", "同学", "小姐", "大姐", "大哥", "师傅", "奶奶", "爷爷",
    "老师", "大妈", "叔叔", "阿婆", "婆婆", "伯伯", "大叔", "某某", "某",
)
HONORIFIC_PREFIXES = ("小", "老", "阿")
# The most common Chinese surnames: followed by an honorific they are someone's name even when
# the person is not in the case database ("她说王先生也被骗了").
COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤肖付于"
)
# Heavenly stems and earthly branches, without 丁 (a real surname): pairs of them are
# recognisably not a real name.
PSEUDONYM_CHARACTERS = "甲乙丙戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"

# A run of digits, optionally grouped by single spaces or dashes, optionally ending in the X
# of an id number, not glued to letters or other digits.
_DIGIT_RUN = re.compile(r"(?<![0-9A-Za-z])\d+(?:[ \-]\d+)*[Xx]?(?![0-9A-Za-z])")
MIN_MASKED_DIGITS = 10
_PSEUDONYM = re.compile(
    f"(?<=[{''.join(HONORIFIC_PREFIXES)}])[{PSEUDONYM_CHARACTERS}]{{2}}"
    f"|[{PSEUDONYM_CHARACTERS}]{{2}}(?={'|'.join(sorted(HONORIFIC_SUFFIXES, key=len, reverse=True))})"
)


@dataclass(frozen=True)
class PersonOnRecord:
    """Someone in the case database: the name and the form of address the assistant uses."""

    name: str
    address_form: str


def split_address_form(address_form: str) -> tuple[str, str, str] | None:
    """Split a form of address into (prefix, surname, suffix); ``None`` when it has no honorific.

    >>> split_address_form("何女士")
    ('', '何', '女士')
    >>> split_address_form("小冯")
    ('小', '冯', '')
    """
    form = address_form.strip()
    for suffix in sorted(HONORIFIC_SUFFIXES, key=len, reverse=True):
        if form.endswith(suffix) and 1 <= len(form) - len(suffix) <= 2:
            return "", form[: -len(suffix)], suffix
    for prefix in HONORIFIC_PREFIXES:
        if form.startswith(prefix) and len(form) == len(prefix) + 1:
            return prefix, form[len(prefix):], ""
    return None


def _is_case_id_digits(digits: str) -> bool:
    try:
        validate_case_id(digits)
    except MalformedCaseId:
        return False
    return True


def _is_personal_number(run: str) -> bool:
    """Whether a digit run is a phone, account or id number (not an amount, date or case id)."""
    groups = re.split(r"[ \-]", run.rstrip("Xx"))
    digits = "".join(groups)
    if len(digits) < MIN_MASKED_DIGITS:
        return False
    # Grouped numbers are grouped in threes or fours (phones, cards); "2026-11-25 14" is a date.
    if len(groups) > 1 and any(len(group) < 3 for group in groups[:-1]):
        return False
    return not _is_case_id_digits(digits)


Replacement = tuple[int, int, str]


class Masker:
    """Replaces personal data by stable placeholders.

    Args:
        people: the people on record (names and forms of address to mask).
        numbers: phone, id and account numbers on record; in "live" masking only these are
            replaced (the digits of a replayed message are placeholders already).
        salt: key of the hash the placeholders are derived from.
    """

    def __init__(
        self,
        people: Iterable[PersonOnRecord] = (),
        numbers: Iterable[str] = (),
        salt: str = DEFAULT_SALT,
    ) -> None:
        self._key = salt.encode("utf-8")
        self._known_names: dict[str, str] = {}
        surnames: set[str] = set()
        for person in people:
            surname = self._add_person(person)
            if surname:
                surnames.add(surname)
        on_record = {re.sub(r"\D", "", number) for number in numbers}
        known = sorted(self._known_names, key=len, reverse=True)
        rare_surnames = sorted((s for s in surnames if s not in COMMON_SURNAMES), key=len, reverse=True)
        surname_pattern = "|".join([*map(re.escape, rare_surnames), f"[{COMMON_SURNAMES}]"])
        suffixes = "|".join(map(re.escape, sorted(HONORIFIC_SUFFIXES, key=len, reverse=True)))
        alternatives = [f"(?P<digits>{_DIGIT_RUN.pattern})"]
        if known:
            alternatives.append("(?P<known>" + "|".join(map(re.escape, known)) + ")")
        alternatives.append(f"(?P<surname>{surname_pattern})(?P<suffix>{suffixes})")
        self._pattern = re.compile("|".join(alternatives))
        numbers_on_record = sorted((n for n in on_record if len(n) >= MIN_MASKED_DIGITS), key=len, reverse=True)
        self._numbers_pattern = (
            re.compile(r"(?<!\d)(?:" + "|".join(numbers_on_record) + r")(?!\d)") if numbers_on_record else None
        )

    # --- placeholders ---------------------------------------------------------------------
    def _digest(self, kind: str, value: str) -> bytes:
        return hmac.new(self._key, f"{kind}:{value}".encode(), hashlib.sha256).digest()

    def surname(self, surname: str) -> str:
        """The pseudonymous surname of a real one: two stem/branch characters."""
        count = len(PSEUDONYM_CHARACTERS)
        index = int.from_bytes(self._digest("surname", surname)[:4], "big") % (count * count)
        return PSEUDONYM_CHARACTERS[index // count] + PSEUDONYM_CHARACTERS[index % count]

    def digits(self, number: str) -> str:
        """A fake number of the same shape: same length, first digit and separators kept."""
        plain = re.sub(r"[^0-9Xx]", "", number)
        stream = str(int.from_bytes(self._digest("number", plain), "big"))[2:]
        while len(stream) < len(plain):
            stream += str(int.from_bytes(self._digest("number", stream), "big"))[2:]
        fake_digits = iter(stream)
        out = []
        first = True
        for char in number:
            if char.isdigit():
                out.append(char if first else next(fake_digits))
                first = False
            else:
                out.append(char)
        return "".join(out)

    def officer(self, officer_id: str) -> str:
        """An officer id's placeholder (``officer_3fa9c1``)."""
        return "officer_" + self._digest("officer", officer_id).hex()[:6]

    def conversation(self, sender_id: str) -> str:
        """A conversation id's placeholder (``c-3fa9c17d02``)."""
        return "c-" + self._digest("conversation", sender_id).hex()[:10]

    def _add_person(self, person: PersonOnRecord) -> str | None:
        parts = split_address_form(person.address_form)
        name = person.name.strip()
        if parts is not None:
            prefix, surname, suffix = parts
            self._known_names[person.address_form.strip()] = prefix + self.surname(surname) + suffix
        else:
            surname = name[:1]
            if person.address_form.strip():
                self._known_names[person.address_form.strip()] = self.surname(person.address_form.strip())
        if name:
            if not name.startswith(surname):
                surname = name[:1]
            self._known_names[name] = self.surname(surname) + "某" * (len(name) - len(surname))
        return surname or None

    # --- text -----------------------------------------------------------------------------
    def replacements(self, text: str, numbers: bool = True) -> list[Replacement]:
        """Every ``(start, end, placeholder)`` of ``text``, in order and not overlapping.

        Args:
            text: the text to mask.
            numbers: whether to replace long digit runs (names are always replaced).
        """
        found: list[Replacement] = []
        for match in self._pattern.finditer(text):
            if match.group("digits") is not None:
                if numbers and _is_personal_number(match.group(0)):
                    found.append((match.start(), match.end(), self.digits(match.group(0))))
            elif match.groupdict().get("known") is not None:
                found.append((match.start(), match.end(), self._known_names[match.group(0)]))
            else:
                found.append((match.start(), match.end(), self.surname(match.group("surname")) + match.group("suffix")))
        return found

    def text(self, text: str) -> str:
        """``text`` with every personal value replaced by its placeholder."""
        return apply_replacements(text, self.replacements(text))

    def text_with_offsets(self, text: str) -> tuple[str, Callable[[int], int]]:
        """The masked text and a function mapping a position in ``text`` to the masked text."""
        found = self.replacements(text)
        return apply_replacements(text, found), offset_mapper(found)

    def live_text(self, text: str) -> str:
        """Mask what a live conversation took from the case database: names and numbers on record.

        Other digits are left alone: in a replay they come from the (already masked) messages.
        """
        found = self.replacements(text, numbers=False)
        if self._numbers_pattern is not None:
            found += [
                (m.start(), m.end(), self.digits(m.group(0)))
                for m in self._numbers_pattern.finditer(text)
                if not any(start < m.end() and m.start() < end for start, end, _ in found)
            ]
        return apply_replacements(text, sorted(found))

    # --- values ---------------------------------------------------------------------------
    def value(self, value: Any) -> Any:
        """Mask every string inside ``value`` (dicts, lists and tuples included)."""
        return _map_strings(value, self.text)

    def live_value(self, value: Any) -> Any:
        """Mask every string inside a live value the way :meth:`live_text` does."""
        return _map_strings(value, self.live_text)

    def slot(self, name: str, value: Any) -> Any:
        """Mask a slot value; the officer id becomes its placeholder."""
        if name == "officer_id" and isinstance(value, str) and value:
            return self.officer(value)
        return self.value(value)

    def message_metadata(self, metadata: Mapping[str, Any]) -> dict[str, Any]:
        """The metadata a message must be replayed with (case id, masked officer id)."""
        kept: dict[str, Any] = {}
        if metadata.get("case_id"):
            kept["case_id"] = str(metadata["case_id"])
        if metadata.get("officer_id"):
            kept["officer_id"] = self.officer(str(metadata["officer_id"]))
        return kept


def pseudonym_shape(value: Any) -> Any:
    """``value`` with every pseudonymous surname replaced by ``〇〇``, in every string inside it.

    A replay compares names by shape: the pseudonym of an export made with a secret salt, or
    of a synthetic stand-in for the real person in the test database, still matches as long
    as the honorific is the same (``癸卯女士`` and ``戌子女士`` are both ``〇〇女士``).
    """
    return _map_strings(value, lambda text: _PSEUDONYM.sub("〇〇", text))


def apply_replacements(text: str, replacements: Iterable[Replacement]) -> str:
    """``text`` with each ``(start, end, new)`` span replaced (spans sorted, not overlapping)."""
    out = []
    position = 0
    for start, end, new in replacements:
        out.append(text[position:start])
        out.append(new)
        position = end
    out.append(text[position:])
    return "".join(out)


def offset_mapper(replacements: list[Replacement]) -> Callable[[int], int]:
    """Map a position in the original text to the same position after the replacements."""

    def mapped(position: int) -> int:
        shift = 0
        for start, end, new in replacements:
            if end <= position:
                shift += len(new) - (end - start)
            elif start < position:
                return start + shift + min(position - start, len(new))
            else:
                break
        return position + shift

    return mapped


def _map_strings(value: Any, function: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return function(value)
    if isinstance(value, dict):
        return {key: _map_strings(item, function) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_map_strings(item, function) for item in value]
    return value
