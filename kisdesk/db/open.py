"""Open a database for use: refuse unsafe places, detect damage, lock, back up, migrate.

`open_database(url)` is what everybody calls. For an SQLite file it:
1. refuses a network share or a cloud-synced folder (locations.py);
2. checks an existing file with quick_check on a read-only connection; a damaged file (or
   side files without their database) is moved unchanged to the quarantine folder and
   StorageError "db.damaged" names that folder and the newest backup — never a silent new
   empty database in its place;
3. creates a missing database whole (built under a temporary name, then renamed), so an
   empty file is never a legitimate database; a missing database that has backups, or whose
   file was moved to quarantine, is not silently recreated ("db.missing_has_backups",
   "db.missing_quarantined") unless `create=True` (`kisdesk init`, the recovery dialog);
4. before upgrading an existing database, writes a verified backup, then upgrades it one
   revision per transaction; a database from a newer kisdesk is refused without writing.

The one-writer lock (lock.py): `exclusive=True` (the GUI) takes it at once and fails with
"db.locked" naming the owner; otherwise (the CLI) it is taken by the first writing
transaction, so read-only commands work while the GUI is open, and a writing command fails
before it writes anything. `dispose()` releases it.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from sqlalchemy import Engine

from kisdesk.console import command_name
from kisdesk.db import backup as bk
from kisdesk.db import backup_snapshot as snap
from kisdesk.db import lock, rawconn
from kisdesk.db.database import Database
from kisdesk.db.engine import database_errors, make_engine, set_write_guard
from kisdesk.db.files import fsync_dir, replace_with_retry, storage_error, temp_name
from kisdesk.db.health import probe
from kisdesk.db.locations import check_database_location, refuse_throwaway_profile
from kisdesk.db.migrate import revisions, upgrade
from kisdesk.db.quarantine import orphan_side_files, quarantine, quarantined_copy, side_files
from kisdesk.errors import KisdeskError, StorageError
from kisdesk.paths import sqlite_path, sqlite_url


class _Claim:
    """This database's share of the process-wide lock, taken at most once, on demand."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._held: lock.DatabaseLock | None = None
        self._mutex = threading.Lock()

    def ensure(self) -> None:
        with self._mutex:
            if self._held is None:
                self._held = lock.acquire(self.db_path)

    @property
    def held(self) -> bool:
        return self._held is not None

    def release(self) -> None:
        with self._mutex:
            if self._held is not None:
                self._held.release()
                self._held = None


class StorageDatabase(Database):
    """A Database opened by open_database: knows its file; dispose() also releases the lock."""

    def __init__(self, url: str, engine: Engine, path: Path, claim: _Claim) -> None:
        super().__init__(url, engine)
        self.path = path
        self.file = path  # never None here (Database.path is None on a server)
        self.claim = claim

    def dispose(self) -> None:
        try:
            super().dispose()
        finally:
            self.claim.release()


def _damaged(db_path: Path, reason: str, claim: _Claim) -> StorageError:
    claim.ensure()  # another copy of kisdesk holding it open deals with it, not us
    folder = quarantine(db_path, reason)
    newest = bk.newest_backup(db_path)
    if newest is None:
        return StorageError("db.damaged_no_backup", quarantine=str(folder), reason=reason)
    return StorageError(
        "db.damaged",
        quarantine=str(folder),
        reason=reason,
        backup=str(newest.path),
        when=newest.created_local(),
    )


def _create(db_path: Path, migrations_dir: Path | None) -> None:
    """A new database, built under a temporary name and renamed into place when complete."""
    staged = temp_name(db_path)
    engine = make_engine(sqlite_url(staged))
    try:
        upgrade(engine, migrations_dir=migrations_dir)
    finally:
        engine.dispose()  # the last connection closes: WAL checkpointed, -wal removed
    try:
        replace_with_retry(staged, db_path)
        fsync_dir(db_path.parent)
    except OSError as exc:  # held by antivirus past the retries: say so, no crash
        raise storage_error(exc, db_path) from exc
    finally:
        for leftover in [staged, *side_files(staged)]:
            with contextlib.suppress(OSError):
                leftover.unlink()


def _missing_but_backed_up(db_path: Path) -> StorageError | None:
    newest = bk.newest_backup(db_path)
    kept = quarantined_copy(db_path)
    if kept is not None:  # moved aside as damaged earlier: only `init` or the wizard replace it
        return StorageError(
            "db.missing_quarantined",
            path=str(db_path),
            quarantined=str(kept),
            restore=f'{command_name()} restore "{newest.path}"'
            if newest
            else f"{command_name()} restore PLIK",
            backup=str(newest.path) if newest else None,
            when=newest.created_local() if newest else None,
        )
    if newest is None:
        return None
    return StorageError(
        "db.missing_has_backups",
        path=str(db_path),
        backup=str(newest.path),
        when=newest.created_local(),
    )


