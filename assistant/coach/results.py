"""Storing drill results and the progress views: one trainee's, and all trainees' for supervisors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select

from assistant.coach.drill import DrillRecord
from assistant.db.models import DrillResult


@dataclass(frozen=True)
class ResultRow:
    """One stored drill result, as the progress views show it."""

    id: int
    username: str
    drill_id: str
    score: int
    turns: int
    passed: bool
    started_at: datetime
    finished_at: datetime


@dataclass(frozen=True)
class TraineeSummary:
    """One trainee's record over all their drills."""

    username: str
    drills: int
    passed: int
    average_score: float
    best_score: int
    last_at: datetime


def save_result(uow: Any, record: DrillRecord) -> int:
    """Store a finished drill; return the stored result's id."""
    with uow() as session:
        row = DrillResult(
            username=record.username,
            drill_id=record.drill_id,
            score=record.score,
            turns=record.turns,
            passed=record.passed,
            started_at=record.started_at,
            finished_at=record.finished_at,
            transcript=json.dumps(record.transcript, ensure_ascii=False),
        )
        session.add(row)
        session.flush()
        return int(row.id)


def _row(result: DrillResult) -> ResultRow:
    return ResultRow(
        id=result.id, username=result.username, drill_id=result.drill_id, score=result.score, turns=result.turns,
        passed=bool(result.passed), started_at=result.started_at, finished_at=result.finished_at,
    )


def trainee_progress(uow: Any, username: str) -> list[ResultRow]:
    """One trainee's results, oldest first (their progress over drills)."""
    with uow() as session:
        statement = (
            select(DrillResult).where(DrillResult.username == username).order_by(DrillResult.finished_at, DrillResult.id)
        )
        return [_row(result) for result in session.execute(statement).scalars()]


def transcript(uow: Any, result_id: int) -> list[dict[str, Any]]:
    """The stored transcript of one result (empty when there is no such result)."""
    with uow() as session:
        result = session.get(DrillResult, result_id)
        return list(json.loads(result.transcript)) if result is not None else []


def all_trainees(uow: Any) -> list[TraineeSummary]:
    """Every trainee's summary, for supervisors, by username."""
    with uow() as session:
        statement = (
            select(
                DrillResult.username,
                func.count(DrillResult.id),
                func.sum(case((DrillResult.passed.is_(True), 1), else_=0)),
                func.avg(DrillResult.score),
                func.max(DrillResult.score),
                func.max(DrillResult.finished_at),
            )
            .group_by(DrillResult.username)
            .order_by(DrillResult.username)
        )
        return [
            TraineeSummary(
                username=username, drills=int(count), passed=int(passed or 0), average_score=round(float(average), 1),
                best_score=int(best), last_at=last,
            )
            for username, count, passed, average, best, last in session.execute(statement).all()
        ]
