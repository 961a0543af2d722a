"""The dashboard (pulpit): what needs attention today, each item pointing to where it is fixed.

Everything is aggregated by SQL (hours through `hours.month_report`, counts with GROUP BY
and EXISTS), so the dashboard opens fast with years of data (STYLE.md).

- this month: every active participant's minutes against the minimum (SPEC §4.1), and who is
  at risk of missing it (even every class still scheduled would not be enough);
- last month: who missed the minimum (status short);
- upcoming graduates within `upcoming_graduates_days` (SPEC §4.3);
- ended participations without a certificate of ending (art. 18 ust. 5a: issued without
  delay; CIS art. 13 ust. 5a);
- past activities of the last 60 days with no attendance recorded;
- legal deadlines (SPEC §5.7): the annual report to the voivode by 31 March (art. 18a ust. 6;
  for a CIS its annual report), and for a CIS the expiry of its status, 5 years after it was
  granted (art. 5 of the act);
- hours attended per month in the office over the last 12 months (the chart).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, exists, extract, func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.models import (
    Activity,
    Attendance,
    Group,
    IssuedDocument,
    Office,
    Participant,
    Participation,
)
from kisdesk.rules.calendar import add_months, month_bounds
from kisdesk.rules.minimum import MonthStatus
from kisdesk.services.common import require
from kisdesk.services.graduates import graduates
from kisdesk.services.hours import attended_minutes_expr, month_report
from kisdesk.services.settings import all_settings

ENDING_CERTIFICATE = "ending_certificate"
ANNUAL_REPORT_KINDS = ("annual_report", "cis_annual_report")
MISSING_ATTENDANCE_DAYS = 60  # how far back past activities without marks are listed
CIS_STATUS_YEARS = 5  # art. 5 ust. 2 of the act: the status is granted for 5 years
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
    month: int
    required: int
    attended: int
    scheduled: int
    remaining: int  # still scheduled after today
    missing: int
    status: str  # met | in_progress | short (kisdesk.rules.minimum.MonthStatus)
    at_risk: bool
    offer_short: bool  # the office planned fewer minutes than required


@dataclass(frozen=True, slots=True)
class GraduateItem:
    participant_id: int
    participation_id: int
    name: str
    group_id: int | None
    group: str | None
    start_on: dt.date
    completes_on: dt.date
    days_left: int
    months_below_minimum: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CertificateItem:
    """An ended participation without a certificate of ending."""

    participant_id: int
    participation_id: int
    name: str
    group: str | None
    start_on: dt.date
    end_on: dt.date
    end_reason: str | None
    days_since: int


@dataclass(frozen=True, slots=True)
class MissingAttendanceItem:
    activity_id: int
    date: dt.date
    start_time: dt.time
    end_time: dt.time
    topic: str
    form: str
    kind: str  # group | individual
    group_id: int | None
    group: str | None
    participant_id: int | None
    participant: str | None


@dataclass(frozen=True, slots=True)
class DeadlineItem:
    code: str  # annual_report | cis_status_expiry
    due_on: dt.date
    days_left: int  # negative when past
    year: int | None  # the year reported on (annual report)
    done: bool  # the report is already in the register of documents


@dataclass(frozen=True, slots=True)
class MonthHours:
    year: int
    month: int
    minutes: int


@dataclass(frozen=True, slots=True)
class Dashboard:
    today: dt.date
    kind: str  # kis | cis
    hour_minutes: int
    monthly_minimum_hours: int
    current: tuple[HoursItem, ...]  # this month, active participants
    missed_last_month: tuple[HoursItem, ...]
    upcoming_graduates: tuple[GraduateItem, ...]
    upcoming_days: int
    certificates_due: tuple[CertificateItem, ...]
    missing_attendance: tuple[MissingAttendanceItem, ...]
    deadlines: tuple[DeadlineItem, ...]
    hours_by_month: tuple[MonthHours, ...]

    @property
    def at_risk(self) -> tuple[HoursItem, ...]:
        return tuple(item for item in self.current if item.at_risk)


def _previous_month(today: dt.date) -> tuple[int, int]:
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def _group_names(session: Session) -> dict[int, str]:
    return {gid: name for gid, name in session.execute(select(Group.id, Group.name))}


def _month_items(
    session: Session, year: int, month: int, today: dt.date, groups: dict[int, str]
) -> list[HoursItem]:
    report = month_report(session, year, month, as_of=today)
    return [
        HoursItem(
            participant_id=row.totals.participant_id,
            participation_id=row.totals.participation_id,
            name=row.totals.name,
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
        )
        for row in report.rows
    ]


def current_month(session: Session, today: dt.date) -> list[HoursItem]:
    """Participants taking part today, with this month's hours so far."""
    groups = _group_names(session)
    active = {
        pid
        for (pid,) in session.execute(
            select(Participation.id).where(
                Participation.start_on <= today,
                or_(Participation.end_on.is_(None), Participation.end_on >= today),
            )
        )
    }
    items = _month_items(session, today.year, today.month, today, groups)
    return [item for item in items if item.participation_id in active]


