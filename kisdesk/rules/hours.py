"""Time units (docs/domain.md#time-units): activity length, attended minutes and the didactic hour.

Every comparison in kisdesk is made in whole minutes (ints). Hours exist only for display,
because 40 didactic hours of 45 minutes is exactly 1800 minutes, while a fractional hour
(21.82 h) is not exact and would make boundary comparisons depend on rounding.
"""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

_CENT = Decimal("0.01")


class Mark(StrEnum):
    """Attendance mark (obecność) for one activity and participant (docs/domain.md#participants)."""

    PRESENT = "present"  # obecny
    EXCUSED = "excused"  # nieobecność usprawiedliwiona
    ABSENT = "absent"  # nieobecność nieusprawiedliwiona
    PARTIAL = "partial"  # częściowa: present for a stated number of minutes


def round_half_up(value: Fraction) -> int:
    """Round to the nearest integer, halves away from zero (as Decimal's ROUND_HALF_UP).

    Python's round() rounds halves to even and floats cannot hold 981.8 exactly, so the
    rules round exact fractions with this instead (docs/domain.md#hours-minimum: "round half up").
    """
    magnitude = (abs(value.numerator) * 2 + value.denominator) // (value.denominator * 2)
    return magnitude if value >= 0 else -magnitude


def activity_minutes(start: time, end: time) -> int:
    """Length of an activity: end time minus start time, in minutes (docs/domain.md#time-units).

    The journal records times to the minute, so seconds are ignored. An activity ending at
    or before its start is a data-entry error (activities do not cross midnight).
    """
    start_min = start.hour * 60 + start.minute
    end_min = end.hour * 60 + end.minute
    if end_min <= start_min:
        raise ValueError(f"activity ends ({end}) at or before it starts ({start})")
    return end_min - start_min


def attended_minutes(mark: Mark, length: int, partial_minutes: int | None) -> int:
    """Minutes credited for one mark (docs/domain.md#time-units).

    present: the whole length; partial: the stated minutes, at most the length and never
    negative; excused or unexcused: 0. A partial mark without stated minutes credits
    nothing rather than guessing.
    """
    if mark is Mark.PRESENT:
        return max(length, 0)
    if mark is Mark.PARTIAL:
        if partial_minutes is None:
            return 0
        return max(0, min(partial_minutes, length))
    return 0


def minutes_to_hours(minutes: int, hour_minutes: int) -> Decimal:
    """Minutes as hours of ``hour_minutes`` (setting hour_minutes, default 45), 2 decimals.

    For display only (docs/domain.md#time-units); rounded half up from the exact fraction.
    """
    if hour_minutes <= 0:
        raise ValueError(f"hour_minutes must be positive, got {hour_minutes}")
    hundredths = round_half_up(Fraction(minutes * 100, hour_minutes))
    # hundredths / 100 is exact in Decimal; quantize keeps two places ("0.00", not "0E-2").
    return (Decimal(hundredths) / 100).quantize(_CENT)


def format_hours(minutes: int, hour_minutes: int) -> str:
    """Hours for Polish users: two decimals with a decimal comma, e.g. "21,82"."""
    return f"{minutes_to_hours(minutes, hour_minutes):.2f}".replace(".", ",")
