"""The panel's JSON API (docs/panel-api.md): thin routes over the ``assistant`` services.

Every route but ``/api/login`` needs a signed-in user. Trainees get the same answers with every
real personal value masked or pseudonymised (of every case the answer mentions); only ``reveal``
refuses them outright. Every case view and every reveal is audited; supervisors list the audit.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import JSONResponse

from assistant.domain.identifiers import validate_case_id
from assistant.domain.roles import sees_personal_data
from assistant.services.audit import DEFAULT_LIMIT, VIEW, list_access, record_access
from assistant.services.case_views import case_view, iso, queue_view, redact_for_trainee
from assistant.services.cases import load_case
from assistant.services.conversation import (
    Exchange,
    conversation_id,
    load_call_context,
    load_stop_payment_draft,
    load_transcript,
    send_message,
    start_conversation,
)
from assistant.services.escalation import escalate
from assistant.services.life_safety_alert import life_safety_alert
from assistant.services.outcomes import format_confirmation, record_outcome, report_from_form
from assistant.services.personal_data import load_redaction
from assistant.services.queue import load_queue
from assistant.services.reveal import reveal
from assistant.services.stop_payment import draft_from_form, format_stop_payment_summary, submit_stop_payment
from assistant.services.users import Account, authenticate
from assistant.web.auth import ApiUser, PersonalDataUser, RecordUser, SupervisorUser, sign_in, sign_out
from assistant.web.context import Panel, PanelDep
from assistant.web.schemas import EscalationBody, LoginBody, MessageBody, OutcomeBody, RevealBody, StopPaymentBody
from assistant.web.throttle import LOCKED_OUT

router = APIRouter(prefix="/api")

WRONG_CREDENTIALS = "用户名或密码错误"
CHANNEL = "panel"
BAD_AUDIT_DATE = "日期格式应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM"
AUDIT_MAX_LIMIT = 2000
BAD_AUDIT_LIMIT = f"条数应为1到{AUDIT_MAX_LIMIT}之间的整数"


def _alert_view(slots: dict[str, Any]) -> dict[str, Any] | None:
    alert = life_safety_alert(slots)
    return alert.as_dict() if alert else None


def _exchange_view(exchange: Exchange) -> dict[str, Any]:
    """The answer to a message: the replies, and the life-safety alert the conversation is in."""
    return {"replies": [reply.as_dict() for reply in exchange.replies], "life_safety": _alert_view(exchange.slots)}


def _shown_to(user: Account, context: Panel, case_id: str, payload: Any) -> Any:
    """``payload`` about a case as ``user`` may see it (for trainees, redacted against every case it mentions)."""
    if sees_personal_data(user.role):
        return payload
    return redact_for_trainee(payload, load_redaction(context.uow, payload, case_id))


def _client_address(request: Request) -> str:
    # uvicorn sets the client from X-Forwarded-For when run with proxy headers behind a proxy.
    return request.client.host if request.client else "unknown"


# --- auth ---------------------------------------------------------------------------------


@router.post("/login", response_model=None)
def login(body: LoginBody, request: Request, response: Response, context: PanelDep) -> dict[str, str] | JSONResponse:
    """Sign in; the session cookie comes with the answer.

    Too many failures for this username or from this address lock sign-in for a while: 429
    with ``Retry-After``, whatever the password.
    """
    throttle = context.login_throttle
    address = _client_address(request)
    lockout = throttle.lockout(body.username, address)
    if lockout is not None:
        return JSONResponse({"detail": LOCKED_OUT}, status_code=429, headers={"Retry-After": str(lockout.retry_after)})
    account = authenticate(context.uow, body.username, body.password, context.hasher)
    if account is None:
        throttle.failed(body.username, address)
        raise HTTPException(status_code=401, detail=WRONG_CREDENTIALS)
    throttle.succeeded(body.username)
    sign_in(request, response, context, account)
    return account.as_dict()


@router.post("/logout", status_code=204)
def logout(request: Request, user: ApiUser, context: PanelDep) -> Response:
    """Sign out: the session is revoked server-side and the cookie cleared."""
    response = Response(status_code=204)
    sign_out(request, response, context)
    return response


@router.get("/me")
def me(user: ApiUser) -> dict[str, str]:
    """The signed-in user."""
    return user.as_dict()


# --- queue and case -----------------------------------------------------------------------


@router.get("/queue")
def queue(user: ApiUser, context: PanelDep) -> dict[str, Any]:
    """Open alerts (highest risk first, then oldest first) and the follow-ups due."""
    return queue_view(load_queue(context.uow, datetime.now()), trainee=not sees_personal_data(user.role))


@router.get("/cases/{case_id}")
def get_case(case_id: str, user: ApiUser, context: PanelDep) -> Any:
    """The case, its earlier alerts and this officer's conversation id."""
    case = load_case(context.uow, case_id)
    record_access(context.uow, username=user.username, case_id=case.case_id, action=VIEW, channel=CHANNEL, now=datetime.now())
    view = case_view(case, conversation_id(case.case_id, user.username))
    return _shown_to(user, context, case.case_id, view)


