"""Signing in and out, the signed-in user, and role checks.

The session (a cookie signed by Starlette's ``SessionMiddleware``) holds only the username and
when the user signed in; the account itself is read from the database on every request, so a
removed account or a changed role takes effect at once. A session expires
``Settings.session_hours`` after sign-in, however active it was.
"""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from assistant.domain.roles import sees_personal_data
from assistant.services.users import Account, find_account
from assistant.web.context import Panel, PanelDep

SESSION_USERNAME = "username"
SESSION_SIGNED_IN_AT = "signed_in_at"

NOT_SIGNED_IN = "请先登录"
PERSONAL_DATA_FORBIDDEN = "学员账号不能查看真实个人信息"


class LoginRequired(Exception):
    """A page was asked for without a valid session; answered with a redirect to ``/login``."""


def sign_in(request: Request, account: Account) -> None:
    """Start a fresh session for ``account``."""
    request.session.clear()
    request.session[SESSION_USERNAME] = account.username
    request.session[SESSION_SIGNED_IN_AT] = time.time()


def sign_out(request: Request) -> None:
    """End the session (the cookie is cleared in the answer)."""
    request.session.clear()


def session_account(request: Request, context: Panel) -> Account | None:
    """The account of a valid session, or ``None`` (an expired session is cleared)."""
    username = request.session.get(SESSION_USERNAME)
    signed_in_at = request.session.get(SESSION_SIGNED_IN_AT)
    if not isinstance(username, str) or not isinstance(signed_in_at, (int, float)):
        request.session.clear()
        return None
    if time.time() - signed_in_at > context.settings.session_hours * 3600:
        request.session.clear()
        return None
    account = find_account(context.uow, username)
    if account is None:
        request.session.clear()
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


RECORDS_FORBIDDEN = "学员账号不能为真实案件提交止付、上报或结果,请在训练中练习"


def record_keeping_user(user: Annotated[Account, Depends(api_user)]) -> Account:
    """FastAPI dependency: a user who may file real records (not a trainee), or 403."""
    if not sees_personal_data(user.role):
        raise HTTPException(status_code=403, detail=RECORDS_FORBIDDEN)
    return user


ApiUser = Annotated[Account, Depends(api_user)]
RecordUser = Annotated[Account, Depends(record_keeping_user)]
PageUser = Annotated[Account, Depends(page_user)]
PersonalDataUser = Annotated[Account, Depends(personal_data_user)]
