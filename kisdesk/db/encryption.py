"""Encryption at rest with SQLCipher 4, for laptops whose disk is not encrypted (issue 6).

The database key is 256 random bits, used raw (`PRAGMA key = "x'…'"`: no slow KDF at each
connection). It is never stored as such: the key file next to the database
(`kisdesk.sqlite.keys`, JSON) holds it wrapped with AES-256-GCM (`cryptography`) once per
user and once for a printed recovery key, so one forgotten password never loses the data.

- A user's slot key is HKDF-SHA256 of the user's Argon2id hash: the slot stores the salt
  and parameters of the user's password hash (the PHC string in `user_account`), and the
  raw Argon2id output of the typed password opens it. So the leader's program, which has the
  database open, can make a slot for any user from the stored hash without knowing anybody's
  password, while without the database key the stored hashes are themselves encrypted. A
  password change (a new hash) replaces that user's slot; deactivation removes it.
- The recovery slot's key is HKDF-SHA256 of a 160-bit recovery key, printed once for the
  safe (the same format as the backup recovery key, kisdesk.db.backup_crypto).

Turning encryption on or off converts the file (kisdesk.db.encryption_convert).

The backups of an encrypted database are protected by its key too (kisdesk.db.backup_keys):
every key that proves itself here (unwrapped from the key file, or opening the database) is
remembered for this process, so automatic backups and restores work for whoever opened the
database, while the files on disk alone open nothing.

kisdesk.db.open.open_database(url, key=…) (or open_encrypted_database) registers `EncryptedOpener(path, key)` with
kisdesk.db.rawconn (so the start-up probe and the backup code read it through SQLCipher) and
builds the engine with `make_encrypted_engine(path, key)`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import secrets
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Engine

from kisdesk.db import backup_keys
from kisdesk.db.backup_crypto import new_recovery_key, parse_recovery_key
from kisdesk.db.encryption_files import (  # noqa: F401  (this module's API too)
    KEYFILE_SUFFIX,
    PLAIN_MAGIC,
    is_encrypted,
    key_copies,
    key_copies_dir,
    keyfile_path,
)
from kisdesk.db.engine import make_engine
from kisdesk.db.files import atomic_write
from kisdesk.db.rawconn import read_only_uri
from kisdesk.errors import PermissionDenied, StorageError, ValidationError
from kisdesk.paths import sqlite_url
from kisdesk.rules.passwords import normalise

FORMAT = "kisdesk-db-keys"
log = logging.getLogger(__name__)
_PHC = re.compile(r"^\$argon2id\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([^$]+)\$([^$]+)$")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def new_database_key() -> bytes:
    return secrets.token_bytes(32)


def key_id(key: bytes) -> str:
    """A public fingerprint: which key file belongs to which database."""
    return hashlib.sha256(b"kisdesk db key id" + key).hexdigest()[:16]


# -- slots ---------------------------------------------------------------------------------------
def _hkdf(material: bytes, info: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, None, info).derive(material)


def _aad(slot: dict[str, Any]) -> bytes:
    return f"{FORMAT}:1:{slot['type']}:{slot.get('login', '')}".encode()


def _seal(kek: bytes, key: bytes, slot: dict[str, Any]) -> dict[str, Any]:
    nonce = os.urandom(12)
    return {**slot, "nonce": _b64(nonce), "data": _b64(AESGCM(kek).encrypt(nonce, key, _aad(slot)))}


def _open(kek: bytes, slot: dict[str, Any]) -> bytes | None:
    try:
        return AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["data"]), _aad(slot))
    except (InvalidTag, ValueError, KeyError):
        return None


def user_slot(login: str, phc: str, key: bytes) -> dict[str, Any]:
    """A slot that the password behind the Argon2id hash `phc` opens."""
    match = _PHC.fullmatch(phc)
    if match is None:
        raise ValueError("not an Argon2id PHC string")
    version, m, t, p, salt, raw = match.groups()
    slot = {
        "type": "user",
        "login": login,
        "kdf": "argon2id",
        "v": int(version),
        "m": int(m),
        "t": int(t),
        "p": int(p),
        "salt": salt,
        "hash_len": len(_unb64(raw)),
    }
    return _seal(_hkdf(_unb64(raw), b"kisdesk db key slot v1"), key, slot)


def _password_kek(slot: dict[str, Any], password: str) -> bytes:
    raw = hash_secret_raw(
        normalise(password).encode("utf-8"),
        _unb64(slot["salt"]),
        time_cost=int(slot["t"]),
        memory_cost=int(slot["m"]),
        parallelism=int(slot["p"]),
        hash_len=int(slot["hash_len"]),
        type=Type.ID,
        version=int(slot["v"]),
    )
    return _hkdf(raw, b"kisdesk db key slot v1")


def recovery_slot(recovery_key: str, key: bytes) -> dict[str, Any]:
    raw = parse_recovery_key(recovery_key)
    return _seal(_hkdf(raw, b"kisdesk db recovery v1"), key, {"type": "recovery"})


@dataclass
class KeyFile:
    key_id: str
    slots: list[dict[str, Any]]
    # SQLCipher's salt, the first 16 bytes of the database file, in hex: which file these
    # keys belong to, so another database's key file is told from a damaged database.
    db_salt: str = ""

    @classmethod
    def load(cls, db_path: Path) -> KeyFile:
        path = keyfile_path(db_path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(data.get("format"))
            return cls(str(data["key_id"]), list(data["slots"]), str(data.get("db_salt", "")))
        except FileNotFoundError:
            raise StorageError("encryption.no_keyfile", path=str(path)) from None
        except (OSError, ValueError, KeyError, TypeError):
            raise StorageError("encryption.keyfile_damaged", path=str(path)) from None

    @classmethod
    def read(cls, path: Path) -> KeyFile | None:
        """A key file at `path` (beside a database or a copy); None when it is not one."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            return cls(str(data["key_id"]), list(data["slots"]), str(data.get("db_salt", "")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def encode(self) -> bytes:
        body = {
            "format": FORMAT,
            "version": 1,
            "key_id": self.key_id,
            "slots": self.slots,
            "db_salt": self.db_salt,
        }
        return (json.dumps(body, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()

    def save(self, db_path: Path) -> None:
        """Beside the database, and a copy in this computer's data folder: a key file lost
        or replaced by another office's is then no loss (`unlock` finds the copy)."""
        atomic_write(keyfile_path(db_path), self.encode())
        try:
            key_copies_dir().mkdir(parents=True, exist_ok=True)
            atomic_write(key_copies_dir() / f"{self.key_id}{KEYFILE_SUFFIX}", self.encode())
        except (OSError, StorageError) as exc:  # the file beside the database is what counts
            log.warning("no copy of the key file kept: %s", exc)

    def user_logins(self) -> list[str]:
        return sorted(s["login"] for s in self.slots if s.get("type") == "user")


def _candidates(db_path: Path) -> list[tuple[Path, KeyFile]]:
    """The key file beside the database first, then this computer's copies of key files."""
    found = []
    beside = keyfile_path(db_path)
    if beside.exists():
        keys = KeyFile.read(beside)
        if keys is None:
            raise StorageError("encryption.keyfile_damaged", path=str(beside))
        found.append((beside, keys))
    for copy in key_copies():
        keys = KeyFile.read(copy)
        if keys is not None and all(keys.key_id != k.key_id for _, k in found):
            found.append((copy, keys))
    return found


def opens(db_path: Path, key: bytes) -> bool:
    """Does `key` open the database file (its first page authenticates)? A database that
    is gone (a restore over a lost file) cannot say no: the key file's own check holds."""
    if not db_path.exists():
        return True
    try:
        connect(db_path, key, read_only=True, remember=False).close()
    except (StorageError, sqlcipher3.Error):
        return False
    return True


def _accept(db_path: Path, source: Path, keys: KeyFile, key: bytes) -> bytes:
    """A key that opened the database: a key file found among the copies goes back beside
    the database, so the next start needs no search."""
    if source != keyfile_path(db_path):
        atomic_write(keyfile_path(db_path), keys.encode())
        log.warning("key file of %s put back from this computer's copy %s", db_path, source)
    backup_keys.remember_database_key(key)
    return key


def file_salt(db_path: Path) -> str:
    """SQLCipher's salt: the first 16 bytes of an encrypted database file, in hex."""
    try:
        with open(db_path, "rb") as handle:
            return handle.read(16).hex()
    except OSError:
        return ""


def _foreign(db_path: Path, keys: KeyFile) -> bool:
    """The key file names another database file (its salt differs, and the file's salt is
    not a damaged header: text or zeros would be)."""
    salt = file_salt(db_path)
    raw = bytes.fromhex(salt) if salt else b""
    looks_random = len(set(raw)) > 8 and not raw.isascii()
    return bool(keys.db_salt) and salt != keys.db_salt and looks_random


def _no_key_file(db_path: Path) -> StorageError:
    """No key file beside the database: the database itself is intact, nothing moved."""
    beside = keyfile_path(db_path)
    return StorageError("db.keyfile_missing", path=str(db_path), keys=str(beside))


def _foreign_key_file(db_path: Path) -> StorageError:
    beside = keyfile_path(db_path)
    return StorageError("db.keyfile_foreign", path=str(db_path), keys=str(beside))


def _fitting(db_path: Path, found: list[tuple[Path, KeyFile, bytes]]) -> bytes | None:
    """Of the keys the secret opened, the one that opens the database (a copy's key file
    goes back beside it); else the key of the file beside a damaged database (its probe then
    says damaged and offers the backup); None when no key file beside it fits."""
    for source, keys, key in found:
        if opens(db_path, key):
            return _accept(db_path, source, keys, key)
    beside = [(s, k, key) for s, k, key in found if s == keyfile_path(db_path)]
    if not beside:
        return None
    source, keys, key = beside[0]
    if _foreign(db_path, keys):
        raise _foreign_key_file(db_path)
    backup_keys.remember_database_key(key)
    return key


def unlock(db_path: Path, login: str, password: str) -> bytes:
    """The database key, opened with a user's password (PermissionDenied when wrong).
    Repeated failures wait as a sign-in does (kisdesk.db.login_throttle), counted before
    the database can be read."""
    from kisdesk.db import login_throttle

    name = normalise(login.strip()).casefold()
    candidates = _candidates(db_path)
    office = candidates[0][1].key_id if candidates else ""
    login_throttle.check(office, name)
    found = []
    for source, keys in candidates:
        slot = next((s for s in keys.slots if s.get("type") == "user" and s["login"] == name), None)
        if slot is None:
            continue
        key = _open(_password_kek(slot, password), slot)
        if key is not None and key_id(key) == keys.key_id:
            found.append((source, keys, key))
    fitting = _fitting(db_path, found) if found else None
    if fitting is not None:
        login_throttle.succeeded(office, name)
        return fitting
    if found:  # the password is right, but for another database's keys only
        raise (
            _no_key_file(db_path)
            if not keyfile_path(db_path).exists()
            else _foreign_key_file(db_path)
        )
    login_throttle.failed(office, name)  # raises the waiting time once it applies
    if not keyfile_path(db_path).exists():
        raise _no_key_file(db_path)
    raise PermissionDenied("auth.bad_credentials")


def unlock_with_recovery(db_path: Path, recovery_key: str) -> bytes:
    """The database key, opened with the printed recovery key; the key file beside the
    database, or this computer's copy of it when it is missing or another database's."""
    raw = parse_recovery_key(recovery_key)
    found = []
    for source, keys in _candidates(db_path):
        for slot in keys.slots:
            if slot.get("type") != "recovery":
                continue
            key = _open(_hkdf(raw, b"kisdesk db recovery v1"), slot)
            if key is not None and key_id(key) == keys.key_id:
                found.append((source, keys, key))
    fitting = _fitting(db_path, found) if found else None
    if fitting is not None:
        return fitting
    if not keyfile_path(db_path).exists():
        raise _no_key_file(db_path)
    if found:
        raise _foreign_key_file(db_path)
    raise ValidationError("encryption.wrong_recovery_key")


def _checked(db_path: Path, key: bytes) -> KeyFile:
    keys = KeyFile.load(db_path)
    if keys.key_id != key_id(key):
        raise StorageError("encryption.keyfile_mismatch", path=str(keyfile_path(db_path)))
    return keys


def set_user_slot(db_path: Path, key: bytes, login: str, phc: str) -> None:
    """Add or replace one user's slot (new account, new password, account reactivated)."""
    keys = _checked(db_path, key)
    keys.slots = [s for s in keys.slots if not (s.get("type") == "user" and s["login"] == login)]
    keys.slots.append(user_slot(login, phc, key))
    keys.save(db_path)


def remove_user_slot(db_path: Path, key: bytes, login: str) -> None:
    """A deactivated account no longer opens the file."""
    keys = _checked(db_path, key)
    keys.slots = [s for s in keys.slots if not (s.get("type") == "user" and s["login"] == login)]
    keys.save(db_path)


def replace_recovery_key(db_path: Path, key: bytes) -> str:
    """A new recovery key (the printed one was lost); the old one stops opening the database.
    Backups made from now on open with the new one; those made before, with the old one."""
    keys = _checked(db_path, key)
    recovery = new_recovery_key()
    keys.slots = [s for s in keys.slots if s.get("type") != "recovery"]
    keys.slots.append(recovery_slot(recovery, key))
    keys.save(db_path)
    protect_backups(key, recovery)
    return recovery


def protect_backups(key: bytes, recovery_key: str | None = None) -> bool:
    """Put the office's backup key under this database key (and the recovery key), removing
    the key file that let this computer alone open the backups. False when the backup key
    is not available here (it is moved at the next backup then, by kisdesk.db.backup)."""
    if not backup_keys.keyring_exists():
        return False
    backup_keys.remember_database_key(key)
    try:
        ring = backup_keys.load_keyring()
        if ring.data_key is None:
            return False
        backup_keys.protect_with_database(ring, key, recovery_key)
    except StorageError:
        log.warning("the backup key could not be moved under the database key", exc_info=True)
        return False
    return True


# -- connections and engines -------------------------------------------------------------------
def quiet(conn: Any) -> Any:
    """SQLCipher writes its own lines ("hmac check failed …") to stderr on a wrong key: the
    user reads kisdesk's Polish message instead (set before the key, on every connection)."""
    conn.execute("PRAGMA cipher_log_level = NONE")
    return conn


def connect(
    db_path: Path,
    key: bytes,
    *,
    read_only: bool = False,
    timeout: float = 5.0,
    remember: bool = True,
) -> Any:
    """A keyed SQLCipher connection; StorageError "encryption.wrong_key" when it does not fit."""
    if read_only:
        conn = sqlcipher3.connect(
            read_only_uri(Path(db_path).resolve()),
            uri=True,
            timeout=timeout,
            check_same_thread=False,
        )
    else:
        conn = sqlcipher3.connect(str(db_path), timeout=timeout, check_same_thread=False)
    try:
        quiet(conn)
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")  # the first statement touching data
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise StorageError("encryption.wrong_key", reason=str(exc)) from None
    if remember:
        backup_keys.remember_database_key(key)
    return conn


_engine_keys: weakref.WeakKeyDictionary[Engine, tuple[Path, bytes]] = weakref.WeakKeyDictionary()


def make_encrypted_engine(db_path: Path, key: bytes, **kwargs: Any) -> Engine:
    """An engine with kisdesk's connection settings (kisdesk.db.engine) on SQLCipher."""
    path = Path(os.path.abspath(db_path))
    opened = [False]

    def creator() -> Any:
        # Once this key has opened the file, SQLCipher's "file is not a database" on a later
        # connection is a damaged page (its HMAC failed), not a key that does not fit.
        try:
            conn = connect(path, key)
        except StorageError as exc:
            if opened[0] and exc.code == "encryption.wrong_key":
                raise StorageError("db.corrupt", reason=exc.params.get("reason", "")) from None
            raise
        opened[0] = True
        return conn

    engine = make_engine(
        sqlite_url(path),
        creator=creator,
        module=sqlcipher3.dbapi2,
        **kwargs,
    )
    _engine_keys[engine] = (path, key)
    return engine


def key_of(engine: Engine) -> tuple[Path, bytes] | None:
    """(file, key) of an engine made by make_encrypted_engine; None for a plain database."""
    return _engine_keys.get(engine)


class EncryptedOpener:
    """kisdesk.db.rawconn opener: the storage code reads this file through SQLCipher."""

    def __init__(self, db_path: Path, key: bytes) -> None:
        self.path = Path(os.path.abspath(db_path))
        self.key = key

    def handles(self, path: Path) -> bool:
        return Path(os.path.abspath(path)) == self.path and is_encrypted(self.path)

    def connect(self, path: Path, read_only: bool) -> Any:
        return connect(path, self.key, read_only=read_only)
