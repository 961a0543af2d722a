"""One writer per database: a lock file next to it, held with an operating-system lock.

`kisdesk.sqlite.lock` holds who opened the database (pid, computer, user, since when), so a
second copy of the program can say who has it open. The lock itself is the OS's: `flock` on
POSIX, `msvcrt.locking` on one byte far past the text on Windows. The OS drops it when the
process ends in any way, so a lock left by a killed process is stale by construction and is
taken over at once, without guessing from pids (QLockFile has to guess; we do not).

Why not SQLite's `locking_mode=EXCLUSIVE` (Anki): it keeps out every other connection, also
our own pool's readers and the connection the backup API reads from, and read-only command
line tools; and it cannot tell who holds the file. The lock file works the same on Windows.

The lock file is never deleted (deleting a lock file races with a process that just opened
it); releasing empties it. Within one process the lock is counted, not taken twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import logging
import os
import socket
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from kisdesk import __version__
from kisdesk.errors import StorageError

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"
_WINDOWS_LOCK_OFFSET = 1 << 30  # past any text, so others can read who holds the lock


@dataclass(frozen=True, slots=True)
class LockOwner:
    pid: int
    host: str
    user: str
    since: str  # ISO 8601 with the offset of the owner's clock
    app_version: str = ""

    def since_local(self) -> str:
        try:
            return dt.datetime.fromisoformat(self.since).astimezone().strftime("%d.%m.%Y %H:%M")
        except ValueError:
            return self.since

    def error(self) -> StorageError:
        return StorageError(
            "db.locked", user=self.user, host=self.host, since=self.since_local(), pid=self.pid
        )


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def _me() -> LockOwner:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment (service accounts)
        user = "?"
    return LockOwner(
        pid=os.getpid(),
        host=socket.gethostname(),
        user=user,
        since=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        app_version=__version__,
    )


def _parse(text: bytes) -> LockOwner | None:
    try:
        data = json.loads(text.decode("utf-8"))
        return LockOwner(**{k: data[k] for k in ("pid", "host", "user", "since")})
    except (ValueError, KeyError, TypeError):
        return None


def _try_os_lock(handle: IO[bytes]) -> bool:
    if os.name == "nt":
        import msvcrt

        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        finally:
            handle.seek(0)
        return True
    import fcntl

    try:
        # flock, not fcntl/lockf: POSIX record locks vanish when *any* descriptor of the file
        # is closed by the process (sqlite.org/howtocorrupt.html §2.2); flock locks do not.
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _os_unlock(handle: IO[bytes]) -> None:
    if os.name == "nt":
        import msvcrt

        handle.seek(_WINDOWS_LOCK_OFFSET)
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@dataclass
class _Held:
    handle: IO[bytes]
    count: int
    owner: LockOwner
    stale: LockOwner | None


_registry: dict[str, _Held] = {}
_registry_lock = threading.Lock()


class DatabaseLock:
    """This process's claim on one database; `release()` once per `acquire()`."""

    def __init__(self, db_path: Path, held: _Held) -> None:
        self.db_path = db_path
        self.owner = held.owner
        self.stale = held.stale  # the owner of a lock left by a killed process, taken over
        self._released = False

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        _release(self.db_path)

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.release()


def _key(db_path: Path) -> str:
    return os.path.normcase(os.path.abspath(db_path))


def read_owner(db_path: Path) -> LockOwner | None:
    """Who wrote the lock file last (None when nobody or unreadable)."""
    with contextlib.suppress(OSError):
        return _parse(lock_path(db_path).read_bytes())
    return None


def holds(db_path: Path) -> bool:
    with _registry_lock:
        return _key(db_path) in _registry


def acquire(db_path: Path) -> DatabaseLock:
    """Claim the database for this process or raise StorageError "db.locked" naming the owner."""
    key = _key(db_path)
    with _registry_lock:
        held = _registry.get(key)
        if held is not None:
            held.count += 1
            return DatabaseLock(db_path, held)
        path = lock_path(db_path)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            raise StorageError("file.not_writable", path=str(path)) from exc
        handle = os.fdopen(fd, "r+b", buffering=0)
        if not _try_os_lock(handle):
            handle.close()
            raise _owner_of_held_lock(db_path).error()
        try:
            stale = _parse(handle.read(4096))
            owner = _me()
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps(asdict(owner), ensure_ascii=False).encode("utf-8"))
        except OSError as exc:
            _os_unlock(handle)
            handle.close()
            raise StorageError("file.not_writable", path=str(path)) from exc
        if stale is not None:
            log.warning("took over a lock left by a process that ended without closing: %s", stale)
        held = _Held(handle, 1, owner, stale)
        _registry[key] = held
        return DatabaseLock(db_path, held)


def _owner_of_held_lock(db_path: Path) -> LockOwner:
    # The owner may be writing its details right now: read a few times before giving up.
    for _ in range(20):
        owner = read_owner(db_path)
        if owner is not None:
            return owner
        threading.Event().wait(0.01)
    return LockOwner(pid=0, host="?", user="?", since="?")


def _release(db_path: Path) -> None:
    key = _key(db_path)
    with _registry_lock:
        held = _registry.get(key)
        if held is None:
            return
        held.count -= 1
        if held.count > 0:
            return
        del _registry[key]
        with contextlib.suppress(OSError):
            held.handle.seek(0)
            held.handle.truncate()  # a clean exit leaves an empty file: nobody holds it
        _os_unlock(held.handle)
        held.handle.close()
