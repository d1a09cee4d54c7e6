"""``POST /api/cases/{case_id}/life-safety/dispatch``: one click sends help to a person in danger.

The danger and the location are read from the conversation on the server (the tracker's
slots), never taken from the page. Trainees cannot dispatch (403), like every real record.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter

from assistant.services.cases import load_case
from assistant.services.conversation import conversation_id, load_transcript
from assistant.services.life_safety_alert import dispatch
from assistant.web.auth import RecordUser
from assistant.web.context import PanelDep
from assistant.web.schemas import DispatchBody

router = APIRouter(prefix="/api")


@router.post("/cases/{case_id}/life-safety/dispatch", status_code=201)
def dispatch_help(case_id: str, body: DispatchBody, user: RecordUser, context: PanelDep) -> dict[str, Any]:
    """Dispatch the station, 110 or 120 to the person's location; the station's briefing says why."""
    case = load_case(context.uow, case_id)
    slots = load_transcript(context.assistant, case.case_id, user.username).slots
    sent = dispatch(
        context.uow,
        case_id=case.case_id,
        conversation_id=conversation_id(case.case_id, user.username),
        officer=user.username,
        slots=slots,
        service=body.service,
        now=datetime.now(),
    )
    return {"service": sent.service, "id": sent.escalation_id, "message": sent.message, "briefing": sent.briefing}
