"""A scratch PostgreSQL server for tests, started in a temporary folder and stopped after.

Only where Debian's PostgreSQL server binaries are installed (``/usr/lib/postgresql/<n>/bin``);
nothing is installed for it. PostgreSQL refuses to run as root, so as root the server runs as
the ``postgres`` system account.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.e2e.servers import free_port

SERVER_ROOT = Path("/usr/lib/postgresql")


def server_bin() -> Path | None:
    """The folder of the newest installed PostgreSQL server's binaries, if any."""
    found = sorted(
        (path.parent for path in SERVER_ROOT.glob("*/bin/postgres")),
        key=lambda folder: int(folder.parent.name) if folder.parent.name.isdigit() else 0,
    )
    return found[-1] if found else None


def _run_as() -> tuple[int, int] | None:
    if os.geteuid() != 0:
        return None
    account = pwd.getpwnam("postgres")
    return account.pw_uid, account.pw_gid


@contextmanager
def scratch_postgres() -> Iterator[str]:
    """Start a throw-away server on a free loopback port; yield its SQLAlchemy URL; stop and delete it after."""
    binaries = server_bin()
    if binaries is None:
        raise RuntimeError(f"no PostgreSQL server under {SERVER_ROOT}")
    owner = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="quanzu-pg-"))  # under /tmp, which the postgres account can reach
    data, log = folder / "data", folder / "server.log"
    port = free_port()

    def run(*command: str) -> None:
        options: dict[str, object] = {"check": True, "capture_output": True, "cwd": folder}
        if owner is not None:
            options.update(user=owner[0], group=owner[1], extra_groups=[])
        subprocess.run(command, **options)  # type: ignore[call-overload]

    try:
        if owner is not None:
            os.chown(folder, *owner)
        run(str(binaries / "initdb"), "-D", str(data), "-U", "quanzu", "--auth=trust", "-E", "UTF8",
            "--locale=C", "--no-sync")
        settings = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        run(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", settings, "-w", "-t", "60", "start")
        try:
            yield f"postgresql+psycopg2://quanzu@127.0.0.1:{port}/postgres"
        finally:
            run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
