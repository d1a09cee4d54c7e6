"""What every action needs: the unit of work, the officer, blocking work off the event loop."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from assistant.channels.guard import TOKEN_METADATA_KEY
from assistant.config import Settings
from assistant.db.unit_of_work import SqlUnitOfWork, UnitOfWork
from assistant.errors import NotSignedIn, QuanzuError, RecordsNotAllowed
from assistant.logging_setup import describe_exception
from assistant.security.tokens import ChatIdentity, InvalidChatToken, verify_chat_token

logger = logging.getLogger(__name__)

T = TypeVar("T")


@functools.lru_cache(maxsize=1)
def settings() -> Settings:
    """The action server's settings, read once from the environment on first use."""
    return Settings.from_env()


@functools.lru_cache(maxsize=1)
def default_unit_of_work() -> UnitOfWork:
    """The action server's unit of work on the configured database, created on first use."""
    return SqlUnitOfWork.from_settings(settings())


async def run_blocking(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run blocking (database) work in the default executor, off the event loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(function, *args, **kwargs))


def identity_of(tracker: Tracker, *, session_start: bool = False) -> ChatIdentity | None:
    """The verified speaker of the latest message, or ``None``.

    At a session start, the speaker of the message that started the session comes first.

    The channel replaced whatever metadata the client sent by a token it signed for the
    speaker it verified; the token is checked again here, so metadata that did not come
    through a secure channel (or a hand-made tracker) names nobody.
    """
    key = settings().jwt_key
    if not key:
        return None
    sources = [tracker.latest_message.get("metadata"), tracker.get_slot("session_started_metadata")]
    for metadata in reversed(sources) if session_start else sources:
        token = metadata.get(TOKEN_METADATA_KEY) if isinstance(metadata, dict) else None
        if token:
            try:
                return verify_chat_token(key, token)
            except InvalidChatToken:
                continue
    return None


def record_keeper(tracker: Tracker, operation: str) -> ChatIdentity:
    """The verified speaker, who must be allowed to write real records.

    Raises:
        NotSignedIn: when the speaker is not verified.
        RecordsNotAllowed: when the speaker is a trainee.
    """
    identity = identity_of(tracker)
    if identity is None:
        raise NotSignedIn(operation)
    if not identity.files_records:
        raise RecordsNotAllowed(operation)
    return identity


def report_error(dispatcher: CollectingDispatcher, error: Exception) -> None:
    """Tell the officer what went wrong: the error's own response, or a generic one."""
    if isinstance(error, QuanzuError):
        dispatcher.utter_message(response=error.response, **error.params)
    else:
        # The exception's message may quote what was typed: name its type and place only.
        logger.error("action failed: %s", describe_exception(error))
        dispatcher.utter_message(response="utter_internal_error")


def first_value(value: Any) -> Any:
    """Slots filled from several entities hold a list; the first one is what was meant."""
    if isinstance(value, list):
        return value[0] if value else None
    return value
