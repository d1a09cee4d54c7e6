"""Request bodies of the panel API.

Fields that officers may give as a number or as words ("8万", "十分钟前") are left untyped here:
the services read and check them, and say what is wrong in the officer's language.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class LoginBody(BaseModel):
    """``POST /api/login``."""

    username: str
    password: str


class RevealBody(BaseModel):
    """``POST /api/cases/{case_id}/reveal``: ``phone`` or ``id_number``."""

    field: str


class MessageBody(BaseModel):
    """``POST /api/cases/{case_id}/messages``."""

    text: str


class StopPaymentBody(BaseModel):
    """``POST /api/cases/{case_id}/stop-payments``."""

    payee_account: Any = None
    payee_bank: Any = None
    amount: Any = None
    transfer_time: Any = None


class EscalationBody(BaseModel):
    """``POST /api/cases/{case_id}/escalations``: the officer's own reason, if any."""

    reason: str | None = None


class OutcomeBody(BaseModel):
    """``POST /api/cases/{case_id}/outcome``."""

    outcome: str | None = None
    amount_saved: Any = 0
    accounts_frozen: Any = 0
    amount_frozen: Any = 0
    note: str | None = None
