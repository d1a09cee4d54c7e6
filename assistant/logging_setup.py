"""Placeholder until the personal-data log filter lands (replaced on merge)."""

from __future__ import annotations

import logging


def install(logger: logging.Logger | None = None) -> None:
    """Attach the personal-data filter to the root logger's handlers."""
