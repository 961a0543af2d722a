"""A damaged database is moved aside unchanged and the newest backup is offered — every time,
within seconds; never a crash, never a silent new empty database (docs/architecture.md#damage)."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kisdesk.db import backup as bk
from kisdesk.db.open import open_database
from kisdesk.db.restore import restore_database
from kisdesk.errors import KisdeskError, StorageError
from kisdesk.messages import describe
from kisdesk.services import groups, office, participants
from tests.pesel import make_pesel

PAGE = 4096


def _build(folder: Path) -> Path:
    path = folder / "office.sqlite"
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="cis",
                name="Centrum Integracji Społecznej",
                operator=office.OperatorData(name="Stowarzyszenie", legal_form="association"),
            ),
        )
        groups.add_group(s, "Grupa stolarska")
        for n in range(40):
            participants.add_participant(
                s,
                participants.ParticipantData(
                    first_name="Józef",
                    last_name=f"Ślązak {n}",
                    pesel=make_pesel(dt.date(1975, 1, 1 + n % 28), n, "M"),
                    notes="notatka " * 50,
                ),
            )
    db.dispose()
    return path


@pytest.fixture
def healthy(tmp_path: Path) -> Path:
    folder = tmp_path / "healthy"
    folder.mkdir()
    return _build(folder)


def _truncate_half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _truncate_odd(data: bytes) -> bytes:
    return data[: len(data) - PAGE - 123]


def _zero_page(data: bytes) -> bytes:
    page = 2  # the root page of the first table created
    return data[: (page - 1) * PAGE] + b"\0" * PAGE + data[page * PAGE :]


def _bad_magic(data: bytes) -> bytes:
    return b"SQLite format 4\0" + data[16:]


def _bad_page_size(data: bytes) -> bytes:
    return data[:16] + b"\x03\x01" + data[18:]


def _empty(_data: bytes) -> bytes:
    return b""


def _html(_data: bytes) -> bytes:
    return b"<!DOCTYPE html><html><body>Zapisz jako...</body></html>\n" * 20


def _random(data: bytes) -> bytes:
    return random.Random(1).randbytes(len(data))


CORPUS: dict[str, Callable[[bytes], bytes]] = {
    "truncated in half": _truncate_half,
    "truncated mid-page": _truncate_odd,
    "zeroed page": _zero_page,
    "bad header": _bad_magic,
    "bad page size": _bad_page_size,
    "empty": _empty,
    "not a database": _html,
    "random bytes": _random,
}


def _install(healthy: Path, tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "office.sqlite"
    path.write_bytes(data)
    return path


def _backup_of(healthy: Path, tmp_path: Path) -> bk.BackupInfo:
    return bk.create_backup(healthy, folder=tmp_path / "kisdesk-data" / "backups")


def _expect_quarantine(path: Path, original: bytes) -> StorageError:
    started = time.monotonic()
    with pytest.raises(StorageError) as caught:
        open_database(f"sqlite:///{path}", exclusive=True)
    assert time.monotonic() - started < 5
    error = caught.value
    assert error.code == "db.damaged"
    assert not path.exists()  # no new empty database where the damaged one was
    kept = Path(error.params["quarantine"]) / path.name
    assert hashlib.sha256(kept.read_bytes()).digest() == hashlib.sha256(original).digest()
    text = describe(error)
    assert "uszkodzony" in text and "kisdesk restore" in text and error.params["backup"] in text
    return error


@pytest.mark.parametrize("damage", list(CORPUS), ids=list(CORPUS))
def test_damaged_file_goes_to_quarantine_and_the_backup_restores(
    damage: str, healthy: Path, tmp_path: Path
) -> None:
    backup = _backup_of(healthy, tmp_path)
    broken = CORPUS[damage](healthy.read_bytes())
    path = _install(healthy, tmp_path, broken)
    error = _expect_quarantine(path, broken)
    assert Path(error.params["backup"]) == backup.path
    result = restore_database(path, Path(error.params["backup"]))
    assert result.safety_backup is None  # nothing left to save: the damaged file is aside
    db = open_database(f"sqlite:///{path}", exclusive=True)
    try:
        with db.read() as s:
            assert len(participants.list_participants(s)) == 40
    finally:
        db.dispose()


def test_an_encrypted_backup_put_in_place_of_the_database_is_not_opened(
    healthy: Path, tmp_path: Path
) -> None:
    backup = _backup_of(healthy, tmp_path)
    data = backup.path.read_bytes()
    path = _install(healthy, tmp_path, data)
    _expect_quarantine(path, data)


def test_a_wrong_key_for_a_backup_changes_nothing(
    healthy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = _backup_of(healthy, tmp_path)
    monkeypatch.setenv("KISDESK_DATA_DIR", str(tmp_path / "other-computer"))  # no key of ours
    path = tmp_path / "office.sqlite"
    with pytest.raises(StorageError) as caught:
        restore_database(path, backup.path, secret="to nie jest dobre hasło")
    assert caught.value.code == "backup.wrong_key"
    assert "niepoprawny" in describe(caught.value)
    assert not path.exists()


def test_side_files_without_their_database_are_kept_not_paired_with_a_new_one(
    healthy: Path, tmp_path: Path
) -> None:
    _backup_of(healthy, tmp_path)
    wal = tmp_path / "office.sqlite-wal"
    wal.write_bytes(b"\x37\x7f\x06\x82" + b"\1" * 4000)
    with pytest.raises(StorageError) as caught:
        open_database(f"sqlite:///{tmp_path / 'office.sqlite'}")
    assert caught.value.code == "db.damaged"
    assert not wal.exists()
    assert (Path(caught.value.params["quarantine"]) / wal.name).exists()


def test_a_missing_database_with_backups_is_not_silently_recreated(
    healthy: Path, tmp_path: Path
) -> None:
    backup = _backup_of(healthy, tmp_path)
    path = tmp_path / "office.sqlite"
    with pytest.raises(StorageError) as caught:
        open_database(f"sqlite:///{path}")
    assert caught.value.code == "db.missing_has_backups"
    assert str(backup.path) in describe(caught.value)
    assert not path.exists()
    db = open_database(f"sqlite:///{path}", create=True)  # the user chose a new, empty one
    db.dispose()
    assert path.exists()


def test_a_damaged_database_without_backups_says_so(healthy: Path, tmp_path: Path) -> None:
    path = _install(healthy, tmp_path, b"garbage" * 1000)
    with pytest.raises(StorageError) as caught:
        open_database(f"sqlite:///{path}")
    assert caught.value.code == "db.damaged_no_backup"
    assert "Nie znaleziono kopii" in describe(caught.value)


def test_random_bit_flips_never_crash_or_hang(healthy: Path, tmp_path: Path) -> None:
    """Any single flipped byte: the program opens the file or quarantines it, in seconds."""
    _backup_of(healthy, tmp_path)
    rng = random.Random(5)
    original = healthy.read_bytes()
    outcomes = {"opened": 0, "quarantined": 0}
    for n in range(40):
        data = bytearray(original)
        where = rng.randrange(0, 100) if n % 2 else rng.randrange(0, len(data))
        data[where] ^= 1 << rng.randrange(8)
        folder = tmp_path / f"m{n}"
        folder.mkdir()
        path = folder / "office.sqlite"
        path.write_bytes(bytes(data))
        started = time.monotonic()
        try:
            db = open_database(f"sqlite:///{path}")
            with db.read() as s:
                participants.list_participants(s)
            db.dispose()
            outcomes["opened"] += 1
        except KisdeskError as exc:
            assert exc.code in {"db.damaged", "db.corrupt", "db.not_kisdesk"}, exc
            outcomes["quarantined"] += 1
        assert time.monotonic() - started < 5
    assert sum(outcomes.values()) == 40
