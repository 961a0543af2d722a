"""Data of the monthly attendance workbook: participants × activity days, one sheet a month.

Marks are counted per participant and day by SQL (GROUP BY participant, date), so a year of
an office is a few thousand aggregated rows, not every attendance record. Restricted
participants (RODO art. 18) are left out and counted in the header; the GUI and the command
line log the export once the file is written (exports.record_export).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.models import Activity, Attendance, Group, Participant, Participation
from kisdesk.rules.calendar import month_bounds
from kisdesk.services.attendance import expected_condition
from kisdesk.services.common import require
from kisdesk.services.exports import ExportHeader, count_restricted, export_header
from kisdesk.services.hours import attended_minutes_expr
from kisdesk.services.rodo import exportable_participants_filter
from kisdesk.services.settings import all_settings


@dataclass(frozen=True, slots=True)
class DayMarks:
    """One participant's activities on one day, counted by mark."""

    expected: int  # activities the participant was expected at
    present: int
    partial: int
    excused: int
    absent: int
    unmarked: int
    attended_minutes: int
    scheduled_minutes: int


@dataclass(slots=True)
class AttendancePerson:
    participant_id: int
    last_name: str
    first_name: str
    group: str | None
    first_day: dt.date  # participation inside the month
    last_day: dt.date
    days: dict[dt.date, DayMarks] = field(default_factory=dict)

    @property
    def attended_minutes(self) -> int:
        return sum(d.attended_minutes for d in self.days.values())

    @property
    def scheduled_minutes(self) -> int:
        return sum(d.scheduled_minutes for d in self.days.values())

    @property
    def excused(self) -> int:
        return sum(d.excused for d in self.days.values())

    @property
    def absent(self) -> int:
        return sum(d.absent for d in self.days.values())


@dataclass(frozen=True, slots=True)
class AttendanceMonth:
    year: int
    month: int
    days: list[dt.date]  # days on which the office held any activity
    people: list[AttendancePerson]


@dataclass(frozen=True, slots=True)
class AttendanceExport:
    header: ExportHeader
    hour_minutes: int
    months: list[AttendanceMonth]


def _day_marks(
    session: Session, first: dt.date, last: dt.date, group_id: int | None
) -> dict[tuple[int, dt.date], DayMarks]:
    attended = attended_minutes_expr()

    def count(mark: str):  # type: ignore[no-untyped-def]
        return func.sum(case((Attendance.mark == mark, 1), else_=0))

    query = (
        select(
            Participation.participant_id,
            Activity.date,
            func.count(Activity.id),
            count("present"),
            count("partial"),
            count("excused"),
            count("absent"),
            func.sum(case((Attendance.mark.is_(None), 1), else_=0)),
            func.sum(attended),
            func.sum(Activity.minutes),
        )
        .select_from(Participation)
        .join(
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
        .where(Participation.start_on <= last)
        .where(or_(Participation.end_on.is_(None), Participation.end_on >= first))
        .group_by(Participation.participant_id, Activity.date)
    )
    if group_id is not None:
        query = query.where(Participation.group_id == group_id)
    return {
        (int(r[0]), r[1]): DayMarks(*(int(v or 0) for v in r[2:])) for r in session.execute(query)
    }


def attendance_export(
    session: Session, months: list[tuple[int, int]], group_id: int | None = None
) -> AttendanceExport:
    require(session, Permission.EXPORT)
    hour_minutes = all_settings(session)["hour_minutes"]
    if not months:
        return AttendanceExport(export_header(session), hour_minutes, [])
    first = month_bounds(*months[0])[0]
    last = month_bounds(*months[-1])[1]
    marks = _day_marks(session, first, last, group_id)
    day_query = (
        select(Activity.date).distinct().where(Activity.date >= first, Activity.date <= last)
    )
    if group_id is not None:
        day_query = day_query.where(
            or_(Activity.group_id == group_id, Activity.participant_id.is_not(None))
        )
    all_days = sorted(session.scalars(day_query))
    period_query = (
        select(
            Participation.participant_id,
            Participant.last_name,
            Participant.first_name,
            Group.name,
            Participation.start_on,
            Participation.end_on,
        )
        .join(Participant, Participant.id == Participation.participant_id)
        .outerjoin(Group, Group.id == Participation.group_id)
        .where(Participation.start_on <= last)
        .where(or_(Participation.end_on.is_(None), Participation.end_on >= first))
        .where(exportable_participants_filter())
        .order_by(Participant.last_name, Participant.first_name, Participation.start_on)
    )
    if group_id is not None:
        period_query = period_query.where(Participation.group_id == group_id)
    periods = list(session.execute(period_query))
    in_range = (
        select(Participation.participant_id)
        .where(Participation.start_on <= last)
        .where(or_(Participation.end_on.is_(None), Participation.end_on >= first))
    )
    if group_id is not None:
        in_range = in_range.where(Participation.group_id == group_id)
    out = []
    for year, month in months:
        m_first, m_last = month_bounds(year, month)
        people: dict[int, AttendancePerson] = {}
        for pid, last_name, first_name, group, start, end in periods:
            if start > m_last or (end is not None and end < m_first):
                continue
            lo, hi = max(start, m_first), min(end or m_last, m_last)
            known = people.get(pid)
            if known is None:
                people[pid] = AttendancePerson(pid, last_name, first_name, group, lo, hi)
            else:  # two periods in one month: span both, keep the later group
                known.first_day, known.last_day = min(known.first_day, lo), max(known.last_day, hi)
                known.group = group or known.group
        days = [d for d in all_days if m_first <= d <= m_last]
        for person in people.values():
            for day in days:
                found = marks.get((person.participant_id, day))
                if found is not None:
                    person.days[day] = found
        out.append(AttendanceMonth(year, month, days, list(people.values())))
    header = export_header(session, first, last, count_restricted(session, in_range))
    return AttendanceExport(header, hour_minutes, out)
