"""What every request of the panel works with, built once by ``create_app``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from argon2 import PasswordHasher
from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from assistant.config import Settings
from assistant.db.unit_of_work import UnitOfWork
from assistant.services.conversation import AssistantChannel
from assistant.web.throttle import LoginThrottle


@dataclass(frozen=True)
class Panel:
    """The panel's collaborators: settings, database, assistant, templates, password hasher, sign-in throttle.

    ``drill_sessions`` holds the live training drills (in memory, by random session id; each
    bound to the user who started it).
    """

    settings: Settings
    uow: UnitOfWork
    assistant: AssistantChannel
    templates: Jinja2Templates
    static_version: str
    hasher: PasswordHasher
    drill_sessions: dict[str, Any] = field(default_factory=dict)
    login_throttle: LoginThrottle = field(default_factory=LoginThrottle)


def panel(request: Request) -> Panel:
    """FastAPI dependency: the panel of the app serving this request."""
    context: Panel = request.app.state.panel
    return context


PanelDep = Annotated[Panel, Depends(panel)]
