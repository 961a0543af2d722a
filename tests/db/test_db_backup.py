"""Backups known to be good: round trip, while writing, to a stick, and what a bad stick does."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from storage_helpers import new_office

from kisdesk.db import Database
from kisdesk.db import backup as bk
from kisdesk.db import backup_keys as keys
from kisdesk.db.open import open_database
from kisdesk.db.restore import restore_database
from kisdesk.errors import StorageError
from kisdesk.messages import describe
from kisdesk.services import groups, participants
from tests.pesel import make_pesel


@pytest.fixture
def kis(tmp_path: Path) -> Iterator[Database]:
    """An office in an SQLite file (this module is about files: no PostgreSQL)."""
    db = new_office(tmp_path / "office.sqlite")
    yield db
    db.dispose()


def dump(path: Path) -> list[tuple[str, list[tuple]]]:
    """Every row of every table: a logical comparison of two databases."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [
            (t, sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr))
            for t in bk.table_names(conn)
        ]
    finally:
        conn.close()


def add_people(db: Database, count: int, start: int = 0) -> None:
    with db.session() as s:
        for n in range(start, start + count):
            participants.add_participant(
                s,
                participants.ParticipantData(
                    first_name="Jadwiga",
                    last_name=f"Źdźbło {n}",
                    pesel=make_pesel(dt.date(1960 + n % 40, 1 + n % 12, 1 + n % 28), n, "K"),
                ),
            )


def path_of(db: Database) -> Path:
    return db.path  # type: ignore[attr-defined, no-any-return]


def test_backup_verify_restore_gives_the_same_data(kis: Database, tmp_path: Path) -> None:
    add_people(kis, 25)
    before = dump(path_of(kis))
    info = bk.create_backup(path_of(kis))
    assert info.kind == "auto" and info.records > 25
    add_people(kis, 5, start=100)  # changes after the backup are what a restore undoes
    kis.dispose()
    result = restore_database(path_of(kis), info.path)
    assert result.restored.created_at == info.created_at
    assert result.safety_backup is not None and result.safety_backup.kind == "pre-restore"
    assert dump(path_of(kis)) == before
    # the state just before the restore is kept, verified, and restores too
    assert bk.verify_backup(result.safety_backup.path).row_counts["participant"] == 30


def test_backup_while_another_thread_writes(kis: Database) -> None:
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        n = 1000
        while not stop.is_set():
            try:
                with kis.session() as s:
                    groups.add_group(s, f"Grupa {n}")
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)
                return
            n += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        backups = [bk.create_backup(path_of(kis)) for _ in range(5)]
    finally:
        stop.set()
        thread.join()
    assert errors == []
    seen = [b.row_counts["group"] for b in backups]
    assert seen == sorted(seen) and seen[-1] > seen[0]  # each a consistent, later snapshot
    for b in backups:
        assert bk.verify_backup(b.path).row_counts == b.row_counts


def test_a_backup_on_a_stick_is_encrypted_and_verified_there(kis: Database, tmp_path: Path) -> None:
    add_people(kis, 3)
    stick = tmp_path / "PENDRIVE"
    stick.mkdir()
    info = bk.create_backup(path_of(kis), out=stick, kind="manual")
    assert info.path.parent == stick
    assert [p.name for p in stick.iterdir()] == [info.path.name]  # nothing else, no temp
    raw = info.path.read_bytes()
    assert b"SQLite format 3" not in raw and "Źdźbło".encode() not in raw
    assert not any((tmp_path / "kisdesk-data" / "tmp").iterdir())  # plain copy removed
    named = bk.create_backup(path_of(kis), out=stick / "kopia-dla-gminy", kind="manual")
    assert named.path.name == "kopia-dla-gminy.kisbak"


def test_a_stick_that_corrupts_what_it_stores_leaves_no_backup_under_a_final_name(
    kis: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "PENDRIVE"
    stick.mkdir()

    def lying_device(path: Path) -> None:  # what is read back is not what was written
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))

    monkeypatch.setattr(bk, "_drop_cache", lying_device)
    with pytest.raises(StorageError) as caught:
        bk.create_backup(path_of(kis), out=stick)
    assert caught.value.code == "backup.damaged"
    assert list(stick.iterdir()) == []


