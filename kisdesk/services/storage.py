"""Backup, restore and the backup key as use cases: the GUI and the command line call these.

Every use case writes its own audit entry (kisdesk.services.audit), failures included, so
the two faces of the program cannot disagree about what is logged:

- a backup's entry goes into the database it copied (`record_backup`); a failed backup the
  user asked for is logged with the error's code;
- a restore's entry goes into the restored database, after the restore (the restore
  replaced the log with the backup's, so an entry written before would be gone); a failed
  restore is logged in the database that stayed in place;
- setting the backup passphrase and replacing the recovery key are logged too.

The database file itself is kisdesk.db's (backup API, verification, encryption of the
backup file, key wraps); this module decides who may do what, in which order, and what is
written down. Nothing here imports Qt.

This module holds the backup and the health check; the restore is storage_restore, the
backup key storage_keys, and what they share (the database file, reopening it, the audit
entries) storage_common. Every name is importable from here.
"""

from __future__ import annotations

import contextlib
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from kisdesk.access import Permission
from kisdesk.db import Database, health
from kisdesk.db import backup as bk
from kisdesk.db import backup_keys as keys
from kisdesk.db.backup import BackupInfo
from kisdesk.db.backup_crypto import MIN_PASSPHRASE
from kisdesk.db.backup_schedule import BackupOptions, BackupScheduler
from kisdesk.db.files import atomic_write
from kisdesk.db.health import Finding, HealthReport
from kisdesk.db.restore import RestoreResult
from kisdesk.errors import KisdeskError, StorageError, ValidationError
from kisdesk.services import office, settings
from kisdesk.services.common import require
from kisdesk.services.passphrases import read_passphrase_file
from kisdesk.services.storage_common import (
    DatabaseHolder,
    Holder,
    KeyOf,
    backup_entry,
    database_file,
    record_backup,
    record_backup_failure,
    reopen_around,
    write_entry,
)
from kisdesk.services.storage_keys import (
    KeyringState,
    backup_opens_here,
    keyring_state,
    locked_by_database,
    new_recovery_key,
    set_passphrase,
    unlock_backup_key,
    write_recovery_page,
)
from kisdesk.services.storage_restore import Restored, other_office, restore

__all__ = [
    "MIN_PASSPHRASE",
    "BackupDone",
    "BackupInfo",
    "BackupOptions",
    "BackupScheduler",
    "DatabaseHolder",
    "Finding",
    "HealthReport",
    "Holder",
    "KeyOf",
    "KeyringState",
    "Restored",
    "RestoreResult",
    "atomic_write",
    "backup",
    "backup_entry",
    "backup_opens_here",
    "backup_options",
    "check",
    "database_file",
    "keyring_state",
    "known_folders",
    "list_backups",
    "locked_by_database",
    "new_backup_key",
    "new_recovery_key",
    "other_office",
    "probe_ok",
    "read_backup",
    "read_passphrase_file",
    "record_backup",
    "record_backup_failure",
    "reopen_around",
    "restore",
    "set_passphrase",
    "unlock_backup_key",
    "write_recovery_page",
]


# -- backup -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BackupDone:
    info: BackupInfo
    recovery_key: str | None  # a new one when this backup set the passphrase: show it once
    key_id: str
    office_name: str
    unlogged: KisdeskError | None  # why the audit entry could not be written, or None
    warn_no_passphrase: bool  # the backups open only on this computer (no passphrase yet)


def backup_options(db: Database) -> BackupOptions:
    try:
        with db.read() as s:
            return BackupOptions.from_settings(settings.all_settings(s))
    except KisdeskError:
        return BackupOptions()


def _use_passphrase(ring: keys.Keyring, passphrase: str) -> str | None:
    """First use sets the passphrase (returns the new recovery key); later it must match."""
    if not ring.has_passphrase:
        return keys.set_passphrase(ring, passphrase)
    if ring.data_key is None:
        keys.unlock(ring, passphrase)
    elif not keys.check_passphrase_matches(ring, passphrase):
        raise StorageError("backup.passphrase_mismatch")
    return None


