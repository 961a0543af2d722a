"""Encryption at rest as use cases: on, off, a new recovery key, and the key slots.

The GUI's data-protection page and `kisdesk encrypt on|off|recovery-key` call these, so both
write the same audit entries: the attempt before the change (by the leader), and a failed
attempt a second time with the error's code, into the database as it was reopened. The
conversion itself (a verified backup first, then SQLCipher's export, checked, renamed into
place) is kisdesk.db.encryption_convert's.

A conversion needs the file closed: the caller's `reopen` closes its database, runs the
change and opens the file again with its new key (kisdesk.services.storage.reopen_around;
the GUI adds waiting for a running backup and a "please wait" window).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from kisdesk.access import Permission
from kisdesk.db import Database
from kisdesk.db import backup as bk
from kisdesk.db.encryption_files import is_encrypted, keyfile_path, locked
from kisdesk.errors import KisdeskError, PermissionDenied, StorageError, ValidationError
from kisdesk.services import audit, users
from kisdesk.services.common import require
from kisdesk.services.storage import DatabaseHolder, KeyOf, database_file, reopen_around

__all__ = ["KeyOf", "Reopen", "is_encrypted", "keyfile_path", "locked"]

log = logging.getLogger(__name__)
T = TypeVar("T")


class Reopen(Protocol):
    """Close the holder's database, run `change` on its file, reopen it with `key(path)`."""

    def __call__(self, change: Callable[[Path], T], key: KeyOf) -> T: ...


def _default_reopen(holder: DatabaseHolder) -> Reopen:
    def reopen(change: Callable[[Path], T], key: KeyOf) -> T:
        return reopen_around(holder, change, key)

    return reopen


def key_of(db: Database) -> tuple[Path, bytes] | None:
    """(file, key) of an open encrypted database; None for a plain one."""
    from kisdesk.db import encryption as enc

    return enc.key_of(db.engine)


def database_is_encrypted(db: Database) -> bool:
    return db.path is not None and db.path.exists() and is_encrypted(db.path)


# -- key slots --------------------------------------------------------------------------------
def sync_key_slot(db: Database, login: str, phc: str | None) -> None:
    """An encrypted database: the account's key slot follows its password hash (`phc`), or
    goes when the account is deactivated (`phc` None). Called inside the account change's
    transaction, so a key file that cannot be written rolls the change back."""
    found = key_of(db)
    if found is None:
        return
    from kisdesk.db import encryption as enc

    path, key = found
    name = users.normalise_login(login)
    if phc is None:
        enc.remove_user_slot(path, key, name)
    else:
        enc.set_user_slot(path, key, name, phc)


# -- the three changes --------------------------------------------------------------------------
def _begin(db: Database, state: str) -> dict[str, str]:
    """The audit entry of the attempt, by someone allowed (the refusal is logged by
    require); the accounts' password hashes, which get key slots."""
    with db.session() as s:
        require(s, Permission.MANAGE_ENCRYPTION)
        hashes = users.password_hashes(s)
        audit.record(s, "encryption", state=state)
    return hashes


def record_failure(db: Database, state: str, error: KisdeskError) -> None:
    """A failed attempt, logged in the database as it was reopened."""
    try:
        with db.session() as s:
            audit.record(s, "encryption", state=state, action="failed", reason=error.code)
    except KisdeskError as exc:  # the message to the user matters more than this entry
        log.warning("the failed conversion could not be logged: %s", exc)


def _convert(
    holder: DatabaseHolder, state: str, reopen: Reopen, change: Callable[[Path], T], key: KeyOf
) -> T:
    before = holder.db
    try:
        return reopen(change, key)
    except Exception as exc:
        if not isinstance(exc, KisdeskError):  # SQLCipher or the disk: a fault, logged
            log.exception("converting the database failed")
            exc = StorageError("encryption.failed", reason=str(exc))
        if holder.db is not before:  # reopened as it was: the failure goes into its log
            record_failure(holder.db, state, exc)
        raise exc from None


@dataclass(frozen=True, slots=True)
class TurnedOn:
    recovery_key: str  # show it once, to be printed for the safe
    accounts: int


