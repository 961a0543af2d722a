"""Windows behaviours simulated on Linux, for the tests (nothing here runs on Windows).

- `fsync` needs write access: on Windows `os.fsync` is the C runtime's `_commit`, which calls
  `FlushFileBuffers`, and that needs a handle opened for writing; a read-only descriptor fails
  with EBADF.
- The registry a cloud sync client writes (`FakeRegistry`): the sync roots kisdesk asks for.
- Files another program holds (`HeldFiles`): antivirus scanning a new file or OneDrive
  uploading the previous one make a rename fail with ERROR_SHARING_VIOLATION (winerror 32)
  for a moment; Controlled Folder Access refuses it with ERROR_ACCESS_DENIED (5) for good.
- The hidden attribute (`Attributes`): which files have FILE_ATTRIBUTE_HIDDEN set.
- The desktop's windows (`Desktop`): top-level windows by process, and which one came forward.

`install()` patches the running interpreter. The Windows lane of `.ci/run` sets
`KISDESK_SIMULATE_WINDOWS=1`: `tests/conftest.py` then installs it for the whole run and puts
`tests/windows_site/` on PYTHONPATH, whose `sitecustomize.py` does the same in every Python
subprocess the tests start, and gives their redirected stdout and stderr Windows' strict
cp1250 (`redirected_streams_as_on_windows`).
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import sys
from collections.abc import Callable

_real_fsync: Callable[[int], None] = os.fsync
_real_replace = os.replace


def windows_fsync(fd: int) -> None:
    """os.fsync with Windows' rule: a descriptor opened read-only cannot be flushed.

    Directories are let through: Windows has no directory fsync and kisdesk skips it there."""
    read_only = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY
    if read_only and not stat.S_ISDIR(os.fstat(fd).st_mode):
        raise OSError(errno.EBADF, "Bad file descriptor (FlushFileBuffers needs write access)")
    _real_fsync(fd)


class FakeRegistry:
    """Registry keys as {(hive, key): {value name: data}}; a key's subkeys follow from the
    longer keys given, and key names compare case-insensitively, as Windows' do."""

    def __init__(self, keys: dict[tuple[str, str], dict[str, object]]) -> None:
        self.keys = keys

    def subkeys(self, hive: str, key: str) -> list[str]:
        prefix = key.casefold() + "\\"
        found: list[str] = []
        for h, k in self.keys:
            if h == hive and k.casefold().startswith(prefix):
                name = k[len(prefix) :].split("\\")[0]
                if name not in found:
                    found.append(name)
        return found

    def values(self, hive: str, key: str) -> dict[str, object]:
        for (h, k), values in self.keys.items():
            if h == hive and k.casefold() == key.casefold():
                return dict(values)
        return {}


def sharing_violation(path: str) -> OSError:
    """The OSError Python raises on Windows for winerror 32 (errno EACCES, winerror set)."""
    exc = PermissionError(
        errno.EACCES,
        "The process cannot access the file because it is " "being used by another process",
        path,
    )
    exc.winerror = 32  # type: ignore[attr-defined]
    return exc


class HeldFiles:
    """os.replace as Windows does it while another program holds a file: every rename
    touching a held path fails `times` more times (None: for ever), then works."""

    def __init__(self) -> None:
        self.held: dict[str, int | None] = {}
        self.refused = 0

    def hold(self, path: os.PathLike[str] | str, times: int | None) -> None:
        self.held[os.fspath(path)] = times

    def replace(self, source: os.PathLike[str] | str, target: os.PathLike[str] | str) -> None:
        for path in (os.fspath(source), os.fspath(target)):
            if path in self.held:
                left = self.held[path]
                if left is None or left > 0:
                    self.held[path] = None if left is None else left - 1
                    self.refused += 1
                    raise sharing_violation(path)
        _real_replace(source, target)


class Attributes:
    """FILE_ATTRIBUTE_HIDDEN as SetFileAttributesW keeps it (kisdesk.db.files.set_hidden)."""

    def __init__(self) -> None:
        self.hidden: set[str] = set()

    def set_hidden(self, path: os.PathLike[str] | str, hidden: bool) -> None:
        (self.hidden.add if hidden else self.hidden.discard)(os.fspath(path))

    def replace(self, source: os.PathLike[str] | str, target: os.PathLike[str] | str) -> None:
        """MoveFileEx keeps the moved file's attributes: a hidden temporary file renamed to
        its final name stays hidden there."""
        _real_replace(source, target)
        moved = os.fspath(source) in self.hidden
        self.hidden.discard(os.fspath(source))
        self.set_hidden(target, moved)


class Desktop:
    """Top-level windows per process id, as EnumWindows finds them; `raised` lists the
    windows SetForegroundWindow brought forward."""

    def __init__(self, windows: dict[int, list[int]]) -> None:
        self.windows = windows
        self.raised: list[int] = []

    def of_process(self, pid: int) -> list[int]:
        return list(self.windows.get(pid, []))

    def activate(self, window: int) -> bool:
        self.raised.append(window)
        return True


def install() -> None:
    os.fsync = windows_fsync


def redirected_streams_as_on_windows() -> None:
    """Python on a Polish Windows writes to a file or a pipe in the ANSI code page, cp1250:
    strictly on stdout (UnicodeEncodeError on "→" or a Cyrillic name), with backslash
    escapes on stderr. A terminal gets Unicode there, so terminals are left alone."""
    for name, errors in (("stdout", "strict"), ("stderr", "backslashreplace")):
        stream = getattr(sys, name)
        if stream is not None and not stream.isatty():
            stream.reconfigure(encoding="cp1250", errors=errors)


def site_dir() -> str:
    """The folder whose sitecustomize.py carries the simulation into subprocesses."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "windows_site")


def active() -> bool:
    return os.environ.get("KISDESK_SIMULATE_WINDOWS", "") == "1"


class Shell:
    """ShellExecuteW as kisdesk.ui.printing calls it: every call recorded as (verb, file,
    parameters, folder); `result` is what Windows answers (above 32: done; 31,
    SE_ERR_NOASSOC: no program registered to print PDFs)."""

    def __init__(self, result: int = 42) -> None:
        self.calls: list[tuple[str, str, str, str]] = []
        self.result = result

    def __call__(self, verb: str, file: str, parameters: str, folder: str) -> int:
        self.calls.append((verb, file, parameters, folder))
        return self.result
