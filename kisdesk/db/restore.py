"""Restore a backup: decrypt and verify it, keep the current database, then switch.

Order of work, so that every moment leaves a usable state (docs/architecture.md#restore):
1. The backup is decrypted into a temporary file next to the database and verified
   (integrity_check, row counts from its authenticated header). Nothing has changed yet.
2. The current database is backed up (a verified "pre-restore" backup) — or, when it is
   damaged, moved unchanged to the quarantine folder.
3. Its WAL is checkpointed and closed; a -wal or -shm left after that means a connection is
   still open, and the restore stops (replacing a file in use corrupts it).
4. The verified file replaces the database with one atomic rename; the folder is fsynced.

The caller must have closed every connection of its own to the database (the GUI disposes
its engine first: kisdesk.ui.storage_startup.restore_and_reopen does it in that order).
The one-writer lock is held throughout, so no other copy of kisdesk can open it meanwhile.

An encrypted database's backup key is wrapped by the database key (backup_keys.py): it opens
here when this process has opened the database (a user's password), or with the database's
recovery key, through the key file beside the database or the wrap inside the backup. The
restored database is plain, so the backup key goes back under this computer's protection.
The caller writes the "restore" entry into the restored database's audit log
(`audit_details`), since the restore replaces the log with the backup's.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kisdesk.db import backup as bk
from kisdesk.db import lock, rawconn
from kisdesk.db.backup_crypto import looks_like_recovery_key
from kisdesk.db.backup_keys import (
    Keyring,
    load_keyring,
    open_with_database_key,
    protect_with_machine,
)
from kisdesk.db.files import (
    fsync_dir,
    fsync_file,
    replace_with_retry,
    storage_error,
    temp_name,
)
from kisdesk.db.health import probe
from kisdesk.db.migrate import revisions
from kisdesk.db.quarantine import quarantine, side_files
from kisdesk.errors import KisdeskError, StorageError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RestoreResult:
    db_path: Path
    restored: bk.BackupInfo  # what was restored and from when (restored.created_at)
    safety_backup: bk.BackupInfo | None  # the database as it was just before
    quarantine: Path | None  # where a damaged current database was moved
    # The replaced database was encrypted (SQLCipher, issue 6); the restored one is plain
    # until encryption is turned on again (kisdesk encrypt on) – say so to the user.
    was_encrypted: bool = False

    @property
    def records(self) -> int:
        return self.restored.records

    def audit_details(self, head: tuple[int, str] | None) -> dict[str, Any]:
        """The "restore" entry of the audit log (kisdesk.services.audit): which backup, of
        when; `head` is the restored log's newest (id, hash) before the entry is added, and
        must equal what the backup's header kept, or the log was not restored whole."""
        kept = self.restored.audit_head
        return {
            "file": self.restored.path.name,
            "backup_created_at": self.restored.created_at.isoformat(timespec="seconds"),
            "backup_kind": self.restored.kind,
            "records": self.records,
            "safety_backup": self.safety_backup.path.name if self.safety_backup else None,
            "quarantined": self.quarantine is not None,
            "was_encrypted": self.was_encrypted,
            "backup_audit_head_id": kept[0] if kept else None,
            "audit_head_matches": None if kept is None or head is None else kept == head,
        }


def _close_wal(db_path: Path) -> None:
    """Checkpoint into the database file and let SQLite remove -wal/-shm on close."""
    if not db_path.exists():
        return
    try:
        conn = rawconn.connect(db_path, read_only=False)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError("restore.db_in_use", reason=str(exc)) from exc
    if any(p.exists() for p in side_files(db_path)[:2]):
        raise StorageError("restore.db_in_use", reason="-wal")


def _encrypted(db_path: Path) -> bool:
    from kisdesk.db.encryption_files import is_encrypted, keyfile_path

    return db_path.exists() and keyfile_path(db_path).exists() and is_encrypted(db_path)


def _unlock_with_database_recovery(db_path: Path, ring: Keyring, secret: str | None) -> None:
    """The backup key of an encrypted office, with the database's recovery key: the key file
    beside the database opens the database key, which opens the backup key."""
    if ring.data_key is not None or not secret or not looks_like_recovery_key(secret):
        return
    from kisdesk.db import encryption as enc
    from kisdesk.db.encryption_files import keyfile_path

    if not keyfile_path(db_path).exists():
        return
    try:
        open_with_database_key(ring, enc.unlock_with_recovery(db_path, secret))
    except KisdeskError:
        return  # not this database's recovery key: the backup's own wraps may still fit


def _back_to_machine(ring: Keyring) -> None:
    """The restored database is plain: no database key will be there to open the backup
    key after a restart. A failure here must not report the done restore as failed: the
    backups then ask for the passphrase or the recovery key once (backup.key_locked)."""
    if not ring.protected_by_database or ring.data_key is None:
        return
    try:
        protect_with_machine(ring)
    except KisdeskError as exc:
        log.warning("the backup key stays under the old database key: %s", exc)


def restore_database(
    db_path: Path,
    backup_file: Path,
    *,
    secret: str | None = None,
    keyring: Keyring | None = None,
) -> RestoreResult:
    """Replace the database at `db_path` with the backup in `backup_file`."""
    ring = keyring or load_keyring()
    _unlock_with_database_recovery(db_path, ring, secret)
    info = bk.read_info(backup_file)
    if info.schema_revision is not None and info.schema_revision not in revisions():
        raise StorageError("backup.newer_than_program", revision=info.schema_revision)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with lock.acquire(db_path):
        staged = temp_name(db_path)
        try:
            bk.decrypt_backup(backup_file, staged, ring, secret)
            safety, moved = None, None
            was_encrypted = _encrypted(db_path)
            if db_path.exists():
                state = probe(db_path)
                if state.ok:
                    safety = bk.create_backup(db_path, kind="pre-restore", keyring=ring)
                    _close_wal(db_path)
                else:
                    moved = quarantine(db_path, state.reason, label="before-restore")
            leftovers = [p for p in side_files(db_path) if p.exists()]
            if leftovers and not db_path.exists():
                moved = moved or quarantine(db_path, "orphan side files", label="before-restore")
            try:
                fsync_file(staged)
                replace_with_retry(staged, db_path)
                fsync_dir(db_path.parent)
            except OSError as exc:  # held by antivirus past the retries: say so, no crash
                raise storage_error(exc, db_path) from exc
            _back_to_machine(ring)
        finally:
            with contextlib.suppress(OSError):
                staged.unlink()
    log.info("restored %s from %s (%s)", db_path, backup_file, info.created_at.isoformat())
    return RestoreResult(db_path, info, safety, moved, was_encrypted)
