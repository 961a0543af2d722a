"""Backups known to be good: SQLite's backup API, verified, encrypted, written atomically.

The routine (reliability.md §9):
1. A read transaction on a separate read-only connection; row counts of every table; the
   backup API copies that same snapshot (never a file copy of a live database:
   sqlite.org/howtocorrupt.html §1.2). Writers go on meanwhile (WAL).
2. The plain copy is checked: PRAGMA integrity_check and the row counts equal the source's.
3. It is encrypted (backup_crypto) into a temporary file next to the final name, fsynced,
   the page cache dropped where the OS allows, read back, decrypted and checked again; only
   then renamed to its final name. A file under a final .kisbak name is a verified backup.
4. Only after that are old backups thinned (rotation.py).

The header also keeps the audit log's head (id and hash of its newest entry, read in the
same snapshot), so a restore can tell whether the restored log ends where it did when the
backup was made (reliability.md §7). An encrypted database's backups are encrypted with a
backup key wrapped by the database key (backup_keys.py).

The plain copy lives in the private data folder's tmp/ only while it is checked and is
removed at once; a USB stick or a cloud folder only ever receives the encrypted file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kisdesk import __version__
from kisdesk.db import backup_crypto as bc
from kisdesk.db import rawconn
from kisdesk.db.backup_keys import Keyring, load_keyring, protect_with_database
from kisdesk.db.engine import database_errors, is_driver_error, storage_error_for
from kisdesk.db.files import atomic_path, atomic_write, remove_stale_temps
from kisdesk.db.rotation import RotationPolicy, thin
from kisdesk.errors import StorageError
from kisdesk.models.audit import GENESIS_HASH
from kisdesk.paths import backup_dir, data_dir

log = logging.getLogger(__name__)

SUFFIX = ".kisbak"
KINDS = ("auto", "exit", "manual", "pre-upgrade", "pre-restore")
AUTOMATIC = frozenset({"auto", "exit", "pre-upgrade", "pre-restore"})  # nobody asked for it
AUDIT_TABLE = "audit_entry"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<ts>\d{4}-\d{2}-\d{2}-\d{6})(?:-(?P<n>\d+))?-(?P<kind>[a-z-]+)\.kisbak$"
)
STATE_FILE = "backup-state.json"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created_at: dt.datetime  # UTC, from the authenticated header
    kind: str
    schema_revision: str | None
    row_counts: dict[str, int]
    size: int
    app_version: str
    key_id: str
    source: str
    audit_head: tuple[int, str] | None = None  # the audit log's newest (id, hash) then

    @property
    def records(self) -> int:
        return sum(n for t, n in self.row_counts.items() if t != "alembic_version")

    def created_local(self) -> str:
        return self.created_at.astimezone().strftime("%d.%m.%Y %H:%M")

    def audit_details(self) -> dict[str, Any]:
        """What the audit log keeps about this backup (kisdesk.services.audit, event
        "backup"): the file's name, never its folder (it may bear a person's name)."""
        return {
            "file": self.path.name,
            "kind": self.kind,
            "automatic": self.kind in AUTOMATIC,
            "records": self.records,
        }


def tmp_root() -> Path:
    folder = data_dir() / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def private_tempdir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="kisdesk-", dir=tmp_root()))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def cleanup_tmp(older_than_seconds: float = 3600.0) -> None:
    """Remove plain copies a killed process left in tmp/ (never anything else)."""
    limit = time.time() - older_than_seconds
    for item in tmp_root().glob("kisdesk-*"):
        with contextlib.suppress(OSError):
            if item.stat().st_mtime < limit:
                shutil.rmtree(item, ignore_errors=True)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can never write `path` (nor checkpoint it on close)."""
    if not path.exists():
        raise StorageError("db.missing", path=str(path))
    return rawconn.connect(path, read_only=True)  # type: ignore[no-any-return]


def table_names(conn: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]


