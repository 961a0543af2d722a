"""An encrypted database (SQLCipher, issue 6) is locked, not damaged: never quarantined for
want of its key; with the key it is probed, backed up, verified and restored like any other."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from storage_helpers import new_office

from kisdesk.db import backup as bk
from kisdesk.db import encryption as enc
from kisdesk.db import rawconn
from kisdesk.db.encryption_convert import encrypt_database
from kisdesk.db.open import open_database
from kisdesk.db.restore import restore_database
from kisdesk.errors import StorageError
from kisdesk.messages import describe
from kisdesk.services import groups, users

PASSWORD = "zielona herbata o poranku"


@pytest.fixture
def encrypted(tmp_path: Path) -> tuple[Path, bytes]:
    path = tmp_path / "office.sqlite"
    db = new_office(path)
    with db.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", PASSWORD)
    with db.read() as s:
        hashes = users.password_hashes(s)
    db.dispose()
    encrypt_database(path, hashes)
    yield path, enc.unlock(path, "renata", PASSWORD)
    for opener in [o for o in rawconn._openers if getattr(o, "path", None) == path]:
        rawconn.unregister(opener)


def test_without_its_key_it_is_refused_not_quarantined(encrypted: tuple[Path, bytes]) -> None:
    path, _key = encrypted
    before = path.read_bytes()
    with pytest.raises(StorageError) as caught:
        open_database(f"sqlite:///{path}")
    assert caught.value.code == "db.encrypted_needs_key"
    assert "zaszyfrowana" in describe(caught.value)
    assert path.read_bytes() == before


def test_with_its_key_it_is_backed_up_and_restored(
    encrypted: tuple[Path, bytes], tmp_path: Path
) -> None:
    path, key = encrypted
    db = open_database(f"sqlite:///{path}", key=key)
    try:
        info = bk.create_backup(path)
        with db.session() as s:
            groups.add_group(s, "Grupa po kopii")
    finally:
        db.dispose()
    assert b"Zawoni" not in info.path.read_bytes()
    assert bk.verify_backup(info.path).row_counts["group"] == 1
    result = restore_database(path, info.path)
    assert result.was_encrypted and result.safety_backup is not None
    assert bk.verify_backup(result.safety_backup.path).row_counts["group"] == 2
    conn = sqlite3.connect(path)  # plain again, until encryption is turned back on
    assert conn.execute('SELECT name FROM "group"').fetchall() == [("Grupa poniedziałkowa",)]
    conn.close()


def test_the_cli_restore_of_an_encrypted_office_needs_the_leader(
    encrypted: tuple[Path, bytes],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kisdesk.cli import main

    path, key = encrypted
    db = open_database(f"sqlite:///{path}", key=key)
    info = bk.create_backup(path)
    db.dispose()
    monkeypatch.delenv("KISDESK_PASSWORD", raising=False)
    assert main(["--db", str(path), "restore", str(info.path)]) == 2  # who is asking?
    assert path.read_bytes()[:16] != b"SQLite format 3\0"  # still the encrypted file
    monkeypatch.setenv("KISDESK_PASSWORD", PASSWORD)
    assert main(["--db", str(path), "--user", "renata", "restore", str(info.path)]) == 0
    out = capsys.readouterr().out
    assert "nie jest zaszyfrowana" in out and "kisdesk encrypt on" in out
