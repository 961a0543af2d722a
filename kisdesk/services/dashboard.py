"""The dashboard (pulpit): what needs attention today, each item pointing to where it is fixed.

Everything is aggregated by SQL (hours through `hours.month_report`, counts with GROUP BY
and EXISTS), so the dashboard opens fast with years of data (docs/style.md).

- this month: every active participant's minutes against the minimum (docs/domain.md#hours-minimum), and who is
  at risk of missing it (even every class still scheduled would not be enough); for a CIS
  this ISO week against 30–40 clock hours (art. 14 ust. 1, docs/domain.md#cis-weekly) instead;
- last month (CIS: last week): who missed the minimum (status short);
- upcoming graduates within `upcoming_graduates_days` (docs/domain.md#graduate-status);
- ended participations without a certificate of ending (art. 18 ust. 5a: issued without
  delay; CIS art. 13 ust. 5a);
- past activities of the last 60 days with no attendance recorded;
- legal deadlines (docs/domain.md#documents): the annual report to the voivode by 31 March (art. 18a ust. 6;
  for a CIS its annual report), and for a CIS the expiry of its status, 5 years after it was
  granted (art. 5 of the act), from half a year before;
- follow-up contacts due or overdue after a period ended, with the person's phone
  (docs/outcomes.md; services.outcomes);
- hours attended per month in the office over the last 12 months (the chart);
- for a CIS, this month's benefit warnings (art. 15 ust. 6a–7a): 3 unexcused days (one more
  and the month's benefit is lost), the month lost, near or past the 21 sick days, days off used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, exists, func, or_, select
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
from kisdesk.rules.calendar import add_months, working_month
from kisdesk.services.attendance import group_member_condition
from kisdesk.services.benefits import BenefitWarning, benefit_warnings
from kisdesk.services.cis_duties import DutyItem, duty_items
from kisdesk.services.common import require
from kisdesk.services.dashboard_hours import (
    HoursItem,
    MonthHours,
    current_month,
    current_week,
    hours_by_month,
    missed_last_month,
    missed_last_week,
    surname_first_names,
)
from kisdesk.services.dashboard_path import PathItem, path_todo
from kisdesk.services.graduates import graduates
from kisdesk.services.office import first_year
from kisdesk.services.outcomes import FollowUpRow, followups
from kisdesk.services.settings import all_settings

ENDING_CERTIFICATE = "ending_certificate"
ANNUAL_REPORT_KINDS = ("annual_report", "cis_annual_report")
MISSING_ATTENDANCE_DAYS = 60  # how far back past activities without marks are listed
CIS_STATUS_YEARS = 5  # art. 5 ust. 2 of the act: the status is granted for 5 years
CIS_STATUS_NOTICE_DAYS = 183  # the expiry is listed from half a year before


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
class Dashboard:
    """For a KIS the hours are the month's didactic hours against the monthly minimum
    (docs/domain.md#hours-minimum); for a CIS the ISO week's clock hours against 30–40 (art. 14 ust. 1, docs/domain.md#cis-weekly):
    `period` says which, `unit_minutes` how long an hour shown is."""

    today: dt.date
    kind: str  # kis | cis
    hour_minutes: int
    monthly_minimum_hours: int
    current: tuple[HoursItem, ...]  # this month (CIS: this week), active participants
    missed_last_month: tuple[HoursItem, ...]  # CIS: last week
    upcoming_graduates: tuple[GraduateItem, ...]
    upcoming_days: int
    certificates_due: tuple[CertificateItem, ...]
    missing_attendance: tuple[MissingAttendanceItem, ...]
    deadlines: tuple[DeadlineItem, ...]
    hours_by_month: tuple[MonthHours, ...]
    period: str = "month"  # month | week
    unit_minutes: int = 45  # hour_minutes (KIS) or 60 (CIS clock hours)
    weekly_min_hours: int = 30
    weekly_max_hours: int = 40
    path_todo: tuple[PathItem, ...] = ()  # reviews, contracts, trial decisions, PUP copies
    # CIS: who is at 3 unexcused days, near the 21 sick days, out of days off (art. 15).
    benefit_warnings: tuple[BenefitWarning, ...] = ()
    # CIS: readiness before classes (art. 14 ust. 2), 10 participants per staff (art. 11 ust. 3).
    duties: tuple[DutyItem, ...] = ()
    followups_due: tuple[FollowUpRow, ...] = ()
    hours_month: tuple[int, int] | None = None  # KIS: the month of `current` (year, month)

    @property
    def at_risk(self) -> tuple[HoursItem, ...]:
        return tuple(item for item in self.current if item.at_risk)


def upcoming_graduates(session: Session, today: dt.date, days: int) -> list[GraduateItem]:
    require(session, Permission.READ)
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
    names = surname_first_names(session, (row.participant_id for row in report.rows))
    items = [
        GraduateItem(
            participant_id=row.participant_id,
            participation_id=row.participation_id,
            name=names.get(row.participant_id, row.name),
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
    require(session, Permission.READ)
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
            name=f"{last} {first}",
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
    require(session, Permission.READ)
    since = today - dt.timedelta(days=MISSING_ATTENDANCE_DAYS)
    recorded = exists().where(Attendance.activity_id == Activity.id)
    member = exists().where(group_member_condition())
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
    """docs/domain.md#documents: the annual report by 31 March, shown from 1 January; the CIS status expiry."""
    require(session, Permission.READ)
    office = session.scalar(select(Office).limit(1))
    if office is None:
        return []
    items: list[DeadlineItem] = []
    due = dt.date(today.year, 3, 31)
    started = first_year(session)
    # No report for a year before the office existed (art. 18a ust. 6 reports on its activity).
    if today <= due and (started is None or started <= today.year - 1):
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
        # Shown half a year ahead: time enough to apply for the status again.
        if (expires - today).days <= CIS_STATUS_NOTICE_DAYS:
            items.append(
                DeadlineItem("cis_status_expiry", expires, (expires - today).days, None, False)
            )
    return items


def dashboard(session: Session, today: dt.date | None = None) -> Dashboard:
    """Everything the dashboard shows, as of `today`."""
    require(session, Permission.READ)
    today = today or dt.date.today()
    settings = all_settings(session)
    days = int(settings["upcoming_graduates_days"])
    kind = session.scalar(select(Office.kind).limit(1)) or "kis"
    weekly = kind == "cis"
    # In the first days of a month the lists of the month before are still being typed: its
    # hours are shown, not the new month's where everyone is short (setting previous_month_days).
    year, month = working_month(today, int(settings["previous_month_days"]))
    as_of = (
        today
        if (year, month) == (today.year, today.month)
        else today.replace(day=1) - dt.timedelta(days=1)
    )
    current = current_week(session, today) if weekly else current_month(session, as_of)
    missed = missed_last_week(session, today) if weekly else missed_last_month(session, as_of)
    missed.sort(key=lambda i: i.name.casefold())
    # At risk first (and, in a CIS, above the weekly maximum), by how much is missing: the leader
    # acts on the top of the list; everyone else by surname, as on every other list.
    current.sort(
        key=lambda i: (
            not (i.at_risk or i.status == "over"),
            i.status != "in_progress",
            -i.missing if i.at_risk or i.status == "over" else 0,
            i.name.casefold(),
        )
    )
    return Dashboard(
        today=today,
        kind=kind,
        hour_minutes=int(settings["hour_minutes"]),
        monthly_minimum_hours=int(settings["monthly_minimum_hours"]),
        current=tuple(current),
        missed_last_month=tuple(missed),
        upcoming_graduates=tuple(upcoming_graduates(session, today, days)),
        upcoming_days=days,
        certificates_due=tuple(certificates_due(session, today)),
        missing_attendance=tuple(missing_attendance(session, today)),
        deadlines=tuple(deadlines(session, today)),
        hours_by_month=tuple(hours_by_month(session, today)),
        period="week" if weekly else "month",
        unit_minutes=60 if weekly else int(settings["hour_minutes"]),
        weekly_min_hours=int(settings["weekly_min_hours"]),
        weekly_max_hours=int(settings["weekly_max_hours"]),
        path_todo=tuple(path_todo(session, today)),
        benefit_warnings=tuple(benefit_warnings(session, today)) if weekly else (),
        duties=tuple(duty_items(session, today)) if weekly else (),
        followups_due=tuple(followups(session, today)),
        hours_month=(as_of.year, as_of.month),
    )
