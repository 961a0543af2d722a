"""An export is in the audit log only once its file is written (issue: who may see what):
a workbook that could not be saved (a file open in Excel, a folder in its place) leaves no
entry; a saved one leaves one, and the workbook and the message say whom it left out
because their processing is restricted (RODO art. 18)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from kisdesk.cli import main
from kisdesk.db import Database
from kisdesk.services import audit, exports, exports_attendance, exports_stats, rodo
from tests.fixtures.xlsx.export_dataset import DONE, build

SKIPPED = "Pominięto 1 osobę – ograniczenie przetwarzania (art. 18 RODO)."


@pytest.fixture
def office(kis: Database) -> Database:
    """The 2025 dataset with Anna Nowak's processing restricted."""
    ids = build(kis)
    with kis.session() as s:
        rodo.restrict(s, ids.anna, "Sprzeciw wobec przetwarzania – sprawa w toku")
    return kis


def _exports(db: Database) -> list[audit.AuditRow]:
    with db.read() as s:
        return audit.list_entries(s, event_name="export")


def _cli(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--db", db.url, "export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _notes(path: Path) -> list[str]:
    wb = openpyxl.load_workbook(path)
    return [
        str(v) for ws in wb.worksheets for (v,) in ws.iter_rows(max_col=1, values_only=True) if v
    ]


def test_gathering_the_data_alone_is_not_an_export(office: Database) -> None:
    with office.read() as s:
        exports.participant_list(s)
        exports.hours_export(s, [(2025, 3)], as_of=DONE)
        exports_attendance.attendance_export(s, [(2025, 3)])
        exports_stats.statistics_export(s, 2025, as_of=DONE)
    assert _exports(office) == []


def test_a_workbook_that_cannot_be_written_leaves_no_entry(
    office: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "Godziny_2025-03.xlsx"
    target.mkdir()  # something in the way, as a workbook open in Excel is on Windows
    code, _out, err = _cli(
        office, capsys, "hours", "--month", "2025-03", "--as-of", "2025-12-31", "--out", str(target)
    )
    assert code == 2 and "Nie można zapisać pliku" in err
    assert _exports(office) == []


@pytest.mark.parametrize(
    ("what", "period", "records"),
    [
        ("participants", ["--year", "2025"], 3),  # Kowalski, Zielińska, Mazur; not Lis (2026)
        ("attendance", ["--month", "2025-03"], 2),
        ("hours", ["--month", "2025-03"], 2),
        ("statistics", ["--year", "2025"], 3),
    ],
)
def test_a_written_workbook_is_one_entry_and_says_whom_it_left_out(
    office: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    what: str,
    period: list[str],
    records: int,
) -> None:
    out_file = tmp_path / f"{what}.xlsx"
    code, out, err = _cli(
        office, capsys, what, *period, "--as-of", "2025-12-31", "--out", str(out_file)
    )
    assert code == 0, err
    assert SKIPPED in out and f"({records} wiersze danych)" in out  # 2 or 3: wiersze
    assert SKIPPED in _notes(out_file)
    (entry,) = _exports(office)
    assert (entry.details["kind"], entry.details["records"]) == (what, records)
    code, out, _ = _cli(
        office, capsys, what, *period, "--as-of", "2025-12-31", "--out", str(out_file), "--json"
    )
    assert code == 0 and json.loads(out)["restricted_skipped"] == 1


def test_nothing_is_said_when_nobody_was_left_out(
    office: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "lista.xlsx"
    code, out, _ = _cli(
        office, capsys, "participants", "--month", "2026-01", "--out", str(out_file)
    )
    assert code == 0 and "Pominięto" not in out  # Anna ended in June 2025
    assert not any("Pominięto" in note for note in _notes(out_file))
