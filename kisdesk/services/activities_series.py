"""Many classes at once: a class repeated every week up to a date, and a group's week or
month of classes copied to another week or month (docs/domain.md#journal-series).

Planning and saving are two steps so that the user sees the list before anything is written:
`plan_repeat`, `plan_repeat_of` and `plan_copy` return the terms, each with the holiday that
skips it (named: "Narodowe Święto Niepodległości") and the classes it would overlap;
`save_series` then adds the chosen ones, each with its own topic, in the caller's one
transaction: a refusal of any row names the row and leaves nothing written. Attendance is
never copied (marks are what happened at one class: art. 18 ust. 2 journal entries).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import KisdeskError, ValidationError
from kisdesk.messages import describe
from kisdesk.models import Activity, Group
from kisdesk.rules.calendar import holiday_name, iso_week_bounds, month_bounds, weekly_dates
from kisdesk.services.activities import (
    ActivityData,
    ActivityRow,
    add_activity,
    copy_data,
    get_activity,
    list_activities,
)
from kisdesk.services.activities_overlap import Overlap, overlapping_activities
from kisdesk.services.common import get_or_raise, require

# A year of weekly terms is the longest series: a typo in the end year ("2062") would
# otherwise plan thousands of classes.
MAX_DAYS = 366


@dataclass(frozen=True, slots=True)
class PlannedClass:
    """One term of a series: the class to add (its topic the default one), or a skipped day."""

    data: ActivityData
    holiday: str | None = None  # the public holiday's name: the term is skipped
    overlaps: tuple[Overlap, ...] = ()  # classes already there at that time
    source_id: int | None = None  # the class copied (copying a week or a month)

    @property
    def date(self) -> dt.date:
        return self.data.date

    @property
    def skipped(self) -> bool:
        return self.holiday is not None


@dataclass(frozen=True, slots=True)
class Period:
    """A week or a month of the calendar, both ends included."""

    first: dt.date
    last: dt.date

    @classmethod
    def week(cls, year: int, week: int) -> Period:
        return cls(*iso_week_bounds(year, week))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(*month_bounds(year, month))

    @property
    def is_week(self) -> bool:
        return self.first.isoweekday() == 1 and (self.last - self.first).days == 6

    def next(self) -> Period:
        """The week or month after this one."""
        if self.is_week:
            return Period(self.first + dt.timedelta(days=7), self.last + dt.timedelta(days=7))
        after = self.last + dt.timedelta(days=1)
        return Period.month(after.year, after.month)

    def containing(self, day: dt.date) -> Period:
        """The period of the same kind (week or month) that holds `day`."""
        if self.is_week:
            year, week, _ = day.isocalendar()
            return Period.week(year, week)
        return Period.month(day.year, day.month)


def _planned(session: Session, data: ActivityData, source_id: int | None = None) -> PlannedClass:
    name = holiday_name(data.date)
    if name is not None:
        return PlannedClass(data, holiday=name, source_id=source_id)
    overlaps = tuple(overlapping_activities(session, data))
    return PlannedClass(data, overlaps=overlaps, source_id=source_id)


def _check_span(first: dt.date, until: dt.date) -> None:
    if until < first:
        raise ValidationError(
            "activity.repeat_until_before", until=until.isoformat(), first=first.isoformat()
        )
    if (until - first).days > MAX_DAYS:
        raise ValidationError("activity.repeat_too_long", until=until.isoformat(), days=MAX_DAYS)


def _weekdays(weekdays: Sequence[int] | None, default: dt.date) -> frozenset[int]:
    if not weekdays:
        return frozenset({default.isoweekday()})
    for day in weekdays:
        if not 1 <= day <= 7:
            raise ValidationError("activity.repeat_bad_weekday", value=day)
    return frozenset(weekdays)


def plan_repeat(
    session: Session,
    data: ActivityData,
    until: dt.date,
    weekdays: Sequence[int] | None = None,
    *,
    first: dt.date | None = None,
) -> list[PlannedClass]:
    """The class `data` every week on `weekdays` (ISO 1–7; default its own weekday) from
    `first` (default its own date, which is then the first term) to `until`."""
    require(session, Permission.READ)
    start = first or data.date
    _check_span(start, until)
    days = weekly_dates(start, until, _weekdays(weekdays, data.date))
    return [_planned(session, replace(data, date=day, version=None)) for day in days]


def plan_repeat_of(
    session: Session,
    activity_id: int,
    until: dt.date,
    weekdays: Sequence[int] | None = None,
    need: Permission = Permission.READ,
) -> list[PlannedClass]:
    """A class already in the journal repeated every week after its date up to `until`
    (`need`: what the caller then does with the plan, checked before the lookup)."""
    row = get_activity(session, activity_id, notes=False, need=need)
    data = copy_data(row, row.date)
    first = row.date + dt.timedelta(days=1)
    if until < first:
        raise ValidationError(
            "activity.repeat_until_before", until=until.isoformat(), first=first.isoformat()
        )
    return plan_repeat(session, data, until, weekdays, first=first)


def _rows_in(session: Session, group_id: int, period: Period) -> list[ActivityRow]:
    rows: list[ActivityRow] = []
    year, month = period.first.year, period.first.month
    while (year, month) <= (period.last.year, period.last.month):
        rows += list_activities(session, year, month, group_id=group_id, notes=False)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [r for r in rows if period.first <= r.date <= period.last and r.kind == "group"]


def _occurrences(period: Period, weekday: int) -> list[dt.date]:
    return weekly_dates(period.first, period.last, frozenset({weekday}))


def _month_dates(source: Period, target: Period, day: dt.date, held: set[dt.date]) -> list[dt.date]:
    """Where a class of `day` goes in the target month: the same weekday, the n-th on the n-th.
    A weekday the target month has once more than the source is treated as the source's last
    one (weekly classes stay weekly); a source day lost to a holiday is taken by the nearest
    held one of that weekday, so the target's ordinary day is not left empty."""
    weekday = day.isoweekday()
    source_days = _occurrences(source, weekday)
    target_days = _occurrences(target, weekday)
    held_days = [d for d in source_days if d in held]
    out = []
    for n, target_day in enumerate(target_days):
        own = source_days[min(n, len(source_days) - 1)]
        if own in held:
            chosen = own
        elif holiday_name(own) is not None and held_days:
            chosen = min(held_days, key=lambda d: (abs((d - own).days), d > own))
        else:
            continue  # no class that week of the source: none in the target either
        if chosen == day:
            out.append(target_day)
    return out


