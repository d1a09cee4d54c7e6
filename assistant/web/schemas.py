"""Request bodies of the panel API.

Fields that officers may give as a number or as words ("8万", "十分钟前") are left untyped here:
the services read and check them, and say what is wrong in the officer's language. Every
free-text field is capped (``assistant.domain.limits``); a validator's message is the officer's
wording and becomes the 422's ``detail``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, validator

from assistant.domain.limits import (
    MAX_FIELD_CHARS,
    MAX_MESSAGE_CHARS,
    MAX_NOTE_CHARS,
    MAX_PASSWORD_CHARS,
    MAX_USERNAME_CHARS,
    MESSAGE_TOO_LONG,
    too_long,
)


def _capped(value: Any, limit: int, message: str | None = None) -> Any:
    if isinstance(value, str) and len(value) > limit:
        raise ValueError(message or too_long(limit))
    return value


class LoginBody(BaseModel):
    """``POST /api/login``."""

    username: str
    password: str

    @validator("username")
    def _username_capped(cls, value: str) -> str:
        return str(_capped(value, MAX_USERNAME_CHARS))

    @validator("password")
    def _password_capped(cls, value: str) -> str:
        return str(_capped(value, MAX_PASSWORD_CHARS))


class RevealBody(BaseModel):
    """``POST /api/cases/{case_id}/reveal``: ``phone`` or ``id_number``."""

    field: str

    @validator("field")
    def _field_capped(cls, value: str) -> str:
        return str(_capped(value, MAX_FIELD_CHARS))


class MessageBody(BaseModel):
    """``POST /api/cases/{case_id}/messages``: at most ``MAX_MESSAGE_CHARS`` characters."""

    text: str

    @validator("text")
    def _text_capped(cls, value: str) -> str:
        return str(_capped(value, MAX_MESSAGE_CHARS, MESSAGE_TOO_LONG))


class StopPaymentBody(BaseModel):
    """``POST /api/cases/{case_id}/stop-payments``."""

    payee_account: Any = None
    payee_bank: Any = None
    amount: Any = None
    transfer_time: Any = None

    @validator("payee_account", "payee_bank", "amount", "transfer_time")
    def _fields_capped(cls, value: Any) -> Any:
        return _capped(value, MAX_FIELD_CHARS)


class EscalationBody(BaseModel):
    """``POST /api/cases/{case_id}/escalations``: the officer's own reason, if any."""

    reason: str | None = None

    @validator("reason")
    def _reason_capped(cls, value: str | None) -> str | None:
        return _capped(value, MAX_NOTE_CHARS)  # type: ignore[no-any-return]


class OutcomeBody(BaseModel):
    """``POST /api/cases/{case_id}/outcome``."""

    outcome: str | None = None
    amount_saved: Any = 0
    accounts_frozen: Any = 0
    amount_frozen: Any = 0
    note: str | None = None

    @validator("outcome", "amount_saved", "accounts_frozen", "amount_frozen")
    def _fields_capped(cls, value: Any) -> Any:
        return _capped(value, MAX_FIELD_CHARS)

    @validator("note")
    def _note_capped(cls, value: str | None) -> str | None:
        return _capped(value, MAX_NOTE_CHARS)  # type: ignore[no-any-return]


class DispatchBody(BaseModel):
    """``POST /api/cases/{case_id}/life-safety/dispatch``: ``station``, ``110`` or ``120``."""

    service: str
