"""The attendance grid's columns after going from month to month with ◀ / ▶: every date
column is as narrow as the others, the hours and status columns as wide as their text."""

from __future__ import annotations

import datetime as dt

import pytest

from kisdesk.ui.pages.attendance import AttendancePage
from tests.ui.attendance_seed import FIRST, PREV


@pytest.fixture
def office(attendance_office: dict) -> dict:
    return attendance_office


@pytest.fixture
def page(attendance_page: AttendancePage) -> AttendancePage:
    return attendance_page


NEXT = (FIRST + dt.timedelta(days=32)).replace(day=1)  # no classes yet


def widths(page: AttendancePage) -> tuple[list[int], int, int]:
    """(date columns, hours column, status column) as the user sees them."""
    header = page.grid.horizontalHeader()
    model = page.model
    dates = [header.sectionSize(c) for c in range(len(model.activities))]
    return dates, header.sectionSize(model.hours_column), header.sectionSize(model.status_column)


def assert_sized(page: AttendancePage) -> None:
    header = page.grid.horizontalHeader()
    dates, hours, status = widths(page)
    assert dates and set(dates) == {header.defaultSectionSize()}, dates
    # The totals are as wide as what they show, so nothing is cut off.
    model = page.model
    for column, width in ((model.hours_column, hours), (model.status_column, status)):
        longest = max(
            [page.grid.sizeHintForColumn(column), header.sectionSizeHint(column)], default=0
        )
        assert width >= longest, (column, width, longest)
        assert width > header.defaultSectionSize()


def test_back_from_a_month_without_classes(shot, page, office) -> None:  # type: ignore[no-untyped-def]
    page.open(group_id=office["group"], month=(NEXT.year, NEXT.month))
    assert page.model.activities == []
    page.month.prev.click()  # this month: one class
    assert (page.month.year, page.month.month) == (FIRST.year, FIRST.month)
    assert_sized(page)
    page.month.prev.click()  # last month: three classes
    assert (page.month.year, page.month.month) == (PREV.year, PREV.month)
    assert len(page.model.activities) == 3
    assert_sized(page)
    shot(page, "attendance_after_months")


def test_forward_and_back_keeps_the_date_columns_narrow(page, office) -> None:  # type: ignore[no-untyped-def]
    page.open(group_id=office["group"], month=(PREV.year, PREV.month))
    first = widths(page)
    page.month.next.click()
    page.month.next.click()  # the empty month
    page.month.prev.click()
    page.month.prev.click()
    assert widths(page) == first
    assert_sized(page)
