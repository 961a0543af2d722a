"""Workbooks reopened with openpyxl: typed cells, frozen headers, Polish names, no formulas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from kisdesk.access import Actor, Role
from kisdesk.errors import PermissionDenied
from kisdesk.reports.xlsx import attendance as attendance_xlsx
from kisdesk.reports.xlsx import hours as hours_xlsx
from kisdesk.reports.xlsx import participants as participants_xlsx
from kisdesk.reports.xlsx.common import cell, sheet_title
from kisdesk.services import exports, exports_attendance
from tests.fixtures.xlsx.export_dataset import DONE, INJECTION, PHONE, build
from tests.fixtures.xlsx.make_messy import pesel


@pytest.fixture
def office(kis):  # type: ignore[no-untyped-def]
    return kis, build(kis)


def _header_row(ws, first: str) -> int:  # type: ignore[no-untyped-def]
    for row in ws.iter_rows(min_row=1, max_row=10):
        if row[0].value == first:
            return row[0].row
    raise AssertionError(f"no header {first!r}")


def _rows_by_name(ws, header_row: int, name_col: int) -> dict[str, list]:  # type: ignore[no-untyped-def]
    out = {}
    for row in ws.iter_rows(min_row=header_row + 1):
        if not row[name_col].value:
            break  # the table ends; notes follow after an empty row
        out[row[name_col].value] = row
    return out


def test_participant_list_is_a_real_table(office, tmp_path: Path) -> None:
    db, ids = office
    with db.read() as s:
        data = exports.participant_list(s, on=dt.date(2025, 3, 10))
    out = participants_xlsx.render(data, tmp_path / "lista.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Uczestnicy"]
    ws = wb["Uczestnicy"]
    assert "Klub Integracji Społecznej w Zawoni" in ws["A1"].value
    header = _header_row(ws, "Nr")
    headers = [c.value for c in ws[header]]
    assert headers[:6] == ["Nr", "Nazwisko", "Imię", "PESEL", "Data urodzenia", "Płeć"]
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.auto_filter.ref.startswith(f"A{header}:")
    assert ws.column_dimensions["B"].width == 20
    rows = _rows_by_name(ws, header, 1)
    assert set(rows) == {"Nowak", "Kowalski", "Zielińska", "Mazur", "Lis"}
    anna = rows["Nowak"]
    assert anna[3].value == pesel(dt.date(1985, 3, 2), 11, "K")  # PESEL stays text
    assert anna[3].data_type == "s"
    assert anna[4].value == dt.datetime(1985, 3, 2)  # a real date cell
    assert anna[4].number_format == "DD.MM.YYYY"
    assert headers.index("Data rozpoczęcia") and anna[headers.index("Data rozpoczęcia")].value == (
        dt.datetime(2025, 2, 3)
    )
    assert anna[headers.index("Status")].value == "uczestniczy"
    assert anna[headers.index("Grupa")].value == "Grupa poniedziałkowa"


def test_formula_like_text_is_stored_as_text(office, tmp_path: Path) -> None:
    db, _ = office
    with db.read() as s:
        data = exports.participant_list(s)
    out = participants_xlsx.render(data, tmp_path / "lista.xlsx")
    ws = openpyxl.load_workbook(out)["Uczestnicy"]
    header = _header_row(ws, "Nr")
    headers = [c.value for c in ws[header]]
    row = _rows_by_name(ws, header, 1)["Zielińska"]
    name = row[headers.index("Imię")]
    phone = row[headers.index("Telefon")]
    assert name.value == INJECTION and name.data_type == "s" and name.quotePrefix
    assert phone.value == PHONE and phone.data_type == "s" and phone.quotePrefix
    # no cell of the workbook is a formula
    assert not [c for r in ws.iter_rows() for c in r if c.data_type == "f"]


@pytest.mark.parametrize("text", ["=1+1", "+48 1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_is_neutralised(text: str) -> None:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("x")
    c = cell(ws, text)
    assert c.data_type == "s" and c.quotePrefix and c.value == text


def test_sheet_titles_are_valid_excel_names() -> None:
    assert sheet_title("Obecności 03/2027: [a]?") == "Obecności 03-2027- -a--"
    assert len(sheet_title("x" * 40)) == 31


def test_attendance_workbook_has_a_sheet_per_month_with_marks(office, tmp_path: Path) -> None:
    db, _ = office
    with db.read() as s:
        data = exports_attendance.attendance_export(s, [(2025, 3), (2025, 4)])
    out = attendance_xlsx.render(data, tmp_path / "obecnosci.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["marzec 2025", "kwiecień 2025"]
    ws = wb["marzec 2025"]
    header = _header_row(ws, "Nazwisko")
    headers = [c.value for c in ws[header]]
    assert headers[3:6] == ["03.03 pn", "04.03 wt", "05.03 śr"]
    assert ws.freeze_panes == f"A{header + 1}"
    rows = _rows_by_name(ws, header, 0)
    assert set(rows) == {"Nowak", "Kowalski", "Zielińska"}  # Mazur starts in May
    assert [c.value for c in rows["Nowak"][3:6]] == ["O", "O", None]
    assert [c.value for c in rows["Kowalski"][3:6]] == ["N", "U", "O"]
    assert [c.value for c in rows["Zielińska"][3:6]] == ["C", "O", None]
    attended = rows["Nowak"][headers.index("Obecność (godz.)")]
    assert attended.value == 6 and attended.data_type == "n"  # (180 + 90) / 45
    assert rows["Kowalski"][headers.index("Obecność (godz.)")].value == pytest.approx(1.33)
    assert rows["Kowalski"][headers.index("Nieob. nieuspraw. (zajęcia)")].value == 1
    april = wb["kwiecień 2025"]
    assert _rows_by_name(april, _header_row(april, "Nazwisko"), 0).keys() == {
        "Nowak",
        "Kowalski",
        "Zielińska",
    }


def test_hours_workbook_shows_the_minimum_status(office, tmp_path: Path) -> None:
    db, _ = office
    with db.read() as s:
        data = exports.hours_export(s, [(2025, 3)], as_of=DONE)
    out = hours_xlsx.render(data, tmp_path / "godziny.xlsx")
    ws = openpyxl.load_workbook(out)["marzec 2025"]
    header = _header_row(ws, "Nazwisko")
    headers = [c.value for c in ws[header]]
    anna = _rows_by_name(ws, header, 0)["Nowak"]
    value = {h: anna[i].value for i, h in enumerate(headers)}
    assert value["Wymagane (godz.)"] == 40  # a full month: 40 × 45 min
    assert value["Zrealizowane (godz.)"] == 6
    assert value["Brakuje (godz.)"] == 34
    assert value["Status minimum"] == "niespełnione"
    assert value["Za mała oferta zajęć"] == "tak"
    assert anna[headers.index("Wymagane (godz.)")].number_format == "0.00"
    # the wrapped headers ("Jeszcze zaplanowane (godz.)") get a row tall enough to be read
    assert ws.row_dimensions[header].height >= 30
    assert isinstance(value["Uczestnictwo od"], dt.datetime)
    ziel = _rows_by_name(ws, header, 0)["Zielińska"]
    assert ziel[headers.index("Zrealizowane (godz.)")].value == 4  # 90 + 90 min


def test_exports_need_the_export_permission(office) -> None:
    db, _ = office
    with db.read(actor=Actor("Kadra", Role.STAFF)) as s, pytest.raises(PermissionDenied):
        exports.participant_list(s)


def test_role_without_health_data_gets_no_health_categories(office, tmp_path: Path) -> None:
    db, _ = office
    with db.read(actor=Actor("Administracja", Role.ADMIN)) as s:
        data = exports.participant_list(s)
    assert data.sensitive_hidden
    cats = {r.last_name: r.categories for r in data.rows}
    assert cats["Kowalski"] == (5,)  # 2 (alcohol) is health data
    assert cats["Zielińska"] == ()  # 8 (disability) too
    out = participants_xlsx.render(data, tmp_path / "lista.xlsx")
    texts = [c for r in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in r]
    assert any(isinstance(t, str) and "Kategorie 2, 3, 4 i 8" in t for t in texts)


def test_an_export_replaces_the_file_whole(office, tmp_path: Path) -> None:
    db, _ = office
    folder = tmp_path / "eksport"
    folder.mkdir()
    target = folder / "lista.xlsx"
    target.write_text("old content")
    with db.read() as s:
        participants_xlsx.render(exports.participant_list(s), target)
    assert openpyxl.load_workbook(target).sheetnames == ["Uczestnicy"]
    assert [p.name for p in folder.iterdir()] == ["lista.xlsx"]  # no temporary left over
