"""Input limits shared by the panel and the Rasa channels."""

from __future__ import annotations

# Longest message an officer may send in one go; longer text is refused with a clear message.
MAX_MESSAGE_CHARS = 1000
MESSAGE_TOO_LONG = f"消息过长(最多{MAX_MESSAGE_CHARS}字),请分几次发送"
