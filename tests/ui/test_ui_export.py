"""The "Arkusze Excel" tab: each workbook is saved where chosen, opens, and holds the data."""

from __future__ import annotations

import openpyxl
import pytest

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.services.activities import get_activity
from kisdesk.ui.dialogs.export import ATTENDANCE, HOURS, PARTICIPANTS, STATISTICS
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.documents_sheets import SheetsTab
from tests.ui.documents_seed import TODAY, Desk, Office


@pytest.fixture
def tab(ops: Ops, office: Office, qtbot) -> SheetsTab:  # type: ignore[no-untyped-def]
    widget = SheetsTab(ops)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    return widget


def _cells(path) -> str:  # type: ignore[no-untyped-def]
    wb = openpyxl.load_workbook(path)
    return " ".join(
        str(v) for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for v in r if v
    )


def _month_of_class(ops: Ops, office: Office) -> tuple[int, int]:
    day = ops.read(lambda s: get_activity(s, office.activity_id)).date
    return day.year, day.month


def test_hours_workbook_for_the_month_of_the_class(
    tab: SheetsTab, ops: Ops, office: Office, desk: Desk
) -> None:
    year, month = _month_of_class(ops, office)
    tab.set_kind(HOURS)
    tab.first.set_month(year, month)
    tab.last.set_month(year, month)
    tab.export_button.click()
    assert desk.asked == [f"Godziny_{year:04d}-{month:02d}.xlsx"]
    assert desk.opened == desk.saved
    wb = openpyxl.load_workbook(desk.saved[0])
    text = _cells(desk.saved[0])
    assert "Kowalski" in text and "Żółtowska-Nowak" in text
    assert len(wb.sheetnames) == 1
    assert "Zapisano" in tab.message.text()


def test_attendance_workbook_has_a_sheet_per_month(
    tab: SheetsTab, ops: Ops, office: Office, desk: Desk
) -> None:
    year, month = _month_of_class(ops, office)
    tab.set_kind(ATTENDANCE)
    tab.first.set_month(year, month)
    tab.last.set_month(year, month)
    tab.first.set_month(*_back(year, month, 2))
    tab.export_button.click()
    wb = openpyxl.load_workbook(desk.saved[0])
    assert len(wb.sheetnames) == 3
    assert "Wiśniewska" in _cells(desk.saved[0])
    tab.whole_year.click()  # January to December of the "from" month's year
    tab.export_button.click()
    first_year = _back(year, month, 2)[0]
    assert desk.asked[-1] == f"Obecnosci_{first_year}-01_{first_year}-12.xlsx"
    assert len(openpyxl.load_workbook(desk.saved[-1]).sheetnames) == 12


def _back(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 - n
    return index // 12, index % 12 + 1


def test_statistics_are_pseudonymised_unless_names_are_asked_for(
    tab: SheetsTab, desk: Desk
) -> None:
    tab.set_kind(STATISTICS)
    tab.year.setValue(TODAY.year)
    assert tab.with_names.isVisible() and not tab.with_names.isChecked()
    tab.export_button.click()
    assert desk.asked[-1] == f"Statystyka_{TODAY.year}.xlsx"
    text = _cells(desk.saved[-1])
    assert "CAS 01" in text and "Kowalski" not in text
    tab.with_names.setChecked(True)
    tab.export_button.click()
    assert desk.asked[-1] == f"Statystyka_{TODAY.year}_z_nazwiskami.xlsx"
    assert "Kowalski" in _cells(desk.saved[-1])


def test_participant_list_and_a_wrong_month_range(tab: SheetsTab, desk: Desk) -> None:
    tab.set_kind(PARTICIPANTS)
    tab.scope_all.setChecked(True)
    assert not tab.first.isVisible() and not tab.with_names.isVisible()
    tab.export_button.click()
    assert desk.asked == ["Uczestnicy.xlsx"]
    wb = openpyxl.load_workbook(desk.saved[0])
    assert wb.sheetnames == ["Uczestnicy"]
    assert "Wiśniewska" in _cells(desk.saved[0])

    tab.scope_months.setChecked(True)
    tab.first.set_month(TODAY.year, TODAY.month)
    tab.last.set_month(*_back(TODAY.year, TODAY.month, 1))
    tab.export_button.click()
    assert "wcześniejszy" in tab.message.text()
    assert len(desk.asked) == 1  # nothing asked, nothing written


def test_role_without_exports_cannot_save(kis: Database, ops: Ops, office: Office, qtbot) -> None:  # type: ignore[no-untyped-def]
    kis.actor = Actor("Ewa", Role.STAFF)
    widget = SheetsTab(ops)
    qtbot.addWidget(widget)
    assert not widget.export_button.isEnabled()
    assert "nie pozwala" in widget.message.text()
