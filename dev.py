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

import ctypes.util
import hashlib
import os
import re
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


# Debian/Ubuntu package of each library Qt's xcb platform plugin (libqxcb.so) needs on a Linux
# desktop. Qt's own message names libxcb-cursor0 whatever is missing, so the libraries are
# checked one by one (ldd), and libxcb-cursor, which Qt loads only at start, by name.
XCB_PACKAGES = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)


def xcb_install_line(ldd_output: str, cursor_found: bool) -> str | None:
    """The one `apt install` line for what `ldd libqxcb.so` reports "not found" (and
    libxcb-cursor0 when it is not there), or None when nothing is missing."""
    missing = list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))
    if not cursor_found and "libxcb-cursor.so.0" not in missing:
        missing.append("libxcb-cursor.so.0")
    if not missing:
        return None
    packages = [XCB_PACKAGES.get(name, name) for name in missing]
    return "sudo apt install " + " ".join(packages)


def check_xcb(py: str) -> None:
    """Linux desktop: say which system packages Qt needs before the window fails to open."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb":
        return
    if not os.environ.get("DISPLAY"):  # no X desktop (a server, the command line over ssh)
        return
    found = subprocess.run(
        [py, "-c", "import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent)"],
        capture_output=True,
        text=True,
    )
    plugin = Path(found.stdout.strip()) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if found.returncode != 0 or not plugin.exists():
        return
    try:
        ldd = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    except OSError:  # no ldd: nothing to say
        return
    line = xcb_install_line(ldd, ctypes.util.find_library("xcb-cursor") is not None)
    if line:
        print(
            "Okno programu nie otworzy się: brakuje bibliotek systemowych, których Qt używa "
            "na pulpicie Linuksa. Zainstaluj je poleceniem:\n    " + line,
            flush=True,
        )


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
        check_xcb(py)
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
