"""The access audit: every case view and every reveal of unmasked personal data, by whom and when.

The panel records ``view`` when it shows a case card and ``reveal:<field>`` when it shows an
unmasked phone or id number; the chat actions record the same with channel ``chat``.
Supervisors list the records (``GET /api/audit``, ``quanzu audit``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db.models import AccessLog
from assistant.db.unit_of_work import UnitOfWork

VIEW = "view"
REVEAL_PREFIX = "reveal:"
CHANNELS = ("panel", "chat")
DEFAULT_LIMIT = 500
MAX_LIMIT = 5000

# How the actions read in the officer's language.
ACTION_LABELS = {VIEW: "查看案件", "reveal:phone": "查看完整电话", "reveal:id_number": "查看完整身份证号"}


@dataclass(frozen=True)
class AccessRecord:
    """One audit record."""

    username: str
    case_id: str
    action: str
    channel: str
    at: datetime

    def as_dict(self) -> dict[str, str]:
        """The record as the panel API shows it."""
        return {
            "at": self.at.isoformat(timespec="seconds"),
            "username": self.username,
            "case_id": self.case_id,
            "action": self.action,
            "action_label": ACTION_LABELS.get(self.action, self.action),
            "channel": self.channel,
        }


def reveal_action(field: str) -> str:
    """The audit action of revealing ``field`` (``reveal:phone``, ``reveal:id_number``)."""
    return f"{REVEAL_PREFIX}{field}"


def add_access(session: Session, *, username: str, case_id: str, action: str, channel: str, now: datetime) -> None:
    """Add an audit record to an open unit of work (so it commits, or not, with what it records)."""
    session.add(AccessLog(username=username, case_id=case_id, action=action, channel=channel, at=now))


def record_access(uow: UnitOfWork, *, username: str, case_id: str, action: str, channel: str, now: datetime) -> None:
    """Record that ``username`` saw ``case_id`` (``action`` ``view`` or ``reveal:<field>``) through ``channel``.

    Args:
        uow: the unit of work on the case database.
        username: the panel account or officer id.
        case_id: the normalised case id.
        action: ``view`` or ``reveal:<field>``.
        channel: ``panel`` or ``chat``.
        now: when it happened (local time, like every timestamp of the database).
    """
    with uow() as session:
        add_access(session, username=username, case_id=case_id, action=action, channel=channel, now=now)


def list_access(
    uow: UnitOfWork,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    case_id: str | None = None,
    username: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[AccessRecord]:
    """The audit records matching every filter given, newest first.

    Args:
        uow: the unit of work on the case database.
        since: only records at or after this time.
        until: only records before this time.
        case_id: only records of this case.
        username: only records of this user.
        limit: at most this many records (capped at ``MAX_LIMIT``).
    """
    statement = select(AccessLog)
    if since is not None:
        statement = statement.where(AccessLog.at >= since)
    if until is not None:
        statement = statement.where(AccessLog.at < until)
    if case_id:
        statement = statement.where(AccessLog.case_id == case_id)
    if username:
        statement = statement.where(AccessLog.username == username)
    statement = statement.order_by(AccessLog.at.desc(), AccessLog.id.desc()).limit(max(1, min(limit, MAX_LIMIT)))
    with uow() as session:
        return [
            AccessRecord(row.username, row.case_id, row.action, row.channel, row.at)
            for row in session.execute(statement).scalars()
        ]


def format_access_table(records: list[AccessRecord]) -> str:
    """The records as a plain-text table for the terminal (``quanzu audit``)."""
    header = ("time", "user", "case", "action", "channel")
    rows = [header] + [
        (record.at.isoformat(sep=" ", timespec="seconds"), record.username, record.case_id, record.action, record.channel)
        for record in records
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    if not records:
        lines.append("(no records)")
    return "\n".join(lines)
