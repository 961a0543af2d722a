"""Turning database encryption on and off, safely (issue 6; docs/threat-model.md §3.2).

Order of work, so that every moment leaves a usable database:
1. a verified backup of the database as it is (plain: the storage backup, encrypted and
   checked, kisdesk.db.backup; encrypted: a SQLCipher copy with the same key, checked, with
   a copy of the key file beside it, because the storage backup reads plain files only);
2. the WAL is checkpointed into the file;
3. `sqlcipher_export()` writes the converted database into a new file next to the old one
   (www.zetetic.net/sqlcipher/sqlcipher-api/#sqlcipher_export);
4. the new file is checked: integrity_check (and cipher_integrity_check) and the row count
   of every table equal to the original's;
5. for encryption: the key file is written; then one atomic rename puts the new file in
   place and the folder is fsynced; for decryption the key file is removed last.
6. the backup key follows the database (kisdesk.db.backup_keys): after encryption it is
   wrapped by the new database key and the database's recovery key, and the plain
   `backup-machine.key` is removed (only once the new wrap is on disk); before decryption
   swaps the file, it goes back under this computer's protection, while the database key
   can still open it.

The one-writer lock is held throughout; the caller has closed its own connections first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3

from kisdesk.db import backup as bk
from kisdesk.db import backup_keys, lock
from kisdesk.db.backup_crypto import new_recovery_key
from kisdesk.db.encryption import (
    KeyFile,
    connect,
    file_salt,
    key_id,
    new_database_key,
    protect_backups,
    quiet,
    recovery_slot,
    user_slot,
)
from kisdesk.db.encryption_files import is_encrypted, keyfile_path
from kisdesk.db.files import fsync_dir, fsync_file, replace_with_retry, temp_name
from kisdesk.errors import StorageError, ValidationError
from kisdesk.paths import backup_dir

log = logging.getLogger(__name__)


def _tables(conn: Any) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]


def _counts(conn: Any) -> dict[str, int]:
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _tables(conn)}


def _check(conn: Any, counts: dict[str, int], encrypted: bool) -> None:
    problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)")]
    if problems != ["ok"]:
        raise StorageError("encryption.verify_failed", reason="; ".join(problems))
    if encrypted:
        bad = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
        if bad:
            raise StorageError("encryption.verify_failed", reason="; ".join(bad[:5]))
    found = _counts(conn)
    if found != counts:
        raise StorageError("encryption.verify_failed", reason=f"{found} != {counts}")


def _checkpoint(db_path: Path, key: bytes | None) -> dict[str, int]:
    """Fold the WAL into the file; returns the row counts of what is now in the file."""
    conn = connect(db_path, key) if key else quiet(sqlcipher3.connect(str(db_path), timeout=5.0))
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy and busy[0]:
            raise StorageError("encryption.db_in_use")
        return _counts(conn)
    finally:
        conn.close()


def _side_files_clear(db_path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists() and suffix == "-wal" and side.stat().st_size > 0:
            raise StorageError("encryption.db_in_use")
        with contextlib.suppress(OSError):
            side.unlink()


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")


def _backup_plain(db_path: Path) -> Path:
    """The storage backup: verified, encrypted with the backup key (kisdesk.db.backup)."""
    return Path(bk.create_backup(db_path, kind="manual").path)


def _backup_encrypted(db_path: Path, key: bytes) -> Path:
    """A SQLCipher copy with the same key (encrypted to encrypted: SQLCipher ≥ 4.3), checked,
    with the key file beside it, so it opens with the same passwords and recovery key."""
    folder = backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{db_path.stem}-{_stamp()}-before-decryption.sqlite"
    source = connect(db_path, key, read_only=True)
    try:
        counts = _counts(source)
        copy = quiet(sqlcipher3.connect(str(target)))
        try:
            copy.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            source.backup(copy)
            _check(copy, counts, encrypted=True)
        finally:
            copy.close()
    finally:
        source.close()
    shutil.copyfile(keyfile_path(db_path), keyfile_path(target))
    fsync_file(target)
    return target


def _export(source: Any, target: Path, attach_key: str) -> None:
    version = source.execute("PRAGMA main.user_version").fetchone()[0]
    source.execute(f"ATTACH DATABASE ? AS converted KEY {attach_key}", (str(target),))
    try:
        source.execute("SELECT sqlcipher_export('converted')")
        source.execute(f"PRAGMA converted.user_version = {int(version)}")
    finally:
        source.execute("DETACH DATABASE converted")


def _swap(staged: Path, db_path: Path) -> None:
    fsync_file(staged)
    _side_files_clear(db_path)
    replace_with_retry(staged, db_path)
    fsync_dir(db_path.parent)


def encrypt_database(db_path: Path, user_hashes: dict[str, str]) -> str:
    """Encrypt a plain database in place; returns the recovery key (print it once).

    `user_hashes` is login -> Argon2id PHC hash of every active account
    (kisdesk.services.users.password_hashes): each gets a slot in the key file.
    """
    return encrypt_database_with_key(db_path, user_hashes)[0]


def encrypt_database_with_key(db_path: Path, user_hashes: dict[str, str]) -> tuple[str, bytes]:
    """encrypt_database, also returning the new database key: the running program reopens
    the file with it at once (kisdesk.ui.storage_startup.reopen_around)."""
    db_path = Path(os.path.abspath(db_path))
    if is_encrypted(db_path):
        raise ValidationError("encryption.already_on")
    if not user_hashes:
        raise ValidationError("encryption.needs_users")
    with lock.acquire(db_path):
        backup = _backup_plain(db_path)
        counts = _checkpoint(db_path, None)
        key = new_database_key()
        staged = temp_name(db_path)
        try:
            source = quiet(sqlcipher3.connect(str(db_path), timeout=5.0))
            try:
                _export(source, staged, f"\"x'{key.hex()}'\"")
            finally:
                source.close()
            check = connect(staged, key)
            try:
                _check(check, counts, encrypted=True)
            finally:
                check.close()
            recovery = new_recovery_key()
            slots = [user_slot(login, phc, key) for login, phc in sorted(user_hashes.items())]
            salt = file_salt(staged)  # the file that becomes the database
            KeyFile(key_id(key), [*slots, recovery_slot(recovery, key)], salt).save(db_path)
            try:
                _swap(staged, db_path)
            except BaseException:
                # Still the plain file: a key file beside it would make a later damaged
                # file look encrypted (kisdesk.db.open), so it goes; once swapped, it stays.
                if not is_encrypted(db_path):
                    with contextlib.suppress(OSError):
                        keyfile_path(db_path).unlink()
                raise
        finally:
            with contextlib.suppress(OSError):
                staged.unlink()
        try:
            protect_backups(key, recovery)
        except Exception as exc:  # noqa: BLE001 (the file is encrypted: its key must reach the caller)
            # The backup key stays under this computer's protection until the next backup
            # wraps it with the database key (backup.create_backup does that for an
            # encrypted office); losing the recovery key here would be far worse.
            log.warning("backup key not yet wrapped with the database key: %s", exc)
    log.info("database encrypted: %s (backup before: %s)", db_path, backup)
    return recovery, key


def _unprotect_backups(key: bytes) -> None:
    """The backup key back under this computer's protection while the database key can
    still open it: after the key file is gone nothing could."""
    if not backup_keys.keyring_exists():
        return
    backup_keys.remember_database_key(key)
    ring = backup_keys.load_keyring()
    if ring.data_key is not None:
        backup_keys.protect_with_machine(ring)


def decrypt_database(db_path: Path, key: bytes) -> Path:
    """Turn encryption off; returns the (encrypted) backup made before."""
    db_path = Path(os.path.abspath(db_path))
    if not is_encrypted(db_path):
        raise ValidationError("encryption.already_off")
    with lock.acquire(db_path):
        backup = _backup_encrypted(db_path, key)
        counts = _checkpoint(db_path, key)
        staged = temp_name(db_path)
        try:
            source = connect(db_path, key)
            try:
                _export(source, staged, "''")
            finally:
                source.close()
            check = sqlite3.connect(staged)
            try:
                _check(check, counts, encrypted=False)
            finally:
                check.close()
            _unprotect_backups(key)
            _swap(staged, db_path)
        finally:
            with contextlib.suppress(OSError):
                staged.unlink()
        with contextlib.suppress(OSError):
            keyfile_path(db_path).unlink()
    log.info("database decrypted: %s (backup before: %s)", db_path, backup)
    return backup


def export_plain_copy(db_path: Path, key: bytes, target: Path) -> dict[str, int]:
    """A plain, checked copy of an encrypted database at `target` (which must not exist):
    for the storage backup, which then encrypts it with the backup key (kisdesk.db.backup
    cannot use SQLite's backup API across sqlite3 and SQLCipher connections). Returns the
    row count of every table, read in the same snapshot as the copy."""
    source = connect(db_path, key)
    try:
        version = source.execute("PRAGMA main.user_version").fetchone()[0]
        source.execute("ATTACH DATABASE ? AS converted KEY ''", (str(target),))
        try:
            source.execute("BEGIN")  # one snapshot for the counts and the copy
            counts = _counts(source)
            source.execute("SELECT sqlcipher_export('converted')")
            source.execute(f"PRAGMA converted.user_version = {int(version)}")
            source.execute("COMMIT")
        finally:
            source.execute("DETACH DATABASE converted")
    finally:
        source.close()
    check = sqlite3.connect(target)
    try:
        _check(check, counts, encrypted=False)
    finally:
        check.close()
    return counts
