"""Logging without personal data: a filter that masks phone, ID and account numbers.

Log lines leave the machine (journals, log shippers, bug reports), so they must not carry
what Quanzu guards: the code logs ids and lengths, never what an officer typed, and this
filter is the safety net under that rule. It rewrites each record's message, after the
arguments are formatted in, and the text of an attached traceback, masking every run of 10
or more digits (spaces, dashes and full-width digits included: phone numbers, 18-character
ID numbers ending in X, bank accounts) down to its last four digits. Case ids (``YJ…``) are
kept: they name a record, not a person.

Two ways to use it:

- ``install()`` once at process start (the action server, the panel, the CLI);
- for ``rasa run``, ``--logging-config-file assistant/logging.yml``, a ``dictConfig`` whose
  handlers use :class:`PersonalDataFilter`.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

_DIGIT = "[0-9０-９]"
_SEPARATOR = "[ \\-－‐–—\u3000]"
# 10+ digits with at most one separator between two digits, not glued to letters or digits
# on either side (so "YJ20261125001" stays), optionally ending in the X of an ID number.
_NUMBER = re.compile(
    rf"(?<![A-Za-z0-9０-９]){_DIGIT}(?:{_SEPARATOR}?{_DIGIT}){{9,}}(?:[XxＸ](?![A-Za-z]))?(?![0-9０-９])"
)
# "2026-12-01 21" is a date and an hour ("2026-12-01 21:22"), not a number to hide.
_DATE = re.compile(r"(?:19|20)\d\d-\d{1,2}-\d{1,2}(?: \d{1,2})?")
_KEEP = 4
_MASKABLE = re.compile(f"{_DIGIT}|[XxＸ]")


def _mask_number(match: re.Match[str]) -> str:
    run = match.group(0)
    if _DATE.fullmatch(run):
        return run
    positions = [m.start() for m in _MASKABLE.finditer(run)]
    hidden = set(positions[:-_KEEP])
    return "".join("*" if index in hidden else char for index, char in enumerate(run))


def mask_personal_numbers(text: str) -> str:
    """Mask every phone, ID or account number in ``text`` to its last four digits.

    ``"13900001001"`` → ``"*******1001"``; ``"6222 0212 3456 7890 123"`` →
    ``"**** **** **** ***0 123"``; ``"42090219661003002X"`` → ``"**************002X"``.
    """
    return _NUMBER.sub(_mask_number, text)


def describe_exception(error: BaseException) -> str:
    """Name an exception by type and the place it was raised, without its message.

    Exception messages often quote their input (``cn2an`` does: "不符合格式的数据：<text>"),
    so a log line about a failure on what an officer typed uses this instead.
    """
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return type(error).__name__
    last = frames[-1]
    return f"{type(error).__name__} at {last.filename.rsplit('/', 1)[-1]}:{last.lineno} in {last.name}"


class PersonalDataFilter(logging.Filter):
    """A logging filter that masks personal numbers in each record; it never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask the record's formatted message and traceback text in place."""
        mask_record(record)
        return True


def mask_record(record: logging.LogRecord) -> logging.LogRecord:
    """Mask ``record`` in place: message (with its arguments), traceback and stack text."""
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: keep the template, drop the arguments
        message = f"{record.msg} (unformattable log arguments dropped)"
    record.msg = mask_personal_numbers(message)
    record.args = None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = mask_personal_numbers(record.exc_text)
    if record.stack_info:
        record.stack_info = mask_personal_numbers(record.stack_info)
    return record


_installed_factory = False


def install(logger: logging.Logger | None = None) -> PersonalDataFilter:
    """Mask personal numbers in every log line of this process (or of ``logger``).

    Adds one :class:`PersonalDataFilter` to the logger and to each of its handlers. A
    logger's own filters see only records logged through it, not those propagated from
    child loggers, and handlers added later would have no filter: so for the root logger
    (``logger=None``) every record is also masked when it is created, through the log
    record factory, whatever handler ends up writing it. Calling it again adds nothing.

    Returns:
        The filter attached.
    """
    global _installed_factory
    target = logger or logging.getLogger()
    existing = next((f for f in target.filters if isinstance(f, PersonalDataFilter)), None)
    personal_filter = existing or PersonalDataFilter()
    if existing is None:
        target.addFilter(personal_filter)
    for handler in target.handlers:
        if not any(isinstance(f, PersonalDataFilter) for f in handler.filters):
            handler.addFilter(personal_filter)
    if logger is None and not _installed_factory:
        previous = logging.getLogRecordFactory()

        def masked_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
            return mask_record(previous(*args, **kwargs))

        logging.setLogRecordFactory(masked_record)
        _installed_factory = True
    return personal_filter
