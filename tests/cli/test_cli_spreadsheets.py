"""`kisdesk export …` and `kisdesk import participants`: files, JSON, exit status."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from kisdesk.cli import main
from tests.fixtures.xlsx.make_messy import EXISTING, EXPECTED, OK_ROWS, write_messy, write_zip_bomb


def run(db_path: Path, *args: str, capsys) -> tuple[int, dict | str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", str(db_path), *args])
    out, err = capsys.readouterr()
    if "--json" in args and code == 0:
        return code, json.loads(out), err
    return code, out, err


def people(db_path: Path) -> int:
    con = sqlite3.connect(db_path)
    try:
        return int(con.execute("SELECT count(*) FROM participant").fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def office(tmp_path: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    db = tmp_path / "kis.sqlite"
    for args in (
        ("init", "--type", "kis", "--name", "Klub Integracji Społecznej w Zawoni"),
        ("group", "add", "Grupa poniedziałkowa"),
        ("participant", "add", "--first-name", "Tomasz", "--last-name", "Dąbrowski",
         "--pesel", EXISTING, "--start", "2026-01-05", "--group", "Grupa poniedziałkowa"),
    ):  # fmt: skip
        assert run(db, *args, capsys=capsys)[0] == 0
    return db


def test_dry_run_reports_rows_and_writes_nothing(office: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    file = write_messy(tmp_path / "lista.xlsx")
    before = people(office)
    code, out, _ = run(
        office, "import", "participants", str(file), "--dry-run", "--json", capsys=capsys
    )
    assert code == 0 and isinstance(out, dict)
    assert people(office) == before
    assert out["dry_run"] is True and out["imported"] == 0
    statuses = {r["row"]: r["status"] for r in out["rows"]}
    assert sorted(r for r, s in statuses.items() if s == "ok") == OK_ROWS
    assert out["errors"] == len(EXPECTED) - len(OK_ROWS)
    lost = next(r for r in out["rows"] if r["row"] == 6)["errors"][0]
    assert lost["code"] == "pesel.lost_leading_zero"
    assert "02211307589" in lost["message"] and "Excel" in lost["message"]
    assert out["mapping"]["PESEL"] == "pesel"


def test_import_writes_good_rows_and_lists_the_rest(office: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    file = write_messy(tmp_path / "lista.xlsx")
    before = people(office)
    code, out, _ = run(office, "import", "participants", str(file), "--json", capsys=capsys)
    assert code == 0 and isinstance(out, dict)
    assert out["imported"] == len(OK_ROWS) and people(office) == before + len(OK_ROWS)
    imported = [r for r in out["rows"] if r["status"] == "imported"]
    assert all(isinstance(r["participant_id"], int) for r in imported)
    dup = next(r for r in out["rows"] if r["row"] == 13)
    assert dup["status"] == "error" and "Dąbrowski" in dup["errors"][0]["message"]
    # the text output names rows and the totals
    code, text, _ = run(office, "import", "participants", str(file), "--dry-run", capsys=capsys)
    assert "Wiersz 4: Ta osoba jest już w ewidencji" in str(text)


def test_map_changes_a_column(office: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    file = write_messy(tmp_path / "lista.xlsx")
    code, out, _ = run(
        office, "import", "participants", str(file), "--dry-run", "--json",
        "--map", "Grupa=", "--map", "Uwagi=notes", capsys=capsys,
    )  # fmt: skip
    assert code == 0 and isinstance(out, dict)
    assert "Grupa" not in out["mapping"]
    row14 = next(r for r in out["rows"] if r["row"] == 14)
    assert row14["status"] == "ok"  # the unknown group is no longer read
    code, _, err = run(
        office, "import", "participants", str(file), "--map", "Kolor=notes", capsys=capsys
    )
    assert code == 2 and "nie ma kolumny „Kolor”" in err


def test_refused_files_exit_2(office: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bomb = write_zip_bomb(tmp_path / "bomb.xlsx")
    code, _, err = run(office, "import", "participants", str(bomb), "--json", capsys=capsys)
    assert code == 2 and "rozpakowaniu" in err
    text = tmp_path / "lista.xlsx"
    text.write_text("Nazwisko;Imię", encoding="utf-8")
    code, _, err = run(office, "import", "participants", str(text), capsys=capsys)
    assert code == 2 and ".xlsx" in err


@pytest.mark.parametrize(
    ("what", "period", "sheets"),
    [
        ("participants", [], ["Uczestnicy"]),
        ("attendance", ["--month", "2026-01"], ["styczeń 2026"]),
        ("hours", ["--month", "2026-01"], ["styczeń 2026"]),
        ("statistics", ["--year", "2026"], None),
    ],
)
def test_export_writes_a_workbook(
    office: Path, tmp_path: Path, capsys, what, period, sheets
) -> None:  # type: ignore[no-untyped-def]
    out_file = tmp_path / f"{what}.xlsx"
    code, out, err = run(
        office, "export", what, *period, "--out", str(out_file), "--json", capsys=capsys
    )
    assert code == 0, err
    assert isinstance(out, dict) and out["path"] == str(out_file) and out["kind"] == what
    wb = openpyxl.load_workbook(out_file)
    if sheets is not None:
        assert wb.sheetnames == sheets
    else:
        assert "Rozpoczęli" in wb.sheetnames


def test_export_needs_a_period_where_it_makes_sense(office: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out_file = tmp_path / "x.xlsx"
    code, _, err = run(office, "export", "hours", "--out", str(out_file), capsys=capsys)
    assert code == 2 and "--month" in err and not out_file.exists()
    code, _, err = run(
        office, "export", "statistics", "--month", "2026-01", "--out", str(out_file), capsys=capsys
    )
    assert code == 2 and "--year" in err