def accounts_for_encryption(db: Database) -> int:
    """How many accounts will open the encrypted file (the leader's question before);
    ValidationError when there is none."""
    with db.read() as s:
        require(s, Permission.MANAGE_ENCRYPTION)
        n = len(users.password_hashes(s))
    if not n:
        raise ValidationError("encryption.needs_users")
    return n


def turn_on(holder: DatabaseHolder, reopen: Reopen | None = None) -> TurnedOn:
    """Encrypt the holder's database file; `holder.db` is the reopened, encrypted one."""
    db = holder.db
    path = database_file(db) if db.path is not None else None
    if path is None:
        raise ValidationError("encryption.sqlite_only")
    if is_encrypted(path):
        raise ValidationError("encryption.already_on")
    accounts_for_encryption(db)
    hashes = _begin(db, "on")
    from kisdesk.db.encryption_convert import encrypt_database_with_key

    made: dict[str, bytes] = {}

    def change(file: Path) -> str:
        recovery, made["key"] = encrypt_database_with_key(file, hashes)
        return recovery

    def key(file: Path) -> bytes | None:
        return made.get("key") or bk.database_key_of(file)

    recovery = _convert(holder, "on", reopen or _default_reopen(holder), change, key)
    return TurnedOn(recovery, len(hashes))


def turn_off(holder: DatabaseHolder, reopen: Reopen | None = None) -> Path:
    """Decrypt the holder's database file; returns the encrypted backup made before."""
    found = key_of(holder.db)
    if holder.db.path is None:
        raise ValidationError("encryption.sqlite_only")
    if found is None:
        raise ValidationError("encryption.already_off")
    _begin(holder.db, "off")
    from kisdesk.db.encryption_convert import decrypt_database

    db_key = found[1]
    return _convert(
        holder,
        "off",
        reopen or _default_reopen(holder),
        lambda file: decrypt_database(file, db_key),
        bk.database_key_of,
    )


def new_recovery_key(db: Database) -> str:
    """A new recovery key for the encrypted database; the old one stops opening it."""
    found = key_of(db)
    if found is None:
        if db.path is None:
            raise ValidationError("encryption.sqlite_only")
        raise ValidationError("encryption.already_off")
    _begin(db, "recovery-key")
    from kisdesk.db import encryption as enc

    try:
        return enc.replace_recovery_key(found[0], found[1])
    except KisdeskError as exc:
        record_failure(db, "recovery-key", exc)
        raise


# -- opening an encrypted file ------------------------------------------------------------------
def missing_key_file(path: Path) -> StorageError | None:
    """What to tell about an encrypted database whose key file is not beside it (the
    database is intact: never "damaged"), or None when it is there."""
    keys = keyfile_path(path)
    if keys.exists():
        return None
    return StorageError("db.keyfile_missing", path=str(path), keys=str(keys))


def unlock(path: Path, login: str, password: str) -> bytes:
    """The key of the encrypted database at `path`, opened with a user's password."""
    from kisdesk.db import encryption as enc

    return enc.unlock(path, login, password)


def unlock_with_recovery(path: Path, recovery_key: str) -> bytes:
    from kisdesk.db import encryption as enc

    return enc.unlock_with_recovery(path, recovery_key)


def open_encrypted(path: Path, key: bytes) -> Database:
    """A ready Database on an encrypted file (kisdesk.db.open with its key)."""
    from kisdesk.db.open import open_encrypted_database

    return open_encrypted_database(path, key)


def unlock_key_file(
    path: Path,
    *,
    recovery_key: str | None,
    login: str | None,
    password: Callable[[], str],
    required: bool,
) -> None:
    """An encrypted database that is not opened itself (a check; a restore over a damaged
    or missing file): its key from the key file (a user's password, or the recovery key),
    so the probe reads it and the backups, wrapped by that key, open
    (kisdesk.db.backup_keys). `required`: without a login or recovery key, refuse."""
    from kisdesk.db import encryption as enc
    from kisdesk.db import rawconn

    if not keyfile_path(path).exists() or bk.database_key_of(path) is not None:
        return
    if recovery_key:
        key = enc.unlock_with_recovery(path, recovery_key)
    elif login:
        key = enc.unlock(path, login, password())
    elif required:
        raise PermissionDenied("cli.user_required")
    else:
        return
    rawconn.register(enc.EncryptedOpener(path, key))
