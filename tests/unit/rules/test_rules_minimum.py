"""KIS monthly minimum (kisdesk.rules.minimum, docs/domain.md#hours-minimum)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kisdesk.rules.calendar import month_bounds
from kisdesk.rules.minimum import (
    MonthResult,
    MonthStatus,
    at_risk,
    beyond_reach,
    evaluate_month,
    participation_days_in_month,
    required_minutes,
)

H, MIN = 45, 40  # defaults: 45-minute didactic hour, 40 hours a month


def month_result(
    *,
    start: date = date(2027, 1, 4),
    end: date | None = None,
    as_of: date = date(2027, 3, 20),
    attended: int = 0,
    scheduled: int = 2000,
    remaining: int = 0,
    year: int = 2027,
    month: int = 3,
) -> MonthResult:
    return evaluate_month(
        year=year,
        month=month,
        start=start,
        end=end,
        as_of=as_of,
        attended_minutes=attended,
        scheduled_minutes=scheduled,
        remaining_scheduled_minutes=remaining,
        minimum_hours=MIN,
        hour_minutes=H,
    )


# --- participation_days_in_month ----------------------------------------------------------


def test_participation_days_in_month() -> None:
    march = (date(2027, 3, 1), date(2027, 3, 31))
    assert participation_days_in_month(2027, 3, date(2027, 1, 1), None) == march
    assert participation_days_in_month(2027, 3, date(2027, 3, 15), None) == (
        date(2027, 3, 15),
        date(2027, 3, 31),
    )
    assert participation_days_in_month(2027, 3, date(2027, 1, 1), date(2027, 3, 12)) == (
        date(2027, 3, 1),
        date(2027, 3, 12),
    )
    assert participation_days_in_month(2027, 3, date(2027, 4, 1), None) is None
    assert participation_days_in_month(2027, 3, date(2027, 1, 1), date(2027, 2, 28)) is None


# --- required_minutes ---------------------------------------------------------------------


def test_spec_worked_example_982_minutes() -> None:
    # docs/domain.md#hours-minimum: March 2027, started 15 March: round(40 x 45 x 12 / 22) = round(981.8) = 982.
    assert required_minutes(2027, 3, date(2027, 3, 15), None, MIN, H) == 982


def test_full_month_requires_1800_minutes() -> None:
    assert required_minutes(2027, 3, date(2027, 1, 4), None, MIN, H) == 1800
    assert required_minutes(2027, 3, date(2027, 3, 1), date(2027, 3, 31), MIN, H) == 1800
    # with a 60-minute hour setting the month needs 2400
    assert required_minutes(2027, 3, date(2027, 3, 1), None, MIN, 60) == 2400


def test_start_on_weekend_counts_from_next_monday() -> None:
    # Saturday 13 and Sunday 14 March 2027 add no working day.
    assert required_minutes(2027, 3, date(2027, 3, 13), None, MIN, H) == 982
    assert required_minutes(2027, 3, date(2027, 3, 14), None, MIN, H) == 982


def test_start_on_a_holiday() -> None:
    # Easter Monday 29 March 2027 does not count: 30 and 31 March remain, 2 of 22 days.
    assert required_minutes(2027, 3, date(2027, 3, 29), None, MIN, H) == 164  # 163.6


def test_end_mid_month() -> None:
    # ends Friday 12 March 2027: 10 of 22 working days -> 818.18
    assert required_minutes(2027, 3, date(2026, 11, 2), date(2027, 3, 12), MIN, H) == 818


def test_end_on_the_first_of_a_month() -> None:
    # 1 April 2027 is a Thursday, 1 of April's 22 working days -> 81.8
    assert required_minutes(2027, 4, date(2027, 1, 4), date(2027, 4, 1), MIN, H) == 82


def test_month_with_no_working_day_inside_participation() -> None:
    # starts on Saturday 31 January 2026; ends on Sunday 1 February 2026
    assert required_minutes(2026, 1, date(2026, 1, 31), None, MIN, H) == 0
    assert required_minutes(2026, 2, date(2025, 9, 1), date(2026, 2, 1), MIN, H) == 0


def test_month_outside_participation_requires_nothing() -> None:
    assert required_minutes(2027, 2, date(2027, 3, 15), None, MIN, H) == 0


def test_exact_half_rounds_up() -> None:
    # 1 hour x 45 min x 11 / 22 = 22.5 exactly: half up gives 23 (round() would give 22).
    # 16-19, 22-26, 30-31 March 2027 = 11 working days.
    assert required_minutes(2027, 3, date(2027, 3, 16), None, 1, H) == 23


def test_leap_february() -> None:
    # February 2028 has 21 working days; from Tuesday 29 February: 1 of them.
    assert required_minutes(2028, 2, date(2028, 2, 29), None, MIN, H) == 86  # 85.7


year_months = st.tuples(st.integers(2020, 2040), st.integers(1, 12))


@settings(deadline=None)
@given(ym=year_months, a=st.integers(0, 30), b=st.integers(0, 30))
def test_required_is_monotone_in_start_and_bounded(ym: tuple[int, int], a: int, b: int) -> None:
    year, month = ym
    first, last = month_bounds(year, month)
    earlier = min(first + timedelta(days=a), last)
    later = min(first + timedelta(days=b), last)
    if later < earlier:
        earlier, later = later, earlier
    full = required_minutes(year, month, first, None, MIN, H)
    assert full == MIN * H
    r_earlier = required_minutes(year, month, earlier, None, MIN, H)
    r_later = required_minutes(year, month, later, None, MIN, H)
    assert 0 <= r_later <= r_earlier <= full


@settings(deadline=None)
@given(
    ym=year_months,
    a=st.integers(0, 30),
    b=st.integers(0, 30),
    hours=st.integers(1, 80),
    hour=st.integers(30, 60),
)
def test_required_is_monotone_in_end(
    ym: tuple[int, int], a: int, b: int, hours: int, hour: int
) -> None:
    year, month = ym
    first, last = month_bounds(year, month)
    e1, e2 = sorted((min(first + timedelta(days=a), last), min(first + timedelta(days=b), last)))
    r1 = required_minutes(year, month, first - timedelta(days=40), e1, hours, hour)
    r2 = required_minutes(year, month, first - timedelta(days=40), e2, hours, hour)
    full = required_minutes(year, month, first - timedelta(days=40), None, hours, hour)
    assert 0 <= r1 <= r2 <= full == hours * hour


# --- evaluate_month -----------------------------------------------------------------------


def test_met_as_soon_as_attended_reaches_required() -> None:
    r = month_result(attended=1800, as_of=date(2027, 3, 20))
    assert r.status is MonthStatus.MET
    assert r.missing_minutes == 0
    assert r.required_minutes == 1800
    assert r.last_day == date(2027, 3, 31)


def test_in_progress_on_last_day_short_on_the_next() -> None:
    on_last_day = month_result(attended=1799, as_of=date(2027, 3, 31))
    assert on_last_day.status is MonthStatus.IN_PROGRESS
    assert on_last_day.missing_minutes == 1
    day_after = month_result(attended=1799, as_of=date(2027, 4, 1))
    assert day_after.status is MonthStatus.SHORT


def test_last_day_is_the_end_of_participation() -> None:
    end = date(2027, 3, 12)
    on_end = month_result(end=end, attended=0, as_of=end)
    assert on_end.last_day == end
    assert on_end.required_minutes == 818
    assert on_end.status is MonthStatus.IN_PROGRESS
    after_end = month_result(end=end, attended=817, as_of=date(2027, 3, 13))
    assert after_end.status is MonthStatus.SHORT
    assert after_end.missing_minutes == 1
    assert month_result(end=end, attended=818, as_of=date(2027, 3, 13)).status is MonthStatus.MET


def test_worked_example_statuses() -> None:
    r = month_result(start=date(2027, 3, 15), attended=981, scheduled=990, as_of=date(2027, 4, 2))
    assert (r.required_minutes, r.missing_minutes, r.status) == (982, 1, MonthStatus.SHORT)
    assert r.offer_short is False


def test_offer_short_when_office_scheduled_too_little() -> None:
    assert month_result(scheduled=1799).offer_short is True
    assert month_result(scheduled=1800).offer_short is False
    # the offer flag is independent of the participant meeting the minimum
    r = month_result(scheduled=1500, attended=1800)
    assert r.status is MonthStatus.MET
    assert r.offer_short is True


def test_month_with_nothing_required_is_met() -> None:
    r = month_result(start=date(2026, 1, 31), year=2026, month=1, as_of=date(2026, 2, 5))
    assert r.required_minutes == 0
    assert r.status is MonthStatus.MET


def test_evaluate_month_outside_participation_is_an_error() -> None:
    with pytest.raises(ValueError):
        month_result(start=date(2027, 4, 1))
    with pytest.raises(ValueError):
        month_result(start=date(2027, 1, 4), end=date(2027, 2, 26))


def test_result_is_frozen() -> None:
    r = month_result()
    with pytest.raises(AttributeError):
        r.status = MonthStatus.MET  # type: ignore[misc]


def test_at_risk() -> None:
    # month_result: 1800 required, 2000 scheduled (so 2000 - remaining held so far)
    # 900 attended + 899 still scheduled < 1800 required: cannot be met any more.
    assert at_risk(month_result(attended=900, remaining=899)) is True
    assert beyond_reach(month_result(attended=900, remaining=899)) is True
    # every held class attended: never flagged while the schedule allows the minimum
    assert at_risk(month_result(attended=1100, remaining=900)) is False
    # 900 of 1100 held (82 %) against the 90 % the month needs (1800 of 2000): behind
    assert at_risk(month_result(attended=900, remaining=900)) is True
    assert beyond_reach(month_result(attended=900, remaining=900)) is False
    # 1000 of 1100 held (91 %): on pace
    assert at_risk(month_result(attended=1000, remaining=900)) is False
    # nothing held yet: nothing to judge by
    assert at_risk(month_result(attended=0, remaining=2000)) is False
    # met or already short is no longer a risk
    assert at_risk(month_result(attended=1800, remaining=0)) is False
    assert at_risk(month_result(attended=0, remaining=0, as_of=date(2027, 4, 1))) is False
    assert beyond_reach(month_result(attended=0, remaining=0, as_of=date(2027, 4, 1))) is False
