"""KIS monthly minimum (docs/domain.md#hours-minimum).

The KIS minimum standard requires a monthly volume of classes of at least 40 didactic hours
per participant (setting monthly_minimum_hours; it comes from the standard and the office's
regulamin, not from the act). A month joined or left part-way is pro-rated by working days.

Attended and scheduled minutes are summed by the caller in SQL; these functions only compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from kisdesk.rules.calendar import month_bounds, working_days
from kisdesk.rules.hours import round_half_up


class MonthStatus(StrEnum):
    MET = "met"
    SHORT = "short"
    IN_PROGRESS = "in_progress"


def participation_days_in_month(
    year: int, month: int, start: date, end: date | None
) -> tuple[date, date] | None:
    """First and last day of the participation inside the month; None when they don't meet.

    ``end`` is None while the participation is ongoing (it runs to the end of the month).
    """
    first, last = month_bounds(year, month)
    lo = max(start, first)
    hi = last if end is None else min(end, last)
    return (lo, hi) if lo <= hi else None


def required_minutes(
    year: int,
    month: int,
    start: date,
    end: date | None,
    minimum_hours: int,
    hour_minutes: int,
) -> int:
    """Minutes required in the month (docs/domain.md#hours-minimum).

    round half up of minimum_hours x hour_minutes x (working days of the month inside the
    participation) / (working days of the month). Exact Fraction arithmetic, so that a value
    such as 900.5 rounds up and 981.8 becomes 982 (the example of docs/domain.md#hours-minimum)
    without float error.
    """
    overlap = participation_days_in_month(year, month, start, end)
    if overlap is None:
        return 0
    inside = working_days(*overlap)
    in_month = working_days(*month_bounds(year, month))
    if inside == 0 or in_month == 0:
        # No working day inside the participation (e.g. it starts on the month's last
        # Saturday): nothing can be required, and this also avoids dividing by zero.
        return 0
    return round_half_up(Fraction(minimum_hours * hour_minutes * inside, in_month))


@dataclass(frozen=True, slots=True)
class MonthResult:
    """One participant's standing against the monthly minimum, all values in minutes."""

    year: int
    month: int
    required_minutes: int
    attended_minutes: int
    scheduled_minutes: int  # all the month's activities the participant is expected at
    remaining_scheduled_minutes: int  # of those, the ones after the date asked about
    missing_minutes: int  # max(required - attended, 0)
    status: MonthStatus
    offer_short: bool  # the office planned fewer minutes than required (not the participant)
    last_day: date  # the participant's last day in the month


def evaluate_month(
    *,
    year: int,
    month: int,
    start: date,
    end: date | None,
    as_of: date,
    attended_minutes: int,
    scheduled_minutes: int,
    remaining_scheduled_minutes: int,
    minimum_hours: int,
    hour_minutes: int,
) -> MonthResult:
    """Status of the month as of ``as_of`` (docs/domain.md#hours-minimum).

    met when attended >= required; otherwise short once ``as_of`` is after the participant's
    last day in the month, and in progress up to and including that day (activities of the
    last day may still be entered). ValueError when the participation has no day in the month:
    docs/domain.md#hours-minimum evaluates only months with at least one day of participation.
    """
    overlap = participation_days_in_month(year, month, start, end)
    if overlap is None:
        raise ValueError(f"participation {start}..{end} has no day in {year}-{month:02d}")
    last_day = overlap[1]
    required = required_minutes(year, month, start, end, minimum_hours, hour_minutes)
    if attended_minutes >= required:
        status = MonthStatus.MET
    elif as_of > last_day:
        status = MonthStatus.SHORT
    else:
        status = MonthStatus.IN_PROGRESS
    return MonthResult(
        year=year,
        month=month,
        required_minutes=required,
        attended_minutes=attended_minutes,
        scheduled_minutes=scheduled_minutes,
        remaining_scheduled_minutes=remaining_scheduled_minutes,
        missing_minutes=max(required - attended_minutes, 0),
        status=status,
        offer_short=scheduled_minutes < required,
        last_day=last_day,
    )


def in_danger(attended: int, remaining: int, required: int, scheduled: int) -> bool:
    """Falling behind while the month goes on: at the share of the held classes attended so
    far, the rest of the month's schedule would not bring the participant to the minimum
    (attended / held < required / scheduled), or not even all of it would (`out_of_reach`).
    The leader hears of it while a talk or an extra class can still help (the dashboard's
    "zagrożone", docs/domain.md#hours-minimum); someone who has attended everything so
    far is never flagged while the schedule still allows the minimum."""
    if attended >= required:
        return False
    if out_of_reach(attended, remaining, required):
        return True
    held = scheduled - remaining
    return held > 0 and attended * scheduled < required * held


def out_of_reach(attended: int, remaining: int, required: int) -> bool:
    """Even attending everything still scheduled would not reach the minimum: the office must
    add classes (or the month is lost to absences already)."""
    return attended + remaining < required


def at_risk(result: MonthResult) -> bool:
    """In progress and falling behind (`in_danger`)."""
    return result.status is MonthStatus.IN_PROGRESS and in_danger(
        result.attended_minutes,
        result.remaining_scheduled_minutes,
        result.required_minutes,
        result.scheduled_minutes,
    )


def beyond_reach(result: MonthResult) -> bool:
    """In progress and out of reach even with full attendance (`out_of_reach`)."""
    return result.status is MonthStatus.IN_PROGRESS and out_of_reach(
        result.attended_minutes, result.remaining_scheduled_minutes, result.required_minutes
    )
