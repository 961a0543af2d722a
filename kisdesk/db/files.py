"""Writing files so that a crash or a full disk never leaves half a file under its real name.

KeePassXC's "safe save": write a temporary file in the same folder, flush and fsync it, then
`os.replace` it over the final name (atomic on POSIX and NTFS), then fsync the folder so the
rename itself survives a power cut. The final name holds either the old complete file or the
new complete file, never a mix (docs/architecture.md#atomic-files).

Every writer of user-visible files (backups, exports, documents, settings) goes through
`atomic_write` or `atomic_path`, and every rename of a finished file through
`replace_with_retry`.

On Windows (docs/BUILD.md, "Windows behaviours"): antivirus scanning a new file, OneDrive
uploading the previous version, or the search indexer hold it open for a moment, and the
rename fails with a sharing violation; `replace_with_retry` waits for them. Controlled
Folder Access (Microsoft Defender) refuses an unknown program's writes to Documents and the
Desktop for good: the message names it. The temporary file is hidden, as its leading dot
hides it elsewhere, and temporary files a crash left are removed from the target folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from kisdesk.errors import StorageError

# errno values meaning "no room": a full disk, a file-size limit (RLIMIT_FSIZE), a quota.
_NO_SPACE = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
TEMP_SUFFIX = ".kisdesk-tmp"
# Windows errors while another program holds the file: ERROR_ACCESS_DENIED (also a file
# being deleted, and Controlled Folder Access), ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
HELD_WINERRORS = frozenset({5, 32, 33})
RETRY_ATTEMPTS = 20
RETRY_DELAY = 0.05  # 20 × 50 ms: an antivirus scan of a new file takes tens of milliseconds
FILE_ATTRIBUTE_HIDDEN = 0x2

Writer = Callable[[BinaryIO], object]


def temp_name(path: Path) -> Path:
    """A fresh hidden temporary name next to `path` (same folder, so same file system)."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def held_by_another_program(exc: OSError) -> bool:
    return getattr(exc, "winerror", None) in HELD_WINERRORS


def replace_with_retry(source: Path | str, target: Path | str) -> None:
    """`os.replace`, tried again for about a second while Windows says another program
    holds one of the files (antivirus, OneDrive, the indexer); other errors at once."""
    for attempt in range(RETRY_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except OSError as exc:
            if not held_by_another_program(exc) or attempt == RETRY_ATTEMPTS - 1:
                raise
            time.sleep(RETRY_DELAY)


def remove_tree_with_retry(folder: Path) -> None:
    """Delete a folder, tried again for about a second while a file in it is held."""
    for _ in range(RETRY_ATTEMPTS):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(RETRY_DELAY)


def _windows_set_hidden(path: Path, hidden: bool) -> None:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    attributes = kernel32.GetFileAttributesW(str(path))
    if attributes == -1 or attributes == 0xFFFFFFFF:
        return
    wanted = attributes | FILE_ATTRIBUTE_HIDDEN if hidden else attributes & ~FILE_ATTRIBUTE_HIDDEN
    if wanted != attributes:
        kernel32.SetFileAttributesW(str(path), wanted)


def _no_attributes(path: Path, hidden: bool) -> None:
    """Elsewhere the leading dot of the temporary name hides it."""


# A seam: Windows' SetFileAttributesW, or nothing; the tests simulate Windows' attribute.
set_hidden: Callable[[Path, bool], None] = (
    _windows_set_hidden if os.name == "nt" else _no_attributes
)


def fsync_file(path: Path) -> None:
    # Write access, not read-only: on Windows os.fsync is _commit → FlushFileBuffers, which
    # fails with EBADF on a handle without GENERIC_WRITE (docs/BUILD.md, Windows behaviours).
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable (POSIX; Windows has no directory fsync)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:  # some file systems refuse fsync on a directory
        if exc.errno not in (errno.EINVAL, errno.EBADF):
            raise
    finally:
        os.close(fd)


def storage_error(exc: OSError, path: Path) -> StorageError:
    """The user's view of a failed write: no room, a file another program holds (Windows),
    or another I/O problem."""
    if held_by_another_program(exc):
        return StorageError("file.held", path=str(path))
    if exc.errno in _NO_SPACE:
        return StorageError("disk.full", path=str(path.parent))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError("file.not_writable", path=str(path))
    return StorageError("file.write_failed", path=str(path), reason=exc.strerror or str(exc))


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """A temporary path to write to; on success it replaces `path` atomically.

    For libraries that insist on a file name (reportlab, openpyxl's `save`). On any
    exception the temporary file is removed and `path` is untouched.
    """
    final = Path(path)
    temp = temp_name(final)
    remove_stale_temps(final.parent)  # what a crash left here (a document in Documents)
    try:
        yield temp
        if not temp.exists():
            raise FileNotFoundError(errno.ENOENT, "nothing was written", str(temp))
        fsync_file(temp)
        set_hidden(temp, False)  # a rename keeps the attribute: the final file is visible
        replace_with_retry(temp, final)
        fsync_dir(final.parent)
    except OSError as exc:
        _remove_quietly(temp)
        raise storage_error(exc, final) from exc
    except BaseException:
        _remove_quietly(temp)
        raise


def atomic_write(path: Path | str, data: bytes | Writer) -> Path:
    """Write `data` (bytes, or a callback given an open binary file) to `path` atomically.

    Raises StorageError "disk.full" / "file.not_writable" / "file.write_failed"; the final
    name then still holds its previous content (or does not exist), and no temporary file
    is left behind.
    """
    final = Path(path)
    with atomic_path(final) as temp, open(temp, "xb") as handle:
        # hidden while written (Windows shows dot files); not before it exists: a hidden
        # file cannot be re-created over (CreateFile CREATE_ALWAYS fails with access denied)
        set_hidden(temp, True)
        if isinstance(data, bytes | bytearray | memoryview):
            handle.write(data)
        else:
            data(handle)
        handle.flush()
        os.fsync(handle.fileno())
    return final


def remove_stale_temps(folder: Path, older_than_seconds: float = 3600.0) -> list[Path]:
    """Delete temporary files a killed process left in `folder` (never a final name).

    Only old ones: another process may be writing a fresh one right now.
    """
    removed = []
    if folder.is_dir():
        limit = time.time() - older_than_seconds
        for item in folder.glob(f".*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                if item.stat().st_mtime < limit:
                    item.unlink()
                    removed.append(item)
    return removed