@router.post("/cases/{case_id}/reveal")
def reveal_field(
    case_id: str, body: RevealBody, user: PersonalDataUser, context: PanelDep
) -> dict[str, Any]:
    """The unmasked phone or id number; every reveal is audited."""
    revealed = reveal(
        context.uow, case_id=case_id, field=body.field, username=user.username, now=datetime.now(), channel=CHANNEL
    )
    return {"field": revealed.field, "value": revealed.value}


# --- conversation -------------------------------------------------------------------------


@router.get("/cases/{case_id}/conversation")
def conversation(case_id: str, user: ApiUser, context: PanelDep) -> Any:
    """The conversation so far and the assistant's slots (empty for a new conversation)."""
    case = load_case(context.uow, case_id)
    transcript = load_transcript(context.assistant, case.case_id, user.username)
    payload = {
        "messages": [message.as_dict() for message in transcript.messages],
        "slots": transcript.slots,
        "life_safety": _alert_view(transcript.slots),
    }
    return _shown_to(user, context, case.case_id, payload)


@router.post("/cases/{case_id}/start")
def start(case_id: str, user: ApiUser, context: PanelDep) -> Any:
    """Start the conversation: the case card and the opening."""
    case = load_case(context.uow, case_id)
    exchange = start_conversation(context.assistant, case.case_id, user.username, user.role)
    return _shown_to(user, context, case.case_id, _exchange_view(exchange))


@router.post("/cases/{case_id}/messages")
def message(
    case_id: str, body: MessageBody, user: ApiUser, context: PanelDep
) -> Any:
    """Send what the officer typed; the assistant's replies, suggestions marked."""
    case = load_case(context.uow, case_id)
    exchange = send_message(context.assistant, case.case_id, user.username, body.text, user.role)
    return _shown_to(user, context, case.case_id, _exchange_view(exchange))


@router.get("/cases/{case_id}/stop-payment/draft")
def stop_payment_draft(case_id: str, user: ApiUser, context: PanelDep) -> Any:
    """The stop-payment fields the assistant already extracted from the conversation."""
    case = load_case(context.uow, case_id)
    draft = load_stop_payment_draft(context.assistant, case.case_id, user.username)
    return _shown_to(user, context, case.case_id, draft)


# --- stop-payment, escalation, outcome ----------------------------------------------------


