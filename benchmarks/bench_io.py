"""Importing 1000 participants from .xlsx, and a verified encrypted backup of a big office.

Baselines: for the import, openpyxl reading the same file's cells plus plain sqlite3 inserts
of the same 1000 people and periods (no validation, no duplicate checks, no preview); for
the backup, SQLite's backup API copying the same database to a file (no verification, no
encryption). The ratio says what kisdesk's checks and safety cost on top.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
import tempfile
from pathlib import Path

from common import Result, demo_db, median_time
from openpyxl import Workbook, load_workbook

from kisdesk.db.database import Database
from kisdesk.db.open import open_database
from kisdesk.rules.pesel import compose_pesel
from kisdesk.services import groups, imports, office

SIZES = ("2000x10", "13000x10")
PEOPLE = 1000


def _pesel(birth: dt.date, serial: int, female: bool) -> str:
    return compose_pesel(birth, serial % 1000, (serial % 5) * 2 + (0 if female else 1))


def _workbook(path: Path) -> None:
    rng = random.Random(7)
    book = Workbook()
    sheet = book.active
    sheet.append(["Imię", "Nazwisko", "PESEL", "Grupa", "Data rozpoczęcia", "Telefon", "Gmina"])
    used = set()
    for i in range(PEOPLE):
        female = i % 2 == 0
        while True:
            birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 15000))
            pesel = _pesel(birth, rng.randrange(1000), female)
            if pesel not in used:
                used.add(pesel)
                break
        sheet.append(
            [
                "Anna" if female else "Jan",
                f"Testowy{i}",
                pesel,
                "Grupa importowa",
                dt.date(2026, 3, 2),
                f"600{i:06d}",
                "Zawonia",
            ]
        )
    book.save(path)


def _empty_office(folder: Path) -> Path:
    path = folder / "import.sqlite"
    db = open_database(f"sqlite:///{path}", create=True)
    with db.session() as s:
        office.create_office(s, office.OfficeData("kis", "KIS", office.OperatorData("Gmina")))
        groups.add_group(s, "Grupa importowa")
    db.dispose()
    return path


def _fresh_copy(template: Path, folder: Path, name: str) -> Path:
    target = folder / name
    for side in ("", "-wal", "-shm"):
        Path(str(target) + side).unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return target


def _ours_import(template: Path, folder: Path, xlsx: Path) -> None:
    path = _fresh_copy(template, folder, "ours.sqlite")
    db = Database(f"sqlite:///{path}")
    file = imports.open_import(str(xlsx))
    with db.session() as s:
        result = imports.run_import(s, file, file.proposed)
    assert result.imported == PEOPLE, result.imported
    db.dispose()


def _bare_import(template: Path, folder: Path, xlsx: Path) -> None:
    path = _fresh_copy(template, folder, "bare.sqlite")
    rows = list(load_workbook(xlsx, read_only=True).active.iter_rows(min_row=2, values_only=True))
    con = sqlite3.connect(path)
    now = dt.datetime.now().isoformat(" ")
    with con:
        for first, last, pesel, _group, start, phone, gmina in rows:
            cur = con.execute(
                "INSERT INTO participant (first_name, last_name, pesel, birth_date, sex, "
                "id_document, street, postal_code, city, gmina, powiat, phone, education, "
                "referral_source, referral_institution, referral_number, contract_number, "
                "contract_institution, contract_social_worker, contract_status, consents, "
                "notes, created_at, updated_at, version) VALUES (?,?,?,?,?,'','','','',?,'',?,"
                "'','','','','','','','','','',?,?,1)",
                (first, last, pesel, "1980-01-01", "K", gmina, phone, now, now),
            )
            con.execute(
                "INSERT INTO participation (participant_id, group_id, start_on, end_note, "
                "created_at, updated_at, version) VALUES (?, 1, ?, '', ?, ?, 1)",
                (cur.lastrowid, start.date().isoformat(), now, now),
            )
    con.close()


def run(size: str) -> list[Result]:
    folder = Path(tempfile.mkdtemp(prefix="kisdesk-bench-io-"))
    os.environ.setdefault("KISDESK_DATA_DIR", str(folder / "appdata"))
    results = []
    if size == SIZES[0]:  # the import goes into an empty office: once per run is enough
        xlsx = folder / "people.xlsx"
        _workbook(xlsx)
        template = _empty_office(folder)
        results.append(
            Result(
                f"import {PEOPLE} participants (.xlsx)",
                "empty office",
                median_time(lambda: _ours_import(template, folder, xlsx), repeat=3),
                median_time(lambda: _bare_import(template, folder, xlsx), repeat=3),
                "openpyxl read + sqlite3 inserts",
                "≤ 10× bare",  # issue 17: every row checked, audited, previewed first
            )
        )
        results[-1].ok = results[-1].ratio <= 10

    from kisdesk.db import backup as bk

    source = demo_db(size)
    out = folder / "backups"
    out.mkdir()

    def ours_backup() -> None:
        bk.create_backup(source, out=out / "ours.kisbak", kind="manual")

    def bare_backup() -> None:
        src = sqlite3.connect(source)
        dst = sqlite3.connect(out / "bare.sqlite")
        src.backup(dst)
        dst.close()
        src.close()

    size_mb = source.stat().st_size / 1e6
    results.append(
        Result(
            f"verified encrypted backup ({size_mb:.0f} MB)",
            size,
            median_time(ours_backup, repeat=3),
            median_time(bare_backup, repeat=3),
            "sqlite3 backup API only",
            "(no target)",
        )
    )
    shutil.rmtree(folder, ignore_errors=True)
    return results
