"""Hostile import files (docs/misuse-cases.md, "Import"): refused quickly with exit 2, or read
as Excel shows them; never a hang, a spin, a crash or a silent drop."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import openpyxl
import pytest

from kisdesk.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "kis.sqlite"
    assert run(capsys, "--db", str(path), "init", "--type", "kis", "--name", "KIS")[0] == 0
    assert run(capsys, "--db", str(path), "group", "add", "Grupa poniedziałkowa")[0] == 0
    return path


def people(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("select count(*) from participant").fetchone()[0])


@pytest.mark.parametrize("kind", ["fifo", "dev_zero", "directory"])
def test_special_files_are_refused_at_once(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    target = tmp_path / "f.xlsx"
    if kind == "fifo":
        os.mkfifo(target)  # opening it would wait for a writer forever
    elif kind == "dev_zero":
        target.symlink_to("/dev/zero")  # reading it never ends
    else:
        target.mkdir()
    started = time.monotonic()
    code, out, err = run(capsys, "--db", str(office), "import", "participants", str(target))
    assert time.monotonic() - started < 10
    assert code == 2 and "nie jest zwykłym plikiem" in err and "Błąd programu" not in err


def test_a_sheet_of_endless_empty_rows_is_refused_quickly(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Nazwisko", "Imię", "PESEL"])
    ws.append(["Nowak", "Jan", "80051412313"])
    ws.cell(row=1_000_000, column=2, value="")  # a million rows to walk, a tiny file
    target = tmp_path / "far.xlsx"
    wb.save(target)
    started = time.monotonic()
    code, _, err = run(capsys, "--db", str(office), "import", "participants", str(target))
    assert time.monotonic() - started < 60  # 163 s before: bounded, not timed to the limit
    assert code == 2 and "licząc puste" in err
    assert people(office) == 0


def test_a_merged_group_cell_belongs_to_every_row_it_covers(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Nazwisko", "Imię", "PESEL", "Grupa", "Data rozpoczęcia"])
    ws.append(["Nowak", "Jan", "80051412313", "Grupa poniedziałkowa", "2026-11-02"])
    ws.append(["Kos", "Ewa", "80051432111", None, "2026-11-02"])
    ws.append(["Bem", "Ola", "75032476431", None, "2026-11-02"])
    ws.merge_cells("D2:D4")
    target = tmp_path / "merged.xlsx"
    wb.save(target)
    code, out, err = run(
        capsys, "--db", str(office), "--json", "import", "participants", str(target)
    )
    assert code == 0, err
    with sqlite3.connect(office) as conn:
        groups = conn.execute(
            "select p.last_name, g.name from participant p join participation n "
            'on n.participant_id = p.id left join "group" g on g.id = n.group_id '
            "order by p.last_name"
        ).fetchall()
    assert groups == [
        ("Bem", "Grupa poniedziałkowa"),
        ("Kos", "Grupa poniedziałkowa"),
        ("Nowak", "Grupa poniedziałkowa"),
    ], json.loads(out)
