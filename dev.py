#!/usr/bin/env python3
"""Set-up and day-to-day commands for kisdesk, on any machine with Python 3.11.

    python3 dev.py run [kisdesk arguments]   create .venv if needed, install, start the app
    python3 dev.py test [pytest arguments]   the same set-up, then the whole test suite
    python3 dev.py test -m "not slow"        the fast lane for daily work (no crash loops,
                                             big offices or the frozen build)
    python3 dev.py lint                      ruff check, ruff format --check, mypy --strict

The first run creates a virtual environment in .venv and installs the project with its
test, dev (the pinned linters) and build (PyInstaller) extras; later runs only reinstall
when pyproject.toml changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".kisdesk-installed"
EXTRAS = "test,dev,build"
# mypy --strict covers the Qt-free core; ui/ and cli/ are typed where it helps (docs/style.md)
STRICT = [
    "kisdesk/models",
    "kisdesk/db",
    "kisdesk/rules",
    "kisdesk/services",
    "kisdesk/reports",
    "kisdesk/demo",
]


def _python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def _ensure_env() -> Path:
    if not _python().exists():
        print("Tworzę środowisko .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != digest:
        print("Instaluję zależności …", flush=True)
        py = str(_python())
        subprocess.check_call([py, "-m", "pip", "install", "-q", "--upgrade", "pip"])
        subprocess.check_call([py, "-m", "pip", "install", "-q", "-e", f"{ROOT}[{EXTRAS}]"])
        STAMP.write_text(digest)
    return _python()


def lint(py: str) -> int:
    """The three gates of .ci/run; every one runs, the first failure decides the status."""
    status = 0
    for gate in (
        [py, "-m", "ruff", "check", "."],
        [py, "-m", "ruff", "format", "--check", "."],
        [py, "-m", "mypy", "--strict", *STRICT],
    ):
        print("$", " ".join(gate[1:]), flush=True)
        status = status or subprocess.call(gate, cwd=ROOT)
    return status


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "lint"}:
        print(__doc__)
        return 2
    py = str(_ensure_env())
    command, rest = argv[0], argv[1:]
    env = dict(os.environ)
    if command == "run":
        return subprocess.call([py, "-m", "kisdesk", *rest], env=env)
    if command == "lint":
        return lint(py)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Database tests also run on PostgreSQL when its server programs are installed
    # (.ci/run installs Debian's postgresql); tests/pg_server.py starts a throw-away one.
    env.setdefault("KISDESK_TEST_PG", "auto")
    return subprocess.call([py, "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