def backup(
    db: Database,
    *,
    out: Path | None = None,
    passphrase: str | None = None,
    kind: str = "manual",
    scheduler: BackupScheduler | None = None,
) -> BackupDone:
    """A verified backup the user asked for: in the backup folder (thinned by the office's
    rotation), or at `out` (a USB stick: a folder or a file name). `passphrase` sets the
    backup passphrase on first use or unlocks the key on a new computer. `scheduler`: the
    GUI's, which keeps its own record of the newest backup."""
    with db.read() as s:
        require(s, Permission.BACKUP)  # a refusal is logged by require
        office_name = office.get_office(s).name if office.has_office(s) else ""
    path = database_file(db)
    options = backup_options(db)
    try:
        ring = keys.load_keyring(database_key=bk.database_key_of(path))
        recovery = _use_passphrase(ring, passphrase) if passphrase else None
        if recovery is not None:
            write_entry(db, None, "backup", lambda _s: {"action": "passphrase_set"})
        if scheduler is not None and out is None:
            info = scheduler.backup_now(kind)
            if info is None:
                raise scheduler.last_error or StorageError("backup.failed", reason="")
        else:
            info = bk.create_backup(
                path,
                out=out,
                folder=options.folder,
                kind=kind,
                keyring=ring,
                policy=None if out else options.policy,
            )
    except KisdeskError as exc:
        error = _explained(exc)
        record_backup_failure(db, kind, error)
        raise error from None
    unlogged = record_backup(db, info)
    return BackupDone(
        info,
        recovery,
        ring.key_id,
        office_name,
        unlogged,
        not ring.has_passphrase and not ring.has_database_recovery,
    )


def _explained(error: KisdeskError) -> KisdeskError:
    """A locked backup key that nothing can open any more says so, and what to do."""
    if error.code == "backup.key_locked" and keys.keyring_exists():
        with contextlib.suppress(KisdeskError):
            if keys.load_keyring().dead_end:
                return StorageError("backup.key_lost")
    return error


def new_backup_key(
    db: Database, *, passphrase: str | None = None, scheduler: BackupScheduler | None = None
) -> tuple[Path, BackupDone]:
    """Backups fail because this computer lost the backup key (DPAPI after a Windows
    password reset or a copied profile) and no passphrase or recovery key wraps it: the old
    key file is kept, renamed, a new key is made and a verified backup is written at once.
    Refused while the key opens, or can be opened with the passphrase or a recovery key.
    Returns where the old key file was kept, and the backup."""
    with db.read() as s:
        require(s, Permission.BACKUP)
    ring = keys.load_keyring()
    if not ring.dead_end:
        raise ValidationError("backup.key_not_lost")
    kept = keys.retire_keyring()
    write_entry(db, None, "backup", lambda _s: {"action": "new_backup_key", "file": kept.name})
    return kept, backup(db, kind="manual", passphrase=passphrase, scheduler=scheduler)


def known_folders(options: BackupOptions | None = None) -> list[Path]:
    """Where backups are looked for: the program's folder first, every folder automatic
    backups went to, and the office's own backup folder."""
    folders = bk.known_folders()
    if options is not None and options.folder is not None:
        folders.append(options.folder)
    return list(dict.fromkeys(folders))


def list_backups(db_path: Path, options: BackupOptions | None = None) -> list[BackupInfo]:
    """Every readable backup of this database in the known folders, newest first."""
    found = {b.path: b for f in known_folders(options) for b in bk.list_backups(f, db_path.stem)}
    return sorted(found.values(), key=lambda b: b.created_at, reverse=True)


def read_backup(path: Path) -> BackupInfo:
    """What a backup file's header says (StorageError for a file that is not a backup)."""
    return bk.read_info(path)


# -- check ------------------------------------------------------------------------------------
def check(path: Path) -> HealthReport:
    """The database's and the backups' health (`kisdesk check`): also the accounts, the
    log's triggers and the newest backup's log head against the audit chain."""
    report = health.check(path)
    if report.integrity == ["ok"]:
        from kisdesk.services import audit_trust

        found = [Finding(f.code, f.params) for f in audit_trust.file_findings(path)]
        report = dataclasses.replace(report, problems=[*report.problems, *found])
    return report


def probe_ok(path: Path) -> bool:
    return health.probe(path).ok