def row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in table_names(conn)}


def audit_head(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """(id, hash) of the audit log's newest entry; None before the log exists."""
    if AUDIT_TABLE not in table_names(conn):
        return None
    row = conn.execute(f"SELECT id, hash FROM {AUDIT_TABLE} ORDER BY id DESC LIMIT 1").fetchone()
    return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))


def schema_revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except database_errors():
        return None
    return None if row is None else str(row[0])


def _fail(exc: Exception, path: Path) -> StorageError:
    error = storage_error_for(exc)
    if error is not None and error.code == "disk.full":
        return StorageError("disk.full", path=str(path.parent))
    return error or StorageError("backup.failed", reason=str(exc))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What was read in the same transaction as the copy."""

    counts: dict[str, int]
    revision: str | None
    audit_head: tuple[int, str] | None


def _read_snapshot(conn: sqlite3.Connection) -> Snapshot:
    return Snapshot(row_counts(conn), schema_revision(conn), audit_head(conn))


def snapshot(db_path: Path, target: Path) -> Snapshot:
    """Copy the database with the backup API; returns the row counts of that snapshot."""
    if rawconn.opener_for(db_path) is not None:
        return _snapshot_encrypted(db_path, target)
    try:
        source = connect_read_only(db_path)
        try:
            source.execute("BEGIN")  # one snapshot for the counts and the copy (WAL)
            seen = _read_snapshot(source)
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                copy.close()
            source.execute("COMMIT")
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise _fail(exc, target) from exc
    return seen


def _snapshot_encrypted(db_path: Path, target: Path) -> Snapshot:
    """An SQLCipher database (issue 6): the backup API cannot copy an encrypted database
    into a plain one, sqlcipher_export can (zetetic.net/sqlcipher/sqlcipher-api). The plain
    copy exists only in the private tmp/ folder and is encrypted with AES-GCM like any other.
    ATTACH needs a connection that may write (the attached file only), outside a transaction.
    """
    source = rawconn.connect(db_path, read_only=False)
    error_type = getattr(type(source), "__module__", "")
    try:
        source.execute("ATTACH DATABASE ? AS kisdesk_plain KEY ''", (str(target),))
        try:
            source.execute("BEGIN")
            seen = _read_snapshot(source)
            source.execute("SELECT sqlcipher_export('kisdesk_plain')")
            source.execute("COMMIT")
        finally:
            source.execute("DETACH DATABASE kisdesk_plain")
    except Exception as exc:
        if not is_driver_error(exc):
            raise
        if "disk is full" in str(exc) or "disk I/O error" in str(exc):
            raise StorageError("disk.full", path=str(target.parent)) from exc
        error = storage_error_for(exc)  # a damaged page: "db.corrupt", as for a plain file
        if error is not None:
            raise error from exc
        raise StorageError("backup.failed", reason=f"{error_type}: {exc}") from exc
    finally:
        source.close()
    return seen


def verify_plain(path: Path, counts: dict[str, int]) -> None:
    """integrity_check and the row counts; StorageError "backup.verify_failed" otherwise."""
    try:
        conn = connect_read_only(path)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
            found = row_counts(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError("backup.verify_failed", reason=str(exc)) from exc
    if result != ["ok"]:
        raise StorageError("backup.verify_failed", reason="; ".join(result))
    if found != counts:
        raise StorageError("backup.verify_failed", reason=f"{found} != {counts}")


def _drop_cache(path: Path) -> None:
    """Make the read-back come from the device, not from memory (Linux; elsewhere a no-op)."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    except OSError:
        pass
    finally:
        os.close(fd)


def backup_name(db_path: Path, when: dt.datetime, kind: str, n: int = 0) -> str:
    counter = f"-{n}" if n else ""
    return f"{db_path.stem}-{when.astimezone():%Y-%m-%d-%H%M%S}{counter}-{kind}{SUFFIX}"


