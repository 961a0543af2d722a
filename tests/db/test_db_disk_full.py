"""A full disk during a save, an import, a backup and an export (docs/architecture.md#atomic-files).

A file-size limit (RLIMIT_FSIZE) in a child process stands in for a full disk: it needs no
root and no loop device, so CI runs it too. Each time: a clear Polish message, the
operation rolled back, the earlier data intact, no half-written file under a final name.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from storage_helpers import new_office

from kisdesk.db import backup as bk

pytestmark = pytest.mark.skipif(os.name == "nt", reason="RLIMIT_FSIZE is POSIX")

WORKER = Path(__file__).resolve().parent / "storage_worker.py"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def office(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
    new_office(path).dispose()  # closed cleanly: no -wal, so the limit bites at once
    return path


def run(mode: str, db_path: Path, limit: int, extra: str = "") -> dict:
    done = subprocess.run(
        [sys.executable, str(WORKER), mode, str(db_path), str(limit), extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def rows(db_path: Path) -> dict[str, int]:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return bk.row_counts(conn)
    finally:
        conn.close()


def limit_for(db_path: Path) -> int:
    return db_path.stat().st_size + 64 * 1024


def test_a_save_on_a_full_disk_is_refused_and_rolled_back(office: Path) -> None:
    before = rows(office)
    outcome = run("save", office, limit_for(office))
    assert outcome["ok"] is False and outcome["code"] == "disk.full"
    assert "Brak miejsca na dysku" in outcome["message"]
    assert "nie została zapisana" in outcome["message"]
    assert rows(office) == before


WORDS = ["zajęcia", "obecność", "praca", "kurs", "ośrodek", "gmina", "wsparcie", "rodzina"]


def _workbook(path: Path, count: int) -> Path:
    rng = random.Random(count)
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Nazwisko",
            "Imię",
            "Data urodzenia",
            "Płeć",
            "Dokument tożsamości",  # no PESEL: the document identifies the person (docs/domain.md#participants)
            "Grupa",
            "Data rozpoczęcia",
            "Uwagi",
        ]
    )
    for n in range(count):
        sheet.append(
            [
                f"Kowalska-{n}",
                "Halina",
                dt.date(1970, 1, 1) + dt.timedelta(days=n),
                "K",
                f"paszport PX{n:07d}",
                "Grupa poniedziałkowa",
                dt.date.today() - dt.timedelta(days=30),
                " ".join(rng.choice(WORDS) + str(rng.randrange(1000)) for _ in range(400)),
            ]
        )
    book.save(path)
    return path


@pytest.mark.slow  # fills a small disk image row by row: about 40 s
def test_an_import_on_a_full_disk_writes_none_of_its_rows(office: Path, tmp_path: Path) -> None:
    before = rows(office)
    sheet = _workbook(tmp_path / "lista.xlsx", 400)
    outcome = run("import", office, limit_for(office), str(sheet))
    assert outcome["ok"] is False and outcome["code"] == "disk.full", outcome
    after = rows(office)
    assert after == before  # not the first rows that fitted: none


def test_the_same_import_with_room_writes_every_row(office: Path, tmp_path: Path) -> None:
    sheet = _workbook(tmp_path / "lista.xlsx", 40)
    outcome = run("import", office, 1 << 30, str(sheet))
    assert outcome == {"ok": True, "imported": 40}


def test_a_backup_on_a_full_disk_leaves_no_backup_and_deletes_none(office: Path) -> None:
    earlier = bk.create_backup(office)
    outcome = run("backup", office, office.stat().st_size // 2)
    assert outcome["ok"] is False and outcome["code"] == "disk.full"
    assert "Brak miejsca" in outcome["message"]
    folder = earlier.path.parent
    assert sorted(p.name for p in folder.iterdir()) == [earlier.path.name]
    assert bk.verify_backup(earlier.path).records == earlier.records
    assert not any((office.parent / "kisdesk-data" / "tmp").iterdir())


def test_an_export_on_a_full_disk_keeps_the_previous_file(office: Path, tmp_path: Path) -> None:
    target = tmp_path / "eksport" / "zaswiadczenie.pdf"
    target.parent.mkdir()
    target.write_bytes(b"%PDF-1.7 poprzednia wersja")
    outcome = run("export", office, 100_000, str(target))
    assert outcome["ok"] is False and outcome["code"] == "disk.full"
    assert target.read_bytes() == b"%PDF-1.7 poprzednia wersja"
    assert [p.name for p in target.parent.iterdir()] == ["zaswiadczenie.pdf"]
