"""Caps on what officers may type, shared by the panel and the chat channel.

The caps keep one long message from holding the assistant busy for everyone, and give the
officer a clear message instead of a silent failure.
"""

from __future__ import annotations

MAX_MESSAGE_CHARS = 1000
MESSAGE_TOO_LONG = f"消息过长(最多{MAX_MESSAGE_CHARS}字),请分几次发送"

# Free-text fields of the records (outcome note, escalation reason).
MAX_NOTE_CHARS = 1000
# One-line form fields (account, bank, amount or transfer time as typed).
MAX_FIELD_CHARS = 100
# Sign-in fields: long enough for any real account, short enough that hashing stays cheap.
MAX_USERNAME_CHARS = 64
MAX_PASSWORD_CHARS = 256


def too_long(limit: int) -> str:
    """The officer-facing message for a free-text field longer than ``limit`` characters."""
    return f"内容过长(最多{limit}字)"
