"""Is a database file encrypted, and where are its keys? Answered from the file alone.

Every start asks this before anything else, so it lives apart from kisdesk.db.encryption,
which loads SQLCipher, Argon2 and cryptography (needed only to open an encrypted file).
"""

from __future__ import annotations

from pathlib import Path

KEYFILE_SUFFIX = ".keys"
PLAIN_MAGIC = b"SQLite format 3\x00"


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
