"""What every action needs: the unit of work, the officer, blocking work off the event loop."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from assistant.config import Settings
from assistant.db.unit_of_work import SqlUnitOfWork, UnitOfWork
from assistant.errors import QuanzuError

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


def officer_of(tracker: Tracker) -> str:
    """The officer of this conversation (session metadata), or the configured default."""
    return str(tracker.get_slot("officer_id") or settings().default_officer)


def report_error(dispatcher: CollectingDispatcher, error: Exception) -> None:
    """Tell the officer what went wrong: the error's own response, or a generic one."""
    if isinstance(error, QuanzuError):
        dispatcher.utter_message(response=error.response, **error.params)
    else:
        logger.exception("action failed", exc_info=error)
        dispatcher.utter_message(response="utter_internal_error")


def first_value(value: Any) -> Any:
    """Slots filled from several entities hold a list; the first one is what was meant."""
    if isinstance(value, list):
        return value[0] if value else None
    return value
