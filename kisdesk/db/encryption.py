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

    @classmethod
    def load(cls, db_path: Path) -> KeyFile:
        path = keyfile_path(db_path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(data.get("format"))
            return cls(str(data["key_id"]), list(data["slots"]))
        except FileNotFoundError:
            raise StorageError("encryption.no_keyfile", path=str(path)) from None
        except (OSError, ValueError, KeyError, TypeError):
            raise StorageError("encryption.keyfile_damaged", path=str(path)) from None

    def save(self, db_path: Path) -> None:
        body = {"format": FORMAT, "version": 1, "key_id": self.key_id, "slots": self.slots}
        text = json.dumps(body, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        atomic_write(keyfile_path(db_path), text.encode("utf-8"))

    def user_logins(self) -> list[str]:
        return sorted(s["login"] for s in self.slots if s.get("type") == "user")


def unlock(db_path: Path, login: str, password: str) -> bytes:
    """The database key, opened with a user's password (PermissionDenied when wrong)."""
    keys = KeyFile.load(db_path)
    name = normalise(login.strip()).casefold()
    slot = next((s for s in keys.slots if s.get("type") == "user" and s["login"] == name), None)
    if slot is None:
        raise PermissionDenied("auth.bad_credentials")
    key = _open(_password_kek(slot, password), slot)
    if key is None or key_id(key) != keys.key_id:
        raise PermissionDenied("auth.bad_credentials")
    backup_keys.remember_database_key(key)
    return key


def unlock_with_recovery(db_path: Path, recovery_key: str) -> bytes:
    keys = KeyFile.load(db_path)
    raw = parse_recovery_key(recovery_key)
    for slot in keys.slots:
        if slot.get("type") == "recovery":
            key = _open(_hkdf(raw, b"kisdesk db recovery v1"), slot)
            if key is not None and key_id(key) == keys.key_id:
                backup_keys.remember_database_key(key)
                return key
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
def connect(db_path: Path, key: bytes, *, read_only: bool = False, timeout: float = 5.0) -> Any:
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
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")  # must be the first statement
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise StorageError("encryption.wrong_key", reason=str(exc)) from None
    backup_keys.remember_database_key(key)
    return conn


_engine_keys: weakref.WeakKeyDictionary[Engine, tuple[Path, bytes]] = weakref.WeakKeyDictionary()


def make_encrypted_engine(db_path: Path, key: bytes, **kwargs: Any) -> Engine:
    """An engine with kisdesk's connection settings (kisdesk.db.engine) on SQLCipher."""
    path = Path(os.path.abspath(db_path))
    engine = make_engine(
        sqlite_url(path),
        creator=lambda: connect(path, key),
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
