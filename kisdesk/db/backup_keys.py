"""Where the backup data key lives, so automatic backups never wait for a passphrase.

The trade-off (an office without IT staff must not lose its backups to a forgotten password):

* One random data key per office folder (`backup-keys.json` in the data folder). Automatic
  backups need only this key, so they run every 30 minutes without asking anybody.
* On this computer the key is kept wrapped by the operating system for this Windows user
  (DPAPI, CryptProtectData), elsewhere by a key in `backup-machine.key` readable only by the
  user (0600). Whoever can log in as this user can read the live database anyway, so this
  adds no new exposure on the laptop itself; it lets the same computer restore its own
  backups even when the passphrase was forgotten.
* The key is also wrapped by the passphrase and by the recovery key, and those two wraps are
  copied into every backup file: a backup on a USB stick or in a cloud folder opens on any
  computer with the passphrase or the recovery key, and with nothing else. The leader sets
  the passphrase once and prints the recovery key for the safe (backup dialog or `kisdesk
  backup --passphrase-file`); until then `kisdesk check` warns that the backups can be
  restored only on this computer.
* A changed passphrase applies to backups made from then on; older backups keep opening with
  the old passphrase and with the unchanged recovery key.
* An encrypted database (SQLCipher, kisdesk.db.encryption) would gain nothing if the backups
  of its data opened with a key file lying next to it: a stolen laptop's backups would be
  readable. So while the database is encrypted the data key is wrapped by a key derived from
  the database key instead (machine method "database"), and `backup-machine.key` is removed
  once that wrap is on disk. Only a program that has opened the database (a user's password
  or the database's recovery key, through the key file `*.keys`) can then make or restore
  backups without the backup passphrase. The database's recovery key also gets a wrap of
  its own ("db-recovery"), copied into every backup made from then on, so the one printed
  card opens the backups on any computer too. Turning encryption off, or restoring a backup
  (which leaves a plain database), puts the machine protection back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kisdesk.db import backup_crypto as bc
from kisdesk.db.files import atomic_write, fsync_dir, replace_with_retry, temp_name
from kisdesk.errors import StorageError
from kisdesk.paths import data_dir

log = logging.getLogger(__name__)

KEYRING_FILE = "backup-keys.json"
MACHINE_KEY_FILE = "backup-machine.key"
DATABASE_METHOD = "database"
DB_RECOVERY = "db-recovery"

# Keys that opened an encrypted database in this process (kisdesk.db.encryption remembers
# them): a keyring wrapped by the database key opens with one of them. Kept in memory only,
# like the key the open database's connections already hold.
_database_keys: list[bytes] = []


def remember_database_key(key: bytes) -> None:
    if key not in _database_keys:
        _database_keys.append(key)


def forget_database_keys() -> None:
    """Forget every database key (a new process starts so; tests use it)."""
    _database_keys.clear()


@dataclass
class Keyring:
    folder: Path
    key_id: str
    data_key: bytes | None  # None: this computer cannot unwrap it (another computer's folder)
    wraps: list[dict[str, Any]] = field(default_factory=list)
    created_at: str = ""
    passphrase_set_at: str | None = None
    recovery_set_at: str | None = None
    machine: dict[str, Any] = field(default_factory=dict)

    @property
    def has_passphrase(self) -> bool:
        return any(w.get("type") == "passphrase" for w in self.wraps)

    @property
    def has_database_recovery(self) -> bool:
        """The encrypted database's recovery key opens the backups too (on any computer)."""
        return any(w.get("type") == DB_RECOVERY for w in self.wraps)

    @property
    def dead_end(self) -> bool:
        """This computer cannot open the key and nothing else ever will: no passphrase,
        no recovery key, no database key wraps it (Windows' DPAPI lost after a password
        reset or a copied profile). Only a new key lets backups go on."""
        return (
            self.data_key is None
            and not self.protected_by_database
            and not any(
                w.get("type") in ("passphrase", "recovery", DB_RECOVERY) for w in self.wraps
            )
        )

    @property
    def protected_by_database(self) -> bool:
        return self.machine.get("method") == DATABASE_METHOD

    def key(self) -> bytes:
        if self.data_key is None:
            raise StorageError("backup.key_locked")
        return self.data_key

    def header_wraps(self) -> list[dict[str, Any]]:
        return [dict(w) for w in self.wraps]

    def open_key(self, key_id: str, wraps: list[dict[str, Any]], secret: str | None) -> bytes:
        """The data key for a backup: this computer's key, or one from the secret."""
        if self.data_key is not None and key_id == self.key_id:
            return self.data_key
        if not secret and self.protected_by_database and key_id == self.key_id:
            raise StorageError("backup.needs_database_key")  # this office's, locked by its db
        if not secret:
            raise StorageError("backup.needs_key")
        return bc.unwrap_data_key(wraps, key_id, secret)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# ------------------------------------------------------------- machine protection


