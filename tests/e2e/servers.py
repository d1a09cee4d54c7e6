"""Starting the real action server and Rasa server for end-to-end tests."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import create_engine, text

from assistant.config import project_root
from assistant.security.tokens import ChatIdentity, issue_chat_token

ROOT = project_root()
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "quanzu.tar.gz"
# Random secrets for this test session's stack (the servers refuse known or missing ones).
TOKEN = secrets.token_urlsafe(32)
JWT_KEY = secrets.token_urlsafe(32)
ACTION_SECRET = secrets.token_urlsafe(32)
SESSION_KEY = secrets.token_urlsafe(32)
E2E_OFFICER = "officer_e2e"


def chat_token(sender: str | None, username: str = E2E_OFFICER, role: str = "officer", case_id: str | None = None) -> str:
    """A chat token for one conversation, as the panel would issue it."""
    return issue_chat_token(JWT_KEY, ChatIdentity(username, role, case_id, sender))


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(check: Any, timeout: float, what: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll ``check()`` until it is true; fail with the server's log if it dies or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"{what} did not become ready in {timeout}s:\n{log.read_text()[-4000:]}")


@dataclass
class Stack:
    """The running servers, their database and how to talk to them."""

    workdir: Path
    database_url: str
    env: dict[str, str]
    rasa_port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    panel_port: int = field(default_factory=free_port)
    # A web site allowed to embed the chat widget (QUANZU_CORS_ORIGINS of the Rasa server).
    embed_port: int = field(default_factory=free_port)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook"

    def start_actions(self) -> None:
        log = self.workdir / "actions.log"
        process = subprocess.Popen(
            [str(BIN / "python"), "-m", "actions.server", "--port", str(self.actions_port)],
            cwd=ROOT, env=self.env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        )
        self.processes["actions"] = process
        url = f"http://127.0.0.1:{self.actions_port}/health"
        wait_until(lambda: requests.get(url, timeout=2).ok, 120, "action server", process, log)

    def start_rasa(self) -> None:
        endpoints = self.workdir / "endpoints.yml"
        endpoints.write_text(
            f'action_endpoint:\n  url: "http://127.0.0.1:{self.actions_port}/webhook"\n'
            '  headers:\n    X-Quanzu-Action-Secret: ${QUANZU_ACTION_SECRET}\n'
            f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{self.workdir / "tracker.db"}"\n',
            encoding="utf-8",
        )
        log = self.workdir / "rasa.log"
        env = dict(self.env, QUANZU_CORS_ORIGINS=self.embed_origin)
        process = subprocess.Popen(
            [
                str(BIN / "rasa"), "run", "--model", str(MODEL), "--enable-api", "--auth-token", TOKEN,
                "--port", str(self.rasa_port), "--interface", "127.0.0.1",
                "--endpoints", str(endpoints), "--credentials", str(ROOT / "credentials.yml"),
                "--cors", self.embed_origin, "--logging-config-file", str(ROOT / "assistant" / "logging.yml"),
            ],
            cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        )
        self.processes["rasa"] = process
        status = f"http://127.0.0.1:{self.rasa_port}/status?token={TOKEN}"
        wait_until(lambda: requests.get(status, timeout=2).json().get("model_id"), 300, "Rasa server", process, log)

    @property
    def embed_origin(self) -> str:
        return f"http://127.0.0.1:{self.embed_port}"

    @property
    def panel_url(self) -> str:
        return f"http://127.0.0.1:{self.panel_port}"

    def start_panel(self, name: str = "panel", rasa_url: str | None = None) -> str:
        """Start a side panel on this stack's database; returns its base URL.

        Args:
            name: the process name (a second panel needs its own).
            rasa_url: the Rasa server it talks to; this stack's by default.
        """
        port = self.panel_port if name == "panel" else free_port()
        log = self.workdir / f"{name}.log"
        env = dict(self.env, QUANZU_RASA_URL=rasa_url or f"http://127.0.0.1:{self.rasa_port}")
        process = subprocess.Popen(
            [str(BIN / "quanzu"), "web", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        )
        self.processes[name] = process
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: requests.get(f"{url}/login", timeout=2).ok, 60, name, process, log)
        return url

    def stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def stop_all(self) -> None:
        for name in list(self.processes):
            self.stop(name)

    def post(self, payload: Any, token: str | None = None, **options: Any) -> requests.Response:
        """POST to the REST channel, with ``token`` as the bearer token if given."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.post(self.rest_url, json=payload, headers=headers, timeout=120, **options)

    def send(
        self, sender: str, message: str, metadata: dict[str, Any] | None = None, *, role: str = "officer"
    ) -> list[str]:
        """Send a message over REST as a signed-in user; return the reply texts.

        ``metadata`` may name ``officer_id`` and ``case_id``: they go into the chat token, as
        the panel does for a case's conversation (the channel ignores client metadata).
        """
        metadata = metadata or {}
        token = chat_token(sender, str(metadata.get("officer_id") or E2E_OFFICER), role, metadata.get("case_id"))
        response = self.post({"sender": sender, "message": message}, token)
        response.raise_for_status()
        return [str(reply["text"]) for reply in response.json() if reply.get("text")]

    def rows(self, sql: str, **params: object) -> list[dict[str, object]]:
        """Rows of a query on the stack's case database."""
        engine = create_engine(self.database_url, future=True)
        try:
            with engine.connect() as connection:
                return [dict(row._mapping) for row in connection.execute(text(sql), params)]
        finally:
            engine.dispose()

    def tracker(self, sender: str) -> dict[str, Any]:
        """The conversation's tracker from the HTTP API."""
        url = f"http://127.0.0.1:{self.rasa_port}/conversations/{sender}/tracker?token={TOKEN}"
        response = requests.get(url, timeout=30)
        response.raise_for_status()
        return dict(response.json())


def make_stack(workdir: Path) -> Stack:
    """Prepare a scratch database (migrated and seeded) and the servers' environment."""
    database_url = f"sqlite:///{workdir / 'quanzu-e2e.db'}"
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "QUANZU_REMINDER_SECONDS": "3",
            "QUANZU_DEMO": "1",
            "QUANZU_API_TOKEN": TOKEN,
            "QUANZU_JWT_KEY": JWT_KEY,
            "QUANZU_ACTION_SECRET": ACTION_SECRET,
            "QUANZU_SECRET_KEY": SESSION_KEY,
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        }
    )
    for command in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([str(BIN / "quanzu"), *command], cwd=ROOT, env=env, check=True, capture_output=True)
    return Stack(workdir=workdir, database_url=database_url, env=env)
