"""Participation periods: CIS period lengths (SPEC 4.5) and programme length (SPEC 4.6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kisdesk.rules.calendar import add_months

_ONE_DAY = timedelta(days=1)


def _period_end(start: date, months: int) -> date:
    # Same convention as graduate status (SPEC 4.3): n calendar months starting on ``start``
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
    """Trial end, planned end and latest possible end of a CIS participation (SPEC 4.5).

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
    """The (actual or planned) end falls before ``min_months`` of programme (SPEC 4.6).

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
