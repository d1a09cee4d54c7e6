"""The action server: rasa_sdk's app behind a shared secret, on loopback by default.

Run as ``python -m actions.server [--host 127.0.0.1] [--port 5055]``. Every request but
``GET /health`` must carry ``X-Quanzu-Action-Secret`` (the Rasa server sends it, see
``endpoints.yml``); anything else is answered 401 without reaching an action. Errors are
answered without echoing the request (a tracker is full of personal data).
"""

from __future__ import annotations

import argparse
import hmac
import logging
from collections.abc import Sequence

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.config import ConfigError, Settings, require, require_secrets

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Quanzu-Action-Secret"
OPEN_PATHS = frozenset({"/health"})


def create_action_app(secret: str, package: str = "actions") -> Sanic:
    """The action server's Sanic app, refusing every request without ``secret``."""
    from rasa_sdk.endpoint import create_app

    app = create_app(package, cors_origins=None)
    expected = secret.encode()

    @app.on_request
    async def require_secret(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        supplied = (request.headers.get(SECRET_HEADER) or "").encode()
        if not hmac.compare_digest(supplied, expected):
            logger.warning("action server: refused %s %s without the shared secret", request.method, request.path)
            return response.json({"error": "unauthorized"}, status=401)
        return None

    @app.exception(Exception)
    async def failed(request: Request, error: Exception) -> HTTPResponse:
        logger.error("action server: %s on %s %s", type(error).__name__, request.method, request.path)
        return response.json({"error": "action server error"}, status=500)

    return app


def main(argv: Sequence[str] | None = None) -> int:
    """Start the action server (refuses to start without usable secrets)."""
    from assistant.logging_setup import install

    parser = argparse.ArgumentParser(prog="actions.server", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (loopback by default)")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s - %(message)s")
    install()
    settings = Settings.from_env()
    try:
        require_secrets(settings, "action_secret", "jwt_key")
    except ConfigError as error:
        logger.error("%s", error)
        return 2
    app = create_action_app(require(settings.action_secret, "action_secret"))
    logger.info("action server on http://%s:%s", args.host, args.port)
    app.run(host=args.host, port=args.port, workers=1, access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
