"""Graduate status (docs/domain.md#graduate-status): the certificate after at least 6 months of participation.

The 6 months are a setting (graduate_months) taken from the KIS minimum standard. Each
participation period counts on its own; periods are never added together (docs/domain.md#graduate-status).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kisdesk.rules.calendar import add_months, month_bounds, months_between

_ONE_DAY = timedelta(days=1)


def completes_on(start: date, graduate_months: int) -> date:
    """The day the period is complete: start + graduate_months calendar months - 1 day.

    docs/domain.md#graduate-status: 2026-01-15 -> 2026-07-14; a month-end start is clamped first,
    2026-08-31 + 6 months = 2027-02-28, so 2027-02-27.
    """
    return add_months(start, graduate_months) - _ONE_DAY


def full_months(start: date, end: date) -> list[tuple[int, int]]:
    """Calendar months lying entirely inside [start, end]."""
    result: list[tuple[int, int]] = []
    for year, month in months_between(start, end):
        first, last = month_bounds(year, month)
        if start <= first and last <= end:
            result.append((year, month))
    return result


def months_to_check(start: date, end: date | None, as_of: date) -> list[tuple[int, int]]:
    """Full calendar months of the period that are over by ``as_of``.

    A month is over when its last day is before ``as_of`` (as for MonthStatus.SHORT), or when
    the participation has ended (end <= as_of) and the month lies within it: the end date is
    final, so a month ending on the last day of participation is checked on that day.
    """
    limit = end if end is not None and end <= as_of else as_of - _ONE_DAY
    return full_months(start, limit)


@dataclass(frozen=True, slots=True)
class GraduateResult:
    start: date
    end: date | None
    completes_on: date
    complete: bool  # the period reached completes_on
    months_below_minimum: tuple[str, ...]  # "YYYY-MM", full months below the monthly minimum
    blocking: bool  # those months block the certificate (setting)
    eligible: bool


def evaluate_graduate(
    *,
    start: date,
    end: date | None,
    as_of: date,
    graduate_months: int,
    months_below_minimum: Sequence[tuple[int, int]],
    minimum_blocks: bool,
) -> GraduateResult:
    """Graduate status of one participation period (docs/domain.md#graduate-status).

    Complete when the end date, or while ongoing the date asked about, is on or after
    completes_on. An end date later than ``as_of`` is not yet reached, so ``as_of`` is used
    then: a report "as of 31 December" must not count someone who completes in January.
    Months below the monthly minimum are warnings unless ``minimum_blocks`` (setting) is on.
    """
    done_on = completes_on(start, graduate_months)
    reference = as_of if end is None else min(end, as_of)
    complete = reference >= done_on
    below = tuple(f"{y:04d}-{m:02d}" for y, m in sorted(set(months_below_minimum)))
    blocking = minimum_blocks and bool(below)
    return GraduateResult(
        start=start,
        end=end,
        completes_on=done_on,
        complete=complete,
        months_below_minimum=below,
        blocking=blocking,
        eligible=complete and not blocking,
    )


def completes_within(
    start: date, end: date | None, as_of: date, graduate_months: int, days: int
) -> bool:
    """Ongoing and completing in the next ``days`` days: as_of < completes_on <= as_of + days.

    Lists upcoming graduates so the office can prepare certificates (docs/domain.md#graduate-status).
    """
    if end is not None:
        return False
    done_on = completes_on(start, graduate_months)
    return as_of < done_on <= as_of + timedelta(days=days)
