"""CIS weekly presence (docs/domain.md#cis-weekly; act on social employment, art. 14 ust. 1).

The act requires a CIS participant's weekly presence to be at least 30 and at most 40 clock
hours (settings weekly_min_hours / weekly_max_hours). Each ISO week of the participation is
checked; a week joined or left part-way has both bounds pro-rated by working days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from kisdesk.rules.calendar import iso_week_bounds, working_days
from kisdesk.rules.hours import round_half_up

_CLOCK_HOUR = 60  # art. 14 counts clock hours, not the 45-minute didactic hour


class WeekStatus(StrEnum):
    MET = "met"
    SHORT = "short"
    IN_PROGRESS = "in_progress"
    OVER = "over"


@dataclass(frozen=True, slots=True)
class WeekResult:
    """One participant's presence in one ISO week, all values in minutes."""

    year: int
    week: int
    required_min_minutes: int
    allowed_max_minutes: int
    attended_minutes: int
    scheduled_minutes: int
    missing_minutes: int  # max(required_min - attended, 0)
    status: WeekStatus
    offer_short: bool  # the CIS scheduled less than the minimum
    last_day: date  # the participant's last day in the week


def _pro_rate(hours: int, inside: int, in_week: int) -> int:
    return round_half_up(Fraction(hours * _CLOCK_HOUR * inside, in_week))


def evaluate_week(
    *,
    year: int,
    week: int,
    start: date,
    end: date | None,
    as_of: date,
    attended_minutes: int,
    scheduled_minutes: int,
    weekly_min_hours: int,
    weekly_max_hours: int,
) -> WeekResult:
    """Status of an ISO week (docs/domain.md#cis-weekly).

    over when attended exceeds the allowed maximum (final: attendance only grows, and it is a
    breach of art. 14 whatever the minimum); met when attended >= the minimum; otherwise short
    after the participant's last day in the week, in progress up to and including it.
    ValueError when the participation has no day in the week.
    """
    monday, sunday = iso_week_bounds(year, week)
    lo = max(start, monday)
    hi = sunday if end is None else min(end, sunday)
    if lo > hi:
        raise ValueError(f"participation {start}..{end} has no day in {year}-W{week:02d}")
    in_week = working_days(monday, sunday)
    if in_week == 0:
        # A week with no working day at all cannot be pro-rated: nothing is required and the
        # act's weekly cap applies unchanged.
        required_min = 0
        allowed_max = weekly_max_hours * _CLOCK_HOUR
    else:
        inside = working_days(lo, hi)
        required_min = _pro_rate(weekly_min_hours, inside, in_week)
        allowed_max = _pro_rate(weekly_max_hours, inside, in_week)
    if attended_minutes > allowed_max:
        status = WeekStatus.OVER
    elif attended_minutes >= required_min:
        status = WeekStatus.MET
    elif as_of > hi:
        status = WeekStatus.SHORT
    else:
        status = WeekStatus.IN_PROGRESS
    return WeekResult(
        year=year,
        week=week,
        required_min_minutes=required_min,
        allowed_max_minutes=allowed_max,
        attended_minutes=attended_minutes,
        scheduled_minutes=scheduled_minutes,
        missing_minutes=max(required_min - attended_minutes, 0),
        status=status,
        offer_short=scheduled_minutes < required_min,
        last_day=hi,
    )
