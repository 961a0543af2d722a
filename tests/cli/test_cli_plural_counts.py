"""Counts in the messages after saving or importing are in proper Polish: 1 wiersz,
3 wiersze, 5 wierszy; 1 osobę, 2 osoby, 5 osób (the command line and the GUI alike)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from kisdesk.cli import main
from kisdesk.messages.core import plural
from kisdesk.reports.xlsx.workbook import Written
from kisdesk.ui.dialogs.export import saved_message
from tests.pesel import make_pesel


@pytest.mark.parametrize(
    ("n", "word"),
    [(1, "wiersz"), (2, "wiersze"), (4, "wiersze"), (5, "wierszy"), (12, "wierszy"),
     (14, "wierszy"), (22, "wiersze"), (25, "wierszy"), (0, "wierszy"), (112, "wierszy")],
)  # fmt: skip
def test_polish_plural(n: int, word: str) -> None:
    assert plural(n, "wiersz", "wiersze", "wierszy") == word


def _run(db: Path, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _office(tmp_path: Path, capsys, people: int) -> Path:  # type: ignore[no-untyped-def]
    db = tmp_path / "kis.sqlite"
    assert _run(db, capsys, "init", "--type", "kis", "--name", "KIS w Zawoni")[0] == 0
    assert _run(db, capsys, "group", "add", "Grupa")[0] == 0
    for i in range(people):
        code, _out, err = _run(
            db, capsys, "participant", "add", "--first-name", "Osoba", "--last-name",
            f"Testowa{i}", "--pesel", make_pesel(dt.date(1980, 1, 1 + i), 30 + i),
            "--start", "2026-01-05", "--group", "Grupa",
        )  # fmt: skip
        assert code == 0, err
    return db


@pytest.mark.parametrize(("people", "said"), [(1, "1 wiersz danych"), (3, "3 wiersze danych")])
def test_export_says_how_many_rows_in_polish(tmp_path, capsys, people, said) -> None:  # type: ignore[no-untyped-def]
    db = _office(tmp_path, capsys, people)
    out_file = tmp_path / "uczestnicy.xlsx"
    code, out, err = _run(db, capsys, "export", "participants", "--out", str(out_file))
    assert code == 0, err
    assert out.strip() == f"Zapisano {out_file} ({said})."


def test_import_says_how_many_people_and_rows_in_polish(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = _office(tmp_path, capsys, 0)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nazwisko", "Imię", "PESEL", "Data rozpoczęcia", "Grupa"])
    sheet.append(["Lis", "Jan", make_pesel(dt.date(1971, 2, 3), 41, "M"), "2026-01-05", "Grupa"])
    sheet.append(["Sowa", "Ewa", make_pesel(dt.date(1972, 3, 4), 42, "K"), "2026-01-05", "Grupa"])
    sheet.append(["Kruk", "Adam", "44051401358", "2026-01-05", "Grupa"])  # bad checksum
    file = tmp_path / "lista.xlsx"
    book.save(file)
    code, out, _ = _run(db, capsys, "import", "participants", str(file), "--dry-run")
    assert code == 0
    assert out.strip().splitlines()[-1] == (
        "Sprawdzono 3 wiersze: 2 bez błędów, 1 z błędami. Nic nie zapisano (--dry-run)."
    )
    code, out, _ = _run(db, capsys, "import", "participants", str(file))
    assert code == 0
    assert out.strip().splitlines()[-1] == "Wczytano 2 osoby; pominięto 1 wiersz z błędami."


@pytest.mark.parametrize(
    ("records", "said"),
    [(1, "(1 wiersz danych)"), (3, "(3 wiersze danych)"), (5, "(5 wierszy danych)")],
)
def test_the_gui_says_it_the_same_way(tmp_path, records, said) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "Godziny.xlsx"
    text = saved_message(Written(path, "hours", records, 0), path)
    assert text == f"Zapisano {path} {said}."