def _refuse_foreign(db_path: Path, migrations_dir: Path | None) -> None:
    """A database of a newer kisdesk, or not kisdesk's at all: refused before the engine
    connects, because connecting already writes (journal_mode=WAL changes the header)."""
    conn = snap.connect_read_only(db_path)
    try:
        revision = snap.schema_revision(conn)
        tables = set(snap.table_names(conn)) - {"alembic_version"}
    finally:
        conn.close()
    if revision is None and tables:
        raise StorageError("db.not_kisdesk")
    if revision is not None and revision not in revisions(migrations_dir):
        raise StorageError("db.newer_than_program", revision=revision)


def _without_key(db_path: Path) -> StorageError | None:
    """An SQLCipher database (issue 6) looks like random bytes to plain SQLite: with its key
    file beside it, or without one but plainly encrypted, it is locked, not damaged — never
    quarantine it for want of a key (docs/storage.md, "The key file")."""
    from kisdesk.db.encryption_files import keyfile_path, locked

    if rawconn.opener_for(db_path) is not None or not locked(db_path):
        return None
    keys = keyfile_path(db_path)
    if keys.exists():
        return StorageError("db.encrypted_needs_key", path=str(db_path))
    return StorageError("db.keyfile_missing", path=str(db_path), keys=str(keys))


def _prepare_file(
    db_path: Path, claim: _Claim, create: bool | None, migrations_dir: Path | None
) -> None:
    if db_path.exists():
        refusal = _without_key(db_path)
        if refusal is not None:
            raise refusal
        state = probe(db_path)
        if state.no_permission:  # not damage: nothing is moved, no restore is advised
            raise StorageError("db.no_permission", path=str(db_path))
        if not state.ok:
            raise _damaged(db_path, state.reason, claim)
        _refuse_foreign(db_path, migrations_dir)
        return
    if orphan_side_files(db_path):
        raise _damaged(db_path, "side files without their database", claim)
    if create is False:
        raise StorageError("db.missing", path=str(db_path))
    if create is None:
        refusal = _missing_but_backed_up(db_path)
        if refusal is not None:
            raise refusal
    claim.ensure()
    if not db_path.exists():  # another process may have created it meanwhile
        _create(db_path, migrations_dir)


def open_database(
    url: str,
    *,
    exclusive: bool = False,
    create: bool | None = None,
    backup_before_upgrade: bool = True,
    migrations_dir: Path | None = None,
    key: bytes | None = None,
) -> Database:
    """A ready Database at `url`, migrated to the newest revision (see the module doc).

    `key`: the SQLCipher key of an encrypted database (kisdesk.db.encryption.unlock)."""
    path = sqlite_path(url)
    if path is None:  # PostgreSQL or an in-memory database: no files to look after
        db = Database(url)
        try:
            upgrade(db.engine, migrations_dir=migrations_dir)
        except BaseException:
            db.dispose()
            raise
        return db
    # One file, one lock: a symbolic link or a junction leads to the same lock file, and a
    # link into a cloud folder is refused like the folder itself (howtocorrupt.html §2.6).
    path = Path(os.path.realpath(path))
    check_database_location(path)
    if not path.exists():  # a new office would vanish with a temporary Windows profile
        refuse_throwaway_profile(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if key is not None:
        from kisdesk.db.encryption import EncryptedOpener

        rawconn.register(EncryptedOpener(path, key))  # the probe and backups read through it
    claim = _Claim(path)
    try:
        if exclusive:
            claim.ensure()
            snap.cleanup_tmp()
        try:
            _prepare_file(path, claim, create, migrations_dir)
        except database_errors() as exc:  # passed quick_check, failed a real read
            raise _damaged(path, str(exc), claim) from exc
    except BaseException:
        claim.release()
        raise
    engine = make_engine(url) if key is None else _encrypted_engine(path, key)
    set_write_guard(engine, claim.ensure)
    db = StorageDatabase(url, engine, path, claim)
    try:
        db.migration = upgrade(
            engine,
            before=lambda _plan: _backup_before_upgrade(db, backup_before_upgrade),
            migrations_dir=migrations_dir,
        )
    except StorageError as exc:
        db.dispose()
        if exc.code == "db.corrupt":
            try:
                raise _damaged(path, str(exc.params.get("reason", "")), claim) from exc
            finally:
                claim.release()
        raise
    except KisdeskError:
        db.dispose()
        raise
    except Exception as exc:
        db.dispose()
        backup = db.pre_upgrade_backup.path if db.pre_upgrade_backup else None
        raise StorageError("db.upgrade_failed", reason=str(exc), backup=backup) from exc
    except BaseException:
        db.dispose()
        raise
    return db


def _encrypted_engine(path: Path, key: bytes) -> Engine:
    from kisdesk.db.encryption import make_encrypted_engine

    return make_encrypted_engine(path, key)


def _backup_before_upgrade(db: StorageDatabase, wanted: bool) -> None:
    db.claim.ensure()  # an upgrade writes: only the owner may do it
    if wanted:
        db.pre_upgrade_backup = bk.create_backup(db.file, kind="pre-upgrade")


def open_encrypted_database(db_path: Path, key: bytes) -> Database:
    """A ready Database on an encrypted file: `open_database` with its key (the one-writer
    lock, the start-up probe through SQLCipher, a backup before an upgrade)."""
    return open_database(sqlite_url(Path(os.path.abspath(db_path))), key=key)
