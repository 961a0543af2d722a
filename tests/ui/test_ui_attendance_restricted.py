"""The attendance grid with a member whose processing is restricted (RODO art. 18): the
person is not a row to type into, the page says who and why, and "everyone present" marks
the others instead of failing for the whole group."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kisdesk.services import rodo
from kisdesk.ui.pages.attendance import AttendancePage
from tests.ui.attendance_seed import PREV, at, marks


@pytest.fixture
def office(attendance_office: dict) -> dict:
    return attendance_office


@pytest.fixture
def page(attendance_page: AttendancePage) -> AttendancePage:
    return attendance_page


def test_restricted_member_is_left_out_and_named_in_a_note(shot, kis, page, office, qtbot) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        rodo.restrict(s, office["people"]["Nowak"], "Osoba kwestionuje prawidłowość danych")
    page.open(group_id=office["group"], month=(PREV.year, PREV.month))
    model = page.model
    names = [  # the name, then the hours (kept on screen beside it)
        model.headerData(r, Qt.Orientation.Vertical).split("   ")[0]
        for r in range(model.rowCount())
    ]
    assert names == ["Kowalska Anna", "Wójcik Jan"]
    assert page.restricted_note.isVisibleTo(page)
    note = page.restricted_note.text()
    assert "Nowak Tomasz" in note and "art. 18 RODO" in note and "nie są zapisywane" in note
    shot(page, "attendance_restricted")
    at(page, 0, 2)  # the 17th: everyone takes part
    qtbot.keyClick(page.grid, Qt.Key.Key_W)
    assert "4 wpisy" in page.status.text()  # the whole month: the 3rd, 10th and 17th
    assert marks(kis, office["prev"][2]) == {
        "Kowalska": ("present", None),
        "Wójcik": ("present", None),
    }
    with kis.session() as s:
        rodo.lift_restriction(s, office["people"]["Nowak"])
    page.refresh()
    assert model.rowCount() == 3 and not page.restricted_note.isVisibleTo(page)
