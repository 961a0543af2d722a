"""CIS periods and programme length (kisdesk.rules.periods, docs/domain.md#cis-periods and 4.6)."""

from __future__ import annotations

from datetime import date

import pytest

from kisdesk.rules.periods import (
    CisPeriods,
    check_period_dates,
    cis_periods,
    programme_too_short,
)


def test_cis_periods_defaults() -> None:
    # trial 1 month, then 11 months; at most 24 months in total
    assert cis_periods(date(2026, 1, 15)) == CisPeriods(
        trial_end=date(2026, 2, 14),
        planned_end=date(2027, 1, 14),
        latest_end=date(2028, 1, 14),
    )


def test_cis_periods_from_the_first_of_a_month() -> None:
    p = cis_periods(date(2026, 3, 1))
    assert (p.trial_end, p.planned_end, p.latest_end) == (
        date(2026, 3, 31),
        date(2027, 2, 28),
        date(2028, 2, 29),  # leap year
    )


def test_cis_periods_month_end_start_is_clamped() -> None:
    # Same convention as docs/domain.md#graduate-status: 31 January + 1 month = 28 February, minus one day.
    assert cis_periods(date(2026, 1, 31)).trial_end == date(2026, 2, 27)


def test_cis_periods_other_settings() -> None:
    p = cis_periods(date(2026, 1, 15), trial_months=2, base_months=6, max_total_months=18)
    assert (p.trial_end, p.planned_end, p.latest_end) == (
        date(2026, 3, 14),
        date(2026, 9, 14),
        date(2027, 7, 14),
    )


def test_planned_end_never_passes_latest_end() -> None:
    p = cis_periods(date(2026, 1, 15), trial_months=1, base_months=11, max_total_months=6)
    assert p.planned_end == p.latest_end == date(2026, 7, 14)


def test_negative_lengths_are_rejected() -> None:
    with pytest.raises(ValueError):
        cis_periods(date(2026, 1, 15), trial_months=-1)


def test_programme_too_short() -> None:
    start = date(2026, 1, 15)  # 3 months end on 14 April
    assert programme_too_short(start, date(2026, 4, 14), 3) is False
    assert programme_too_short(start, date(2026, 4, 13), 3) is True
    assert programme_too_short(start, date(2026, 12, 31), 3) is False
    assert programme_too_short(start, start, 3) is True
    assert programme_too_short(start, None, 3) is False
    # month-end start: 30 November + 3 months = 28 February, so 27 February is enough
    assert programme_too_short(date(2026, 11, 30), date(2027, 2, 27), 3) is False
    assert programme_too_short(date(2026, 11, 30), date(2027, 2, 26), 3) is True


def test_check_period_dates() -> None:
    start = date(2026, 1, 15)
    assert check_period_dates(start, date(2026, 7, 14), None) == []
    assert check_period_dates(start, None, start) == []  # a one-day participation is real
    assert check_period_dates(start, date(2026, 1, 14), None) == ["period.planned_end_before_start"]
    assert check_period_dates(start, None, date(2026, 1, 14)) == ["period.end_before_start"]
    assert check_period_dates(start, date(2025, 1, 1), date(2025, 1, 1)) == [
        "period.planned_end_before_start",
        "period.end_before_start",
    ]
