"""Once the file is encrypted, its key and recovery key reach the caller even if wrapping
the backup key with it fails: the next backup does that wrapping, a lost key cannot be redone."""

from __future__ import annotations

from pathlib import Path

import pytest
from storage_helpers import new_office

from kisdesk.db import backup_keys, encryption_convert, rawconn
from kisdesk.db import encryption as enc
from kisdesk.db.encryption_files import is_encrypted
from kisdesk.services import users

PASSWORD = "sosna przy starej drodze"


def test_a_failed_backup_key_wrap_does_not_lose_the_new_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "office.sqlite"
    db = new_office(path)
    with db.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", PASSWORD)
    with db.read() as s:
        hashes = users.password_hashes(s)
    db.dispose()

    def broken(*_args: object) -> None:
        raise RuntimeError("the keyring could not be rewritten")

    monkeypatch.setattr(encryption_convert, "protect_backups", broken)
    try:
        recovery, key = encryption_convert.encrypt_database_with_key(path, hashes)
        assert is_encrypted(path)
        assert enc.unlock_with_recovery(path, recovery) == key
        assert enc.unlock(path, "renata", PASSWORD) == key
    finally:
        for opener in [o for o in rawconn._openers if getattr(o, "path", None) == path]:
            rawconn.unregister(opener)
        backup_keys.forget_database_keys()
