"""The backup key as use cases: its state on this computer, the backup passphrase and the
recovery key (each change written to the audit log), unlocking it on another computer and the
printed recovery page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kisdesk.access import Permission
from kisdesk.db import Database
from kisdesk.db import backup_keys as keys
from kisdesk.db.backup import BackupInfo
from kisdesk.db.recovery_page import write_page
from kisdesk.services.common import require
from kisdesk.services.storage_common import write_entry


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
        write_entry(db, None, "backup", lambda _s: {"action": "passphrase_set"})
    return recovery, ring.key_id


def new_recovery_key(db: Database | None) -> tuple[str, str]:
    """A new recovery key for the backups (the printed page was lost); (key, key id)."""
    ring = keys.load_keyring()
    if db is not None:
        with db.read() as s:
            require(s, Permission.BACKUP)
    recovery = keys.replace_recovery_key(ring)
    if db is not None:
        write_entry(db, None, "backup", lambda _s: {"action": "new_recovery_key"})
    return recovery, ring.key_id


def unlock_backup_key(secret: str) -> None:
    """The data folder came from another computer: the passphrase or the recovery key
    unlocks the office's backup key here."""
    keys.unlock(keys.load_keyring(), secret.strip())


def write_recovery_page(path: Path, recovery_key: str, key_id: str, office_name: str) -> Path:
    return write_page(path, recovery_key, key_id, office_name)
