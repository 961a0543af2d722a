"""Restore as a use case: a backup replaces the database, and the "restore" entry goes into
the restored database afterwards (the restore replaced the log with the backup's, so an
entry written before would be gone); a refused or failed restore is logged in the database
that stayed in place. A backup of another office is refused unless the user confirmed it."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from kisdesk.access import Actor
from kisdesk.db import backup as bk
from kisdesk.db import health
from kisdesk.db.backup import BackupInfo
from kisdesk.db.backup_snapshot import database_office, private_tempdir
from kisdesk.db.locations import check_database_location
from kisdesk.db.open import open_database
from kisdesk.db.restore import RestoreResult, restore_database
from kisdesk.errors import KisdeskError, ValidationError
from kisdesk.paths import sqlite_path
from kisdesk.services import audit
from kisdesk.services.storage_common import database_file, log, write_entry


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
        return write_entry(
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
            write_entry(
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
