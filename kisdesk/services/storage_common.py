"""What the storage use cases share (kisdesk.services.storage, storage_restore, storage_keys):
the database file behind an open database, closing and reopening it around a change of the
file, and the audit entries they write, each in a transaction of its own."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from kisdesk.access import Actor, actor_of
from kisdesk.db import Database, lock, rawconn
from kisdesk.db import backup as bk
from kisdesk.db.backup import BackupInfo
from kisdesk.db.open import open_database
from kisdesk.errors import KisdeskError, StorageError
from kisdesk.paths import sqlite_path
from kisdesk.services import audit

log = logging.getLogger("kisdesk.services.storage")
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
def write_entry(
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
    return write_entry(db, None, "backup", lambda _s: info.audit_details())


def record_backup_failure(db: Database, kind: str, error: KisdeskError) -> None:
    """A backup that failed: the entry names the kind and the error's code (never a path)."""
    write_entry(
        db, None, "backup", lambda _s: {"kind": kind, "action": "failed", "reason": error.code}
    )
