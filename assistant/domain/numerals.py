"""Chinese numerals (三十, 五万二, 5.63亿) read with ``cn2an``, with a single failure mode.

``cn2an`` raises ``ValueError``, ``KeyError``, ``IndexError`` and others on malformed numerals
("十十", "2十0"); callers of this module only ever see ``ValueError``.
"""

from __future__ import annotations

import math

import cn2an

# No amount, count or time is written with more characters than this; longer runs of numeral
# characters are numeral soup, not a number, and are not worth the conversion.
MAX_NUMERAL_LENGTH = 24


def read_numeral(text: str) -> float:
    """Return the value of a numeral written in Chinese, Arabic digits or a mix ("3万5").

    Raises:
        ValueError: when ``text`` is empty, too long, malformed, or not a finite number.
    """
    if not text or len(text) > MAX_NUMERAL_LENGTH:
        raise ValueError(f"not a numeral ({len(text)} characters)")
    try:
        value = float(cn2an.cn2an(text, "smart"))
    except Exception as error:  # cn2an has no single exception type for a malformed numeral
        raise ValueError(f"not a numeral ({len(text)} characters)") from error
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


def read_count(text: str) -> int:
    """Return a small whole number written in digits or Chinese ("2", "两", "十二").

    Raises:
        ValueError: when ``text`` is not a whole number.
    """
    if text.isdigit():
        try:
            return int(text)
        except ValueError:
            pass  # a digit-like character int() does not read ("²"): try cn2an
    value = read_numeral(text)
    if value != int(value):
        raise ValueError("not a whole number")
    return int(value)
