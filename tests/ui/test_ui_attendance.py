"""The attendance grid: typed in with the keyboard only, saved at once, totals by status."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from kisdesk.services import attendance, groups
from kisdesk.services.settings import set_setting
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.attendance import AttendancePage
from kisdesk.ui.table_models.attendance_grid import EDITABLE_ROLE
from kisdesk.ui.widgets import status as colours
from tests.ui.attendance_seed import FIRST, PREV, TODAY, add_class, at, marks


@pytest.fixture
def office(attendance_office: dict) -> dict:
    return attendance_office


@pytest.fixture
def page(attendance_page: AttendancePage) -> AttendancePage:
    return attendance_page


def test_grid_shows_people_activities_and_greys_what_cannot_be_typed(page, office, qtmodeltester):
    page.open(group_id=office["group"], month=(PREV.year, PREV.month))
    model = page.model
    qtmodeltester.check(model)
    names = [  # the name, then the hours (kept on screen beside it)
        model.headerData(r, Qt.Orientation.Vertical).split("   ")[0]
        for r in range(model.rowCount())
    ]
    assert names == ["Kowalska Anna", "Nowak Tomasz", "Wójcik Jan"]
    day = ("pon.", "wt.", "śr.", "czw.", "pt.", "sob.", "niedz.")[PREV.replace(day=3).weekday()]
    assert model.headerData(0, Qt.Orientation.Horizontal) == f"{day} 3.{PREV.month:02d}\n09:00"
    assert "Komunikacja" in model.headerData(0, Qt.Orientation.Horizontal, Qt.ToolTipRole)
    assert model.columnCount() == 5  # three classes, hours, status
    # Wójcik joined on the 15th: the 3rd and the 10th are greyed, the 17th is not.
    editable = [model.index(2, c).data(EDITABLE_ROLE) for c in range(3)]
    assert editable == [False, False, True]
    assert "nie był(a) uczestnikiem" in model.index(2, 0).data(Qt.ToolTipRole)
    # The cursor starts on the last class held (the paper list on the desk).
    assert page.grid.currentIndex().column() == 2


def test_keys_write_marks_and_move_down(kis, page, office, qtbot, monkeypatch):
    page.open(group_id=office["group"], month=(PREV.year, PREV.month))
    first = office["prev"][2]  # the 17th: everyone takes part
    at(page, 0, 2)
    qtbot.keyClick(page.grid, Qt.Key.Key_O)
    qtbot.keyClick(page.grid, Qt.Key.Key_U)
    assert page.grid.currentIndex().row() == 2  # moved down after each mark
    monkeypatch.setattr(page, "ask_minutes", lambda parent, length, current: 120)
    qtbot.keyClick(page.grid, Qt.Key.Key_C)
    assert marks(kis, first) == {
        "Kowalska": ("present", None),
        "Nowak": ("excused", None),
        "Wójcik": ("partial", 120),
    }
    assert page.model.index(2, 2).data() == "C 120"
    at(page, 1, 2)
    qtbot.keyClick(page.grid, Qt.Key.Key_N)
    at(page, 0, 2)
    qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    assert page.grid.currentIndex().row() == 0  # clearing stays put
    assert marks(kis, first)["Kowalska"] == (None, None)
    assert marks(kis, first)["Nowak"] == ("absent", None)
    qtbot.keyClick(page.grid, Qt.Key.Key_Space)  # toggles present…
    assert marks(kis, first)["Kowalska"] == ("present", None)
    qtbot.keyClick(page.grid, Qt.Key.Key_Space)  # …and back to nothing
    assert marks(kis, first)["Kowalska"] == (None, None)


def test_cancelled_minutes_question_writes_nothing(kis, page, office, qtbot, monkeypatch):
    page.open(group_id=office["group"], month=(PREV.year, PREV.month))
    monkeypatch.setattr(page, "ask_minutes", lambda parent, length, current: None)
    at(page, 0, 0)
    qtbot.keyClick(page.grid, Qt.Key.Key_C)
    assert marks(kis, office["prev"][0])["Kowalska"] == (None, None)


def test_all_present_marks_the_whole_month_then_the_exceptions(kis, page, office, qtbot):
    page.open(group_id=office["group"], month=(PREV.year, PREV.month))
    at(page, 1, 0)  # the 3rd: Wójcik had not joined yet
    qtbot.keyClick(page.grid, Qt.Key.Key_W)
    assert marks(kis, office["prev"][0]) == {
        "Kowalska": ("present", None),
        "Nowak": ("present", None),
    }
    assert set(marks(kis, office["prev"][2]).values()) == {("present", None)}  # Wójcik too
    assert "7 wpisów" in page.status.text()
    # the cursor moved on to the next class, same person, ready for the exceptions
    assert (page.grid.currentIndex().row(), page.grid.currentIndex().column()) == (1, 1)
    qtbot.keyClick(page.grid, Qt.Key.Key_U)  # the exception: a doctor's note
    assert marks(kis, office["prev"][1])["Nowak"] == ("excused", None)
    page.all_button.click()  # again: what was typed stays
    assert marks(kis, office["prev"][1])["Nowak"] == ("excused", None)
    assert "0 wpisów" in page.status.text()


def test_greyed_cells_refuse_edits(kis, page, office, qtbot):
    page.open(group_id=office["group"], month=(PREV.year, PREV.month))
    at(page, 2, 0)  # Wójcik on the 3rd: not yet a participant
    qtbot.keyClick(page.grid, Qt.Key.Key_O)
    assert "Wójcik" not in marks(kis, office["prev"][0])
    assert "nie był(a) uczestnikiem" in page.status.text()
    assert page.grid.currentIndex().row() == 2  # nothing happened, the cursor stays


def test_future_activity_column_is_greyed(kis, page, office, qtbot):
    later = TODAY + dt.timedelta(days=10)
    with kis.session() as s:
        future = add_class(s, office["group"], later, "Wycieczka do urzędu pracy")
    page.open(group_id=office["group"], month=(later.year, later.month), activity_id=future)
    column = page.model.column_of(future)
    assert page.grid.currentIndex().column() == column
    assert not page.model.index(0, column).data(EDITABLE_ROLE)
    at(page, 0, column)
    qtbot.keyClick(page.grid, Qt.Key.Key_O)
    assert "jeszcze się nie odbyły" in page.status.text()
    qtbot.keyClick(page.grid, Qt.Key.Key_W)  # the month's held classes only
    assert set(marks(kis, future).values()) == {(None, None)}


def test_row_totals_and_status_follow_the_marks(kis, page, office, qtbot):
    with kis.session() as s:
        set_setting(s, "monthly_minimum_hours", 4)  # 4 × 45 = 180 min: one class meets it
    page.open(group_id=office["group"], month=(FIRST.year, FIRST.month), activity_id=office["now"])
    model = page.model
    row = model.row_of(office["people"]["Nowak"])
    hours, status = model.hours_column, model.status_column
    assert model.index(row, hours).data() == "0,00 / 4,00"
    # No other class is planned this month, so the minimum is at risk, and it says why.
    assert model.index(row, status).data() == "zagrożone (brak 4,00)"
    tip = model.index(row, status).data(Qt.ToolTipRole)
    assert "Brakuje 4,00" in tip and "Nawet pełna obecność" in tip
    at(page, row, model.column_of(office["now"]))
    qtbot.keyClick(page.grid, Qt.Key.Key_O)
    assert model.index(row, hours).data() == "4,00 / 4,00"
    assert model.index(row, status).data() == "minimum osiągnięte"
    assert model.index(row, status).data(Qt.BackgroundRole).color() == colours.background("met")


def test_last_month_short_is_red_and_says_so(page, office):
    page.open(group_id=office["group"], month=(PREV.year, PREV.month))
    model = page.model
    text = model.index(0, model.status_column).data()
    assert text.startswith("poniżej minimum")
    background = model.index(0, model.status_column).data(Qt.BackgroundRole).color()
    assert background == colours.background("short")


def test_switching_group_and_month(kis, page, office):
    with kis.session() as s:
        other = groups.add_group(s, "Grupa czwartkowa")
    page.refresh()
    page.group.set_current_id(other)
    assert page.model.rowCount() == 0
    assert "nie ma zajęć" in page.status.text()
    page.group.set_current_id(office["group"])
    page.month.set_month(PREV.year, PREV.month)
    assert page.model.rowCount() == 3 and len(page.model.activities) == 3


def test_a_mark_recorded_meanwhile_elsewhere_is_not_overwritten(kis, page, office, qtbot):
    page.open(group_id=office["group"], month=(PREV.year, PREV.month))
    first = office["prev"][0]
    with kis.session() as s:  # another computer records Kowalska as excused
        attendance.set_mark(s, first, office["people"]["Kowalska"], "excused")
    at(page, 0, 0)  # the grid still shows the cell empty
    qtbot.keyClick(page.grid, Qt.Key.Key_O)
    assert marks(kis, first)["Kowalska"] == ("excused", None)
    assert "zmienił ten zapis w międzyczasie" in page.status.text()
    assert page.model.index(0, 0).data() == "U"  # the grid now shows what was recorded


def test_an_office_without_groups_says_what_to_do(db, qtbot, monkeypatch):
    from kisdesk.services import office as office_service

    monkeypatch.setattr(Ops, "inline", True)
    with db.session() as s:
        office_service.create_office(
            s,
            office_service.OfficeData(
                kind="kis",
                name="Klub Integracji Społecznej w Zawoni",
                operator=office_service.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
                city="Zawonia",
                head_name="Renata Kowalczyk",
            ),
        )
    widget = AttendancePage(Ops(db))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.model.rowCount() == 0
    assert "Nie ma jeszcze żadnej grupy" in widget.status.text()
