"""The brush above the attendance grid: a mark chosen once, then one click per exception from
the signed lists; a second click undoes a mis-click; the keys keep working beside it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.services import attendance, months
from kisdesk.ui.help import help_html
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.attendance import AttendancePage
from kisdesk.ui.widgets import attendance_keys as keys
from tests.ui.attendance_seed import PREV, at, marks, open_page
from tests.ui.shots import shots_dir


@pytest.fixture
def office(attendance_office: dict) -> dict:
    return attendance_office


@pytest.fixture
def page(attendance_page: AttendancePage, office: dict) -> AttendancePage:
    attendance_page.open(group_id=office["group"], month=(PREV.year, PREV.month))
    return attendance_page


def click(page: AttendancePage, row: int, column: int) -> None:
    """A left click on the cell, as the mouse does it."""
    index = page.model.index(row, column)
    page.grid.scrollTo(index)
    centre: QPoint = page.grid.visualRect(index).center()
    QTest.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def choose(page: AttendancePage, brush: str | None) -> None:
    page.brush_bar.buttons[brush].click()
    assert page.grid.brush == brush


def everyone_present(page: AttendancePage, qtbot) -> None:  # type: ignore[no-untyped-def]
    at(page, 0, 0)
    qtbot.keyClick(page.grid, Qt.Key.Key_W)


def test_brush_n_one_click_per_absence_and_a_second_click_undoes_it(kis, page, office, qtbot):
    everyone_present(page, qtbot)
    assert page.brush_bar.brush() is None  # the default: a click only selects
    choose(page, keys.ABSENT)
    assert "nieusprawiedliwiona" in page.status.text()
    assert "przywraca „obecny”" in page.status.text()
    third, tenth, seventeenth = office["prev"]
    click(page, 0, 0)  # Kowalska, the 3rd
    click(page, 1, 1)  # Nowak, the 10th
    click(page, 2, 2)  # Wójcik, the 17th
    assert marks(kis, third) == {"Kowalska": ("absent", None), "Nowak": ("present", None)}
    assert marks(kis, tenth)["Nowak"] == ("absent", None)
    assert marks(kis, seventeenth)["Wójcik"] == ("absent", None)
    assert marks(kis, seventeenth)["Kowalska"] == ("present", None)
    assert page.model.index(2, 2).data() == "N"
    assert page.status.text() == f"Wójcik Jan, 17.{PREV.month:02d}: nieusprawiedliwiona"
    # the cursor stays on the clicked cell (keys move down, a click does not)
    assert (page.grid.currentIndex().row(), page.grid.currentIndex().column()) == (2, 2)
    click(page, 1, 1)  # the mis-click: once more and Nowak was there
    assert marks(kis, tenth)["Nowak"] == ("present", None)
    assert page.status.text() == f"Nowak Tomasz, 10.{PREV.month:02d}: obecny"
    with kis.read() as s:  # the month's record agrees: two absences, the rest present
        total = sum(
            1
            for a in office["prev"]
            for r in attendance.expected_participants(s, a)
            if r.mark == "absent"
        )
    assert total == 2


def test_brush_u_and_the_keys_beside_it(kis, page, office, qtbot):
    everyone_present(page, qtbot)
    third = office["prev"][0]
    choose(page, keys.EXCUSED)
    click(page, 1, 0)
    assert marks(kis, third)["Nowak"] == ("excused", None)
    qtbot.keyClick(page.grid, Qt.Key.Key_N)  # the keys still work, and move down
    assert marks(kis, third)["Nowak"] == ("absent", None)
    click(page, 1, 0)  # not the brush's own mark: the brush writes it
    assert marks(kis, third)["Nowak"] == ("excused", None)
    choose(page, keys.PRESENT)
    click(page, 1, 0)
    assert marks(kis, third)["Nowak"] == ("present", None)
    click(page, 1, 0)  # "obecny" twice stays "obecny"
    assert marks(kis, third)["Nowak"] == ("present", None)


def test_brush_chosen_from_the_keyboard_with_alt(page, qtbot):
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.grid.brush == keys.ABSENT)
    qtbot.keyClick(page.grid, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.grid.brush == keys.EXCUSED)
    qtbot.keyClick(page.grid, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.grid.brush is None)
    assert "Alt+N" in page.brush_bar.buttons[keys.ABSENT].toolTip()
    assert "Alt+N" in page.hint.text()
    help_text = " ".join(help_html().split())  # as shown: line breaks are spaces
    assert "„Kliknięcie wpisuje:”, Alt+N nieusprawiedliwiona" in help_text
    assert "przywraca „obecny”" in help_text


def test_another_month_drops_the_brush_so_a_look_writes_nothing(kis, page, office, qtbot):
    choose(page, keys.ABSENT)
    page.month.next.click()
    assert page.grid.brush is None
    assert page.brush_bar.buttons[None].isChecked()
    assert "kliknięcie w pole znów tylko je zaznacza" in page.status.text()
    page.month.prev.click()
    before = marks(kis, office["prev"][1])
    click(page, 1, 1)  # only selects now
    assert marks(kis, office["prev"][1]) == before
    choose(page, keys.ABSENT)
    click(page, 1, 1)
    assert marks(kis, office["prev"][1])["Nowak"] == ("absent", None)


def test_without_a_brush_a_click_only_selects(kis, page, office, qtbot):
    everyone_present(page, qtbot)
    choose(page, keys.ABSENT)
    choose(page, None)
    click(page, 1, 2)
    assert (page.grid.currentIndex().row(), page.grid.currentIndex().column()) == (1, 2)
    assert marks(kis, office["prev"][2])["Nowak"] == ("present", None)


def test_a_double_click_writes_once(kis, page, office, qtbot):
    everyone_present(page, qtbot)
    choose(page, keys.ABSENT)
    QTest.qWaitForWindowExposed(page)
    centre = page.grid.visualRect(page.model.index(0, 1)).center()
    # Through the window, as the system delivers it: press, release, then the second press
    # arrives as a double click, then its release.
    window = page.window().windowHandle()
    spot = page.grid.viewport().mapTo(page.window(), centre)
    QTest.mouseDClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
    assert marks(kis, office["prev"][1])["Kowalska"] == ("absent", None)


def test_cells_that_take_no_mark_write_nothing_and_say_why(kis, page, office, qtbot):
    everyone_present(page, qtbot)
    choose(page, keys.ABSENT)
    click(page, 2, 0)  # Wójcik on the 3rd: not yet a participant
    assert "Wójcik" not in marks(kis, office["prev"][0])
    assert "nie był(a) uczestnikiem" in page.status.text()
    click(page, 0, page.model.hours_column)
    assert "nie jest obecnością" in page.status.text()
    names = page.grid.verticalHeader()  # the name column: selects the row, writes nothing
    QTest.mouseClick(
        names.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(names.width() // 2, names.sectionViewportPosition(1) + 5),
    )
    for activity in office["prev"]:
        assert set(marks(kis, activity).values()) == {("present", None)}


def test_a_closed_month_writes_nothing(kis, page, office, qtbot):
    everyone_present(page, qtbot)
    with kis.session() as s:
        months.close_month(s, PREV.year, PREV.month)
    page.refresh()
    choose(page, keys.ABSENT)
    click(page, 0, 1)
    assert marks(kis, office["prev"][1])["Kowalska"] == ("present", None)
    assert "zamknięty" in page.status.text()
    assert page.model.index(0, 1).data() == "O"


def test_without_the_permission_nothing_is_written(
    kis: Database, ops: Ops, office: dict, qtbot
) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        attendance.mark_all_present(s, office["prev"][1])
    kis.actor = Actor("Ewa Administracja", Role.ADMIN)
    page = open_page(ops, qtbot)
    page.open(group_id=office["group"], month=(PREV.year, PREV.month))
    choose(page, keys.ABSENT)
    click(page, 0, 1)
    assert marks(kis, office["prev"][1])["Kowalska"] == ("present", None)
    assert "tylko przeglądać" in page.status.text()


def test_the_page_with_the_brush(shot, kis, page, office, qtbot):
    everyone_present(page, qtbot)
    choose(page, keys.ABSENT)
    click(page, 0, 0)
    click(page, 1, 2)
    page.resize(1300, 520)
    target = shot(page, "attendance_brush")
    (shots_dir("attpalette") / target.name).write_bytes(target.read_bytes())
