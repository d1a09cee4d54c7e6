"""Banks and payment platforms that take emergency stop-payment requests."""

from __future__ import annotations

from assistant.domain.spans import SpanClaims

# Canonical name -> the short and colloquial names officers type.
BANKS: dict[str, tuple[str, ...]] = {
    "中国工商银行": ("工商银行", "工行"),
    "中国农业银行": ("农业银行", "农行"),
    "中国银行": ("中行",),
    "中国建设银行": ("建设银行", "建行"),
    "交通银行": ("交行",),
    "中国邮政储蓄银行": ("邮政储蓄银行", "邮储银行", "邮政银行", "邮储", "邮政"),
    "招商银行": ("招行",),
    "上海浦东发展银行": ("浦发银行", "浦发"),
    "中信银行": ("中信",),
    "中国光大银行": ("光大银行", "光大"),
    "华夏银行": (),
    "中国民生银行": ("民生银行", "民生"),
    "广发银行": ("广发",),
    "平安银行": (),
    "兴业银行": ("兴业",),
    "湖北银行": (),
    "汉口银行": (),
    "湖北农信": ("农村商业银行", "农商银行", "农商行", "农村信用社", "信用社"),
    "支付宝": ("蚂蚁", "alipay"),
    "微信支付": ("财付通", "微信钱包", "微信"),
    "云闪付": (),
}


# Lower-cases ASCII letters only: str.lower() changes the length of some strings ("İ" → "i̇"),
# and the spans found must be offsets into the text as typed.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _alias_table() -> list[tuple[str, str]]:
    pairs = [(alias, canonical) for canonical, aliases in BANKS.items() for alias in aliases]
    pairs += [(canonical, canonical) for canonical in BANKS]
    # Longest first, so "中国工商银行" wins over "工商银行" and "中国银行".
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def canonical_bank(name: str) -> str | None:
    """Return the canonical name for a bank or platform as typed, or ``None`` if unknown."""
    cleaned = name.strip().lower()
    for alias, canonical in _alias_table():
        if alias.lower() == cleaned:
            return canonical
    return None


def bank_spans(text: str) -> list[tuple[int, int, str]]:
    """Return non-overlapping ``(start, end, canonical)`` for bank names in ``text``."""
    lowered = text.translate(_ASCII_LOWER)
    claims = SpanClaims(len(lowered))
    found: list[tuple[int, int, str]] = []
    for alias, canonical in _alias_table():
        start = lowered.find(alias.lower())
        while start != -1:
            end = start + len(alias)
            if claims.claim(start, end):
                found.append((start, end, canonical))
            start = lowered.find(alias.lower(), end)
    return sorted(found)
