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
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from kisdesk.access import Actor, Permission, actor_of
from kisdesk.db import Database, health, lock, rawconn
from kisdesk.db import backup as bk
from kisdesk.db import backup_keys as keys
from kisdesk.db.backup import BackupInfo
from kisdesk.db.backup_crypto import MIN_PASSPHRASE
from kisdesk.db.backup_schedule import BackupOptions, BackupScheduler
from kisdesk.db.backup_snapshot import database_office, private_tempdir
from kisdesk.db.files import atomic_write
from kisdesk.db.health import Finding, HealthReport
from kisdesk.db.locations import check_database_location
from kisdesk.db.open import open_database
from kisdesk.db.recovery_page import write_page
from kisdesk.db.restore import RestoreResult, restore_database
from kisdesk.errors import KisdeskError, StorageError, ValidationError
from kisdesk.paths import sqlite_path
from kisdesk.services import audit, office, settings
from kisdesk.services.common import require
from kisdesk.services.passphrases import read_passphrase_file

__all__ = [
    "MIN_PASSPHRASE",
    "BackupDone",
    "BackupInfo",
    "BackupOptions",
    "BackupScheduler",
    "DatabaseHolder",
    "Finding",
    "HealthReport",
    "KeyringState",
    "Restored",
    "RestoreResult",
    "atomic_write",
    "backup",
    "backup_options",
    "check",
    "database_file",
    "known_folders",
    "list_backups",
    "read_backup",
    "read_passphrase_file",
    "record_backup",
    "record_backup_failure",
    "reopen_around",
    "restore",
]

log = logging.getLogger(__name__)
T = TypeVar("T")
KeyOf = Callable[[Path], bytes | None]


class DatabaseHolder(Protocol):
    """Whatever holds the program's open database (the GUI's Ops, the CLI's command): a
    conversion or a restore replaces `db` with the reopened file."""

    db: Database


@dataclass
class Holder:
    db: Database


# -- the database file ----------------------------------------------------------------------
def database_file(db: Database | None, url: str | None = None) -> Path:
    """The SQLite file of `db` (or of `url`); StorageError for a database on a server."""
    path = db.path if db is not None else (sqlite_path(url) if url else None)
    if path is None:
        raise StorageError("backup.not_sqlite")
    return path


def reopen_around(
    holder: DatabaseHolder,
    change: Callable[[Path], T],
    key: KeyOf = bk.database_key_of,
    *,
    before_close: Callable[[], None] | None = None,
) -> T:
    """Close `holder.db`, let `change` replace or convert its file, and open the file again
    into `holder.db` with the same person signed in, whether `change` worked or not.

    `key(path)` is the key of the file as `change` left it (None: plain). The one-writer
    lock is held throughout, so no other copy of kisdesk slips in between. When the file
    does not open again, `holder.db` stays the closed database and the error is raised."""
    old = holder.db
    path = database_file(old)
    keyed = rawconn.opener_for(path)  # an encrypted file's opener, with the old key
    with lock.acquire(path):
        if before_close is not None:
            before_close()
        old.dispose()
        try:
            return change(path)
        finally:
            new_key = key(path)
            if keyed is not None and getattr(keyed, "key", None) != new_key:
                rawconn.unregister(keyed)  # the old key must not be tried on the new file
            reopened = open_database(old.url, exclusive=True, key=new_key)
            reopened.actor = old.actor  # still the person who signed in
            holder.db = reopened


# -- audit entries ----------------------------------------------------------------------------
def _write(
    db: Database, actor: Actor | None, event: str, details: Callable[[Session], dict[str, Any]]
) -> KisdeskError | None:
    """One audit entry in a transaction of its own (by `actor`, else the database's
    signed-in user); why it could not be written (the program holds the database for
    writing: `kisdesk backup` runs beside it), or None."""
    try:
        with db.session(actor) as s:
            audit.append(s.connection(), [audit.entry_values(actor_of(s), event, **details(s))])
    except KisdeskError as exc:
        log.warning("the %s could not be written to the audit log: %s", event, exc)
        return exc
    return None


def backup_entry(session: Session, info: BackupInfo) -> None:
    """The audit entry of a backup already made, in the caller's unit of work (the GUI's
    op runner): written right after it, as a backup is a reading event."""
    audit.record(session, "backup", **info.audit_details())


def record_backup(db: Database, info: BackupInfo | None) -> KisdeskError | None:
    """The audit entry of a backup already made (automatic, on exit, before an upgrade)."""
    if info is None:
        return None
    return _write(db, None, "backup", lambda _s: info.audit_details())


def record_backup_failure(db: Database, kind: str, error: KisdeskError) -> None:
    """A backup that failed: the entry names the kind and the error's code (never a path)."""
    _write(db, None, "backup", lambda _s: {"kind": kind, "action": "failed", "reason": error.code})


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
            _write(db, None, "backup", lambda _s: {"action": "passphrase_set"})
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
    _write(db, None, "backup", lambda _s: {"action": "new_backup_key", "file": kept.name})
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


# -- restore ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Restored:
    result: RestoreResult
    unlogged: KisdeskError | None  # why the audit entry could not be written, or None


def _record_restore(
    url: str, result: RestoreResult, actor: Actor | None, offices: tuple[str, str] | None
) -> KisdeskError | None:
    try:
        reopened = open_database(url)  # brings an older backup up to date (backed up first)
    except KisdeskError as exc:  # the next start opens it again and says what is wrong
        log.warning("the restored database did not open for its audit entry: %s", exc)
        return exc
    try:
        return _write(
            reopened,
            actor or Actor.system(),
            "restore",
            lambda s: {
                **result.audit_details(audit.head(s)),
                "signed_in": actor is not None,
                "other_office": offices is not None,
            },
        )
    finally:
        reopened.dispose()


