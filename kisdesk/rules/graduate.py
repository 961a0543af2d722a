"""Graduate status (absolwent) as the act defines it, KIS and CIS separately.

- KIS (art. 2 pkt 1b): at least 6 months in the club, a valid certificate of ending
  (art. 18 ust. 5a: issued, not cancelled) and the kontrakt socjalny carried out
  ("zrealizowany"). No time limit.
- CIS (art. 2 pkt 1a): at least 6 months of classes and the certificate of art. 13 ust. 5a;
  the status lasts 6 months from the day classes ended.

The 6 months are a setting (graduate_months). Each participation period counts on its own;
periods are never added together. Full months below the KIS monthly minimum are warnings
unless a setting makes them blocking (a standard, not the act).
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


# What may be missing, in the order the act lists the conditions.
MONTHS = "months"
CERTIFICATE = "certificate"
CONTRACT = "contract"
REALISED = "realised"


def graduate_until(end: date, status_months: int) -> date:
    """The last day of CIS graduate status: the end of classes plus `status_months` calendar
    months, clamped at the month's end (civil code art. 111–112: 2027-03-15 → 2027-09-15,
    2027-08-31 → 2028-02-29)."""
    return add_months(end, status_months)


@dataclass(frozen=True, slots=True)
class GraduateStatus:
    """Where one participation period stands against art. 2 pkt 1a/1b on `as_of`."""

    kind: str  # kis | cis
    completes_on: date
    months_complete: bool
    ending_certificate: str | None  # number of the valid certificate of ending held on as_of
    contract_status: str | None  # the kontrakt/IPZS status on as_of, None without one
    contract_required: bool
    missing: tuple[str, ...]  # MONTHS, CERTIFICATE, CONTRACT
    graduate: bool  # holds the status on as_of
    graduate_until: date | None  # CIS: the last day of the status (when the conditions are met)
    months_below_minimum: tuple[str, ...]
    blocking: bool
    eligible: bool  # the graduate certificate may be issued on as_of without an override


def evaluate_status(
    *,
    kind: str,
    start: date,
    end: date | None,
    as_of: date,
    graduate_months: int,
    ending_certificate: str | None,
    contract_status: str | None,
    contract_required: bool = True,
    cis_status_months: int = 6,
    months_below_minimum: Sequence[tuple[int, int]] = (),
    minimum_blocks: bool = False,
) -> GraduateStatus:
    """Graduate status of one period (art. 2 pkt 1a–1b) on `as_of`.

    `ending_certificate` is the number of a certificate of ending issued on or before
    `as_of` and not cancelled; `contract_status` the kontrakt/IPZS status as it stood on
    `as_of`. The kontrakt condition is KIS only; `contract_required` is False for an
    employee of a social enterprise, who has no kontrakt (art. 18 ust. 10).
    """
    months = evaluate_graduate(
        start=start,
        end=end,
        as_of=as_of,
        graduate_months=graduate_months,
        months_below_minimum=months_below_minimum,
        minimum_blocks=minimum_blocks,
    )
    cis = kind == "cis"
    missing: list[str] = []
    if not months.complete:
        missing.append(MONTHS)
    if not ending_certificate:
        missing.append(CERTIFICATE)
    needs_contract = not cis and contract_required
    if needs_contract and contract_status != REALISED:
        missing.append(CONTRACT)
    until = None
    if cis and not missing and end is not None:
        until = graduate_until(end, cis_status_months)
    graduate = not missing and (until is None or as_of <= until)
    return GraduateStatus(
        kind="cis" if cis else "kis",
        completes_on=months.completes_on,
        months_complete=months.complete,
        ending_certificate=ending_certificate or None,
        contract_status=contract_status,
        contract_required=needs_contract,
        missing=tuple(missing),
        graduate=graduate,
        graduate_until=until,
        months_below_minimum=months.months_below_minimum,
        blocking=months.blocking,
        eligible=graduate and not months.blocking,
    )
