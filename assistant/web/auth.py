"""Signing in and out, the signed-in user, and role checks.

A session is a row of ``panel_sessions`` (``assistant.services.sessions``); the browser holds
its random token in the ``quanzu_session`` cookie, signed with ``Settings.secret_key`` so that a
forged or tampered cookie is refused before any database look-up. Every request looks the
session up: an expired or revoked session (sign-out revokes it server-side) or a removed
account answers 401 on the API and redirects to ``/login`` on the pages. The account is read on
every request, so a changed role takes effect at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Response
from itsdangerous import BadSignature, TimestampSigner

from assistant.config import require
from assistant.domain.roles import Role, sees_personal_data
from assistant.services import sessions
from assistant.services.users import Account
from assistant.web.context import Panel, PanelDep

SESSION_COOKIE = "quanzu_session"
_COOKIE_SALT = "quanzu.panel-session"
_ACCOUNT_STATE = "quanzu_account"

NOT_SIGNED_IN = "请先登录"
PERSONAL_DATA_FORBIDDEN = "学员账号不能查看真实个人信息"
RECORDS_FORBIDDEN = "学员账号不能为真实案件提交止付、上报或结果,请在训练中练习"
SUPERVISORS_ONLY = "只有主管可以查看访问记录"


class LoginRequired(Exception):
    """A page was asked for without a valid session; answered with a redirect to ``/login``."""


def _lifetime(context: Panel) -> timedelta:
    return timedelta(hours=context.settings.session_hours)


def _max_age(context: Panel) -> int:
    return max(1, int(context.settings.session_hours * 3600))


def _signer(context: Panel) -> TimestampSigner:
    # create_app refused to start without a usable key (require_secrets).
    return TimestampSigner(require(context.settings.secret_key, "secret_key"), salt=_COOKIE_SALT)


def _cookie_token(request: Request, context: Panel) -> str | None:
    """The session token of the request's cookie, if the cookie is signed with our key and not too old."""
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    try:
        return _signer(context).unsign(raw, max_age=_max_age(context)).decode("utf-8")
    except (BadSignature, UnicodeDecodeError):
        return None


def sign_in(request: Request, response: Response, context: Panel, account: Account) -> None:
    """Open a server-side session for ``account`` and put its signed token in ``response``'s cookie.

    The cookie is HttpOnly, SameSite=Strict, for the whole panel, and Secure when the request
    came over HTTPS (uvicorn takes the scheme from ``X-Forwarded-Proto`` behind a proxy).
    """
    now = datetime.now()
    previous = _cookie_token(request, context)
    if previous is not None:  # signing in again from the same browser ends the session it had
        sessions.revoke_session(context.uow, previous, now=now)
    token = sessions.open_session(context.uow, account.username, now=now, lifetime=_lifetime(context))
    response.set_cookie(
        SESSION_COOKIE,
        _signer(context).sign(token).decode("utf-8"),
        max_age=_max_age(context),
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def sign_out(request: Request, response: Response, context: Panel) -> None:
    """Revoke the request's session server-side and clear the cookie: a copy of it no longer works."""
    token = _cookie_token(request, context)
    if token is not None:
        sessions.revoke_session(context.uow, token, now=datetime.now())
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=request.url.scheme == "https"
    )


def session_account(request: Request, context: Panel) -> Account | None:
    """The account of the request's live session, or ``None`` (looked up once per request)."""
    if hasattr(request.state, _ACCOUNT_STATE):
        cached: Account | None = getattr(request.state, _ACCOUNT_STATE)
        return cached
    token = _cookie_token(request, context)
    account = sessions.session_account(context.uow, token, now=datetime.now()) if token else None
    setattr(request.state, _ACCOUNT_STATE, account)
    return account


def api_user(request: Request, context: PanelDep) -> Account:
    """FastAPI dependency of the JSON API: the signed-in user, or 401 ``请先登录``."""
    account = session_account(request, context)
    if account is None:
        raise HTTPException(status_code=401, detail=NOT_SIGNED_IN)
    return account


def page_user(request: Request, context: PanelDep) -> Account:
    """FastAPI dependency of the pages: the signed-in user, or a redirect to ``/login``."""
    account = session_account(request, context)
    if account is None:
        raise LoginRequired()
    return account


def personal_data_user(user: Annotated[Account, Depends(api_user)]) -> Account:
    """FastAPI dependency: a signed-in user allowed to see real personal data, or 403 for trainees."""
    if not sees_personal_data(user.role):
        raise HTTPException(status_code=403, detail=PERSONAL_DATA_FORBIDDEN)
    return user


def record_keeping_user(user: Annotated[Account, Depends(api_user)]) -> Account:
    """FastAPI dependency: a user who may file real records (not a trainee), or 403."""
    if not sees_personal_data(user.role):
        raise HTTPException(status_code=403, detail=RECORDS_FORBIDDEN)
    return user


def supervisor_user(user: Annotated[Account, Depends(api_user)]) -> Account:
    """FastAPI dependency: a signed-in supervisor, or 403 for officers and trainees."""
    if user.role != Role.SUPERVISOR.value:
        raise HTTPException(status_code=403, detail=SUPERVISORS_ONLY)
    return user


ApiUser = Annotated[Account, Depends(api_user)]
RecordUser = Annotated[Account, Depends(record_keeping_user)]
PageUser = Annotated[Account, Depends(page_user)]
PersonalDataUser = Annotated[Account, Depends(personal_data_user)]
SupervisorUser = Annotated[Account, Depends(supervisor_user)]
