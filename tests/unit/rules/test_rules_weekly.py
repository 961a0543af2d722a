"""CIS weekly presence (kisdesk.rules.weekly, docs/domain.md#cis-weekly, art. 14 ust. 1)."""

from __future__ import annotations

from datetime import date

import pytest

import kisdesk.rules.weekly as weekly_module
from kisdesk.rules.weekly import WeekResult, WeekStatus, evaluate_week


def week(
    *,
    year: int = 2027,
    week: int = 11,  # Monday 15 - Sunday 21 March 2027, 5 working days
    start: date = date(2027, 1, 4),
    end: date | None = None,
    as_of: date = date(2027, 3, 17),
    attended: int = 0,
    scheduled: int = 2400,
) -> WeekResult:
    return evaluate_week(
        year=year,
        week=week,
        start=start,
        end=end,
        as_of=as_of,
        attended_minutes=attended,
        scheduled_minutes=scheduled,
        weekly_min_hours=30,
        weekly_max_hours=40,
    )


def test_full_week_bounds_in_clock_hours() -> None:
    r = week()
    assert (r.required_min_minutes, r.allowed_max_minutes) == (1800, 2400)
    assert r.last_day == date(2027, 3, 21)


def test_statuses_around_the_bounds() -> None:
    assert week(attended=1799).status is WeekStatus.IN_PROGRESS
    assert week(attended=1800).status is WeekStatus.MET
    assert week(attended=2400).status is WeekStatus.MET
    assert week(attended=2401).status is WeekStatus.OVER


def test_over_takes_precedence_and_is_final() -> None:
    r = week(attended=2500, as_of=date(2027, 3, 16))
    assert r.status is WeekStatus.OVER
    assert r.missing_minutes == 0


def test_in_progress_until_sunday_then_short() -> None:
    assert week(attended=100, as_of=date(2027, 3, 21)).status is WeekStatus.IN_PROGRESS
    r = week(attended=100, as_of=date(2027, 3, 22))
    assert r.status is WeekStatus.SHORT
    assert r.missing_minutes == 1700


def test_start_mid_week_pro_rates_both_bounds() -> None:
    # joins on Thursday 18 March: 2 of 5 working days -> 12 h min, 16 h max
    r = week(start=date(2027, 3, 18), as_of=date(2027, 3, 18))
    assert (r.required_min_minutes, r.allowed_max_minutes) == (720, 960)
    assert week(start=date(2027, 3, 18), attended=961).status is WeekStatus.OVER


def test_end_mid_week() -> None:
    # leaves on Tuesday 16 March: 2 of 5 working days; the week is over on Wednesday
    end = date(2027, 3, 16)
    on_end = week(end=end, attended=0, as_of=end)
    assert on_end.last_day == end
    assert on_end.status is WeekStatus.IN_PROGRESS
    after = week(end=end, attended=719, as_of=date(2027, 3, 17))
    assert (after.required_min_minutes, after.status) == (720, WeekStatus.SHORT)


def test_easter_week_full_participation_still_needs_30_hours() -> None:
    # ISO week 13 of 2027: Easter Monday 29 March; 4 working days, all inside
    r = week(week=13, as_of=date(2027, 4, 5), attended=1800)
    assert (r.required_min_minutes, r.allowed_max_minutes) == (1800, 2400)
    assert r.status is WeekStatus.MET
    # joining on Wednesday 31 March: 3 of 4 working days -> 22.5 h and 30 h
    r2 = week(week=13, start=date(2027, 3, 31), as_of=date(2027, 4, 5))
    assert (r2.required_min_minutes, r2.allowed_max_minutes) == (1350, 1800)


def test_christmas_week_2025() -> None:
    # 22-28 December 2025: only Monday 22 and Tuesday 23 are working days
    r = week(year=2025, week=52, start=date(2025, 12, 23), as_of=date(2025, 12, 29))
    assert (r.required_min_minutes, r.allowed_max_minutes) == (900, 1200)


def test_start_on_saturday_requires_nothing_allows_nothing() -> None:
    r = week(start=date(2027, 3, 20), attended=0)
    assert (r.required_min_minutes, r.allowed_max_minutes) == (0, 0)
    assert r.status is WeekStatus.MET


def test_week_without_any_working_day(monkeypatch: pytest.MonkeyPatch) -> None:
    # Cannot happen with today's Polish holidays; the rule must still not divide by zero.
    monkeypatch.setattr(weekly_module, "working_days", lambda a, b: 0)
    r = week(attended=100)
    assert (r.required_min_minutes, r.allowed_max_minutes) == (0, 2400)
    assert r.status is WeekStatus.MET


def test_offer_short() -> None:
    assert week(scheduled=1799).offer_short is True
    assert week(scheduled=1800).offer_short is False


def test_invalid_week_or_no_overlap() -> None:
    with pytest.raises(ValueError):
        week(week=53)  # 2027 has 52 ISO weeks
    with pytest.raises(ValueError):
        week(start=date(2027, 3, 22))
    with pytest.raises(ValueError):
        week(end=date(2027, 3, 14))
