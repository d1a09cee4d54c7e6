"""Security headers on every answer, and the same-origin check (CSRF) on every state-changing request.

A state-changing request (POST, PUT, PATCH, DELETE) must say where it comes from: its ``Origin``
header, or failing that its ``Referer``, must name the panel's own origin (scheme, host and port
of the request itself). Browsers send ``Origin`` on every ``fetch`` POST, so the panel's own
pages pass; a form or script on another site does not. Anything else answers 403.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FOREIGN_ORIGIN = "请求来源不被允许"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> tuple[str, str, int] | None:
    """``(scheme, host, port)`` of a URL (default port filled in), or ``None`` if it has none."""
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        port = parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:  # a port that is not a number
        return None
    if not scheme or not host or port is None:
        return None
    return scheme, host, port


def same_origin(request: Request) -> bool:
    """Whether the request's ``Origin`` (or, without one, ``Referer``) is the panel's own origin."""
    own = origin_of(str(request.base_url))
    claimed = request.headers.get("origin")
    if claimed is None:
        claimed = request.headers.get("referer")
    # "Origin: null" (sandboxed frames, some redirects) names no origin: refused like a foreign one.
    return own is not None and claimed is not None and origin_of(claimed) == own


def secure_headers(headers: MutableHeaders, path: str) -> None:
    """Add the security headers (and ``Cache-Control: no-store`` on the API) to an answer's headers."""
    for name, value in SECURITY_HEADERS.items():
        headers[name] = value
    if path.startswith("/api/"):
        # API answers carry personal data: never keep them in a browser or proxy cache.
        headers["Cache-Control"] = "no-store"


class SecurityMiddleware:
    """ASGI middleware: refuses cross-origin state-changing requests and adds the security headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request's origin, then pass it on with the headers added to the answer."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                secure_headers(MutableHeaders(scope=message), path)
            await send(message)

        request = Request(scope)
        if request.method in STATE_CHANGING and not same_origin(request):
            await JSONResponse({"detail": FOREIGN_ORIGIN}, status_code=403)(scope, receive, send_secured)
            return
        await self.app(scope, receive, send_secured)
