"""The attendance grid and the dashboard in the first days of a month open on the month whose
signed lists are being typed (setting previous_month_days), and the grid's hours column stands
first so it is on screen at 1600 px with a month of 16 classes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kisdesk.messages.core import month_name
from kisdesk.services import settings
from kisdesk.ui.pages.attendance import AttendancePage
from kisdesk.ui.pages.dashboard import DashboardPage
from tests.ui.attendance_seed import FIRST, PREV, TODAY, add_class, seed_office
from tests.ui.shots import keep


def grid(ops, qtbot, width: int = 1100) -> AttendancePage:  # type: ignore[no-untyped-def]
    page = AttendancePage(ops)
    qtbot.addWidget(page)
    page.resize(width, 600)
    page.show()
    page.refresh()
    return page


def set_days(kis, days: int) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        settings.set_setting(s, "previous_month_days", days)


def test_in_the_first_days_the_grid_and_the_dashboard_open_on_last_month(kis, ops, qtbot):
    seed_office(kis)
    set_days(kis, 31)  # every day of a month counts as "the first days"
    page = grid(ops, qtbot)
    assert (page.month.year, page.month.month) == (PREV.year, PREV.month)
    assert page.model.rowCount() == 3  # last month's three members
    dashboard = DashboardPage(ops)
    qtbot.addWidget(dashboard)
    dashboard.show()
    dashboard.refresh()
    assert dashboard.hours_box.title() == f"Godziny w miesiącu: {month_name(PREV.year, PREV.month)}"


def test_after_the_first_days_they_open_on_this_month(kis, ops, qtbot):
    seed_office(kis)  # sets previous_month_days to 0
    page = grid(ops, qtbot)
    assert (page.month.year, page.month.month) == (TODAY.year, TODAY.month)
    dashboard = DashboardPage(ops)
    qtbot.addWidget(dashboard)
    dashboard.show()
    dashboard.refresh()
    assert dashboard.hours_box.title().endswith(month_name(TODAY.year, TODAY.month))


def test_hours_column_is_on_screen_at_1600_px_with_sixteen_classes(kis, ops, qtbot):
    office = seed_office(kis)
    with kis.session() as s:
        for day in range(2, 18):  # sixteen more classes last month
            add_class(s, office["group"], PREV.replace(day=day), f"Zajecia {day}")
    page = grid(ops, qtbot, width=1600)
    page.open(group_id=office["group"], month=(PREV.year, PREV.month))
    header = page.grid.horizontalHeader()
    hours = page.model.hours_column
    assert page.model.columnCount() > 18
    assert header.visualIndex(hours) == 0
    page.grid.horizontalScrollBar().setValue(0)
    position = header.sectionViewportPosition(hours)
    assert position >= 0 and position + header.sectionSize(hours) <= page.grid.viewport().width()
    # scrolled to the month's last classes, the hours stay beside each name
    page.grid.horizontalScrollBar().setValue(page.grid.horizontalScrollBar().maximum())
    row_of = {page.model.person_at(r).name: r for r in range(page.model.rowCount())}
    kowalska = page.model.headerData(row_of["Kowalska Anna"], Qt.Orientation.Vertical)
    assert kowalska.startswith("Kowalska Anna") and kowalska.endswith(
        page.model.index(row_of["Kowalska Anna"], hours).data()
    )
    keep(page, "keys", "attendance_1600")
    assert FIRST > PREV
