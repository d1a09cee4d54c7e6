"""Errors of the replay commands; each says what is unusable and is reported in one line."""

from __future__ import annotations

from assistant.errors import QuanzuError


class ReplayError(QuanzuError):
    """Base class of the replay commands' errors."""


class ExportError(ReplayError):
    """The conversations cannot be read (no SQL tracker store, a missing database file)."""


class ReplayFileError(ReplayError):
    """A replay file cannot be used: unreadable, or its metadata does not fit its steps."""


class ReplayConnectionError(ReplayError):
    """The Rasa server cannot be reached, or refuses the token."""


class CaseDatabaseMissing(ReplayError):
    """The case database named by the URL does not exist (names could not be masked)."""