def _dpapi(data: bytes, protect: bool) -> bytes:
    import ctypes
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    buffer = ctypes.create_string_buffer(data, len(data))
    source = Blob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char)))
    result = Blob()
    crypt32 = ctypes.windll.crypt32  # type: ignore[attr-defined]
    call = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    ok = call(ctypes.byref(source), None, None, None, None, 0x1, ctypes.byref(result))
    if not ok:
        raise OSError("DPAPI failed")
    try:
        return ctypes.string_at(result.pbData, result.cbData)
    finally:
        ctypes.windll.kernel32.LocalFree(result.pbData)  # type: ignore[attr-defined]


def _create_exclusive(path: Path, content: bytes) -> bool:
    """Create `path` with `content` unless it exists (two processes may race on first use)."""
    temp = temp_name(path)
    atomic_write(temp, content)
    try:
        os.link(temp, path)
        created = True
    except FileExistsError:
        created = False
    except OSError:  # no hard links (FAT): a tiny race is better than no key
        created = not path.exists()
        if created:
            replace_with_retry(temp, path)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    fsync_dir(path.parent)
    return created


def _machine_key(folder: Path) -> bytes:
    path = folder / MACHINE_KEY_FILE
    if not path.exists():
        _create_exclusive(path, secrets.token_bytes(32))
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
    data = path.read_bytes()
    if len(data) != 32:
        raise StorageError("backup.key_locked")
    return data


def _protect(folder: Path, data_key: bytes) -> dict[str, Any]:
    if sys.platform == "win32":
        with contextlib.suppress(OSError, AttributeError):
            return {"method": "dpapi", "data": bc.b64(_dpapi(data_key, True))}
    nonce = os.urandom(12)
    sealed = bc.seal(_machine_key(folder), nonce, data_key, b"kisdesk-machine")
    return {"method": "file", "nonce": bc.b64(nonce), "data": bc.b64(sealed)}


def _database_kek(db_key: bytes, salt: bytes) -> bytes:
    # HKDF, not a password KDF: the database key is 256 random bits already.
    return bc.hkdf_sha256(db_key, salt, b"kisdesk backup key under db key v1")


def _protect_with_database(data_key: bytes, db_key: bytes) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = bc.seal(_database_kek(db_key, salt), nonce, data_key, b"kisdesk-database")
    return {
        "method": DATABASE_METHOD,
        "salt": bc.b64(salt),
        "nonce": bc.b64(nonce),
        "data": bc.b64(sealed),
    }


def _unprotect_with_database(machine: dict[str, Any], db_key: bytes) -> bytes | None:
    try:
        kek = _database_kek(db_key, bc.unb64(machine["salt"]))
        return bc.open_sealed(
            kek, bc.unb64(machine["nonce"]), bc.unb64(machine["data"]), b"kisdesk-database"
        )
    except (KeyError, ValueError):
        return None