def _free_name(folder: Path, db_path: Path, when: dt.datetime, kind: str) -> Path:
    n = 0
    while (folder / backup_name(db_path, when, kind, n)).exists():
        n += 1
    return folder / backup_name(db_path, when, kind, n)


def create_backup(
    db_path: Path,
    *,
    folder: Path | None = None,
    out: Path | None = None,
    kind: str = "auto",
    keyring: Keyring | None = None,
    policy: RotationPolicy | None = None,
    now: dt.datetime | None = None,
) -> BackupInfo:
    """Back up the database at `db_path` into `folder` (automatic backups, thinned by
    `policy`) or to `out` (a folder or a file name: a USB stick), verified where written."""
    ring = _keyring_for(db_path, keyring)
    key = ring.key()
    when = now or dt.datetime.now(dt.UTC)
    if out is not None and (out.is_dir() or str(out).endswith(("/", os.sep))):
        target = _free_name(out, db_path, when, kind)
    elif out is not None:
        target = out if out.suffix == SUFFIX else out.with_name(out.name + SUFFIX)
    else:
        base = folder or backup_dir()
        target = _free_name(base, db_path, when, kind)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError("file.not_writable", path=str(target.parent)) from exc
    remove_stale_temps(target.parent)
    with private_tempdir() as tmp:
        plain = tmp / "snapshot.sqlite"
        seen = snapshot(db_path, plain)
        counts = seen.counts
        verify_plain(plain, counts)
        fields = {
            "format": 1,
            "created_at": when.astimezone(dt.UTC).isoformat(timespec="seconds"),
            "app_version": __version__,
            "schema_revision": seen.revision,
            "row_counts": counts,
            "audit_head": list(seen.audit_head) if seen.audit_head else None,
            "kind": kind,
            "source": db_path.name,
            "plain_size": plain.stat().st_size,
            "wraps": ring.header_wraps(),
        }
        with atomic_path(target) as temp:
            with open(plain, "rb") as src, open(temp, "xb") as dst:
                bc.encrypt(src, dst, key, fields)
                dst.flush()
                os.fsync(dst.fileno())
            _drop_cache(temp)
            check = tmp / "check.sqlite"
            _decrypt_file(temp, check, key)
            verify_plain(check, counts)
    info = read_info(target)
    if out is None:
        remember_folder(target.parent)
        if policy is not None:
            rotate(target.parent, db_path.stem, policy, now=when)
    log.info("backup written and verified: %s (%d records)", target, info.records)
    return info


def database_key_of(db_path: Path) -> bytes | None:
    """The key of an encrypted database this process has opened (its rawconn opener)."""
    key = getattr(rawconn.opener_for(db_path), "key", None)
    return key if isinstance(key, bytes) else None


def _keyring_for(db_path: Path, keyring: Keyring | None) -> Keyring:
    """The backup keyring; for an encrypted database, one wrapped by its key (a keyring still
    opened by this computer's key file alone is moved under it now: backup_keys.py)."""
    db_key = database_key_of(db_path)
    if keyring is None:
        return load_keyring(database_key=db_key)
    if db_key is not None and keyring.data_key is not None:
        protect_with_database(keyring, db_key)
    return keyring


def _decrypt_file(source: Path, target: Path, key: bytes) -> bc.BackupHeader:
    try:
        with open(source, "rb") as src, open(target, "wb") as dst:
            header = bc.decrypt(src, dst, key)
            dst.flush()
            os.fsync(dst.fileno())
    except OSError as exc:
        raise StorageError("backup.unreadable", path=str(source), reason=exc.strerror) from exc
    return header


