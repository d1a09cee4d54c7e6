"""Short-lived signed chat tokens (JWT, HS256).

The panel issues one for the signed-in user each time it talks to the Rasa server; it names
the user, the role, and, for a case's conversation, the case and the conversation id. The
Rasa channels refuse any message without a valid one, and the actions take the officer and
the role from it, never from anything else the client sent.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import jwt

from assistant.domain.roles import sees_personal_data

ALGORITHM = "HS256"
AUDIENCE = "quanzu-chat"
ISSUER = "quanzu"
# Tolerated clock difference between the processes that issue and verify a token.
LEEWAY_SECONDS = 10


class InvalidChatToken(Exception):
    """A chat token is missing, malformed, forged, expired or for another use."""


@dataclass(frozen=True)
class ChatIdentity:
    """The verified speaker of a conversation.

    Attributes:
        username: the signed-in panel user.
        role: ``officer``, ``trainee`` or ``supervisor``.
        case_id: the case this conversation is about (``None``: the user may open any case).
        sender: the one conversation id the token may write to (``None``: any of the user's).
    """

    username: str
    role: str
    case_id: str | None = None
    sender: str | None = None

    @property
    def files_records(self) -> bool:
        """Whether this speaker's conversation may write real records (trainees never do)."""
        return sees_personal_data(self.role)

    @property
    def sees_personal_data(self) -> bool:
        """Whether real personal data may be shown in this conversation."""
        return sees_personal_data(self.role)


def issue_chat_token(key: str, identity: ChatIdentity, *, ttl_seconds: int = 300, now: float | None = None) -> str:
    """Sign a chat token for ``identity`` valid for ``ttl_seconds``."""
    issued = int(now if now is not None else time.time())
    claims: dict[str, object] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": identity.username,
        "role": identity.role,
        "iat": issued,
        "exp": issued + ttl_seconds,
    }
    if identity.case_id:
        claims["case"] = identity.case_id
    if identity.sender:
        claims["sid"] = identity.sender
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def verify_chat_token(key: str, token: object, *, now: float | None = None) -> ChatIdentity:
    """The identity a chat token names, once its signature, audience, issuer and expiry check out.

    Raises:
        InvalidChatToken: for anything but a valid, unexpired token signed with ``key``.
    """
    if not isinstance(token, str) or not token or len(token) > 4096:
        raise InvalidChatToken("no token")
    options: Any = {"require": ["exp", "iat", "sub", "aud", "iss"]}
    try:
        if now is None:
            claims = jwt.decode(
                token, key, algorithms=[ALGORITHM], audience=AUDIENCE, issuer=ISSUER,
                leeway=LEEWAY_SECONDS, options=options,
            )
        else:
            # Verify at another time (tests): check the signature here, the times by hand.
            claims = jwt.decode(
                token, key, algorithms=[ALGORITHM], audience=AUDIENCE, issuer=ISSUER,
                options={**options, "verify_exp": False, "verify_iat": False},
            )
            if float(claims["exp"]) + LEEWAY_SECONDS < now:
                raise jwt.ExpiredSignatureError("expired")
    except jwt.PyJWTError as error:
        raise InvalidChatToken(type(error).__name__) from error
    username, role = claims.get("sub"), claims.get("role")
    if not isinstance(username, str) or not username or not isinstance(role, str) or not role:
        raise InvalidChatToken("incomplete claims")
    case_id, sender = claims.get("case"), claims.get("sid")
    return ChatIdentity(
        username=username,
        role=role,
        case_id=case_id if isinstance(case_id, str) else None,
        sender=sender if isinstance(sender, str) else None,
    )


def bearer_token(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer …`` header, or ``None``."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def read_claims(token: object) -> dict[str, object]:
    """The claims of a chat token WITHOUT checking it: for reading recorded conversations only.

    Never use the result to decide what someone may do; ``verify_chat_token`` does that.
    """
    if not isinstance(token, str) or not token:
        return {}
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return {}
    return claims if isinstance(claims, dict) else {}
