"""Non-overlapping character spans of one text, claimed first come, first served.

Every finder of the analysis keeps the spans it found from overlapping each other. Checking a
new span against every span taken so far is quadratic in the length of the message (a 40 kB
message of 8,000 amounts took close to a minute); an occupancy map of the text makes a check
cost the length of the span asked about, so the analysis stays linear in the text's length.
"""

from __future__ import annotations


class SpanClaims:
    """Which characters of a text are already part of a span.

    Args:
        length: the length of the text the spans are in.
    """

    def __init__(self, length: int) -> None:
        self._taken = bytearray(length)

    def is_free(self, start: int, end: int) -> bool:
        """Whether no claimed span overlaps ``[start, end)``."""
        return self._taken.find(1, start, end) == -1

    def claim(self, start: int, end: int) -> bool:
        """Claim ``[start, end)`` if it overlaps no claimed span; return whether it was claimed."""
        if not self.is_free(start, end):
            return False
        self._taken[start:end] = b"\x01" * (end - start)
        return True
