"""Participation periods: CIS period lengths (docs/domain.md#cis-periods) and programme length (docs/domain.md#programme-length)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, TypeVar

from kisdesk.rules.calendar import add_months

_ONE_DAY = timedelta(days=1)


def _period_end(start: date, months: int) -> date:
    # Same convention as graduate status (docs/domain.md#graduate-status): n calendar months starting on ``start``
    # end the day before the same day n months later (month-end start clamped).
    return add_months(start, months) - _ONE_DAY


@dataclass(frozen=True, slots=True)
class CisPeriods:
    trial_end: date  # last day of the trial period (okres próbny)
    planned_end: date  # end of the trial plus the base participation
    latest_end: date  # the latest end the maximum total length allows


def cis_periods(
    start: date, trial_months: int = 1, base_months: int = 11, max_total_months: int = 24
) -> CisPeriods:
    """Trial end, planned end and latest possible end of a CIS participation (docs/domain.md#cis-periods).

    The lengths are settings (defaults: trial 1 month, base 11 months, maximum 24 months in
    total). The base participation follows the trial, so the planned end is trial + base
    months from the start; it never goes past the latest end, because the maximum total is
    the limit the act sets and an inconsistent setting must not plan beyond it.
    """
    if min(trial_months, base_months, max_total_months) < 0:
        raise ValueError("CIS period lengths must not be negative")
    latest_end = _period_end(start, max_total_months)
    return CisPeriods(
        trial_end=_period_end(start, trial_months),
        planned_end=min(_period_end(start, trial_months + base_months), latest_end),
        latest_end=latest_end,
    )


def programme_too_short(start: date, end_or_planned: date | None, min_months: int) -> bool:
    """The (actual or planned) end falls before ``min_months`` of programme (docs/domain.md#programme-length).

    The KIS standard says a programme should last at least 3 months (setting
    programme_min_months); this only flags, it never blocks. A programme of exactly
    ``min_months`` (start 15 January, end 14 April) is long enough. No end date: nothing to flag.
    """
    if end_or_planned is None:
        return False
    return end_or_planned < _period_end(start, min_months)


# Social integration clubs and centres exist since the act of 13 June 2003 on social
# employment (in force 2004): a period before 2000 is a typing error (year 1, 1970).
FIRST_PERIOD_YEAR = 2000


def check_period_dates(
    start: date, planned_end: date | None, end: date | None, born: date | None = None
) -> list[str]:
    """Error codes for impossible period dates; empty when the dates are consistent.

    An end on the start date is allowed: a one-day participation (e.g. someone who came once
    and resigned) is real and still needs its certificate of ending (art. 18 ust. 5a).
    """
    errors: list[str] = []
    if start.year < FIRST_PERIOD_YEAR:
        errors.append("period.start_too_early")
    elif born is not None and start < born:
        errors.append("period.start_before_birth")
    if planned_end is not None and planned_end < start:
        errors.append("period.planned_end_before_start")
    if end is not None and end < start:
        errors.append("period.end_before_start")
    return errors


T = TypeVar("T")
Span = tuple[date, date | None]  # a period's start and (actual) end
Status = Literal["planned", "active", "ended", "none"]


def current_period(periods: Sequence[T], on: date, span: Callable[[T], Span]) -> T | None:
    """The period running on `on`, else the next planned one, else the latest (`periods`
    in order of their start). The one rule every list, form and document shows."""
    for p in periods:
        start, end = span(p)
        if start <= on and (end is None or end >= on):
            return p
    planned = [p for p in periods if span(p)[0] > on]
    if planned:
        return planned[0]
    return periods[-1] if periods else None


def participation_status(span: Span | None, on: date) -> Status:
    """planned before its start, ended after its actual end, active in between (an open
    end runs on); "none" without a period (docs/domain.md#participation-status)."""
    if span is None:
        return "none"
    start, end = span
    if start > on:
        return "planned"
    if end is not None and end < on:
        return "ended"
    return "active"
