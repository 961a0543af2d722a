"""Time units (kisdesk.rules.hours, docs/domain.md#time-units)."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kisdesk.rules.hours import (
    Mark,
    activity_minutes,
    attended_minutes,
    format_hours,
    minutes_to_hours,
    round_half_up,
)


def test_mark_values_are_stable() -> None:
    # Stored in the database; renaming a value would orphan existing attendance rows.
    assert [m.value for m in Mark] == ["present", "excused", "absent", "partial"]
    assert Mark("partial") is Mark.PARTIAL


def test_activity_minutes() -> None:
    assert activity_minutes(time(9, 0), time(12, 0)) == 180
    assert activity_minutes(time(9, 15), time(10, 0)) == 45
    assert activity_minutes(time(0, 0), time(23, 59)) == 1439


@pytest.mark.parametrize(("start", "end"), [(time(10, 0), time(10, 0)), (time(12, 0), time(9, 0))])
def test_activity_minutes_rejects_empty_or_reversed(start: time, end: time) -> None:
    with pytest.raises(ValueError):
        activity_minutes(start, end)


def test_attended_minutes_per_mark() -> None:
    assert attended_minutes(Mark.PRESENT, 90, None) == 90
    assert attended_minutes(Mark.PRESENT, 90, 30) == 90  # stray partial minutes ignored
    assert attended_minutes(Mark.PARTIAL, 90, 30) == 30
    assert attended_minutes(Mark.PARTIAL, 90, 120) == 90  # at most the length
    assert attended_minutes(Mark.PARTIAL, 90, -5) == 0
    assert attended_minutes(Mark.PARTIAL, 90, None) == 0
    assert attended_minutes(Mark.EXCUSED, 90, None) == 0
    assert attended_minutes(Mark.ABSENT, 90, 45) == 0


@given(
    mark=st.sampled_from(list(Mark)),
    length=st.integers(1, 24 * 60),
    partial=st.none() | st.integers(-1000, 5000),
)
def test_attended_minutes_never_exceeds_length(
    mark: Mark, length: int, partial: int | None
) -> None:
    got = attended_minutes(mark, length, partial)
    assert 0 <= got <= length


def test_round_half_up() -> None:
    assert round_half_up(Fraction(21600, 22)) == 982  # 981.8
    assert round_half_up(Fraction(5, 2)) == 3  # round() would give 2
    assert round_half_up(Fraction(7, 2)) == 4
    assert round_half_up(Fraction(49, 10)) == 5
    assert round_half_up(Fraction(44, 10)) == 4
    assert round_half_up(Fraction(-5, 2)) == -3
    assert round_half_up(Fraction(0)) == 0


def test_minutes_to_hours() -> None:
    assert minutes_to_hours(982, 45) == Decimal("21.82")
    assert minutes_to_hours(1800, 45) == Decimal("40.00")
    assert minutes_to_hours(90, 60) == Decimal("1.50")
    assert minutes_to_hours(1, 45) == Decimal("0.02")  # 0.0222...
    assert minutes_to_hours(0, 45) == Decimal("0.00")
    assert str(minutes_to_hours(0, 45)) == "0.00"
    # 1/8 h = 0.125 exactly: half up gives 0.13 (banker's rounding would give 0.12).
    assert minutes_to_hours(5, 40) == Decimal("0.13")
    with pytest.raises(ValueError):
        minutes_to_hours(10, 0)


def test_format_hours_uses_decimal_comma() -> None:
    assert format_hours(982, 45) == "21,82"
    assert format_hours(1800, 45) == "40,00"
    assert format_hours(0, 45) == "0,00"
    assert format_hours(30, 60) == "0,50"
    assert format_hours(-45, 45) == "-1,00"
