"""Is the database usable, and are its backups? The quick probe at start and the full check.

At start (open.py) `probe()` runs PRAGMA quick_check on a read-only connection (it can never
write the file, nor checkpoint it on close, so a damaged file is quarantined exactly as it
was). `check()` is `kisdesk check`: integrity_check, foreign_key_check, and the state of the
backups (the newest one read back and verified, its age, whether a passphrase is set).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kisdesk.db import backup as bk
from kisdesk.db import backup_snapshot as snap
from kisdesk.db import rawconn
from kisdesk.db.backup_keys import keyring_exists, load_keyring
from kisdesk.db.engine import database_errors
from kisdesk.db.migrate import revisions
from kisdesk.db.quarantine import quarantine_root
from kisdesk.errors import KisdeskError

SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_BACKUP_AGE_DAYS = 7


@dataclass(frozen=True, slots=True)
class Probe:
    ok: bool
    reason: str = ""
    # The file is fine as far as anyone knows, this user may just not read it: never damage
    # (no quarantine, no restore advice; docs/misuse-cases.md, "Files and paths").
    no_permission: bool = False


_PERMISSION_ERRNOS = frozenset({errno.EACCES, errno.EPERM})


def _header_problem(db_path: Path, size: int) -> str | None:
    with open(db_path, "rb") as handle:
        head = handle.read(100)
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return "not_a_database"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "bad_header"
    wal = db_path.with_name(db_path.name + "-wal")
    wal_empty = not wal.exists() or wal.stat().st_size == 0
    if not wal_empty:
        return None  # pages may live in the WAL until the next checkpoint
    if size % page_size:
        return "truncated"
    pages = int.from_bytes(head[28:32], "big")
    header_size_valid = head[24:28] == head[92:96]  # sqlite.org/fileformat2.html §1.3.7
    if header_size_valid and pages * page_size > size:
        return "truncated"
    return None


def probe(db_path: Path) -> Probe:
    """Can this file be used? Never raises for a damaged file; never writes it."""
    try:
        size = db_path.stat().st_size
    except OSError as exc:
        return Probe(False, f"unreadable: {exc.strerror}", exc.errno in _PERMISSION_ERRNOS)
    if size == 0:
        # kisdesk creates a database whole (open.py), so an empty file is a lost one.
        return Probe(False, "empty")
    try:
        problem = None if rawconn.opener_for(db_path) else _header_problem(db_path, size)
    except OSError as exc:
        return Probe(False, f"unreadable: {exc.strerror}", exc.errno in _PERMISSION_ERRNOS)
    if problem:
        return Probe(False, problem)
    try:
        conn = snap.connect_read_only(db_path)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)")]
        finally:
            conn.close()
    except database_errors() as exc:  # sqlite3's, or SQLCipher's for an encrypted file
        return Probe(False, str(exc), _permission_problem(db_path, exc))
    except UnicodeDecodeError:  # a flipped bit in a stored name: quick_check's text is garbage
        return Probe(False, "damaged text in the schema")
    except KisdeskError as exc:  # e.g. "encryption.wrong_key": what SQLCipher said, if it did
        return Probe(False, str(exc.params.get("reason") or exc.code))
    if rows != ["ok"]:
        return Probe(False, "; ".join(rows))
    return Probe(True)


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HealthReport:
    db_path: Path
    integrity: list[str]
    foreign_key_problems: int
    schema_revision: str | None
    row_counts: dict[str, int]
    newest_backup: bk.BackupInfo | None
    newest_backup_verified: bool
    problems: list[Finding]
    warnings: list[Finding]

    @property
    def healthy(self) -> bool:
        return not self.problems

    def backup_age_hours(self, now: dt.datetime | None = None) -> float | None:
        if self.newest_backup is None:
            return None
        now = now or dt.datetime.now(dt.UTC)
        return round((now - self.newest_backup.created_at).total_seconds() / 3600, 1)


def _database_findings(
    db_path: Path, problems: list[Finding]
) -> tuple[list[str], int, str | None, dict[str, int]]:
    conn = snap.connect_read_only(db_path)
    try:
        integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)")]
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        revision = snap.schema_revision(conn)
        counts = snap.row_counts(conn)
    finally:
        conn.close()
    if revision is None and set(counts) - {"alembic_version"}:
        problems.append(Finding("db.not_kisdesk"))  # what every command refuses, check too
    if integrity != ["ok"]:
        problems.append(Finding("check.integrity", {"details": "; ".join(integrity)}))
    if fk:
        problems.append(Finding("check.foreign_keys", {"count": len(fk)}))
    if revision is not None and revision not in revisions():
        problems.append(Finding("db.newer_than_program", {"revision": revision}))
    return integrity, len(fk), revision, counts


def _permission_problem(db_path: Path, exc: Exception) -> bool:
    """A read-only folder or file: SQLite cannot make the -shm a WAL reader needs, and says
    "attempt to write a readonly database" or "unable to open database file"."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code not in (8, 14):  # SQLITE_READONLY, SQLITE_CANTOPEN
        return False
    return not os.access(db_path.parent, os.W_OK) or not os.access(db_path, os.R_OK | os.W_OK)


def check(db_path: Path, now: dt.datetime | None = None) -> HealthReport:
    """Everything `kisdesk check` reports; reads only, takes no lock."""
    now = now or dt.datetime.now(dt.UTC)
    problems: list[Finding] = []
    warnings: list[Finding] = []
    integrity: list[str] = []
    fk_count, revision = 0, None
    counts: dict[str, int] = {}
    if not db_path.exists():
        problems.append(Finding("db.missing", {"path": str(db_path)}))
    else:
        state = probe(db_path)
        if state.no_permission:
            problems.append(Finding("db.no_permission", {"path": str(db_path)}))
        elif not state.ok:
            problems.append(Finding("check.damaged", {"reason": state.reason}))
        else:
            try:
                integrity, fk_count, revision, counts = _database_findings(db_path, problems)
            except database_errors() as exc:
                if _permission_problem(db_path, exc):
                    problems.append(Finding("db.no_permission", {"path": str(db_path)}))
                else:
                    problems.append(Finding("check.damaged", {"reason": str(exc)}))
    newest = bk.newest_backup(db_path)
    verified = False
    if newest is None:
        problems.append(Finding("check.no_backup", {"folder": str(bk.known_folders()[0])}))
    else:
        age_days = (now - newest.created_at).total_seconds() / 86400
        if age_days > MAX_BACKUP_AGE_DAYS:
            problems.append(
                Finding("check.backup_old", {"days": int(age_days), "when": newest.created_local()})
            )
        try:
            bk.verify_backup(newest.path)
            verified = True
        except KisdeskError as exc:
            problems.append(
                Finding("check.backup_bad", {"path": str(newest.path), "error": exc.code})
            )
    ring = load_keyring() if keyring_exists() else None
    # The passphrase, or an encrypted database's recovery key, opens backups elsewhere too.
    if ring is None or not (ring.has_passphrase or ring.has_database_recovery):
        warnings.append(Finding("check.no_passphrase"))
    root = quarantine_root()
    if root.is_dir() and any(root.iterdir()):
        warnings.append(Finding("check.quarantine", {"folder": str(root)}))
    return HealthReport(
        db_path, integrity, fk_count, revision, counts, newest, verified, problems, warnings
    )
