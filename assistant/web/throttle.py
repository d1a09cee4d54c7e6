"""Sign-in throttling: temporary lockout per username and per client address (the ``limits`` library).

Only failed sign-ins count. Once a username or an address has used up its failures in the
moving window, every attempt is refused — the right password too — until the oldest failure
leaves the window. A successful sign-in clears that username's failures (not the address's:
signing in to one's own account must not reset a guessing run against others).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

# A storage URI, so a shared store (e.g. "redis://localhost:6379") can replace the in-process
# one when the panel runs in several processes.
LOGIN_STORAGE_URI = "memory://"
FAILURES_PER_USERNAME = "5 per 15 minutes"
FAILURES_PER_ADDRESS = "20 per 15 minutes"
LOCKED_OUT = "登录失败次数过多,请15分钟后再试"


def login_storage(uri: str = LOGIN_STORAGE_URI) -> Storage:
    """The store of the failure counters (the one place that chooses it)."""
    return storage_from_string(uri)


@dataclass(frozen=True)
class Lockout:
    """A refused sign-in: how long until the next attempt may succeed."""

    retry_after: int


class LoginThrottle:
    """Counts failed sign-ins per username and per client address, and says when to refuse."""

    def __init__(
        self,
        storage: Storage | None = None,
        *,
        per_username: str = FAILURES_PER_USERNAME,
        per_address: str = FAILURES_PER_ADDRESS,
    ) -> None:
        self._storage = storage or login_storage()
        self._limiter = MovingWindowRateLimiter(self._storage)
        self._per_username: RateLimitItem = parse(per_username)
        self._per_address: RateLimitItem = parse(per_address)

    def _checks(self, username: str, address: str) -> list[tuple[RateLimitItem, str, str]]:
        return [(self._per_username, "username", _key(username)), (self._per_address, "address", address)]

    def lockout(self, username: str, address: str) -> Lockout | None:
        """A ``Lockout`` when this username or this address has no failed attempt left, else ``None``."""
        waits = []
        for item, kind, value in self._checks(username, address):
            if not self._limiter.test(item, "login", kind, value):
                reset_at, _remaining = self._limiter.get_window_stats(item, "login", kind, value)
                waits.append(max(1, math.ceil(reset_at - time.time())))
        return Lockout(max(waits)) if waits else None

    def failed(self, username: str, address: str) -> None:
        """Count a failed sign-in against the username and the address."""
        for item, kind, value in self._checks(username, address):
            self._limiter.hit(item, "login", kind, value)

    def succeeded(self, username: str) -> None:
        """Clear the username's failures after a successful sign-in."""
        self._storage.clear(self._per_username.key_for("login", "username", _key(username)))


def _key(username: str) -> str:
    # Usernames are matched as typed apart from surrounding spaces; case variants of one name
    # share a counter so they do not multiply the attempts.
    return username.strip().casefold()