def plan_copy(
    session: Session, group_id: int, source: Period, target: Period
) -> list[PlannedClass]:
    """The group's classes of the `source` week or month on the same weekdays of `target`
    (times, form, topic, leaders, place; never attendance), in date order."""
    require(session, Permission.READ)
    get_or_raise(session, Group, group_id, "group.not_found")
    rows = _rows_in(session, group_id, source)
    if not rows:
        raise ValidationError(
            "activity.copy_source_empty",
            first=source.first.isoformat(),
            last=source.last.isoformat(),
        )
    if source.first <= target.last and target.first <= source.last:
        raise ValidationError(
            "activity.copy_same_period",
            first=target.first.isoformat(),
            last=target.last.isoformat(),
        )
    by_day: dict[dt.date, list[ActivityRow]] = defaultdict(list)
    for row in rows:
        by_day[row.date].append(row)
    planned: list[PlannedClass] = []
    for day, day_rows in by_day.items():
        if source.is_week:
            shift = (target.first - source.first).days
            days = [day + dt.timedelta(days=shift)]
        else:
            days = _month_dates(source, target, day, set(by_day))
        for new_day in days:
            for row in day_rows:
                planned.append(_planned(session, copy_data(row, new_day), source_id=row.id))
    planned.sort(key=lambda p: (p.date, p.data.start_time, p.source_id or 0))
    return planned


def last_period_with_classes(
    session: Session, group_id: int, kind: str, today: dt.date | None = None
) -> Period:
    """The newest week or month (`kind`: "week" / "month") holding a class of the group;
    this one when the group has none yet."""
    require(session, Permission.READ)
    newest = session.scalar(
        select(func.max(Activity.date)).where(
            Activity.group_id == group_id, Activity.kind == "group"
        )
    )
    day = newest or today or dt.date.today()
    if kind == "week":
        year, week, _ = day.isocalendar()
        return Period.week(year, week)
    return Period.month(day.year, day.month)


def save_series(
    session: Session, items: Sequence[ActivityData], *, allow_overlap: bool = True
) -> list[int]:
    """Add every class of `items` (each with its own date and topic) in the session's one
    transaction. A row refused (a closed month, no topic, an overlap with `allow_overlap`
    False…) is named in one refusal and, the transaction being rolled back by the caller,
    nothing of the list is written."""
    require(session, Permission.EDIT_JOURNAL)
    if not items:
        raise ValidationError("activity.series_empty")
    ids = []
    for number, data in enumerate(items, start=1):
        try:
            ids.append(add_activity(session, data, allow_overlap=allow_overlap))
        except KisdeskError as error:
            raise type(error)(
                "activity.series_row",
                row=number,
                date=data.date.strftime("%d.%m.%Y"),
                reason=describe(error),
            ) from error
    return ids
