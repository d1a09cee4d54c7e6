"""``POST /api/chat-token``: a chat token for the signed-in user, for a web-chat widget.

The socket.io channel takes it in the socket URL (``?token=…``). It names the user and the
role only (no case): the widget's conversations live in the user's own namespace, a
trainee's token writes no record and sees no real personal data.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from assistant.security.tokens import ChatIdentity, issue_chat_token
from assistant.web.auth import ApiUser
from assistant.web.context import PanelDep

router = APIRouter(prefix="/api")

NOT_CONFIGURED = "此面板没有配置聊天令牌密钥(QUANZU_JWT_KEY),无法签发"


@router.post("/chat-token")
def chat_token(user: ApiUser, context: PanelDep) -> dict[str, Any]:
    """A short-lived chat token for the signed-in user."""
    key = context.settings.jwt_key
    if not key:
        raise HTTPException(status_code=503, detail=NOT_CONFIGURED)
    seconds = context.settings.chat_token_seconds
    token = issue_chat_token(key, ChatIdentity(user.username, user.role), ttl_seconds=seconds)
    return {"token": token, "expires_in": seconds}
