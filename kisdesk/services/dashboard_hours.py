"""Hours for the dashboard: a month against the KIS minimum (docs/domain.md#hours-minimum), a CIS week against
30–40 clock hours (art. 14 ust. 1, docs/domain.md#cis-weekly), and the office's hours per month (the chart).

The sums come from SQL (kisdesk.services.hours), judged by the pure rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from sqlalchemy import extract, func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.models import Activity, Attendance, Group, Participant, Participation
from kisdesk.rules.calendar import add_months, iso_week_bounds, month_bounds
from kisdesk.rules.minimum import MonthStatus, in_danger, out_of_reach
from kisdesk.rules.weekly import WeekStatus
from kisdesk.services.common import require
from kisdesk.services.hours import attended_minutes_expr, month_report, week_report
from kisdesk.services.rodo import restricted_among

CHART_MONTHS = 12


@dataclass(frozen=True, slots=True)
class HoursItem:
    """One participation period in a month, against the monthly minimum (minutes)."""

    participant_id: int
    participation_id: int
    name: str
    group_id: int | None
    group: str | None
    year: int
    month: int  # the month (of the week's Monday, for a CIS week)
    required: int
    attended: int
    scheduled: int
    remaining: int  # still scheduled after today
    missing: int
    status: str  # met | in_progress | short, and for a CIS week also over (above 40 h)
    at_risk: bool  # in progress and falling behind (kisdesk.rules.minimum.in_danger)
    offer_short: bool  # the office planned fewer minutes than required
    week: int | None = None  # the ISO week of a CIS office (art. 14 ust. 1)
    out_of_reach: bool = False  # in progress, not enough even with every class attended


@dataclass(frozen=True, slots=True)
class MonthHours:
    year: int
    month: int
    minutes: int


def _previous_month(today: dt.date) -> tuple[int, int]:
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def _group_names(session: Session) -> dict[int, str]:
    return {gid: name for gid, name in session.execute(select(Group.id, Group.name))}


def surname_first_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """People as every other list shows them: "Nowak Tomasz" (sorted by surname)."""
    wanted = set(ids)
    if not wanted:
        return {}
    query = select(Participant.id, Participant.last_name, Participant.first_name).where(
        Participant.id.in_(wanted)
    )
    return {pid: f"{last} {first}".strip() for pid, last, first in session.execute(query)}


def _month_items(
    session: Session, year: int, month: int, today: dt.date, groups: dict[int, str]
) -> list[HoursItem]:
    report = month_report(session, year, month, as_of=today)
    hidden = restricted_among(session, (row.totals.participant_id for row in report.rows))
    names = surname_first_names(session, (row.totals.participant_id for row in report.rows))
    return [
        HoursItem(
            participant_id=row.totals.participant_id,
            participation_id=row.totals.participation_id,
            name=names.get(row.totals.participant_id, row.totals.name),
            group_id=row.totals.group_id,
            group=groups.get(row.totals.group_id) if row.totals.group_id else None,
            year=year,
            month=month,
            required=row.result.required_minutes,
            attended=row.result.attended_minutes,
            scheduled=row.result.scheduled_minutes,
            remaining=row.result.remaining_scheduled_minutes,
            missing=row.result.missing_minutes,
            status=str(row.result.status),
            at_risk=row.at_risk,
            offer_short=row.result.offer_short,
            out_of_reach=row.out_of_reach,
        )
        for row in report.rows
        if row.totals.participant_id not in hidden
    ]


def _active_ids(session: Session, today: dt.date) -> set[int]:
    """Participation periods going on today."""
    query = select(Participation.id).where(
        Participation.start_on <= today,
        or_(Participation.end_on.is_(None), Participation.end_on >= today),
    )
    return {pid for (pid,) in session.execute(query)}


def current_month(session: Session, today: dt.date) -> list[HoursItem]:
    """Participants taking part today, with this month's hours so far."""
    require(session, Permission.READ)
    items = _month_items(session, today.year, today.month, today, _group_names(session))
    active = _active_ids(session, today)
    return [item for item in items if item.participation_id in active]


def missed_last_month(session: Session, today: dt.date) -> list[HoursItem]:
    require(session, Permission.READ)
    year, month = _previous_month(today)
    items = _month_items(session, year, month, today, _group_names(session))
    return [item for item in items if item.status == MonthStatus.SHORT.value]


def _week_items(
    session: Session, year: int, week: int, today: dt.date, groups: dict[int, str]
) -> list[HoursItem]:
    """A CIS week per participation period (art. 14 ust. 1: 30–40 clock hours a week)."""
    report = week_report(session, year, week, as_of=today)
    monday = iso_week_bounds(year, week)[0]
    hidden = restricted_among(session, (row.totals.participant_id for row in report.rows))
    names = surname_first_names(session, (row.totals.participant_id for row in report.rows))
    items = []
    for row in report.rows:
        t, r = row.totals, row.result
        if t.participant_id in hidden:
            continue
        in_progress = r.status == WeekStatus.IN_PROGRESS
        items.append(
            HoursItem(
                participant_id=t.participant_id,
                participation_id=t.participation_id,
                name=names.get(t.participant_id, t.name),
                group_id=t.group_id,
                group=groups.get(t.group_id) if t.group_id else None,
                year=monday.year,
                month=monday.month,
                required=r.required_min_minutes,
                attended=r.attended_minutes,
                scheduled=r.scheduled_minutes,
                remaining=t.remaining,
                missing=r.missing_minutes,
                status=str(r.status),
                at_risk=in_progress
                and in_danger(t.attended, t.remaining, r.required_min_minutes, r.scheduled_minutes),
                offer_short=r.offer_short,
                week=week,
                out_of_reach=in_progress
                and out_of_reach(t.attended, t.remaining, r.required_min_minutes),
            )
        )
    return items


def current_week(session: Session, today: dt.date) -> list[HoursItem]:
    require(session, Permission.READ)
    year, week, _day = today.isocalendar()
    items = _week_items(session, year, week, today, _group_names(session))
    return [item for item in items if item.participation_id in _active_ids(session, today)]


def missed_last_week(session: Session, today: dt.date) -> list[HoursItem]:
    require(session, Permission.READ)
    year, week, _day = (today - dt.timedelta(days=7)).isocalendar()
    items = _week_items(session, year, week, today, _group_names(session))
    return [item for item in items if item.status == WeekStatus.SHORT.value]


def hours_by_month(
    session: Session, today: dt.date, months: int = CHART_MONTHS
) -> list[MonthHours]:
    """Minutes attended in the whole office per month, the last `months` months up to today."""
    require(session, Permission.READ)
    start = add_months(month_bounds(today.year, today.month)[0], -(months - 1))
    year = extract("year", Activity.date)
    month = extract("month", Activity.date)
    query = (
        select(year, month, func.sum(attended_minutes_expr()))
        .select_from(Attendance)
        .join(Activity, Activity.id == Attendance.activity_id)
        .where(Activity.date >= start, Activity.date <= today)
        .group_by(year, month)
    )
    sums = {
        (int(y), int(m)): int(total or 0)
        for y, m, total in cast(Iterable[tuple[int, int, int | None]], session.execute(query))
    }
    result = []
    for i in range(months):
        day = add_months(start, i)
        result.append(MonthHours(day.year, day.month, sums.get((day.year, day.month), 0)))
    return result
