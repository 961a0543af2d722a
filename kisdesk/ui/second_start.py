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
"""

from __future__ import annotations

import getpass
import logging
import socket
import sys
from collections.abc import Callable, Mapping
from typing import Any, Protocol

log = logging.getLogger(__name__)


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
