"""A second start of kisdesk by the same person brings the open window forward.

Double-clicking the icon while kisdesk is already open (or minimised, or hidden behind other
windows) used to answer "the database is open in kisdesk on this computer". The one-writer
lock already says who holds the database (kisdesk/db/lock.py: pid, computer, user); when
that is this user on this computer, the window of that process is raised instead.

No QLocalServer: QtNetwork is left out of the build (installer.spec, 2.5 MB for nothing
else). On Windows the window is found with EnumWindows/GetWindowThreadProcessId and raised
with SetForegroundWindow, which Windows allows here because the process the user has just
started owns the foreground (learn.microsoft.com: SetForegroundWindow, "the calling process
was the last process to receive an input event" / "is the foreground process"). Elsewhere
the message stays.

A backup double-clicked while kisdesk is open (the .kisbak file association) must reach the
open window, which holds the database: the second start leaves a request beside the database
(`<database>.requests/`, written whole and renamed into place) and waits a few seconds for the
open window to take it; the window looks for requests twice a second and opens its restore
dialog. A request nobody takes (a command-line run holds the lock, not a window) is withdrawn
and the usual message follows; one older than a minute is never acted on.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import socket
import sys
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer

log = logging.getLogger(__name__)
REQUESTS_SUFFIX = ".requests"
REQUEST_MAX_AGE_S = 60.0  # older requests are stale: never acted on
HAND_OVER_WAIT_S = 4.0  # how long a second start waits for the open window
POLL_MS = 500


class Windows(Protocol):
    """The desktop's top-level windows (a seam: Windows' user32, or a fake in the tests)."""

    def of_process(self, pid: int) -> list[int]:
        """Visible, unowned top-level windows of the process (the main window first)."""
        ...

    def activate(self, window: int) -> bool:
        """Restore the window if minimised and bring it to the foreground."""
        ...


class User32Windows:
    def __init__(self) -> None:
        import ctypes
        from ctypes import wintypes

        self.ctypes: Any = ctypes
        self.wintypes: Any = wintypes
        self.user32: Any = ctypes.windll.user32  # type: ignore[attr-defined]

    def of_process(self, pid: int) -> list[int]:
        ctypes, wintypes, user32 = self.ctypes, self.wintypes, self.user32
        found: list[int] = []
        gw_owner = 4

        @ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.HWND, wintypes.LPARAM)  # type: ignore[misc]
        def visit(hwnd: int, _param: int) -> bool:
            owner = wintypes.DWORD(0)
            user32.GetWindowThreadProcessId(hwnd, ctypes.byref(owner))
            if (
                owner.value == pid
                and user32.IsWindowVisible(hwnd)
                and not user32.GetWindow(hwnd, gw_owner)
            ):
                found.append(int(hwnd))
            return True

        user32.EnumWindows(visit, 0)
        return found

    def activate(self, window: int) -> bool:
        sw_restore = 9
        if self.user32.IsIconic(window):
            self.user32.ShowWindow(window, sw_restore)
        return bool(self.user32.SetForegroundWindow(window))


def system_windows() -> Windows | None:
    return User32Windows() if sys.platform == "win32" else None


windows: Callable[[], Windows | None] = system_windows


def this_session(owner: Mapping[str, object]) -> bool:
    """The lock's owner is the person at this computer (not a colleague on a share)."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment
        return False
    return owner.get("host") == socket.gethostname() and owner.get("user") == user


def bring_forward(owner: Mapping[str, object]) -> bool:
    """True when the window of the kisdesk holding the database was raised: nothing more
    to say. False (a colleague's copy, the command line, another system): the message."""
    desktop = windows()
    pid = owner.get("pid")
    if desktop is None or not isinstance(pid, int) or not this_session(owner):
        return False
    try:
        for window in desktop.of_process(pid):
            if desktop.activate(window):
                return True
    except OSError:
        log.warning("could not bring the open kisdesk window forward", exc_info=True)
    return False


# -- the second-start channel: a backup to restore, handed to the open window ---------------
def requests_folder(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + REQUESTS_SUFFIX)


def post_restore(db_path: Path, backup: Path) -> Path:
    """Leave a restore request for the window that holds `db_path`; the request's file."""
    folder = requests_folder(db_path)
    folder.mkdir(exist_ok=True)
    name = f"restore-{uuid.uuid4().hex}"
    temporary = folder / f".{name}.tmp"
    body = {"restore": str(backup.resolve()), "at": time.time(), "pid": os.getpid()}
    temporary.write_text(json.dumps(body), encoding="utf-8")
    request = folder / f"{name}.json"
    os.replace(temporary, request)  # whole or not at all: the window never reads half
    return request


def hand_over_restore(db_path: Path, backup: Path, wait_s: float = HAND_OVER_WAIT_S) -> bool:
    """True when the open window took the request; else it is withdrawn (nothing left)."""
    try:
        request = post_restore(db_path, backup)
    except OSError:
        log.warning("could not leave the restore request", exc_info=True)
        return False
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if not request.exists():
            return True
        QCoreApplication.processEvents()  # the same process may hold the window (tests)
        time.sleep(0.05)
    with contextlib.suppress(FileNotFoundError):
        request.unlink()
        return False
    return True  # taken at the last moment


def take_requests(db_path: Path) -> list[Path]:
    """The backups asked for (oldest first), each request removed as it is read."""
    folder = requests_folder(db_path)
    try:
        names = sorted(folder.glob("restore-*.json"), key=lambda p: p.stat().st_mtime)
    except OSError:
        return []
    found: list[Path] = []
    for request in names:
        try:
            body = json.loads(request.read_text(encoding="utf-8"))
            request.unlink()
        except (OSError, ValueError):
            continue
        fresh = time.time() - float(body.get("at", 0)) <= REQUEST_MAX_AGE_S
        backup = body.get("restore")
        if fresh and isinstance(backup, str):
            found.append(Path(backup))
    if names:  # nothing of ours left beside the database
        with contextlib.suppress(OSError):
            folder.rmdir()
    return found


class RestoreInbox(QObject):
    """The open window's side of the channel: each request becomes `on_restore(backup)`."""

    def __init__(
        self, db_path: Path, on_restore: Callable[[Path], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.db_path, self.on_restore = db_path, on_restore
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        self.timer.stop()  # a restore dialog runs its own loop: no second one meanwhile
        try:
            for backup in take_requests(self.db_path):
                self.on_restore(backup)
        finally:
            self.timer.start()
