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
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kisdesk.db import backup_crypto as bc
from kisdesk.db.files import atomic_write, fsync_dir, temp_name
from kisdesk.errors import StorageError
from kisdesk.paths import data_dir

KEYRING_FILE = "backup-keys.json"
MACHINE_KEY_FILE = "backup-machine.key"


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
    def has_recovery(self) -> bool:
        return any(w.get("type") == "recovery" for w in self.wraps)

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
            os.replace(temp, path)
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
    sealed = AESGCM(_machine_key(folder)).encrypt(nonce, data_key, b"kisdesk-machine")
    return {"method": "file", "nonce": bc.b64(nonce), "data": bc.b64(sealed)}


def _unprotect(folder: Path, machine: dict[str, Any]) -> bytes | None:
    try:
        if machine.get("method") == "dpapi":
            return _dpapi(bc.unb64(machine["data"]), False) if sys.platform == "win32" else None
        if machine.get("method") == "file":
            key = _machine_key(folder)
            return AESGCM(key).decrypt(
                bc.unb64(machine["nonce"]), bc.unb64(machine["data"]), b"kisdesk-machine"
            )
    except (OSError, InvalidTag, KeyError, ValueError, StorageError):
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


def load_keyring(folder: Path | None = None) -> Keyring:
    """The office's backup key, created on first use (no passphrase needed for that)."""
    folder = folder or data_dir()
    path = folder / KEYRING_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        data_key = secrets.token_bytes(32)
        ring = Keyring(folder, bc.key_id_of(data_key), data_key, created_at=_now())
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
    key = _unprotect(folder, ring.machine)
    if key is not None and bc.key_id_of(key) == ring.key_id:
        ring.data_key = key
    return ring


def unlock(ring: Keyring, secret: str) -> Keyring:
    """Unlock a keyring this computer cannot open (a new laptop) and keep it unlocked here."""
    ring.data_key = bc.unwrap_data_key(ring.wraps, ring.key_id, secret)
    ring.machine = _protect(ring.folder, ring.data_key)
    _save(ring)
    return ring


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
