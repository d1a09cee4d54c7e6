"""The panel's pages: the HTML shells the front end fills in from the JSON API."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant.domain.limits import MAX_FIELD_CHARS, MAX_MESSAGE_CHARS, MAX_NOTE_CHARS
from assistant.domain.roles import Role
from assistant.services.users import Account
from assistant.web.auth import PageUser, session_account
from assistant.web.context import Panel, PanelDep
from assistant.web.stats_api import STATS_FORBIDDEN

router = APIRouter()


def _render(
    context: Panel, request: Request, template: str, user: Account | None, status_code: int = 200, **extra: str
) -> Response:
    variables = {
        "request": request,
        "user": user.as_dict() if user else None,
        "static_version": context.static_version,
        **extra,
    }
    return context.templates.TemplateResponse(template, variables, status_code=status_code)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, context: PanelDep) -> Response:
    """The sign-in form; a signed-in user goes straight to the queue."""
    if session_account(request, context) is not None:
        return RedirectResponse("/", status_code=303)
    return _render(context, request, "login.html", None)


@router.get("/", response_class=HTMLResponse)
def queue_page(request: Request, user: PageUser, context: PanelDep) -> Response:
    """The work queue and "open by id"."""
    return _render(context, request, "queue.html", user)


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(
    case_id: str, request: Request, user: PageUser, context: PanelDep
) -> Response:
    """The live case: card, call timer, conversation, forms (inputs capped as the API caps them)."""
    return _render(
        context,
        request,
        "case.html",
        user,
        case_id=case_id,
        max_message_chars=str(MAX_MESSAGE_CHARS),
        max_note_chars=str(MAX_NOTE_CHARS),
        max_field_chars=str(MAX_FIELD_CHARS),
    )


@router.get("/drills", response_class=HTMLResponse)
def drills_page(request: Request, user: PageUser, context: PanelDep) -> Response:
    """Training: the drills and the user's progress (every trainee's, for supervisors)."""
    return _render(context, request, "drills.html", user)


@router.get("/drills/{drill_id}", response_class=HTMLResponse)
def drill_page(drill_id: str, request: Request, user: PageUser, context: PanelDep) -> Response:
    """One drill: the person's lines, the trainee's lines, the coach's feedback and the score."""
    return _render(context, request, "drill.html", user, drill_id=drill_id)


@router.get("/stats", response_class=HTMLResponse)
def stats_page(request: Request, user: PageUser, context: PanelDep) -> Response:
    """The supervisors' dashboard (figures, charts, CSV); anyone else gets 403 and a way back."""
    if user.role != Role.SUPERVISOR.value:
        return _render(context, request, "forbidden.html", user, status_code=403, message=STATS_FORBIDDEN)
    return _render(context, request, "stats.html", user)
