"""Two copies of kisdesk on one database: the second says who has it and writes nothing;
a lock left by a killed process is taken over at once."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kisdesk.cli import main
from kisdesk.db import lock
from kisdesk.db.engine import SQLITE_PRAGMAS
from kisdesk.db.open import open_database
from kisdesk.errors import StorageError
from kisdesk.messages import describe
from kisdesk.services import groups, office

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys, time
from kisdesk.db.open import open_database
db = open_database(sys.argv[1], exclusive=True)
print("OPEN", flush=True)
time.sleep(120)
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def office_db(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="kis",
                name="KIS w Zawoni",
                operator=office.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
            ),
        )
        groups.add_group(s, "Grupa poniedziałkowa")
    db.dispose()
    return path


@pytest.fixture
def other_instance(office_db: Path) -> Iterator[subprocess.Popen[str]]:
    """A second kisdesk process (as the GUI opens it) holding the database."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, f"sqlite:///{office_db}"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "OPEN"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait(timeout=30)


def test_a_second_copy_is_told_who_has_the_database(
    office_db: Path, other_instance: subprocess.Popen[str]
) -> None:
    digest = _digest(office_db)
    with pytest.raises(StorageError) as caught:
        open_database(f"sqlite:///{office_db}", exclusive=True)
    error = caught.value
    assert error.code == "db.locked"
    assert error.params["pid"] == other_instance.pid
    assert error.params["host"] == os.uname().nodename
    text = describe(error)
    assert "jest już otwarta" in text and error.params["host"] in text
    assert error.params["since"] in text and "Nic nie zostało zapisane" in text
    assert _digest(office_db) == digest


def test_while_it_is_open_elsewhere_the_cli_reads_but_never_writes(
    office_db: Path, other_instance: subprocess.Popen[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", str(office_db), "group", "list", "--json"])
    out, _ = capsys.readouterr()
    assert code == 0 and "Grupa poniedziałkowa" in out  # reading is allowed
    digest = _digest(office_db)
    code = main(["--db", str(office_db), "group", "add", "Grupa wtorkowa"])
    _, err = capsys.readouterr()
    assert code == 2 and "jest już otwarta" in err
    assert _digest(office_db) == digest
    code = main(["--db", str(office_db), "group", "list", "--json"])
    out, _ = capsys.readouterr()
    assert "wtorkowa" not in out


def test_another_spelling_of_the_path_is_the_same_database(
    office_db: Path, other_instance: subprocess.Popen[str], tmp_path: Path
) -> None:
    alias_folder = tmp_path / "skrót"
    alias_folder.mkdir()
    alias = alias_folder / "kopia-nazwy.sqlite"
    alias.symlink_to(office_db)
    with pytest.raises(StorageError) as caught:
        open_database(f"sqlite:///{alias}", exclusive=True)
    assert caught.value.code == "db.locked"
    assert caught.value.params["pid"] == other_instance.pid


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_a_lock_left_by_a_killed_process_is_taken_over(
    office_db: Path, other_instance: subprocess.Popen[str]
) -> None:
    os.kill(other_instance.pid, signal.SIGKILL)
    other_instance.wait(timeout=30)
    left = lock.read_owner(office_db)
    assert left is not None and left.pid == other_instance.pid  # its note is still there
    db = open_database(f"sqlite:///{office_db}", exclusive=True)
    try:
        owner = lock.read_owner(office_db)
        assert owner is not None and owner.pid == os.getpid()
        with db.session() as s:
            groups.add_group(s, "Grupa wtorkowa")
    finally:
        db.dispose()
    assert lock_file_text(office_db) == ""  # a clean close leaves nobody as the owner


def lock_file_text(db_path: Path) -> str:
    return lock.lock_path(db_path).read_text()


def test_within_one_process_the_lock_is_shared_and_released_by_the_last_user(
    office_db: Path,
) -> None:
    first = open_database(f"sqlite:///{office_db}", exclusive=True)
    second = open_database(f"sqlite:///{office_db}", exclusive=True)
    first.dispose()
    assert lock.holds(office_db)
    second.dispose()
    assert not lock.holds(office_db)
    owner = json.loads(lock_file_text(office_db) or "null")
    assert owner is None


def test_the_durable_settings_are_verified_on_every_connection(office_db: Path) -> None:
    db = open_database(f"sqlite:///{office_db}")
    try:
        with db.engine.connect() as conn:
            got = {
                name: str(conn.exec_driver_sql(f"PRAGMA {name}").scalar()).lower()
                for name, _value, _expected in SQLITE_PRAGMAS
            }
    finally:
        db.dispose()
    assert got == {name: expected for name, _v, expected in SQLITE_PRAGMAS}
    assert got["secure_delete"] == "1" and got["synchronous"] == "2"


def test_a_pragma_that_does_not_take_is_an_error(
    office_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The value read back decides, not the statement: FAST is not ON (it reads back 2)."""
    from kisdesk.db import engine as engine_module

    changed = tuple(
        (name, "FAST" if name == "secure_delete" else value, expected)
        for name, value, expected in SQLITE_PRAGMAS
    )
    monkeypatch.setattr(engine_module, "SQLITE_PRAGMAS", changed)
    engine = engine_module.make_engine(f"sqlite:///{office_db}")
    with pytest.raises(StorageError) as caught:
        engine.connect()
    engine.dispose()
    assert caught.value.code == "db.pragma_failed"
    assert caught.value.params == {"pragma": "secure_delete", "value": 2}
    assert "bezpiecznego trybu zapisu" in describe(caught.value)


def test_a_read_only_file_is_refused_with_a_message(office_db: Path) -> None:
    from kisdesk.db.engine import make_engine

    raw = sqlite3.connect(office_db)
    raw.execute("PRAGMA journal_mode=DELETE")  # WAL cannot be turned on read-only
    raw.close()
    engine = make_engine(f"sqlite:///file:{office_db}?mode=ro&uri=true")
    with pytest.raises(StorageError) as caught:
        engine.connect()
    engine.dispose()
    assert caught.value.code == "db.read_only"
    assert "tylko do odczytu" in describe(caught.value)
