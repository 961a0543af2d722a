"""Working days and calendar arithmetic (docs/domain.md#time-units, "Working days").

Working days are Monday-Friday that are not Polish public holidays. Holidays come from the
maintained ``holidays`` package so that movable feasts (Easter Monday, Corpus Christi) and
future changes of the law arrive with a package upgrade instead of a code change.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from datetime import date, timedelta
from functools import lru_cache

_SATURDAY = 5  # date.weekday(): Monday is 0, so 5 and 6 are the weekend


# The package's holidays per year. Filled on first need, or beforehand from the copy the
# desktop app keeps between starts (kisdesk.holiday_cache): importing the package loads every
# country's tables, about 0.15 s of each start.
_package_days: dict[int, frozenset[date]] = {}


def package_holidays(year: int) -> frozenset[date]:
    """Polish public holidays of ``year`` as the ``holidays`` package lists them."""
    days = _package_days.get(year)
    if days is None:
        import holidays

        days = frozenset(holidays.country_holidays("PL", years=year).keys())
        _package_days[year] = days
    return days


def remember_package_holidays(year: int, days: frozenset[date]) -> None:
    """Take ``days`` as the package's holidays of ``year`` (read back from a copy the same
    package release wrote); a year already known is kept as it is."""
    _package_days.setdefault(year, frozenset(days))


@lru_cache(maxsize=256)
def _weekday_holidays(year: int) -> frozenset[date]:
    """Polish public holidays of ``year`` that fall on Monday-Friday.

    Cached per year: the package builds the whole year's calendar on every call, and the
    minimum check asks for the same few years thousands of times.
    """
    return frozenset(d for d in package_holidays(year) if d.weekday() < _SATURDAY)


def is_working_day(d: date) -> bool:
    """Monday-Friday and not a Polish public holiday (docs/domain.md#time-units)."""
    return d.weekday() < _SATURDAY and d not in _weekday_holidays(d.year)


def _weekdays(start: date, end: date) -> int:
    """Number of Monday-Friday dates in [start, end], end >= start."""
    total = (end - start).days + 1
    full_weeks, rest = divmod(total, 7)
    first = start.weekday()
    return full_weeks * 5 + sum(1 for i in range(rest) if (first + i) % 7 < _SATURDAY)


@lru_cache(maxsize=8192)
def working_days(start: date, end: date) -> int:
    """Working days in [start, end], both ends included; 0 when end < start.

    Cached: every month report asks for the same few month and participation ranges.

    Counted arithmetically (weekdays less weekday holidays) rather than day by day, because
    property tests and multi-year reports call it on long ranges.
    """
    if end < start:
        return 0
    count = _weekdays(start, end)
    for year in range(start.year, end.year + 1):
        count -= sum(1 for h in _weekday_holidays(year) if start <= h <= end)
    return count


@lru_cache(maxsize=4096)
def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of a calendar month; ValueError on a month outside 1-12."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1-12, got {month}")
    last_day = _stdlib_calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last_day)


def iso_week_bounds(year: int, week: int) -> tuple[date, date]:
    """Monday and Sunday of an ISO week (docs/domain.md#cis-weekly checks ISO weeks).

    ValueError when the ISO year has no such week (week 53 exists only in some years).
    """
    monday = date.fromisocalendar(year, week, 1)  # raises ValueError on an invalid week
    return monday, monday + timedelta(days=6)


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole calendar months, clamped to the target month's last day.

    docs/domain.md#graduate-status: 2026-08-31 + 6 months = 2027-02-28 (the clamp), 2027-08-31 + 6 = 2028-02-29.
    """
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    last_day = _stdlib_calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last_day))


def months_between(first: date, last: date) -> list[tuple[int, int]]:
    """(year, month) pairs touched by [first, last], in order; empty when last < first."""
    if last < first:
        return []
    result: list[tuple[int, int]] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        result.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def working_month(today: date, previous_month_days: int) -> tuple[int, int]:
    """The month whose lists are being typed: in the first `previous_month_days` days of a
    month the signed lists of the month before are still coming in (docs/domain.md#time-units),
    so that month; else this one. 0 turns it off."""
    if today.day <= previous_month_days:
        last = today.replace(day=1) - timedelta(days=1)
        return last.year, last.month
    return today.year, today.month


def month_just_ended(today: date, previous_month_days: int) -> tuple[int, int]:
    """The month whose papers the month's end prints (docs/domain.md#month-end): the month
    before, as the attendance grid shows it in the first `previous_month_days` days
    (`working_month`) and up to the month's last working day; from that day on this month,
    whose end has come (its papers are printed on the last working day)."""
    if today.day > previous_month_days:
        last = month_bounds(today.year, today.month)[1]
        while not is_working_day(last) and last.day > 1:
            last -= timedelta(days=1)
        if today >= last:
            return today.year, today.month
    before = today.replace(day=1) - timedelta(days=1)
    return before.year, before.month


@lru_cache(maxsize=64)
def _holiday_names(year: int) -> tuple[tuple[date, str], ...]:
    """The package's Polish names of ``year``'s holidays (its source names are Polish, so they
    need no translation files, also in a frozen build)."""
    import holidays

    names = holidays.country_holidays("PL", years=year, language="pl")
    return tuple(sorted(names.items()))


def holiday_name(d: date) -> str | None:
    """The name of the Polish public holiday on ``d`` ("Narodowe Święto Niepodległości"),
    None on any other day. The same days as ``is_working_day`` knows (docs/domain.md#time-units)."""
    if d not in package_holidays(d.year):
        return None
    return dict(_holiday_names(d.year)).get(d, "święto")


def weekly_dates(first: date, last: date, weekdays: frozenset[int]) -> list[date]:
    """The dates in [first, last] whose ISO weekday (1 = Monday … 7 = Sunday) is in
    ``weekdays``, in order: the terms of a class repeated every week."""
    days = (last - first).days + 1
    every = (first + timedelta(days=i) for i in range(max(days, 0)))
    return [d for d in every if d.isoweekday() in weekdays]
