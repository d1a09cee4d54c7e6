"""The doctrine's rule for an opening, as the end-to-end and browser tests check it on live replies."""

from __future__ import annotations

import re

IDENTITY_FIRST = re.compile(r"^[^。!!??]{0,12}(我是|我们是|这里是|这边是)[^。!!??]{0,20}(公安|警察|民警|派出所|反诈|警官|政府)")
NAMES_THE_SCAM = re.compile(r"骗子|诈骗|骗局|被骗|骗钱")
FIRST_SENTENCE = re.compile(r"^[^。!!??]*[。!!??]?")


def assert_warning_first(opening: str, address: str) -> None:
    """The opening greets the person by ``address``, names the scam first, never the officer's identity."""
    assert opening.startswith(f"{address},您好"), opening
    body = re.sub(rf"^{re.escape(address)},您好[!!,,。]?\s*", "", opening)
    assert not IDENTITY_FIRST.search(body), opening
    first = FIRST_SENTENCE.match(body)
    assert first and NAMES_THE_SCAM.search(first.group(0)), opening
