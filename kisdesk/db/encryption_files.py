"""Is a database file encrypted, and where are its keys? Answered from the file alone.

Every start asks this before anything else, so it lives apart from kisdesk.db.encryption,
which loads SQLCipher, Argon2 and cryptography (needed only to open an encrypted file).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

from kisdesk.paths import data_dir

KEYFILE_SUFFIX = ".keys"
PLAIN_MAGIC = b"SQLite format 3\x00"
KEY_COPIES = "database-keys"  # in the data folder: a copy of every key file written here


def key_copies_dir() -> Path:
    return data_dir() / KEY_COPIES


def key_copies() -> list[Path]:
    """Copies of key files this computer wrote (kisdesk.db.encryption.KeyFile.save)."""
    folder = key_copies_dir()
    return sorted(folder.glob("*" + KEYFILE_SUFFIX)) if folder.is_dir() else []


def keyfile_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + KEYFILE_SUFFIX)


def is_encrypted(db_path: Path) -> bool:
    """A non-empty file that does not start with SQLite's plain header."""
    try:
        with open(db_path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return len(head) == 16 and head != PLAIN_MAGIC


def looks_encrypted(db_path: Path) -> bool:
    """An SQLCipher file even without its key file: whole pages whose first page reads as
    random bytes. A damaged plain database (a broken header, a page of zeros, a text file)
    has structure there; an encrypted one is indistinguishable from noise."""
    try:
        size = db_path.stat().st_size
        with open(db_path, "rb") as handle:
            page = handle.read(4096)
    except OSError:
        return False
    if size < 1024 or size % 512 or page[:16] == PLAIN_MAGIC:
        return False
    counts = Counter(page)
    entropy = -sum(n / len(page) * math.log2(n / len(page)) for n in counts.values())
    return entropy > 7.5  # random 4 KiB: about 7.95 bits a byte; an SQLite page: far less


def encrypted_here() -> bool:
    """Has this computer's data folder served an encrypted database: copies of key files,
    or a backup key wrapped by a database key (kisdesk.db.backup_keys)?"""
    if key_copies():
        return True
    try:
        ring = json.loads((data_dir() / "backup-keys.json").read_text(encoding="utf-8"))
        return bool(ring.get("machine", {}).get("method") == "database")
    except (OSError, ValueError, AttributeError):
        return False


def locked(db_path: Path) -> bool:
    """An encrypted database: its key file beside it, or, where this computer has served an
    encrypted database, pages that read as encrypted. Random bytes are all an encrypted file
    shows; without that evidence such a file is damage (docs/storage.md, "The key file")."""
    if not is_encrypted(db_path):
        return False
    if keyfile_path(db_path).exists():
        return True
    return encrypted_here() and looks_encrypted(db_path)
