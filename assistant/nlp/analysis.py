"""Rule-based entity analysis of what officers type.

Rules work on characters, not tokens: jieba often splits "8万到" as "8" / "万到", so a token
pattern would miss or mangle amounts and account numbers. The spaCy component maps the
character spans found here onto tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.domain.amounts import find_amounts
from assistant.domain.banks import bank_spans
from assistant.domain.fraud_types import cue_spans, detect_fraud_type
from assistant.domain.identifiers import find_accounts, find_case_ids
from assistant.domain.locations import find_location_spans
from assistant.domain.numerals import read_count
from assistant.domain.outcomes import MAX_ACCOUNTS_FROZEN, outcome_spans
from assistant.domain.spans import SpanClaims
from assistant.domain.times import find_time_spans

_ACCOUNTS_FROZEN = re.compile(
    r"(?:冻结了?|止付了?)\s*(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个|张)?(?:账户|账号|卡|银行卡)"
    r"|(?P<n2>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个|张)(?:账户|账号|卡|银行卡)(?:已|被)?(?:冻结|止付)"
)


@dataclass(frozen=True)
class EntityMention:
    """One entity found in a text: type, exact character span, normalised value and role."""

    entity: str
    start: int
    end: int
    text: str
    value: Any
    role: str | None = None

    def as_rasa_entity(self, extractor: str) -> dict[str, Any]:
        """Return the entity in the dictionary shape Rasa messages carry."""
        entity: dict[str, Any] = {
            "entity": self.entity,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "extractor": extractor,
        }
        if self.role:
            entity["role"] = self.role
        return entity


def analyse(text: str) -> list[EntityMention]:
    """Find every entity of the conversation contract in ``text``.

    Identifiers are found first (case ids, account numbers), so their digits are never
    read as amounts; the remaining entity types may not overlap each other either. The work
    is linear in the length of ``text``. Malformed numerals ("冻结了十十个账户") and amounts
    that cannot be real ("八百亿亿") are not entities; nothing here raises on any text.

    Returns:
        The mentions, ordered by position.
    """
    found: list[EntityMention] = []
    claims = SpanClaims(len(text))

    def add(entity: str, start: int, end: int, value: Any, role: str | None = None) -> None:
        if claims.claim(start, end):
            found.append(EntityMention(entity, start, end, text[start:end], value, role))

    for mention in find_case_ids(text):
        # Malformed ids are kept too: the case lookup tells the officer what is wrong.
        add("case_id", mention.start, mention.end, mention.value)
    for mention in find_accounts(text):
        add("account_number", mention.start, mention.end, mention.value)
    for match in _ACCOUNTS_FROZEN.finditer(text):
        raw = match.group("n") or match.group("n2")
        try:
            count = read_count(raw)
        except ValueError:
            continue  # "十十个账户": no count the officer can have meant; the outcome still counts
        if not 0 <= count <= MAX_ACCOUNTS_FROZEN:
            continue
        start = match.start("n") if match.group("n") else match.start("n2")
        end = match.end("n") if match.group("n") else match.end("n2")
        add("accounts_frozen", start, end, count)
    for start, end in find_time_spans(text):
        add("transfer_time", start, end, text[start:end])
    for amount in find_amounts(text):
        add("amount", amount.start, amount.end, amount.value, amount.role)
    for start, end, bank in bank_spans(text):
        add("bank", start, end, bank)
    for start, end, outcome in outcome_spans(text):
        add("outcome", start, end, outcome.value)
    detected = detect_fraud_type(text)
    if detected is not None:
        for start, end, fraud_type in cue_spans(text):
            if fraud_type is detected:
                add("fraud_type", start, end, detected.value)
                break
    # Last: a bank or a time inside "在工商银行转了5万" is what that message is about.
    for start, end in find_location_spans(text):
        add("person_location", start, end, text[start:end])
    return sorted(found, key=lambda mention: mention.start)