def test_on_another_computer_the_passphrase_or_the_recovery_key_opens_a_backup(
    kis: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ring = keys.load_keyring()
    recovery = keys.set_passphrase(ring, "zielony rower nad Wartą")
    assert recovery is not None
    info = bk.create_backup(path_of(kis), keyring=ring)
    keys.set_passphrase(ring, "nowe hasło kopii 2027")  # changed later: old backups still open
    monkeypatch.setenv("KISDESK_DATA_DIR", str(tmp_path / "new-laptop"))
    with pytest.raises(StorageError) as caught:
        bk.verify_backup(info.path)
    assert caught.value.code == "backup.needs_key"
    assert "innym komputerze" in describe(caught.value)
    assert bk.verify_backup(info.path, secret="zielony rower nad Wartą").records == info.records
    assert bk.verify_backup(info.path, secret=recovery).records == info.records
    with pytest.raises(StorageError):
        bk.verify_backup(info.path, secret="nowe hasło kopii 2027")


def test_a_new_laptop_unlocks_the_office_key_once_with_the_passphrase(
    kis: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "kisdesk-data"
    ring = keys.load_keyring()
    keys.set_passphrase(ring, "zielony rower nad Wartą")
    (data / keys.MACHINE_KEY_FILE).unlink()  # the data folder copied to a new computer
    moved = keys.load_keyring()
    assert moved.data_key is None and moved.has_passphrase
    with pytest.raises(StorageError) as caught:
        bk.create_backup(path_of(kis), keyring=moved)
    assert caught.value.code == "backup.key_locked"
    keys.unlock(moved, "zielony rower nad Wartą")
    assert keys.load_keyring().data_key == ring.data_key  # remembered on this computer now
    bk.create_backup(path_of(kis))


def test_automatic_backups_never_wait_for_a_passphrase(kis: Database) -> None:
    assert not keys.keyring_exists()
    info = bk.create_backup(path_of(kis))  # first use creates the office key silently
    assert keys.keyring_exists() and not keys.load_keyring().has_passphrase
    assert bk.verify_backup(info.path).records == info.records


def test_rotation_runs_only_after_a_verified_backup(
    kis: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kisdesk.db.rotation import RotationPolicy

    policy = RotationPolicy(recent_days=0, daily=0, weekly=0, monthly=0)
    first = bk.create_backup(path_of(kis), now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    verify = bk.verify_plain
    monkeypatch.setattr(bk, "verify_plain", _fail_verification)
    with pytest.raises(StorageError):
        bk.create_backup(path_of(kis), policy=policy)
    assert first.path.exists()  # a failed backup deletes nothing
    monkeypatch.setattr(bk, "verify_plain", verify)
    second = bk.create_backup(path_of(kis), policy=policy)
    assert not first.path.exists() and second.path.exists()  # the newest is always kept


def _fail_verification(path: Path, counts: dict[str, int]) -> None:
    raise StorageError("backup.verify_failed", reason="test")


def test_the_newest_backup_is_found_by_its_header_date(kis: Database) -> None:
    old = bk.create_backup(path_of(kis), now=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    new = bk.create_backup(path_of(kis), now=dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    assert bk.newest_backup(path_of(kis)) == bk.read_info(new.path)
    assert [b.path for b in bk.list_backups(new.path.parent)] == [new.path, old.path]


def test_an_older_backup_is_upgraded_after_restore(tmp_path: Path) -> None:
    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "db"
    old_db = tmp_path / "old.sqlite"
    old_db.write_bytes((fixtures / "rev_0001.sqlite").read_bytes())
    info = bk.create_backup(old_db, kind="manual")
    assert info.schema_revision == "0001"
    target = tmp_path / "office.sqlite"
    restore_database(target, info.path)
    db = open_database(f"sqlite:///{target}")
    try:
        with db.read() as s:
            assert len(participants.list_participants(s)) == 6
        assert db.pre_upgrade_backup is not None  # type: ignore[attr-defined]
    finally:
        db.dispose()
