"""Working days and calendar arithmetic (kisdesk.rules.calendar, docs/domain.md#time-units and 4.3)."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kisdesk.rules.calendar import (
    add_months,
    is_working_day,
    iso_week_bounds,
    month_bounds,
    months_between,
    working_days,
)

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


def _count_day_by_day(start: date, end: date) -> int:
    """Reference implementation: walk every day."""
    n = 0
    d = start
    while d <= end:
        n += is_working_day(d)
        d += timedelta(days=1)
    return n


# --- holidays -----------------------------------------------------------------------------


def test_easter_monday_2027_is_not_a_working_day() -> None:
    assert date(2027, 3, 29).weekday() == 0  # a Monday
    assert not is_working_day(date(2027, 3, 29))
    assert is_working_day(date(2027, 3, 30))


def test_christmas_eve_is_a_holiday_from_2025() -> None:
    assert date(2025, 12, 24).weekday() == 2  # Wednesday: only the holiday makes it free
    assert not is_working_day(date(2025, 12, 24))
    assert not is_working_day(date(2026, 12, 24))  # Thursday


def test_christmas_eve_2024_was_a_working_day() -> None:
    assert date(2024, 12, 24).weekday() == 1  # Tuesday
    assert is_working_day(date(2024, 12, 24))


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 1),  # Nowy Rok
        date(2026, 1, 6),  # Trzech Króli
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 1),
        date(2026, 6, 4),  # Corpus Christi
        date(2026, 11, 11),
        date(2025, 12, 26),
    ],
)
def test_public_holidays_on_weekdays_are_not_working_days(day: date) -> None:
    assert day.weekday() < 5
    assert not is_working_day(day)


def test_the_holidays_release_knows_christmas_eve() -> None:
    # pyproject's floor (holidays>=0.109) is a release that has the 2024 act: the program adds
    # no day of its own, so a release without it would make 24 December a working day
    assert date(2025, 12, 24) in holidays.country_holidays("PL", years=2025)
    assert date(2024, 12, 24) not in holidays.country_holidays("PL", years=2024)


def test_weekend_is_not_working() -> None:
    assert not is_working_day(date(2027, 3, 13))  # Saturday
    assert not is_working_day(date(2027, 3, 14))  # Sunday
    assert is_working_day(date(2027, 3, 15))  # Monday


# --- working_days -------------------------------------------------------------------------


def test_march_2027_has_22_working_days() -> None:
    # docs/domain.md#hours-minimum worked example: 23 weekdays less Easter Monday.
    first, last = month_bounds(2027, 3)
    assert working_days(first, last) == 22
    assert working_days(date(2027, 3, 15), last) == 12


def test_december_2025_counts_christmas_eve() -> None:
    # 23 weekdays; 24, 25, 26 December are holidays on Wed-Fri.
    assert working_days(date(2025, 12, 1), date(2025, 12, 31)) == 20
    # December 2024: 22 weekdays; only 25 and 26 (Wed, Thu) are holidays.
    assert working_days(date(2024, 12, 1), date(2024, 12, 31)) == 20
    assert working_days(date(2024, 12, 23), date(2024, 12, 27)) == 3
    assert working_days(date(2025, 12, 22), date(2025, 12, 28)) == 2


def test_working_days_single_days_and_empty_range() -> None:
    assert working_days(date(2027, 3, 15), date(2027, 3, 15)) == 1
    assert working_days(date(2027, 3, 13), date(2027, 3, 14)) == 0  # weekend
    assert working_days(date(2027, 3, 29), date(2027, 3, 29)) == 0  # Easter Monday
    assert working_days(date(2027, 3, 16), date(2027, 3, 15)) == 0  # end before start


def test_working_days_over_a_year_boundary() -> None:
    # 29 Dec 2025 (Mon) - 2 Jan 2026 (Fri): 1 January is a holiday.
    assert working_days(date(2025, 12, 29), date(2026, 1, 2)) == 4
    # The whole of 2026: 261 weekdays less 8 weekday holidays (1.01, 6.01, 6.04, 1.05, 4.06,
    # 11.11, 24.12, 25.12); 15.08 and 26.12 fall on Saturdays, 3.05 and 1.11 on Sundays.
    assert working_days(date(2026, 1, 1), date(2026, 12, 31)) == 261 - 8


@settings(deadline=None)
@given(a=dates, length=st.integers(0, 400))
def test_working_days_matches_day_by_day_count(a: date, length: int) -> None:
    b = a + timedelta(days=length)
    assert working_days(a, b) == _count_day_by_day(a, b)


@settings(deadline=None)
@given(a=dates, gap1=st.integers(0, 200), gap2=st.integers(0, 200))
def test_working_days_is_additive(a: date, gap1: int, gap2: int) -> None:
    b = a + timedelta(days=gap1)
    c = b + timedelta(days=gap2)
    assert working_days(a, b) + working_days(b + timedelta(days=1), c) == working_days(a, c)


# --- month and week bounds ----------------------------------------------------------------


def test_month_bounds() -> None:
    assert month_bounds(2027, 3) == (date(2027, 3, 1), date(2027, 3, 31))
    assert month_bounds(2028, 2) == (date(2028, 2, 1), date(2028, 2, 29))  # leap year
    assert month_bounds(2027, 2) == (date(2027, 2, 1), date(2027, 2, 28))
    assert month_bounds(2026, 12) == (date(2026, 12, 1), date(2026, 12, 31))
    with pytest.raises(ValueError):
        month_bounds(2026, 13)
    with pytest.raises(ValueError):
        month_bounds(2026, 0)


def test_iso_week_bounds() -> None:
    assert iso_week_bounds(2027, 11) == (date(2027, 3, 15), date(2027, 3, 21))
    # ISO week 1 of 2027 starts on Monday 4 January; week 53 of 2026 ends on 3 January 2027.
    assert iso_week_bounds(2027, 1) == (date(2027, 1, 4), date(2027, 1, 10))
    assert iso_week_bounds(2026, 53) == (date(2026, 12, 28), date(2027, 1, 3))
    # ISO week 1 of 2025 begins in December 2024.
    assert iso_week_bounds(2025, 1) == (date(2024, 12, 30), date(2025, 1, 5))


@pytest.mark.parametrize(("year", "week"), [(2027, 53), (2027, 0), (2026, 54), (2026, -1)])
def test_iso_week_bounds_rejects_invalid_week(year: int, week: int) -> None:
    with pytest.raises(ValueError):
        iso_week_bounds(year, week)


# --- add_months / months_between ----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),  # docs/domain.md#graduate-status clamp
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # clamp into a leap February
        (date(2028, 2, 29), 6, date(2028, 8, 29)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 5, 20), 0, date(2026, 5, 20)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@given(d=dates, months=st.integers(0, 120))
def test_add_months_lands_in_the_right_month(d: date, months: int) -> None:
    result = add_months(d, months)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == months
    assert result.day == d.day or (result.day < d.day and (result + timedelta(days=1)).day == 1)


def test_months_between() -> None:
    assert months_between(date(2026, 11, 20), date(2027, 2, 1)) == [
        (2026, 11),
        (2026, 12),
        (2027, 1),
        (2027, 2),
    ]
    assert months_between(date(2027, 3, 15), date(2027, 3, 15)) == [(2027, 3)]
    assert months_between(date(2027, 3, 15), date(2027, 3, 14)) == []
