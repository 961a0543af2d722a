"""Hours of participants: the month report (KIS minimum, docs/domain.md#hours-minimum) and the CIS week (docs/domain.md#cis-weekly).

Minutes are summed by SQL (GROUP BY in the database), then judged by the pure rules in
kisdesk.rules.minimum / weekly. Nothing loads every attendance row into Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.models import Activity, Attendance, Participant, Participation
from kisdesk.rules.calendar import iso_week_bounds, month_bounds
from kisdesk.rules.minimum import MonthResult, at_risk, beyond_reach, evaluate_month
from kisdesk.rules.weekly import WeekResult, evaluate_week
from kisdesk.services.attendance import expected_condition
from kisdesk.services.common import require
from kisdesk.services.months import month_settings
from kisdesk.services.settings import all_settings


@dataclass(frozen=True, slots=True)
class Totals:
    """Minutes of one participation period over a date range (from SQL)."""

    participation_id: int
    participant_id: int
    name: str
    group_id: int | None
    start_on: dt.date
    end_on: dt.date | None
    scheduled: int
    attended: int
    remaining: int  # scheduled after the date asked about


def attended_minutes_expr() -> ColumnElement[int]:
    """Attended minutes of one attendance row (docs/domain.md#time-units): present → length, partial → stated
    minutes capped at the length, absences → 0. Portable SQL (no LEAST/MIN scalar)."""
    capped = case(
        (Attendance.minutes < Activity.minutes, Attendance.minutes), else_=Activity.minutes
    )
    return case(
        (Attendance.mark == "present", Activity.minutes),
        (Attendance.mark == "partial", capped),
        else_=0,
    )


@cache
def _totals_statement(by_group: bool, by_participant: bool) -> Select[Any]:
    """One statement per filter combination, built once: the month report runs on every
    page refresh, and building the expression anew cost more than running it."""
    first: BindParameter[dt.date] = bindparam("first")
    last: BindParameter[dt.date] = bindparam("last")
    as_of: BindParameter[dt.date] = bindparam("as_of")
    in_range = [
        Participation.start_on <= last,
        or_(Participation.end_on.is_(None), Participation.end_on >= first),
    ]
    if by_group:
        in_range.append(Participation.group_id == bindparam("group_id"))
    if by_participant:
        in_range.append(Participation.participant_id == bindparam("participant_id"))
    attended = attended_minutes_expr()
    return (
        select(
            Participation.id,
            Participation.participant_id,
            Participant.first_name,
            Participant.last_name,
            Participation.group_id,
            Participation.start_on,
            Participation.end_on,
            func.coalesce(func.sum(Activity.minutes), 0),
            func.coalesce(func.sum(case((Activity.date <= as_of, attended), else_=0)), 0),
            func.coalesce(func.sum(case((Activity.date > as_of, Activity.minutes), else_=0)), 0),
        )
        .select_from(Participation)
        .join(Participant, Participant.id == Participation.participant_id)
        # LEFT JOIN: a period with no class in the range still gets its row (offer shortfall).
        .outerjoin(
            Activity,
            and_(
                Activity.date >= first,
                Activity.date <= last,
                Activity.date >= Participation.start_on,
                or_(Participation.end_on.is_(None), Activity.date <= Participation.end_on),
                expected_condition(),
            ),
        )
        .outerjoin(
            Attendance,
            and_(
                Attendance.activity_id == Activity.id,
                Attendance.participant_id == Participation.participant_id,
            ),
        )
        .where(*in_range)
        .group_by(
            Participation.id,
            Participation.participant_id,
            Participant.first_name,
            Participant.last_name,
            Participation.group_id,
            Participation.start_on,
            Participation.end_on,
        )
        .order_by(Participant.last_name, Participant.first_name, Participation.start_on)
    )


def period_totals(
    session: Session,
    first: dt.date,
    last: dt.date,
    as_of: dt.date,
    group_id: int | None = None,
    participant_id: int | None = None,
) -> list[Totals]:
    """Every participation period with a day in [first, last], with its minutes there."""
    require(session, Permission.READ)
    params: dict[str, Any] = {"first": first, "last": last, "as_of": as_of}
    if group_id is not None:
        params["group_id"] = group_id
    if participant_id is not None:
        params["participant_id"] = participant_id
    statement = _totals_statement(group_id is not None, participant_id is not None)
    return [
        Totals(
            participation_id=r[0],
            participant_id=r[1],
            name=f"{r[2]} {r[3]}",
            group_id=r[4],
            start_on=r[5],
            end_on=r[6],
            scheduled=int(r[7]),
            attended=int(r[8]),
            remaining=int(r[9]),
        )
        for r in session.execute(statement, params)
    ]


@dataclass(frozen=True, slots=True)
class MonthRow:
    totals: Totals
    result: MonthResult

    @property
    def at_risk(self) -> bool:
        return at_risk(self.result)

    @property
    def out_of_reach(self) -> bool:
        return beyond_reach(self.result)


@dataclass(frozen=True, slots=True)
class MonthReport:
    year: int
    month: int
    as_of: dt.date
    hour_minutes: int
    monthly_minimum_hours: int
    rows: list[MonthRow]


def month_report(
    session: Session,
    year: int,
    month: int,
    as_of: dt.date | None = None,
    group_id: int | None = None,
    participant_id: int | None = None,
) -> MonthReport:
    """Each participation period of the month: required, scheduled, attended, status."""
    require(session, Permission.READ)
    as_of = as_of or dt.date.today()
    settings = month_settings(session, year, month)  # a closed month: those of its closing
    minimum, hour = settings["monthly_minimum_hours"], settings["hour_minutes"]
    first, last = month_bounds(year, month)
    rows = []
    for t in period_totals(session, first, last, as_of, group_id, participant_id):
        result = evaluate_month(
            year=year,
            month=month,
            start=t.start_on,
            end=t.end_on,
            as_of=as_of,
            attended_minutes=t.attended,
            scheduled_minutes=t.scheduled,
            remaining_scheduled_minutes=t.remaining,
            minimum_hours=minimum,
            hour_minutes=hour,
        )
        rows.append(MonthRow(t, result))
    return MonthReport(year, month, as_of, hour, minimum, rows)


@dataclass(frozen=True, slots=True)
class WeekRow:
    totals: Totals
    result: WeekResult


@dataclass(frozen=True, slots=True)
class WeekReport:
    year: int
    week: int
    as_of: dt.date
    weekly_min_hours: int
    weekly_max_hours: int
    rows: list[WeekRow]


def week_report(
    session: Session,
    year: int,
    week: int,
    as_of: dt.date | None = None,
    group_id: int | None = None,
) -> WeekReport:
    """CIS weekly presence of 30–40 clock hours (art. 14 ust. 1), per participation period."""
    require(session, Permission.READ)
    as_of = as_of or dt.date.today()
    settings = all_settings(session)
    low, high = settings["weekly_min_hours"], settings["weekly_max_hours"]
    first, last = iso_week_bounds(year, week)
    rows = []
    for t in period_totals(session, first, last, as_of, group_id):
        result = evaluate_week(
            year=year,
            week=week,
            start=t.start_on,
            end=t.end_on,
            as_of=as_of,
            attended_minutes=t.attended,
            scheduled_minutes=t.scheduled,
            weekly_min_hours=low,
            weekly_max_hours=high,
        )
        rows.append(WeekRow(t, result))
    return WeekReport(year, week, as_of, low, high, rows)
