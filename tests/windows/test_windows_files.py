"""Saving files where Windows lets other programs hold them (antivirus, OneDrive, Controlled
Folder Access), hides files only by an attribute, and reads paths in its own forms."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from windows_sim import Attributes, HeldFiles

from kisdesk.db import Database, backup, files, restore
from kisdesk.db.migrate import MIGRATIONS_DIR, alembic_config, head_revision
from kisdesk.db.open import open_database
from kisdesk.db.rawconn import read_only_uri
from kisdesk.errors import StorageError
from kisdesk.messages import describe
from kisdesk.services import groups


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> HeldFiles:
    files_held = HeldFiles()
    monkeypatch.setattr(os, "replace", files_held.replace)
    monkeypatch.setattr(files, "RETRY_DELAY", 0.001)  # the same 20 tries, quicker
    return files_held


def test_a_document_is_saved_while_antivirus_scans_the_previous_one(
    tmp_path: Path, held: HeldFiles
) -> None:
    target = tmp_path / "Dokumenty" / "Zaświadczenie Kowalska.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old")
    held.hold(target, times=5)
    files.atomic_write(target, b"%PDF-1.4 new")
    assert target.read_bytes() == b"%PDF-1.4 new" and held.refused == 5
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary left


def test_controlled_folder_access_is_named_and_nothing_changes(
    tmp_path: Path, held: HeldFiles
) -> None:
    target = tmp_path / "Pulpit" / "lista.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"old")
    held.hold(target, times=None)
    with pytest.raises(StorageError) as refused, files.atomic_path(target) as temp:
        temp.write_bytes(b"PK new")
    assert refused.value.code == "file.held"
    text = describe(refused.value)
    assert "Dostęp kontrolowany do folderów" in text and "antywirus" in text
    assert "brak uprawnień" not in text  # the old, wrong explanation
    assert target.read_bytes() == b"old" and len(list(target.parent.iterdir())) == 1
    assert held.refused == files.RETRY_ATTEMPTS


def test_backup_and_restore_wait_for_a_held_file(
    tmp_path: Path, held: HeldFiles, backend: str, kis: Database
) -> None:
    if backend != "sqlite":
        pytest.skip("file backups are of the embedded SQLite database")
    db_path = tmp_path / "office.sqlite"
    with kis.read() as s:
        before = [g.name for g in groups.list_groups(s)]
    kis.dispose()
    stick = tmp_path / "E"
    made = backup.create_backup(db_path, out=stick / "kopia.kisbak", kind="manual")
    db = open_database(f"sqlite:///{db_path}")
    with db.session() as s:
        groups.add_group(s, "Grupa wtorkowa")
    db.dispose()
    held.hold(db_path, times=3)  # the indexer reads the database file as it is replaced
    restore.restore_database(db_path, made.path)
    assert held.refused == 3
    db = open_database(f"sqlite:///{db_path}")
    try:
        with db.read() as s:
            assert [g.name for g in groups.list_groups(s)] == before
    finally:
        db.dispose()


def test_a_restore_blocked_for_good_says_why_and_keeps_the_data(
    tmp_path: Path, held: HeldFiles, backend: str, kis: Database
) -> None:
    if backend != "sqlite":
        pytest.skip("file backups are of the embedded SQLite database")
    db_path = tmp_path / "office.sqlite"
    kis.dispose()
    made = backup.create_backup(db_path, out=tmp_path / "E" / "kopia.kisbak", kind="manual")
    db = open_database(f"sqlite:///{db_path}")
    with db.session() as s:
        groups.add_group(s, "Grupa wtorkowa")
    db.dispose()
    held.hold(db_path, times=None)
    with pytest.raises(StorageError) as refused:  # not the crash dialog
        restore.restore_database(db_path, made.path)
    assert refused.value.code == "file.held"
    db = open_database(f"sqlite:///{db_path}")
    try:
        with db.read() as s:
            assert "Grupa wtorkowa" in [g.name for g in groups.list_groups(s)]
    finally:
        db.dispose()


def test_temporary_files_are_hidden_and_the_saved_file_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attributes = Attributes()
    monkeypatch.setattr(files, "set_hidden", attributes.set_hidden)
    monkeypatch.setattr(os, "replace", attributes.replace)
    target = tmp_path / "Zaświadczenie.pdf"
    seen: list[bool] = []

    def write(handle: object) -> None:
        seen.append(os.fspath(handle.name) in attributes.hidden)  # type: ignore[attr-defined]
        handle.write(b"%PDF-1.4")  # type: ignore[attr-defined]

    files.atomic_write(target, write)
    assert seen == [True]  # hidden while half-written
    assert os.fspath(target) not in attributes.hidden  # the document itself is visible


def test_temporary_files_a_crash_left_in_documents_are_cleaned(tmp_path: Path) -> None:
    documents = tmp_path / "Dokumenty"
    documents.mkdir()
    stale = documents / ".Zaswiadczenie_Kowalska.pdf.1a2b3c4d.kisdesk-tmp"
    fresh = documents / ".Lista.xlsx.5e6f7a8b.kisdesk-tmp"  # another save, under way now
    mine = documents / "notatki.txt"
    for path in (stale, fresh, mine):
        path.write_bytes(b"x")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    os.utime(mine, (two_hours_ago, two_hours_ago))
    files.atomic_write(documents / "Zaświadczenie.pdf", b"%PDF-1.4")
    names = sorted(p.name for p in documents.iterdir())
    assert names == sorted([fresh.name, mine.name, "Zaświadczenie.pdf"])


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        (
            PureWindowsPath("C:\\Users\\Łukasz\\AppData\\Local\\kisdesk\\kisdesk.sqlite"),
            "file:///C:/Users/%C5%81ukasz/AppData/Local/kisdesk/kisdesk.sqlite?mode=ro",
        ),
        (
            PureWindowsPath("\\\\serwer\\KIS\\baza#1\\kisdesk.sqlite"),
            "file:////serwer/KIS/baza%231/kisdesk.sqlite?mode=ro",
        ),
        (
            PureWindowsPath("\\\\?\\C:\\Users\\anna\\kisdesk.sqlite"),
            "file:///C:/Users/anna/kisdesk.sqlite?mode=ro",
        ),
        (
            PureWindowsPath("\\\\?\\UNC\\serwer\\KIS\\kisdesk.sqlite"),
            "file:////serwer/KIS/kisdesk.sqlite?mode=ro",
        ),
        (
            PurePosixPath("/home/anna/dane 100%/kisdesk.sqlite"),
            "file:///home/anna/dane%20100%25/kisdesk.sqlite?mode=ro",
        ),
    ],
)
def test_read_only_uris_of_windows_path_forms(path: PureWindowsPath, uri: str) -> None:
    assert read_only_uri(path) == uri


def test_sqlite_accepts_the_unc_form_and_refused_the_old_one(tmp_path: Path) -> None:
    old = PureWindowsPath("\\\\serwer\\KIS\\kisdesk.sqlite").as_uri() + "?mode=ro"
    with pytest.raises(sqlite3.OperationalError, match="invalid uri authority"):
        sqlite3.connect(old, uri=True)  # why a healthy share database looked damaged
    # the new form has an empty authority: SQLite gets as far as looking for the file
    with pytest.raises(sqlite3.OperationalError, match="unable to open"):
        sqlite3.connect(read_only_uri(PureWindowsPath("\\\\serwer\\KIS\\x.sqlite")), uri=True)
    real = tmp_path / "dane #1 100%" / "k.sqlite"
    real.parent.mkdir()
    sqlite3.connect(real).execute("CREATE TABLE t (x)").connection.close()
    conn = sqlite3.connect(read_only_uri(real), uri=True)
    try:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("CREATE TABLE u (x)")
    finally:
        conn.close()


def test_a_percent_sign_in_the_program_folder_does_not_break_migrations(tmp_path: Path) -> None:
    unpacked = tmp_path / "kisdesk 100%" / "_internal" / "migrations"
    shutil.copytree(MIGRATIONS_DIR, unpacked, ignore=shutil.ignore_patterns("__pycache__"))
    assert alembic_config(migrations_dir=unpacked).get_main_option("script_location") == str(
        unpacked
    )
    db = open_database(f"sqlite:///{tmp_path / 'nowa.sqlite'}", migrations_dir=unpacked)
    try:
        with db.read() as s:
            version = s.connection().exec_driver_sql("SELECT version_num FROM alembic_version")
            assert version.scalar() == head_revision()
    finally:
        db.dispose()


def test_a_column_mapping_not_remembered_never_fails_a_done_import(held: HeldFiles) -> None:
    from kisdesk.paths import data_dir
    from kisdesk.services.imports_mapping import (
        MAPPING_FILE,
        ColumnInfo,
        load_remembered,
        remember_mapping,
    )

    columns = [ColumnInfo(0, "A", "Zapiski", ("x",))]
    remember_mapping(columns, {0: "notes"})
    assert load_remembered()["zapiski"] == "notes"
    held.hold(data_dir() / MAPPING_FILE, times=None)  # OneDrive or antivirus, for good
    remember_mapping(columns, {0: "ignore-me"})  # called after the import committed
    assert load_remembered()["zapiski"] == "notes"  # the old one kept, no exception