@router.post("/cases/{case_id}/stop-payments", status_code=201)
def file_stop_payment(
    case_id: str, body: StopPaymentBody, user: RecordUser, context: PanelDep
) -> Any:
    """File an emergency stop-payment request; the same request twice is filed once."""
    case = load_case(context.uow, case_id)
    draft = draft_from_form(
        payee_account=body.payee_account,
        payee_bank=body.payee_bank,
        amount=body.amount,
        transfer_time=body.transfer_time,
        now=datetime.now(),
    )
    receipt = submit_stop_payment(
        context.uow,
        case_id=case.case_id,
        conversation_id=conversation_id(case.case_id, user.username),
        officer=user.username,
        draft=draft,
    )
    payload = {"id": receipt.request_id, "summary": format_stop_payment_summary(receipt), "duplicate": receipt.duplicate}
    return _shown_to(user, context, case.case_id, payload)


@router.post("/cases/{case_id}/escalations", status_code=201)
def file_escalation(
    case_id: str, user: RecordUser, context: PanelDep, body: EscalationBody | None = None
) -> Any:
    """Hand the case to its police station; the briefing says what happened on the call."""
    case = load_case(context.uow, case_id)
    call = load_call_context(context.assistant, case.case_id, user.username)
    receipt = escalate(
        context.uow,
        case_id=case.case_id,
        conversation_id=conversation_id(case.case_id, user.username),
        officer=user.username,
        reactions=call.reactions,
        now=datetime.now(),
        officer_note=body.reason if body else None,
    )
    payload = {"id": receipt.escalation_id, "police_station": receipt.police_station, "briefing": receipt.briefing}
    return _shown_to(user, context, case.case_id, payload)


@router.post("/cases/{case_id}/outcome")
def log_outcome(
    case_id: str, body: OutcomeBody, user: RecordUser, context: PanelDep
) -> dict[str, Any]:
    """Log how the intervention ended (a repeat updates the record); relapse-prone cases get a follow-up."""
    case = load_case(context.uow, case_id)
    report = report_from_form(
        outcome=body.outcome,
        amount_saved=body.amount_saved,
        accounts_frozen=body.accounts_frozen,
        amount_frozen=body.amount_frozen,
        note=body.note,
    )
    call = load_call_context(context.assistant, case.case_id, user.username)
    now = datetime.now()
    record = record_outcome(
        context.uow,
        case_id=case.case_id,
        conversation_id=conversation_id(case.case_id, user.username),
        officer=user.username,
        report=report,
        started_at=call.started_at or now,
        ended_at=now,
        follow_up_days=context.settings.follow_up_days,
    )
    return {
        "id": record.intervention_id,
        "confirmation": format_confirmation(record),
        "follow_up_due": iso(record.follow_up_due),
        "updated": record.updated,
    }


# --- audit --------------------------------------------------------------------------------


def _audit_time(raw: str | None, *, end_of_day: bool) -> datetime | None:
    """An audit filter's time: ``YYYY-MM-DD`` (a whole day) or an ISO date and time."""
    if not raw:
        return None
    try:
        if len(raw) == 10:
            day = date.fromisoformat(raw)
            return datetime.combine(day + timedelta(days=1) if end_of_day else day, time())
        return datetime.fromisoformat(raw)
    except ValueError:
        raise HTTPException(status_code=422, detail=BAD_AUDIT_DATE) from None


@router.get("/audit")
def audit(
    user: SupervisorUser,
    context: PanelDep,
    case_id: str | None = None,
    username: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> dict[str, Any]:
    """Who viewed which case and revealed what, newest first (supervisors only).

    ``since`` and ``until`` are dates (``until`` includes its whole day) or ISO date-times
    (``until`` exclusive).
    """
    if not 1 <= limit <= AUDIT_MAX_LIMIT:
        raise HTTPException(status_code=422, detail=BAD_AUDIT_LIMIT)
    records = list_access(
        context.uow,
        since=_audit_time(since, end_of_day=False),
        until=_audit_time(until, end_of_day=True),
        case_id=validate_case_id(case_id) if case_id else None,
        username=username.strip() if username else None,
        limit=limit + 1,
    )
    return {"entries": [record.as_dict() for record in records[:limit]], "truncated": len(records) > limit}
