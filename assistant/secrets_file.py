"""The per-installation secrets file (``.secrets/quanzu.env``): created once, read by ``make run``.

Each secret is 32 random bytes, URL-safe base64. The file is written with mode 0600 in a
0700 folder that git ignores; an existing file is never overwritten, only completed with the
secrets it lacks.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from assistant.config import SECRET_VARIABLES

DEFAULT_PATH = Path(".secrets") / "quanzu.env"


def read_env_file(path: Path) -> dict[str, str]:
    """The ``NAME=value`` lines of an env file (comments and blank lines skipped)."""
    values: dict[str, str] = {}
    if not path.exists():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, _, value = line.partition("=")
        values[name.strip()] = value.strip()
    return values


def ensure_secrets(path: Path = DEFAULT_PATH) -> list[str]:
    """Create the secrets file, or add the secrets it lacks; return the names created."""
    existing = read_env_file(path)
    missing = [variable for variable in SECRET_VARIABLES.values() if not existing.get(variable)]
    if not missing:
        return []
    if not path.parent.exists():
        # A folder of its own, readable by its owner only (an existing folder is left as it is).
        path.parent.mkdir(mode=0o700, parents=True)
    values = dict(existing)
    values.update({variable: secrets.token_urlsafe(32) for variable in missing})
    body = "# Quanzu per-installation secrets, created by `quanzu secrets init`. Keep private; never commit.\n"
    body += "".join(f"{name}={value}\n" for name, value in values.items())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(body)
    os.chmod(path, 0o600)
    return missing
