"""What both secure channels do with a message: check it, vouch for its speaker, notice silence."""

from __future__ import annotations

import contextvars
import hashlib
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from assistant.config import Settings, require, require_secrets
from assistant.domain.limits import MAX_MESSAGE_CHARS, MESSAGE_TOO_LONG
from assistant.security.tokens import ChatIdentity, InvalidChatToken, issue_chat_token, verify_chat_token

# The metadata key under which a channel passes the speaker's (freshly signed) token on to the
# actions; everything else a client sends as metadata is dropped.
TOKEN_METADATA_KEY = "quanzu_token"
# How long the token the channel hands to the actions lives: one turn's worth of actions.
INTERNAL_TOKEN_SECONDS = 120
MAX_SENDER_CHARS = 160

NOT_SIGNED_IN = "需要登录:请通过侧边面板使用助手(缺少或无效的访问令牌)"
WRONG_CONVERSATION = "这个访问令牌不能用于该对话"
NO_REPLY = "助手没有给出回复(动作服务或数据库可能暂时不可用),刚才的内容没有被处理或保存。您的输入没有丢失,请稍后重发同一句。"
ACTION_FAILED = "动作服务暂时不可用:刚才这一步没有完成,也没有保存(案件、止付、结果都未登记)。您的输入没有丢失,请稍后重发同一句。"
BAD_MESSAGE = "消息格式不正确:需要 sender 和 message 两个文字字段"

SESSION_START = "/session_start"


class Refused(Exception):
    """A message the channel will not pass on; ``status`` and ``code`` say why, ``message`` in Chinese."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message

    def as_json(self) -> dict[str, str]:
        """The answer body of a refused message."""
        return {"error": self.code, "message": self.message}


@dataclass(frozen=True)
class ChannelGuard:
    """Checks what reaches a channel, with the key that signs chat tokens."""

    jwt_key: str
    cors_origins: tuple[str, ...] = ()

    @classmethod
    def from_env(cls) -> ChannelGuard:
        """The guard of this process's Rasa server (refuses to start without a usable key).

        Also masks personal numbers in every log line of the Rasa server from here on.
        """
        from assistant.logging_setup import install

        install()
        settings = Settings.from_env()
        require_secrets(settings, "jwt_key")
        return cls(require(settings.jwt_key, "jwt_key"), settings.cors_origins)

    def identify(self, token: object) -> ChatIdentity:
        """The verified speaker of a token.

        Raises:
            Refused: 401 when the token is missing or invalid.
        """
        try:
            return verify_chat_token(self.jwt_key, token)
        except InvalidChatToken as error:
            raise Refused(401, "unauthorized", NOT_SIGNED_IN) from error

    def check_message(self, identity: ChatIdentity, sender: object, text: object) -> tuple[str, str]:
        """The sender and text of a message this speaker may send.

        Raises:
            Refused: 400 for a malformed message, 403 for another conversation than the
                token's, 413 for a message over the length limit.
        """
        if not isinstance(sender, str) or not sender or len(sender) > MAX_SENDER_CHARS or not isinstance(text, str):
            raise Refused(400, "bad_request", BAD_MESSAGE)
        if identity.sender is not None and sender != identity.sender:
            raise Refused(403, "forbidden", WRONG_CONVERSATION)
        if len(text) > MAX_MESSAGE_CHARS:
            raise Refused(413, "message_too_long", MESSAGE_TOO_LONG)
        return sender, text

    def metadata(self, identity: ChatIdentity) -> dict[str, Any]:
        """The only metadata a message carries: a fresh token naming its verified speaker."""
        return {TOKEN_METADATA_KEY: issue_chat_token(self.jwt_key, identity, ttl_seconds=INTERNAL_TOKEN_SECONDS)}


def silence_expected(identity: ChatIdentity, text: str) -> bool:
    """Whether an empty answer is normal: a session start without a case opens nothing."""
    return text.strip() == SESSION_START and identity.case_id is None


def log_id(sender: str) -> str:
    """A conversation id as it may appear in logs (it contains the officer's username)."""
    return hashlib.sha256(sender.encode()).hexdigest()[:12]


# Rasa reports a custom action that could not run only in its log (the turn goes on without
# the action's events, sometimes with a fallback reply that hides the failure). These are the
# loggers and the words of those reports.
_ACTION_FAILURE_LOGGERS = ("rasa.core.processor", "rasa.core.actions.action")
_ACTION_FAILURE_WORDS = ("Encountered an exception while running action", "Failed to execute custom action")


@dataclass
class TurnWatch:
    """What went wrong during one turn (filled in by ``ActionFailureHandler``)."""

    action_failed: bool = False
    failures: list[str] = field(default_factory=list)


_current_turn: contextvars.ContextVar[TurnWatch | None] = contextvars.ContextVar("quanzu_turn", default=None)


class ActionFailureHandler(logging.Handler):
    """Marks the turn being processed (in this task's context) when Rasa logs a failed action."""

    def emit(self, record: logging.LogRecord) -> None:
        """Flag the current turn if ``record`` reports a custom action that could not run."""
        watch = _current_turn.get()
        if watch is None or record.levelno < logging.WARNING:
            return
        message = str(record.msg)
        if any(words in message for words in _ACTION_FAILURE_WORDS):
            watch.action_failed = True
            watch.failures.append(record.name)


_handler = ActionFailureHandler()


def install_action_failure_watch() -> None:
    """Listen to Rasa's action failure reports (idempotent)."""
    for name in _ACTION_FAILURE_LOGGERS:
        logger = logging.getLogger(name)
        if _handler not in logger.handlers:
            logger.addHandler(_handler)


@contextmanager
def watch_turn() -> Iterator[TurnWatch]:
    """Collect what goes wrong while the current task processes one message."""
    watch = TurnWatch()
    reset = _current_turn.set(watch)
    try:
        yield watch
    finally:
        _current_turn.reset(reset)


async def run_turn(on_new_message: Callable[[Any], Awaitable[Any]], message: Any, sender: str) -> TurnWatch:
    """Let Rasa process one message; what went wrong (a failed action, an exception) is returned, not raised."""
    with watch_turn() as turn:
        try:
            await on_new_message(message)
        except Exception:
            logging.getLogger(__name__).exception("message of conversation %s failed", log_id(sender))
            turn.failures.append("exception")
    return turn
