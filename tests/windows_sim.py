"""Windows behaviours simulated on Linux, for the tests (nothing here runs on Windows).

- `fsync` needs write access: on Windows `os.fsync` is the C runtime's `_commit`, which calls
  `FlushFileBuffers`, and that needs a handle opened for writing; a read-only descriptor fails
  with EBADF.
- The registry a cloud sync client writes (`FakeRegistry`): the sync roots kisdesk asks for.

`install()` patches the running interpreter; the Windows lane of `.ci/run` sets
`KISDESK_SIMULATE_WINDOWS=1` so that `tests/conftest.py` installs it for the whole run, and
`sitecustomize.py` in this folder does the same in the command-line subprocesses the tests start.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from collections.abc import Callable

_real_fsync: Callable[[int], None] = os.fsync


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


def install() -> None:
    os.fsync = windows_fsync


def active() -> bool:
    return os.environ.get("KISDESK_SIMULATE_WINDOWS", "") == "1"
