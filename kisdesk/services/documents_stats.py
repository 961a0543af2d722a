"""The year's figures for the annual reports to the voivode (art. 18a ust. 6 for a KIS,
art. 5 ust. 4 pkt 2 and Dz.U. 2017 poz. 97 for a CIS), counted by SQL in the database.

Definitions (docs/outcomes.md), printed under the tables with `HOW_COUNTED`, so the leader
can check them before signing:
- participants: distinct people with a participation period overlapping the year;
- achieved_effects: people with a period that ended in the year with the end reason
  completed, employment, cooperative or business, or with an outcome recorded for that
  period of a kind in kisdesk.rules.outcomes.EFFECT_KINDS;
- employed_after: people with a period that ended in the year and an outcome of a kind in
  WORK_KINDS, recorded or found at a follow-up contact;
- an outcome counts for the year its period ended, whenever it was recorded;
- hours of an activity: its length, counted once however many people attended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, distinct, exists, func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.i18n import tr
from kisdesk.models import Activity, Attendance, FollowUp, Participation
from kisdesk.rules.outcomes import EFFECT_KINDS, EFFECT_REASONS, WORK_KINDS
from kisdesk.services import sensitive
from kisdesk.services.common import require
from kisdesk.services.hours import attended_minutes_expr
from kisdesk.services.office import office_kind
from kisdesk.services.staff import StaffRow, list_staff

# How each figure was counted, printed with it (docs/outcomes.md: each document says how).
HOW_COUNTED = {
    "participants": tr(
        "Uczestnicy: liczba osób, które miały okres uczestnictwa obejmujący co najmniej jeden "
        "dzień roku (osoba z kilkoma okresami liczona raz)."
    ),
    "achieved_effects": tr(
        "Osiągnęli efekty reintegracji: osoby, których okres uczestnictwa zakończył się w roku "
        "z powodu ukończenia programu, podjęcia zatrudnienia, spółdzielni socjalnej lub "
        "działalności gospodarczej, albo dla których zapisano po tym okresie wynik: umowa "
        "o pracę, umowa cywilnoprawna, działalność gospodarcza, spółdzielnia socjalna, "
        "zatrudnienie wspierane, staż lub prace społecznie użyteczne, dalsza nauka lub kurs "
        "(wynik zapisany także po końcu roku; osoba liczona raz)."
    ),
    "employed_after": tr(
        "Uzyskali zatrudnienie po zakończeniu uczestnictwa (w CIS: usamodzielnieni "
        "ekonomicznie): osoby, których okres uczestnictwa "
        "zakończył się w roku, a wynik – zapisany albo stwierdzony przy kontakcie kontrolnym – "
        "to umowa o pracę, umowa cywilnoprawna, działalność gospodarcza, spółdzielnia socjalna "
        "lub zatrudnienie wspierane (wynik zapisany także po końcu roku; osoba liczona raz)."
    ),
}


def ended_in(first: dt.date, last: dt.date) -> ColumnElement[bool]:
    return and_(Participation.end_on >= first, Participation.end_on <= last)


def effect_condition() -> ColumnElement[bool]:
    """A period that is a reintegration effect (docs/outcomes.md: achieved_effects)."""
    return or_(
        Participation.end_reason.in_(sorted(EFFECT_REASONS)),
        Participation.outcome_kind.in_(sorted(EFFECT_KINDS)),
    )


def work_condition() -> ColumnElement[bool]:
    """A period after which the person worked (docs/outcomes.md: employed_after)."""
    found = exists().where(
        FollowUp.participation_id == Participation.id,
        FollowUp.result == "working",
        FollowUp.kind.in_(sorted(WORK_KINDS)),
    )
    return or_(Participation.outcome_kind.in_(sorted(WORK_KINDS)), found)


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
    outcome_kinds: dict[str | None, int]  # periods ended in the year by outcome kind
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


def _count_people(session: Session, *where) -> int:  # type: ignore[no-untyped-def]
    return int(
        session.scalar(select(func.count(distinct(Participation.participant_id))).where(*where))
        or 0
    )


def _by_category(session: Session, first: dt.date, last: dt.date) -> list[CategoryCount]:
    def counts(*where) -> dict[int | None, int]:  # type: ignore[no-untyped-def]
        query = select(Participation.participant_id).where(*where).distinct()
        ids = list(session.scalars(query))
        # the sealed health categories are opened by the one service holding their key
        # (docs/threat-model.md §3.4); a person with no category counts under None
        found = sensitive.categories_for_counts(session, ids)
        result: dict[int | None, int] = {}
        for pid in ids:
            seen: list[int | None] = list(found.get(pid, []))
            for category in seen or [None]:
                result[category] = result.get(category, 0) + 1
        return result

    people = counts(_in_year(first, last))
    effects = counts(ended_in(first, last), effect_condition())
    work = counts(ended_in(first, last), work_condition())
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
    but issues no documents (docs/domain.md#office): so the report is the leader's, who also signs it."""
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
    kinds: dict[str | None, int] = {
        k: int(n)
        for k, n in session.execute(
            select(Participation.outcome_kind, func.count(Participation.id))
            .where(ended_in(first, last))
            .group_by(Participation.outcome_kind)
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
        effects=_count_people(session, ended_in(first, last), effect_condition()),
        found_work=_count_people(session, ended_in(first, last), work_condition()),
        end_reasons=reasons,
        outcome_kinds=kinds,
        forms=_forms(session, first, last),
        covered_social=_covered(session, first, last, "social"),
        covered_vocational=_covered(session, first, last, "vocational"),
    )


@dataclass(frozen=True, slots=True)
class AnnualFigures:
    """The numbers of the annual report (`kisdesk report annual`), the same as its PDF's."""

    year: int
    kind: str  # kis | cis
    participants: int
    by_category: dict[str, int]  # "1".."9": people of the year with that art. 1 category
    achieved_effects: int
    employed_after: int
    how_counted: dict[str, str]


def annual_figures(session: Session, year: int) -> AnnualFigures:
    require_annual_report(session)
    stats = year_stats(session, year)
    counts = {c.category: c.participants for c in stats.by_category if c.category is not None}
    return AnnualFigures(
        year=year,
        kind=office_kind(session),
        participants=stats.participants,
        by_category={str(c): counts.get(c, 0) for c in range(1, 10)},
        achieved_effects=stats.effects,
        employed_after=stats.found_work,
        how_counted={k: HOW_COUNTED[k] for k in ("achieved_effects", "employed_after")},
    )