def missed_last_month(session: Session, today: dt.date) -> list[HoursItem]:
    year, month = _previous_month(today)
    items = _month_items(session, year, month, today, _group_names(session))
    return [item for item in items if item.status == MonthStatus.SHORT.value]


def upcoming_graduates(session: Session, today: dt.date, days: int) -> list[GraduateItem]:
    report = graduates(session, as_of=today, within_days=days)
    ids = [row.participation_id for row in report.rows]
    groups: dict[int, tuple[int | None, str | None]] = {
        pid: (gid, name)
        for pid, gid, name in session.execute(
            select(Participation.id, Participation.group_id, Group.name)
            .outerjoin(Group, Group.id == Participation.group_id)
            .where(Participation.id.in_(ids))
        )
    }
    items = [
        GraduateItem(
            participant_id=row.participant_id,
            participation_id=row.participation_id,
            name=row.name,
            group_id=groups.get(row.participation_id, (None, None))[0],
            group=groups.get(row.participation_id, (None, None))[1],
            start_on=row.result.start,
            completes_on=row.result.completes_on,
            days_left=(row.result.completes_on - today).days,
            months_below_minimum=row.result.months_below_minimum,
        )
        for row in report.rows
    ]
    return sorted(items, key=lambda i: (i.completes_on, i.name))


def certificates_due(session: Session, today: dt.date) -> list[CertificateItem]:
    """Ended participations (end on or before today) with no valid certificate of ending."""
    issued = exists().where(
        and_(
            IssuedDocument.participation_id == Participation.id,
            IssuedDocument.kind == ENDING_CERTIFICATE,
            IssuedDocument.cancelled_at.is_(None),
        )
    )
    query = (
        select(Participation, Participant.first_name, Participant.last_name, Group.name)
        .join(Participant, Participant.id == Participation.participant_id)
        .outerjoin(Group, Group.id == Participation.group_id)
        .where(Participation.end_on.is_not(None), Participation.end_on <= today, ~issued)
        .order_by(Participation.end_on.desc(), Participant.last_name, Participant.first_name)
    )
    return [
        CertificateItem(
            participant_id=p.participant_id,
            participation_id=p.id,
            name=f"{first} {last}",
            group=group,
            start_on=p.start_on,
            end_on=p.end_on,
            end_reason=p.end_reason,
            days_since=(today - p.end_on).days,
        )
        for p, first, last, group in session.execute(query)
        if p.end_on is not None
    ]


