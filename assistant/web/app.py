"""The side panel's FastAPI app, built by ``create_app`` (``uvicorn --factory``); nothing runs at import."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from argon2 import PasswordHasher
from fastapi import FastAPI, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from assistant.config import Settings, project_root, require, require_secrets
from assistant.db.unit_of_work import SqlUnitOfWork
from assistant.services.conversation import AssistantChannel
from assistant.web import api, chat_api, drills_api, life_safety_api, pages, stats_api
from assistant.web.auth import SESSION_COOKIE, LoginRequired
from assistant.web.context import Panel
from assistant.web.errors import install_error_handlers
from assistant.web.rasa_client import RasaClient
from assistant.web.security import SecurityMiddleware

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"
# The charting library, fetched from the npm registry by scripts/ensure-charts.sh (build/, git-ignored).
VENDOR_DIR = project_root() / "build" / "charts"
__all__ = ["SESSION_COOKIE", "create_app", "static_version"]


def static_version(directory: Path = STATIC_DIR) -> str:
    """A short fingerprint of the static files, appended to their URLs to bust browser caches."""
    digest = hashlib.sha256()
    if directory.is_dir():
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path.relative_to(directory)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


async def _redirect_to_login(request: Request, error: LoginRequired) -> Response:
    return RedirectResponse("/login", status_code=303)


def create_app(settings: Settings | None = None, rasa: AssistantChannel | None = None) -> FastAPI:
    """Build the panel app.

    Args:
        settings: the settings; read from the environment when omitted.
        rasa: the assistant to talk to; a ``RasaClient`` on ``settings.rasa_url`` when omitted
            (closed when the app shuts down).
    """
    settings = settings or Settings.from_env()
    require_secrets(settings, "secret_key", *(("rasa_token", "jwt_key") if rasa is None else ()))
    owned_client = (
        RasaClient(
            settings.rasa_url,
            require(settings.rasa_token, "rasa_token"),
            require(settings.jwt_key, "jwt_key"),
            token_seconds=settings.chat_token_seconds,
        )
        if rasa is None
        else None
    )
    assistant: AssistantChannel = owned_client or rasa  # type: ignore[assignment]

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned_client is not None:
            owned_client.close()

    app = FastAPI(title="全阻 · 劝阻助手侧边面板", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.panel = Panel(
        settings=settings,
        uow=SqlUnitOfWork.from_settings(settings),
        assistant=assistant,
        templates=Jinja2Templates(directory=str(TEMPLATES_DIR)),
        static_version=static_version(STATIC_DIR),
        hasher=PasswordHasher(),
    )
    # Sessions are server-side rows looked up per request (assistant.web.auth); this middleware
    # refuses cross-origin state-changing requests and adds the security headers to every answer.
    app.add_middleware(SecurityMiddleware)
    install_error_handlers(app)
    app.add_exception_handler(LoginRequired, _redirect_to_login)
    app.include_router(api.router)
    app.include_router(chat_api.router)
    app.include_router(life_safety_api.router)
    app.include_router(drills_api.router)
    app.include_router(stats_api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR), check_dir=False), name="static")
    app.mount("/vendor", StaticFiles(directory=str(VENDOR_DIR), check_dir=False), name="vendor")
    return app
