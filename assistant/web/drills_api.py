"""The training mode's JSON API: drills, live drill sessions scored by the coach, and progress.

Live sessions are kept in memory on the panel (``Panel.drill_sessions``), keyed by a random id
and bound to the user who started them: another user's session answers 404. A finished drill
is stored through ``assistant.coach.results`` and dropped from memory.
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, validator

from assistant.coach.coach import Feedback
from assistant.coach.drill import DrillSession
from assistant.coach.drills import Drill, DrillNotFound, get_drill, load_drills
from assistant.coach.results import ResultRow, TraineeSummary, all_trainees, save_result, trainee_progress
from assistant.coach.rules import RULES, Verdict
from assistant.domain.fraud_types import LABELS, FraudType
from assistant.domain.limits import MAX_MESSAGE_CHARS, MESSAGE_TOO_LONG
from assistant.domain.roles import Role
from assistant.services.case_views import iso
from assistant.web.auth import ApiUser
from assistant.web.context import PanelDep

router = APIRouter(prefix="/api")

DRILL_NOT_FOUND = "没有这个训练场景"
SESSION_NOT_FOUND = "没有这次练习(可能已结束或已过期),请重新开始"
EMPTY_LINE = "请输入你要对当事人说的话"
MOODS = {"calm": "平静", "distrustful": "不信任民警", "panicking": "惊慌"}
MAX_LIVE_SESSIONS = 500


class DrillLineBody(BaseModel):
    """``POST /api/drill-sessions/{session_id}/lines``: at most ``MAX_MESSAGE_CHARS`` characters."""

    text: str

    @validator("text")
    def _text_capped(cls, value: str) -> str:
        if len(value) > MAX_MESSAGE_CHARS:
            raise ValueError(MESSAGE_TOO_LONG)
        return value


def _fraud_label(fraud_type: str) -> str:
    try:
        return LABELS[FraudType(fraud_type)]
    except ValueError:
        return fraud_type


def drill_summary(drill: Drill) -> dict[str, Any]:
    """One drill as the list shows it."""
    return {
        "id": drill.id,
        "title": drill.title,
        "fraud_type": drill.fraud_type,
        "fraud_type_label": _fraud_label(drill.fraud_type),
        "temperament": drill.temperament,
        "mood": MOODS.get(drill.temperament, drill.temperament),
        "max_turns": drill.max_turns,
    }


def feedback_view(feedback: Feedback) -> dict[str, Any]:
    """The coach's feedback: score, every rule with its status and message, the reference line."""
    rules = []
    for rule in RULES:
        verdict = feedback.verdicts.get(rule.name, Verdict.NOT_APPLICABLE)
        message = rule.good if verdict is Verdict.PASS else rule.missing if verdict is Verdict.FAIL else None
        rules.append({"name": rule.name, "label": rule.label, "status": verdict.value, "message": message})
    return {
        "score": feedback.score,
        "rules": rules,
        "good": list(feedback.good),
        "missing": list(feedback.missing),
        "suggestion": feedback.suggestion,
    }


def _result_view(row: ResultRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "username": row.username,
        "drill_id": row.drill_id,
        "score": row.score,
        "turns": row.turns,
        "passed": row.passed,
        "started_at": iso(row.started_at),
        "finished_at": iso(row.finished_at),
    }


def _summary_view(summary: TraineeSummary) -> dict[str, Any]:
    return {
        "username": summary.username,
        "drills": summary.drills,
        "passed": summary.passed,
        "average_score": summary.average_score,
        "best_score": summary.best_score,
        "last_at": iso(summary.last_at),
    }


def _live_session(sessions: dict[str, Any], session_id: str, username: str) -> DrillSession:
    session = sessions.get(session_id)
    if not isinstance(session, DrillSession) or session.username != username:
        raise HTTPException(status_code=404, detail=SESSION_NOT_FOUND)
    return session


@router.get("/drills")
def list_drills(user: ApiUser) -> dict[str, Any]:
    """Every drill of the scenario library."""
    return {"drills": [drill_summary(drill) for drill in load_drills().values()]}


@router.get("/drills/progress")
def progress(user: ApiUser, context: PanelDep) -> dict[str, Any]:
    """The user's own results; a supervisor also gets every trainee's summary and results."""
    titles = {drill.id: drill.title for drill in load_drills().values()}
    own = [_result_view(row) for row in trainee_progress(context.uow, user.username)]
    answer: dict[str, Any] = {"username": user.username, "role": user.role, "results": own}
    if user.role == Role.SUPERVISOR.value:
        summaries = all_trainees(context.uow)
        answer["trainees"] = [_summary_view(summary) for summary in summaries]
        answer["all_results"] = [
            _result_view(row) for summary in summaries for row in trainee_progress(context.uow, summary.username)
        ]
    answer["titles"] = titles
    return answer


@router.post("/drills/{drill_id}/sessions", status_code=201)
def start_drill(drill_id: str, user: ApiUser, context: PanelDep) -> dict[str, Any]:
    """Start a drill for the signed-in user: the session id, the person's first line and profile."""
    try:
        drill = get_drill(drill_id)
    except DrillNotFound as error:
        raise HTTPException(status_code=404, detail=DRILL_NOT_FOUND) from error
    sessions = context.drill_sessions
    while len(sessions) >= MAX_LIVE_SESSIONS:  # abandoned drills: drop the oldest
        sessions.pop(next(iter(sessions)))
    session_id = secrets.token_urlsafe(18)
    session = DrillSession(drill, user.username)
    sessions[session_id] = session
    profile = drill.profile
    return {
        "session_id": session_id,
        "drill": drill_summary(drill),
        "person_line": session.opening_line,
        "profile": {"address": profile.address, "age": profile.age, "situation": profile.situation},
    }


@router.post("/drill-sessions/{session_id}/lines")
def say_line(session_id: str, body: DrillLineBody, user: ApiUser, context: PanelDep) -> dict[str, Any]:
    """One trainee line: the coach's feedback and the person's reply; the final result when the drill ends."""
    session = _live_session(context.drill_sessions, session_id, user.username)
    if not body.text.strip():
        raise HTTPException(status_code=422, detail=EMPTY_LINE)
    turn = session.say(body.text)
    answer: dict[str, Any] = {
        "turn": len(session.turns),
        "max_turns": session.drill.max_turns,
        "trainee_line": turn.trainee_line,
        "feedback": feedback_view(turn.feedback),
        "person_line": turn.person_line,
        "state": turn.state,
        "moved": turn.moved,
        "finished": session.finished,
    }
    if session.finished:
        context.drill_sessions.pop(session_id, None)
        answer["outcome"] = session.outcome
        answer["score"] = session.score
        answer["passed"] = session.passed
        answer["result_id"] = save_result(context.uow, session.record())
    return answer