def missing_attendance(session: Session, today: dt.date) -> list[MissingAttendanceItem]:
    """Activities held in the last 60 days, before today, with no mark recorded at all.

    A group activity counts only when the group had a member that day: with nobody expected
    there is nothing to record, and the item would never go away.
    """
    since = today - dt.timedelta(days=MISSING_ATTENDANCE_DAYS)
    recorded = exists().where(Attendance.activity_id == Activity.id)
    member = exists().where(
        Participation.group_id == Activity.group_id,
        Participation.start_on <= Activity.date,
        or_(Participation.end_on.is_(None), Participation.end_on >= Activity.date),
    )
    query = (
        select(Activity, Group.name, Participant.first_name, Participant.last_name)
        .outerjoin(Group, Group.id == Activity.group_id)
        .outerjoin(Participant, Participant.id == Activity.participant_id)
        .where(
            Activity.date < today,
            Activity.date >= since,
            ~recorded,
            or_(Activity.participant_id.is_not(None), and_(Activity.group_id.is_not(None), member)),
        )
        .order_by(Activity.date.desc(), Activity.start_time, Activity.id)
    )
    return [
        MissingAttendanceItem(
            activity_id=a.id,
            date=a.date,
            start_time=a.start_time,
            end_time=a.end_time,
            topic=a.topic,
            form=a.form,
            kind=a.kind,
            group_id=a.group_id,
            group=group,
            participant_id=a.participant_id,
            participant=f"{first} {last}" if a.participant_id is not None else None,
        )
        for a, group, first, last in session.execute(query)
    ]


def deadlines(session: Session, today: dt.date) -> list[DeadlineItem]:
    """SPEC §5.7: the annual report by 31 March, shown from 1 January; the CIS status expiry."""
    office = session.scalar(select(Office).limit(1))
    if office is None:
        return []
    items: list[DeadlineItem] = []
    due = dt.date(today.year, 3, 31)
    if today <= due:
        sent = session.scalar(
            select(func.count(IssuedDocument.id)).where(
                IssuedDocument.kind.in_(ANNUAL_REPORT_KINDS),
                IssuedDocument.cancelled_at.is_(None),
                IssuedDocument.issued_on >= dt.date(today.year, 1, 1),
            )
        )
        items.append(
            DeadlineItem("annual_report", due, (due - today).days, today.year - 1, bool(sent))
        )
    if office.kind == "cis" and office.status_granted_on is not None:
        expires = office.status_expires_on or add_months(
            office.status_granted_on, 12 * CIS_STATUS_YEARS
        )
        items.append(
            DeadlineItem("cis_status_expiry", expires, (expires - today).days, None, False)
        )
    return items


def hours_by_month(
    session: Session, today: dt.date, months: int = CHART_MONTHS
) -> list[MonthHours]:
    """Minutes attended in the whole office per month, the last `months` months up to today."""
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
    sums = {(int(y), int(m)): int(total or 0) for y, m, total in session.execute(query)}
    result = []
    for i in range(months):
        day = add_months(start, i)
        result.append(MonthHours(day.year, day.month, sums.get((day.year, day.month), 0)))
    return result


def dashboard(session: Session, today: dt.date | None = None) -> Dashboard:
    """Everything the dashboard shows, as of `today`."""
    require(session, Permission.READ)
    today = today or dt.date.today()
    settings = all_settings(session)
    days = int(settings["upcoming_graduates_days"])
    current = current_month(session, today)
    # At risk first, then by how much is missing: the leader acts on the top of the list.
    current.sort(key=lambda i: (not i.at_risk, i.status != "in_progress", -i.missing, i.name))
    kind = session.scalar(select(Office.kind).limit(1)) or "kis"
    return Dashboard(
        today=today,
        kind=kind,
        hour_minutes=int(settings["hour_minutes"]),
        monthly_minimum_hours=int(settings["monthly_minimum_hours"]),
        current=tuple(current),
        missed_last_month=tuple(missed_last_month(session, today)),
        upcoming_graduates=tuple(upcoming_graduates(session, today, days)),
        upcoming_days=days,
        certificates_due=tuple(certificates_due(session, today)),
        missing_attendance=tuple(missing_attendance(session, today)),
        deadlines=tuple(deadlines(session, today)),
        hours_by_month=tuple(hours_by_month(session, today)),
    )
