"""Every durable write works where fsync needs a writable handle (Windows' FlushFileBuffers)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import windows_sim

from kisdesk.db import Database, backup, files, restore
from kisdesk.db.open import open_database
from kisdesk.services import office


@pytest.fixture
def windows_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", windows_sim.windows_fsync)


def test_the_simulation_refuses_a_read_only_descriptor(tmp_path: Path, windows_fsync: None) -> None:
    target = tmp_path / "a.bin"
    target.write_bytes(b"x")
    fd = os.open(target, os.O_RDONLY)
    try:
        with pytest.raises(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def test_a_saved_document_reaches_the_disk(tmp_path: Path, windows_fsync: None) -> None:
    target = tmp_path / "Zaświadczenie.pdf"
    files.atomic_write(target, b"%PDF-1.4")
    assert target.read_bytes() == b"%PDF-1.4"
    with files.atomic_path(tmp_path / "lista.xlsx") as temp:
        temp.write_bytes(b"PK")
    assert (tmp_path / "lista.xlsx").read_bytes() == b"PK"
    files.fsync_file(target)


def test_a_backup_and_its_restore_work(
    tmp_path: Path, windows_fsync: None, backend: str, kis: Database
) -> None:
    if backend != "sqlite":
        pytest.skip("file backups are of the embedded SQLite database")
    db_path = tmp_path / "office.sqlite"
    kis.dispose()
    made = backup.create_backup(db_path, out=tmp_path / "usb" / "kopia", kind="manual")
    assert made.path.exists() and made.records > 0
    result = restore.restore_database(db_path, made.path)
    assert result.safety_backup is not None  # the pre-restore backup was written too
    reopened = open_database(f"sqlite:///{db_path}")
    try:
        with reopened.read() as s:
            assert office.has_office(s)
    finally:
        reopened.dispose()