def _unprotect(folder: Path, machine: dict[str, Any], db_key: bytes | None = None) -> bytes | None:
    if machine.get("method") == DATABASE_METHOD:
        candidates = ([db_key] if db_key is not None else []) + _database_keys
        for candidate in candidates:
            key = _unprotect_with_database(machine, candidate)
            if key is not None:
                return key
        return None
    try:
        if machine.get("method") == "dpapi":
            return _dpapi(bc.unb64(machine["data"]), False) if sys.platform == "win32" else None
        if machine.get("method") == "file":
            key = _machine_key(folder)
            return bc.open_sealed(
                key, bc.unb64(machine["nonce"]), bc.unb64(machine["data"]), b"kisdesk-machine"
            )
    except (OSError, KeyError, ValueError, StorageError):
        return None
    return None


# ------------------------------------------------------------- the keyring file


def _encode(ring: Keyring) -> bytes:
    data = {
        "format": 1,
        "key_id": ring.key_id,
        "created_at": ring.created_at,
        "machine": ring.machine,
        "wraps": ring.wraps,
        "passphrase_set_at": ring.passphrase_set_at,
        "recovery_set_at": ring.recovery_set_at,
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _save(ring: Keyring) -> None:
    atomic_write(ring.folder / KEYRING_FILE, _encode(ring))


def keyring_exists(folder: Path | None = None) -> bool:
    return ((folder or data_dir()) / KEYRING_FILE).exists()


def load_keyring(folder: Path | None = None, *, database_key: bytes | None = None) -> Keyring:
    """The office's backup key, created on first use (no passphrase needed for that).

    `database_key`: the key of the encrypted database being backed up. A keyring still
    protected by this computer alone is then moved under that key (`protect_with_database`)."""
    folder = folder or data_dir()
    path = folder / KEYRING_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        data_key = secrets.token_bytes(32)
        ring = Keyring(folder, bc.key_id_of(data_key), data_key, created_at=_now())
        if database_key is not None:
            ring.machine = _protect_with_database(data_key, database_key)
        else:
            ring.machine = _protect(folder, data_key)
        _create_exclusive(path, _encode(ring))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        ring = Keyring(
            folder,
            str(data["key_id"]),
            None,
            list(data.get("wraps", [])),
            str(data.get("created_at", "")),
            data.get("passphrase_set_at"),
            data.get("recovery_set_at"),
            dict(data.get("machine", {})),
        )
    except (OSError, ValueError, KeyError, TypeError):
        raise StorageError("backup.keyring_damaged", path=str(path)) from None
    key = _unprotect(folder, ring.machine, database_key)
    if key is not None and bc.key_id_of(key) == ring.key_id:
        ring.data_key = key
    if database_key is not None and ring.data_key is not None:
        protect_with_database(ring, database_key)
    return ring


def retire_keyring(folder: Path | None = None) -> Path:
    """Put a keyring nothing can open any more aside, unchanged (the old backups may yet
    open on the computer that made them), so that a new one is created at the next use:
    `backup-keys-<time>-locked.json` beside it. Returns where it went."""
    folder = folder or data_dir()
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    target = folder / f"backup-keys-{stamp}-locked.json"
    os.replace(folder / KEYRING_FILE, target)
    fsync_dir(folder)
    return target


def unlock(ring: Keyring, secret: str) -> Keyring:
    """Unlock a keyring this computer cannot open (a new laptop) and keep it unlocked here.

    A keyring wrapped by the database key stays so: it is unlocked for this run only (on a
    file kept by this computer alone it would be readable without the database's key)."""
    ring.data_key = bc.unwrap_data_key(ring.wraps, ring.key_id, secret)
    if not ring.protected_by_database:
        ring.machine = _protect(ring.folder, ring.data_key)
        _save(ring)
    return ring


# ------------------------------------------------------------- an encrypted database


def _remove_machine_key(folder: Path) -> None:
    """Delete `backup-machine.key`: overwritten first (a plain delete leaves the bytes on a
    hard disk; an SSD may keep them anyway, which is why the database key is the real
    protection), the folder fsynced so the removal is durable."""
    path = folder / MACHINE_KEY_FILE
    if not path.exists():
        return
    doomed = temp_name(path)  # renamed first: a half-done wipe never leaves a key of zeros
    try:
        replace_with_retry(path, doomed)
        with open(doomed, "r+b") as handle:
            handle.write(b"\0" * max(32, doomed.stat().st_size))
            handle.flush()
            os.fsync(handle.fileno())
        doomed.unlink()
        fsync_dir(folder)
    except OSError as exc:  # tried again at the next backup; the keyring no longer needs it
        log.warning("could not remove %s: %s", path, exc)


def protect_with_database(ring: Keyring, db_key: bytes, recovery_key: str | None = None) -> Keyring:
    """Wrap the data key by the encrypted database's key, then remove this computer's own
    copy: the new keyring is written durably (atomic_write fsyncs file and folder) before
    `backup-machine.key` goes, so a crash in between leaves one way in, never none.

    `recovery_key`: the database's recovery key (printed when encryption was turned on):
    it gets a wrap of its own, copied into every later backup."""
    data_key = ring.key()
    remember_database_key(db_key)
    changed = not (
        ring.protected_by_database and _unprotect_with_database(ring.machine, db_key) == data_key
    )
    if changed:
        ring.machine = _protect_with_database(data_key, db_key)
    if recovery_key is not None:
        ring.wraps = [w for w in ring.wraps if w.get("type") != DB_RECOVERY]
        ring.wraps.append(bc.wrap_with_recovery(data_key, ring.key_id, recovery_key, DB_RECOVERY))
    if changed or recovery_key is not None:
        _save(ring)
    _remove_machine_key(ring.folder)
    return ring


def protect_with_machine(ring: Keyring) -> Keyring:
    """Back to this computer's protection: the database is plain again (encryption turned
    off, or a backup restored), and its key will not be there to unwrap the keyring."""
    if ring.protected_by_database:
        ring.machine = _protect(ring.folder, ring.key())
        _save(ring)
    return ring


def open_with_database_key(ring: Keyring, db_key: bytes) -> bool:
    """Unlock a keyring wrapped by the database key, e.g. one just opened from the key file
    with the database's recovery key; False when it does not fit."""
    key = _unprotect(ring.folder, ring.machine, db_key)
    if key is None or bc.key_id_of(key) != ring.key_id:
        return False
    remember_database_key(db_key)
    ring.data_key = key
    return True


def set_passphrase(ring: Keyring, passphrase: str) -> str | None:
    """Set (or change) the passphrase. Returns a new recovery key when there was none yet:
    show it once and have it printed; it is not stored anywhere."""
    bc.check_passphrase(passphrase)
    key = ring.key()
    wraps = [w for w in ring.wraps if w.get("type") != "passphrase"]
    wraps.append(bc.wrap_with_passphrase(key, ring.key_id, passphrase))
    recovery = None
    if not any(w.get("type") == "recovery" for w in wraps):
        recovery = bc.new_recovery_key()
        wraps.append(bc.wrap_with_recovery(key, ring.key_id, recovery))
        ring.recovery_set_at = _now()
    ring.wraps = wraps
    ring.passphrase_set_at = _now()
    _save(ring)
    return recovery


def check_passphrase_matches(ring: Keyring, passphrase: str) -> bool:
    try:
        bc.unwrap_data_key(
            [w for w in ring.wraps if w.get("type") == "passphrase"], ring.key_id, passphrase
        )
    except StorageError:
        return False
    return True


def replace_recovery_key(ring: Keyring) -> str:
    """A new recovery key (the printed page was lost); the old one still opens old backups."""
    key = ring.key()
    recovery = bc.new_recovery_key()
    ring.wraps = [w for w in ring.wraps if w.get("type") != "recovery"]
    ring.wraps.append(bc.wrap_with_recovery(key, ring.key_id, recovery))
    ring.recovery_set_at = _now()
    _save(ring)
    return recovery
