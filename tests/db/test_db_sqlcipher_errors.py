"""An encrypted database (SQLCipher) that is damaged, or opened with a key that does not fit,
is told to the user like a damaged plain SQLite file: a storage error with a Polish message,
never "Błąd programu"."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import text
from storage_helpers import new_office

from kisdesk.db import encryption as enc
from kisdesk.db import health, rawconn
from kisdesk.db.encryption_convert import encrypt_database
from kisdesk.db.engine import storage_error_for
from kisdesk.db.open import open_database
from kisdesk.errors import StorageError
from kisdesk.messages import describe
from kisdesk.services import groups, users

PASSWORD = "zielona herbata o poranku"
PAGE = 4096


@pytest.fixture
def encrypted(tmp_path: Path) -> Iterator[tuple[Path, bytes]]:
    path = tmp_path / "office.sqlite"
    db = new_office(path)
    with db.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", PASSWORD)
        for n in range(150):
            groups.add_group(s, f"Grupa {n} " + "opis " * 18)  # within String(100)
    with db.read() as s:
        hashes = users.password_hashes(s)
    db.dispose()
    encrypt_database(path, hashes)
    yield path, enc.unlock(path, "renata", PASSWORD)
    for opener in [o for o in rawconn._openers if getattr(o, "path", None) == path]:
        rawconn.unregister(opener)


def _spoil_pages(path: Path, first: int, last: int) -> None:
    data = bytearray(path.read_bytes())
    for page in range(first, last):
        data[page * PAGE + 64 : page * PAGE + 128] = os.urandom(64)
    path.write_bytes(bytes(data))


def test_a_damaged_page_met_while_working_is_a_storage_error(
    encrypted: tuple[Path, bytes],
) -> None:
    path, key = encrypted
    db = open_database(f"sqlite:///{path}", key=key)
    try:
        db.engine.dispose()  # the next read opens the file afresh, as after a while
        pages = path.stat().st_size // PAGE
        _spoil_pages(path, pages // 2, pages - 1)  # the groups' pages, not the schema
        with pytest.raises(StorageError) as caught, db.read() as s:
            s.execute(text('SELECT sum(length(name)) FROM "group"')).all()
    finally:
        db.dispose()
    assert caught.value.code == "db.corrupt"
    assert "uszkodzona" in describe(caught.value)


def test_sqlcipher_errors_map_like_sqlite_errors(encrypted: tuple[Path, bytes]) -> None:
    path, _key = encrypted
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{os.urandom(32).hex()}'\"")
        with pytest.raises(sqlcipher3.dbapi2.DatabaseError) as caught:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()
    error = storage_error_for(caught.value)  # SQLITE_NOTADB: wrong key or damaged header
    assert error is not None and error.code == "db.corrupt"
    assert storage_error_for(ValueError("not a database error")) is None


class _KeylessOpener:
    """Reads the encrypted file with SQLCipher but no key: every statement fails there."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def handles(self, path: Path) -> bool:
        return path == self.path

    def connect(self, path: Path, read_only: bool) -> object:
        return sqlcipher3.connect(str(path))


def test_the_probe_reports_sqlcipher_failures_instead_of_raising(
    encrypted: tuple[Path, bytes],
) -> None:
    path, _key = encrypted
    opener = _KeylessOpener(path)
    rawconn.register(opener)
    try:
        state = health.probe(path)
    finally:
        rawconn.unregister(opener)
    assert not state.ok and "not a database" in state.reason


def test_a_key_that_does_not_fit_reads_as_a_damaged_file(encrypted: tuple[Path, bytes]) -> None:
    path, _key = encrypted
    before = path.read_bytes()
    opener = enc.EncryptedOpener(path, os.urandom(32))
    rawconn.register(opener)
    try:
        state = health.probe(path)
    finally:
        rawconn.unregister(opener)
    assert not state.ok and state.reason == "file is not a database"
    assert path.read_bytes() == before  # the probe never writes
