"""The year's figures for the annual reports to the voivode (art. 18a ust. 6 for a KIS,
art. 5 ust. 4 pkt 2 and Dz.U. 2017 poz. 97 for a CIS), counted by SQL in the database.

Definitions the law leaves open are stated here and printed under the tables, so the leader
can check them before signing:
- a participant of the year: a participation period with at least one day in the year;
- reintegration effects: a period ended in the year by completing the programme, taking up
  a job, a social cooperative or a business, or moving on to a CIS;
- found work after the club: a period ended in the year by a job, a social cooperative or a
  business (the end reasons employment, cooperative, business);
- hours of an activity: its length, counted once however many people attended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, distinct, func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.models import Activity, Attendance, ParticipantCategory, Participation
from kisdesk.services.common import require
from kisdesk.services.hours import attended_minutes_expr
from kisdesk.services.staff import StaffRow, list_staff

EFFECT_REASONS = ("completed", "employment", "cooperative", "business", "moved_to_cis")
WORK_REASONS = ("employment", "cooperative", "business")


@dataclass(frozen=True, slots=True)
class CategoryCount:
    category: int | None  # None: no category recorded
    participants: int
    effects: int
    found_work: int


@dataclass(frozen=True, slots=True)
class FormCount:
    area: str
    form: str
    activities: int
    minutes: int
    participants: int


@dataclass(frozen=True, slots=True)
class YearStats:
    year: int
    staff: list[StaffRow]
    by_category: list[CategoryCount]
    participants: int  # distinct people (one may be in several categories)
    started: int
    ended: int
    effects: int
    found_work: int
    end_reasons: dict[str | None, int]
    forms: list[FormCount]
    covered_social: int  # people with attended hours in social reintegration
    covered_vocational: int


def _bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _in_year(first: dt.date, last: dt.date):  # type: ignore[no-untyped-def]
    return and_(
        Participation.start_on <= last,
        or_(Participation.end_on.is_(None), Participation.end_on >= first),
    )


def _ended_in(first: dt.date, last: dt.date, reasons: tuple[str, ...]):  # type: ignore[no-untyped-def]
    return and_(
        Participation.end_on >= first,
        Participation.end_on <= last,
        Participation.end_reason.in_(reasons),
    )


def _count_people(session: Session, *where) -> int:  # type: ignore[no-untyped-def]
    return int(
        session.scalar(select(func.count(distinct(Participation.participant_id))).where(*where))
        or 0
    )


def _by_category(session: Session, first: dt.date, last: dt.date) -> list[CategoryCount]:
    def counts(*where) -> dict[int | None, int]:  # type: ignore[no-untyped-def]
        query = (
            select(ParticipantCategory.category, func.count(distinct(Participation.participant_id)))
            .select_from(Participation)
            .outerjoin(
                ParticipantCategory,
                ParticipantCategory.participant_id == Participation.participant_id,
            )
            .where(*where)
            .group_by(ParticipantCategory.category)
        )
        return {c: int(n) for c, n in session.execute(query)}

    people = counts(_in_year(first, last))
    effects = counts(_ended_in(first, last, EFFECT_REASONS))
    work = counts(_ended_in(first, last, WORK_REASONS))
    keys = [c for c in range(1, 10) if c in people] + ([None] if None in people else [])
    return [CategoryCount(c, people.get(c, 0), effects.get(c, 0), work.get(c, 0)) for c in keys]


def _forms(session: Session, first: dt.date, last: dt.date) -> list[FormCount]:
    activities = (
        select(
            Activity.area,
            Activity.form,
            func.count(Activity.id),
            func.coalesce(func.sum(Activity.minutes), 0),
        )
        .where(Activity.date >= first, Activity.date <= last)
        .group_by(Activity.area, Activity.form)
    )
    people = (
        select(Activity.area, Activity.form, func.count(distinct(Attendance.participant_id)))
        .join(Attendance, Attendance.activity_id == Activity.id)
        .where(
            Activity.date >= first,
            Activity.date <= last,
            Attendance.mark.in_(("present", "partial")),
        )
        .group_by(Activity.area, Activity.form)
    )
    attended = {(a, f): int(n) for a, f, n in session.execute(people)}
    rows = [
        FormCount(a, f, int(n), int(m), attended.get((a, f), 0))
        for a, f, n, m in session.execute(activities)
    ]
    return sorted(rows, key=lambda r: (r.area, r.form.lower()))


def _covered(session: Session, first: dt.date, last: dt.date, area: str) -> int:
    query = (
        select(func.count(distinct(Attendance.participant_id)))
        .join(Activity, Activity.id == Attendance.activity_id)
        .where(
            Activity.date >= first,
            Activity.date <= last,
            Activity.area == area,
            attended_minutes_expr() > 0,
        )
    )
    return int(session.scalar(query) or 0)


def require_annual_report(session: Session) -> None:
    """The annual report counts people by every art. 1 category, health ones included
    (addiction, mental disorders, disability: RODO art. 9), and it is complete only with
    them. Administracja issues documents but never sees health categories, kadra sees them
    but issues no documents (SPEC §1): so the report is the leader's, who also signs it."""
    require(session, Permission.ISSUE_DOCUMENTS)
    require(session, Permission.VIEW_SENSITIVE)


def year_stats(session: Session, year: int) -> YearStats:
    require_annual_report(session)
    first, last = _bounds(year)
    staff = [
        s
        for s in list_staff(session)
        if (s.active_from is None or s.active_from <= last)
        and (s.active_to is None or s.active_to >= first)
    ]
    reasons: dict[str | None, int] = {
        r: int(n)
        for r, n in session.execute(
            select(Participation.end_reason, func.count(Participation.id))
            .where(Participation.end_on >= first, Participation.end_on <= last)
            .group_by(Participation.end_reason)
        )
    }
    return YearStats(
        year=year,
        staff=staff,
        by_category=_by_category(session, first, last),
        participants=_count_people(session, _in_year(first, last)),
        started=_count_people(
            session, Participation.start_on >= first, Participation.start_on <= last
        ),
        ended=sum(reasons.values()),
        effects=_count_people(session, _ended_in(first, last, EFFECT_REASONS)),
        found_work=_count_people(session, _ended_in(first, last, WORK_REASONS)),
        end_reasons=reasons,
        forms=_forms(session, first, last),
        covered_social=_covered(session, first, last, "social"),
        covered_vocational=_covered(session, first, last, "vocational"),
    )