def read_info(path: Path) -> BackupInfo:
    """What the readable header says (authenticated when the file is decrypted)."""
    try:
        with open(path, "rb") as handle:
            header = bc.read_header(handle)
        size = path.stat().st_size
    except OSError as exc:
        raise StorageError("backup.unreadable", path=str(path), reason=exc.strerror) from exc
    f = header.fields
    try:
        created = dt.datetime.fromisoformat(str(f["created_at"]))
        head = f.get("audit_head")
        audit = (int(head[0]), str(head[1])) if head else None
    except (KeyError, ValueError, TypeError, IndexError):
        raise StorageError("backup.damaged") from None
    return BackupInfo(
        path=path,
        created_at=created if created.tzinfo else created.replace(tzinfo=dt.UTC),
        kind=str(f.get("kind", "")),
        schema_revision=f.get("schema_revision"),
        row_counts={str(k): int(v) for k, v in dict(f.get("row_counts", {})).items()},
        size=size,
        app_version=str(f.get("app_version", "")),
        key_id=header.key_id,
        source=str(f.get("source", "")),
        audit_head=audit,
    )


def decrypt_backup(
    path: Path, target: Path, keyring: Keyring | None = None, secret: str | None = None
) -> BackupInfo:
    """Decrypt and verify a backup into `target` (a plain SQLite file)."""
    info = read_info(path)
    ring = keyring or load_keyring()
    key = ring.open_key(info.key_id, _header_wraps(path), secret)
    _decrypt_file(path, target, key)
    verify_plain(target, info.row_counts)
    return info


def verify_backup(
    path: Path, keyring: Keyring | None = None, secret: str | None = None
) -> BackupInfo:
    with private_tempdir() as tmp:
        return decrypt_backup(path, tmp / "verify.sqlite", keyring, secret)


def _header_wraps(path: Path) -> list[dict[str, Any]]:
    with open(path, "rb") as handle:
        return bc.read_header(handle).wraps


def list_backups(folder: Path, stem: str | None = None) -> list[BackupInfo]:
    """Readable backups in `folder` (of the database named `stem`), newest first."""
    found = []
    if folder.is_dir():
        for path in folder.glob(f"*{SUFFIX}"):
            match = _NAME.match(path.name)
            if stem is not None and (match is None or match["stem"] != stem):
                continue
            with contextlib.suppress(StorageError):
                found.append(read_info(path))
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def rotate(
    folder: Path, stem: str, policy: RotationPolicy, now: dt.datetime | None = None
) -> list[Path]:
    """Delete the backups of `stem` that `policy` no longer keeps; returns what was deleted."""
    dated = []
    for path in folder.glob(f"{stem}-*{SUFFIX}"):
        match = _NAME.match(path.name)
        if match is None or match["stem"] != stem:
            continue
        when = dt.datetime.strptime(match["ts"], "%Y-%m-%d-%H%M%S").astimezone()
        dated.append((when, path))
    _kept, obsolete = thin(dated, (now or dt.datetime.now(dt.UTC)).astimezone(), policy)
    for path in obsolete:
        with contextlib.suppress(OSError):
            path.unlink()
    return obsolete


def known_folders() -> list[Path]:
    """The default folder and every folder automatic backups were written to."""
    folders = [backup_dir()]
    with contextlib.suppress(OSError, ValueError, TypeError):
        state = json.loads((data_dir() / STATE_FILE).read_text(encoding="utf-8"))
        folders += [Path(p) for p in state.get("folders", [])]
    return list(dict.fromkeys(folders))


def remember_folder(folder: Path) -> None:
    folders = known_folders()
    if folder in folders:
        return
    state = {"folders": [str(p) for p in folders[1:] + [folder]]}
    with contextlib.suppress(StorageError):
        atomic_write(data_dir() / STATE_FILE, json.dumps(state, ensure_ascii=False).encode())


def newest_backup(db_path: Path, folders: list[Path] | None = None) -> BackupInfo | None:
    """The newest backup of this database in the known folders (by the header's date)."""
    found = [b for f in folders or known_folders() for b in list_backups(f, db_path.stem)]
    return max(found, key=lambda b: b.created_at, default=None)
