"""The first half of a backup: a consistent plain copy of the database, read in one
transaction with its row counts, schema revision and audit head, and its check.

The plain copy lives in the private data folder's tmp/ only while it is checked (backup.py
encrypts it and removes it at once). A plain file is copied with SQLite's backup API; an
encrypted one (SQLCipher) with sqlcipher_export, read through its rawconn opener.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kisdesk.db import rawconn
from kisdesk.db.engine import database_errors, is_driver_error, storage_error_for
from kisdesk.db.files import remove_tree_with_retry
from kisdesk.errors import StorageError
from kisdesk.models.audit import GENESIS_HASH
from kisdesk.paths import data_dir

AUDIT_TABLE = "audit_entry"


def tmp_root() -> Path:
    folder = data_dir() / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def private_tempdir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="kisdesk-", dir=tmp_root()))
    try:
        yield folder
    finally:  # a plain copy of the data: gone, even while antivirus still reads it
        remove_tree_with_retry(folder)


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


def office_identity(conn: sqlite3.Connection) -> tuple[str, str] | None:
    """(uid, name) of the office the database holds; None before it has one (or an
    identity: revisions before 0004)."""
    try:
        row = conn.execute("SELECT uid, name FROM office ORDER BY id LIMIT 1").fetchone()
    except database_errors():
        return None
    return None if row is None or not row[0] else (str(row[0]), str(row[1]))


def database_office(db_path: Path) -> tuple[str, str] | None:
    """The office identity of the database file at `db_path` (read only); None when the
    file is missing, unreadable (damaged, or encrypted without its key) or has none."""
    unreadable: tuple[type[Exception], ...] = (StorageError, *database_errors())
    try:
        conn = connect_read_only(db_path)
    except unreadable:
        return None
    try:
        return office_identity(conn)
    except database_errors():
        return None
    finally:
        conn.close()


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
