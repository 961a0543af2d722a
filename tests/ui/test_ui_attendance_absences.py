"""Whole-day absences in the attendance grid of a CIS: own letters and colours, typed with
L (sick leave) and D (day off), and a closed month read-only."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from kisdesk.db import Database
from kisdesk.services import absences, months
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.attendance import AttendancePage
from kisdesk.ui.table_models.attendance_grid import EDITABLE_ROLE
from tests.ui.shots import keep
from tests.unit.test_services_benefits import _class, _person, cis  # noqa: F401

D = dt.date


@pytest.fixture
def ops(db: Database, monkeypatch: pytest.MonkeyPatch) -> Ops:
    monkeypatch.setattr(Ops, "inline", True)
    return Ops(db)


@pytest.fixture
def page(cis: Database, ops: Ops, qtbot) -> AttendancePage:  # type: ignore[no-untyped-def]  # noqa: F811
    with cis.session() as s:
        ewa = _person(s, 1, D(2026, 1, 5))
        _person(s, 2, D(2026, 1, 5))
        absences.add_absence(s, ewa, "sick", D(2026, 6, 2), D(2026, 6, 3), "ZLA 1")
        for day in (2, 3, 4, 5):
            _class(s, D(2026, 6, day))
    widget = AttendancePage(ops)
    qtbot.addWidget(widget)
    widget.resize(1100, 500)
    widget.show()
    widget.open(group_id=1, month=(2026, 6))
    return widget


def _cell(page: AttendancePage, row: int, column: int) -> str:
    return page.model.index(row, column).data() or ""


def test_sick_leave_shows_with_its_letter_and_the_class_was_marked_excused(page) -> None:  # type: ignore[no-untyped-def]
    assert _cell(page, 0, 0) == "U L4"  # "everyone present" left her excused
    assert _cell(page, 1, 0) == "O"
    assert "zwolnienie lekarskie" in page.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "L4 zwolnienie lekarskie" in page.legend.text()
    keep(page, "cis", "attendance_absences")


def test_l_and_d_typed_from_the_grid(cis: Database, page, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.grid.setCurrentIndex(page.model.index(0, 2))  # Ewa, 4 June: right after her L4
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_L)
    with cis.read() as s:
        (sick,) = [a for a in absences.list_absences(s) if a.kind == "sick"]
    assert (sick.from_on, sick.to_on) == (D(2026, 6, 2), D(2026, 6, 4))  # one L4, lengthened
    assert _cell(page, 0, 2).endswith("L4")
    page.grid.setCurrentIndex(page.model.index(1, 3))  # the other person, 5 June
    qtbot.keyClick(page.grid, Qt.Key.Key_D)
    assert _cell(page, 1, 3).endswith("DW")
    qtbot.keyClick(page.grid, Qt.Key.Key_Up)
    page.grid.setCurrentIndex(page.model.index(1, 3))
    qtbot.keyClick(page.grid, Qt.Key.Key_D)  # again: the one-day day off is removed
    assert not _cell(page, 1, 3).endswith("DW")


def test_a_closed_month_is_read_only_in_the_grid(cis: Database, page, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    with cis.session() as s:
        months.close_month(s, 2026, 6)
    page.refresh()
    assert page.model.index(1, 1).data(EDITABLE_ROLE) is False
    assert "zamknięty" in page.status.text()
    page.grid.setCurrentIndex(page.model.index(1, 1))
    qtbot.keyClick(page.grid, Qt.Key.Key_N)
    assert _cell(page, 1, 1) == "O"
    assert not page.all_button.isEnabled()


def test_a_sick_leave_with_its_certificate_from_the_dialog(cis: Database, page, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.grid.setCurrentIndex(page.model.index(1, 1))  # the second person, 3 June
    dialog = page.open_absences()
    assert dialog is not None and dialog.start.date() == D(2026, 6, 3)
    dialog.end.setDate(D(2026, 6, 5))
    qtbot.keyClicks(dialog.document, "ZLA 7654321")
    assert dialog.add()
    assert "ZLA 7654321" in dialog.list.item(0).text() and "(3 dni)" in dialog.list.item(0).text()
    assert _cell(page, 1, 1).endswith("L4") and _cell(page, 1, 3).endswith("L4")
    dialog.kind.setCurrentIndex(dialog.kind.findData("day_off"))
    dialog.start.setDate(D(2026, 6, 3))
    dialog.end.setDate(D(2026, 6, 3))
    assert not dialog.add()  # the day is already on sick leave
    assert "już wpisana nieobecność" in dialog.message.text()
    dialog.list.setCurrentRow(0)
    dialog.delete_selected()
    assert dialog.list.count() == 0 and not _cell(page, 1, 3).endswith("L4")
    dialog.close()