def _record_failed_restore(
    url: str, backup_file: Path, actor: Actor | None, error: KisdeskError
) -> None:
    """A refused or failed restore, in the database that stayed in place (if it opens)."""
    path = sqlite_path(url)
    if path is None or not path.exists() or not health.probe(path).ok:
        return
    with contextlib.suppress(KisdeskError):
        # An encrypted file opens with the key this process already holds, never as plain.
        key = bk.database_key_of(path)
        current = open_database(url, create=False, backup_before_upgrade=False, key=key)
        try:
            _write(
                current,
                actor or Actor.system(),
                "restore",
                lambda _s: {"file": backup_file.name, "action": "failed", "reason": error.code},
            )
        finally:
            current.dispose()


def other_office(db_path: Path, info: BackupInfo, secret: str | None) -> tuple[str, str] | None:
    """(current office's name, backup's office name) when the backup holds another office
    than the database at `db_path`; None when it is the same office, or either cannot tell
    (a damaged or missing database, a backup made before offices had an identity). The
    backup's name is read from the backup itself (decrypted aside, never from its header)."""
    current = database_office(db_path)
    if current is None or info.office_uid is None or current[0] == info.office_uid:
        return None
    with private_tempdir() as tmp:
        bk.decrypt_backup(info.path, tmp / "office.sqlite", secret=secret)
        held = database_office(tmp / "office.sqlite")
    return current[1], held[1] if held else "?"


def restore(
    url: str,
    backup_file: Path,
    *,
    actor: Actor | None,
    secret: str | None = None,
    other_office_confirmed: bool = False,
) -> Restored:
    """Replace the database at `url` with a backup, then write the "restore" entry into the
    restored database. Every connection to the file must be closed (the GUI closes its own
    through `reopen_around`); `actor` is who signed in (None: the database was damaged or
    missing, nobody could). A backup of another office is refused, naming both offices,
    unless `other_office_confirmed` (the user said so: a dialog, `--other-office`)."""
    path = database_file(None, url)
    check_database_location(path)
    try:
        info = bk.read_info(backup_file)
        offices = other_office(path, info, secret)
        if offices is not None and not other_office_confirmed:
            raise ValidationError("restore.other_office", current=offices[0], backup=offices[1])
        result = restore_database(path, backup_file, secret=secret)
    except KisdeskError as exc:
        _record_failed_restore(url, backup_file, actor, exc)
        raise
    return Restored(result, _record_restore(url, result, actor, offices))


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


# -- the backup key ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class KeyringState:
    exists: bool
    unlocked: bool  # this computer opens the backup key now
    has_passphrase: bool
    has_database_recovery: bool  # the encrypted database's recovery key opens the backups
    protected_by_database: bool
    key_id: str
    dead_end: bool = False  # nothing will open it again: only a new key helps

    @property
    def only_this_computer(self) -> bool:
        """Nothing but this computer's protection (DPAPI) opens the backups."""
        return not self.has_passphrase and not self.has_database_recovery


def keyring_state() -> KeyringState:
    exists = keys.keyring_exists()
    ring = keys.load_keyring()
    return KeyringState(
        exists,
        ring.data_key is not None,
        ring.has_passphrase,
        ring.has_database_recovery,
        ring.protected_by_database,
        ring.key_id,
        ring.dead_end,
    )


def backup_opens_here(info: BackupInfo) -> bool:
    """Can this computer open the backup without a passphrase or recovery key?"""
    if not keys.keyring_exists():
        return False
    ring = keys.load_keyring()
    return ring.data_key is not None and ring.key_id == info.key_id


def locked_by_database(info: BackupInfo) -> bool:
    """This office's backup, its key wrapped by the encrypted database's key, not open now."""
    if not keys.keyring_exists():
        return False
    ring = keys.load_keyring()
    return ring.data_key is None and ring.protected_by_database and ring.key_id == info.key_id


def set_passphrase(db: Database | None, passphrase: str) -> tuple[str | None, str]:
    """Set or change the backup passphrase; (a new recovery key to show once, or None;
    the key's id for the printed page)."""
    ring = keys.load_keyring()
    if db is not None:
        with db.read() as s:
            require(s, Permission.BACKUP)
    recovery = keys.set_passphrase(ring, passphrase)
    if db is not None:
        _write(db, None, "backup", lambda _s: {"action": "passphrase_set"})
    return recovery, ring.key_id


def new_recovery_key(db: Database | None) -> tuple[str, str]:
    """A new recovery key for the backups (the printed page was lost); (key, key id)."""
    ring = keys.load_keyring()
    if db is not None:
        with db.read() as s:
            require(s, Permission.BACKUP)
    recovery = keys.replace_recovery_key(ring)
    if db is not None:
        _write(db, None, "backup", lambda _s: {"action": "new_recovery_key"})
    return recovery, ring.key_id


def unlock_backup_key(secret: str) -> None:
    """The data folder came from another computer: the passphrase or the recovery key
    unlocks the office's backup key here."""
    keys.unlock(keys.load_keyring(), secret.strip())


def write_recovery_page(path: Path, recovery_key: str, key_id: str, office_name: str) -> Path:
    return write_page(path, recovery_key, key_id, office_name)
