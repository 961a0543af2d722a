"""Data of the spreadsheet exports (docs/domain.md#documents): the participant list and the monthly hours.

Each export is a function `fn(session, …) -> frozen dataclass` that kisdesk.reports.xlsx
renders. Exports need Permission.EXPORT; what a role may not see stays out of the file
(PESEL without VIEW_PESEL, health categories without VIEW_SENSITIVE, RODO art. 9).
Participants whose processing is restricted (RODO art. 18) are left out of every export
(`rodo.exportable_participants_filter()`); how many were left out travels in the header
(`ExportHeader.restricted_skipped`), so the workbook and the message after saving say so.
The builders only gather data: an export is written to the audit log by `record_export()`,
which the GUI and the command line call once the file is really written (a workbook that
could not be saved is not an export).
The attendance grid is in exports_attendance, the yearly statistics in exports_stats.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission, actor_of
from kisdesk.models import Contract, Group, Participant, Participation
from kisdesk.rules.calendar import month_bounds
from kisdesk.rules.periods import current_period, participation_status
from kisdesk.services import audit, sensitive
from kisdesk.services.common import require
from kisdesk.services.hours import month_report, week_report
from kisdesk.services.office import get_office, has_office, office_kind
from kisdesk.services.participants import mask_pesel, period_span
from kisdesk.services.rodo import exportable_participants_filter
from kisdesk.services.settings import all_settings


@dataclass(frozen=True, slots=True)
class ExportHeader:
    """The title block of a workbook: who exports, what period, when."""

    office_name: str
    office_kind: str  # "kis" | "cis"
    first: dt.date | None  # period covered; None = everything on file
    last: dt.date | None
    generated_on: dt.date
    restricted_skipped: int = 0  # people left out: processing restricted (RODO art. 18)


def export_header(
    session: Session,
    first: dt.date | None = None,
    last: dt.date | None = None,
    restricted_skipped: int = 0,
) -> ExportHeader:
    require(session, Permission.EXPORT)
    if has_office(session):
        office = get_office(session)
        name, kind = office.name, office.kind
    else:
        name, kind = "", "kis"
    return ExportHeader(name, kind, first, last, dt.date.today(), restricted_skipped)


def count_restricted(session: Session, ids: Select[Any]) -> int:
    """How many of the people `ids` selects (participant ids) are left out of an export
    because their processing is restricted (RODO art. 18)."""
    return int(
        session.scalar(
            select(func.count(Participant.id)).where(
                Participant.id.in_(ids), Participant.restricted.is_(True)
            )
        )
        or 0
    )


def record_export(session: Session, kind: str, records: int, **details: Any) -> None:
    """Write an export to the audit log (kind, number of data rows): called once the file
    is written, so a workbook that could not be saved leaves no entry."""
    require(session, Permission.EXPORT)
    audit.record(session, "export", kind=kind, records=records, **details)


def period_of(
    year: int | None = None, month: tuple[int, int] | None = None
) -> tuple[dt.date, dt.date]:
    """First and last day of a month (year, month) or of a year."""
    if month is not None:
        return month_bounds(*month)
    if year is None:
        raise ValueError("a year or a month is needed")
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# --- participant list -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParticipantLine:
    id: int
    last_name: str
    first_name: str
    pesel: str | None
    birth_date: dt.date
    sex: str
    street: str
    postal_code: str
    city: str
    gmina: str
    powiat: str
    phone: str
    categories: tuple[int, ...]
    referral_source: str
    referral_institution: str
    contract_number: str
    group: str | None  # of the current (or last) participation period
    status: str  # active | ended | planned | none
    start_on: dt.date | None
    planned_end_on: dt.date | None
    end_on: dt.date | None
    end_reason: str | None


@dataclass(frozen=True, slots=True)
class ParticipantList:
    header: ExportHeader
    rows: list[ParticipantLine]
    sensitive_hidden: bool  # categories 2–4 and 8 left out for this role
    on: dt.date


def participant_list(
    session: Session,
    first: dt.date | None = None,
    last: dt.date | None = None,
    on: dt.date | None = None,
) -> ParticipantList:
    """Everyone on file, or (with a period) everyone with a participation in it.

    Three queries (people, periods, categories), however many people there are.
    """
    require(session, Permission.EXPORT)
    actor = actor_of(session)
    on = on or dt.date.today()
    if first is not None and last is not None:
        on = min(max(on, first), last)
    query = (
        select(Participant)
        .where(exportable_participants_filter())
        .order_by(Participant.last_name, Participant.first_name, Participant.id)
    )
    scope = select(Participant.id)
    if first is not None and last is not None:
        scope = select(Participation.participant_id).where(
            Participation.start_on <= last,
            or_(Participation.end_on.is_(None), Participation.end_on >= first),
        )
        query = query.where(Participant.id.in_(scope))
    people = list(session.scalars(query))
    periods: dict[int, list[Participation]] = {}
    for p in session.scalars(
        select(Participation).order_by(Participation.participant_id, Participation.start_on)
    ):
        periods.setdefault(p.participant_id, []).append(p)
    numbers = {
        int(pid): str(number)
        for pid, number in session.execute(select(Contract.participation_id, Contract.number))
    }
    # health categories only for an actor who may see them, sealed ones opened by the one
    # service that holds their key (docs/threat-model.md §3.4)
    categories = sensitive.categories_of(session)
    hide = not sensitive.may_see_health(session)
    show_pesel = actor.can(Permission.VIEW_PESEL)
    rows = []
    for person in people:
        current = current_period(periods.get(person.id, []), on, period_span)
        status = participation_status(period_span(current) if current else None, on)
        rows.append(
            ParticipantLine(
                id=person.id,
                last_name=person.last_name,
                first_name=person.first_name,
                pesel=person.pesel if show_pesel else mask_pesel(person.pesel),
                birth_date=person.birth_date,
                sex=person.sex,
                street=person.street,
                postal_code=person.postal_code,
                city=person.city,
                gmina=person.gmina,
                powiat=person.powiat,
                phone=person.phone,
                categories=tuple(categories.get(person.id, ())),
                referral_source=person.referral_source,
                referral_institution=person.referral_institution,
                contract_number=numbers.get(current.id, "") if current else "",
                group=current.group.name if current is not None and current.group else None,
                status=status,
                start_on=current.start_on if current else None,
                planned_end_on=current.planned_end_on if current else None,
                end_on=current.end_on if current else None,
                end_reason=current.end_reason if current else None,
            )
        )
    header = export_header(session, first, last, count_restricted(session, scope))
    return ParticipantList(header, rows, hide, on)


# --- monthly hours and the KIS minimum --------------------------------------------------


@dataclass(frozen=True, slots=True)
class HoursLine:
    participant_id: int
    last_name: str
    first_name: str
    group: str | None
    start_on: dt.date
    end_on: dt.date | None
    required: int  # minutes (docs/domain.md#hours-minimum)
    scheduled: int
    attended: int
    missing: int
    remaining: int  # scheduled after the date asked about
    status: str  # met | short | in_progress
    offer_short: bool  # the office planned less than required
    at_risk: bool


@dataclass(frozen=True, slots=True)
class WeekLine:
    """A CIS participant's presence in one ISO week (art. 14 ust. 1: 30–40 clock hours)."""

    participant_id: int
    last_name: str
    first_name: str
    group: str | None
    year: int
    week: int
    monday: dt.date
    required_min: int  # minutes, pro-rated by working days (docs/domain.md#cis-weekly)
    allowed_max: int
    scheduled: int
    attended: int
    missing: int
    status: str  # met | short | in_progress | over
    offer_short: bool


@dataclass(frozen=True, slots=True)
class HoursMonth:
    year: int
    month: int
    rows: list[HoursLine]  # KIS: the monthly minimum (docs/domain.md#hours-minimum)
    weeks: list[WeekLine] = field(default_factory=list)  # CIS: weeks whose Thursday is here


@dataclass(frozen=True, slots=True)
class HoursExport:
    header: ExportHeader
    as_of: dt.date
    hour_minutes: int
    minimum_hours: int
    months: list[HoursMonth]
    weekly_min_hours: int = 30
    weekly_max_hours: int = 40

    @property
    def records(self) -> int:
        """Data rows written: a KIS sheet has one per person and month, a CIS one per
        person and week."""
        return sum(len(m.rows) + len(m.weeks) for m in self.months)


def hours_export(
    session: Session,
    months: list[tuple[int, int]],
    as_of: dt.date | None = None,
    group_id: int | None = None,
) -> HoursExport:
    """Monthly hours against the minimum (services.hours.month_report: SQL sums per period)."""
    require(session, Permission.EXPORT)
    as_of = as_of or dt.date.today()
    groups = {gid: name for gid, name in session.execute(select(Group.id, Group.name))}
    out: list[HoursMonth] = []
    settings = all_settings(session)
    hour_minutes, minimum = settings["hour_minutes"], settings["monthly_minimum_hours"]
    skipped: set[int] = set()  # restricted people (RODO art. 18) with a row left out
    if office_kind(session) == "cis":
        cis_months = [
            HoursMonth(y, m, [], _cis_weeks(session, y, m, as_of, group_id, groups, skipped))
            for y, m in months
        ]
        return HoursExport(
            export_header(session, *_bounds(months), len(skipped)),
            as_of,
            settings["hour_minutes"],
            settings["monthly_minimum_hours"],
            cis_months,
            settings["weekly_min_hours"],
            settings["weekly_max_hours"],
        )
    for year, month in months:
        report = month_report(session, year, month, as_of=as_of, group_id=group_id)
        names = _names(session, {r.totals.participant_id for r in report.rows})
        skipped |= {r.totals.participant_id for r in report.rows} - set(names)
        lines = [
            HoursLine(
                participant_id=r.totals.participant_id,
                last_name=names[r.totals.participant_id][0],
                first_name=names[r.totals.participant_id][1],
                group=groups.get(r.totals.group_id) if r.totals.group_id else None,
                start_on=r.totals.start_on,
                end_on=r.totals.end_on,
                required=r.result.required_minutes,
                scheduled=r.result.scheduled_minutes,
                attended=r.result.attended_minutes,
                missing=r.result.missing_minutes,
                remaining=r.result.remaining_scheduled_minutes,
                status=r.result.status.value,
                offer_short=r.result.offer_short,
                at_risk=r.at_risk,
            )
            for r in report.rows
            if r.totals.participant_id in names  # restricted people are not exported
        ]
        out.append(HoursMonth(year, month, lines))
    header = export_header(session, *_bounds(months), len(skipped))
    return HoursExport(header, as_of, hour_minutes, minimum, out)


def _bounds(months: list[tuple[int, int]]) -> tuple[dt.date | None, dt.date | None]:
    if not months:
        return None, None
    return month_bounds(*months[0])[0], month_bounds(*months[-1])[1]


def _names(session: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    """Names of the exportable people among `ids`: a restricted participant (RODO art. 18)
    has no entry, and the callers leave their rows out."""
    if not ids:
        return {}
    return {
        pid: (last, first)
        for pid, last, first in session.execute(
            select(Participant.id, Participant.last_name, Participant.first_name).where(
                Participant.id.in_(ids), exportable_participants_filter()
            )
        )
    }


def _cis_weeks(
    session: Session,
    year: int,
    month: int,
    as_of: dt.date,
    group_id: int | None,
    groups: dict[int, str],
    skipped: set[int],
) -> list[WeekLine]:
    """Every ISO week that belongs to the month (its Thursday is in it, the ISO rule), with
    each participant's presence against art. 14 ust. 1 (services.hours.week_report)."""
    first, last = month_bounds(year, month)
    thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    lines: list[WeekLine] = []
    while thursday <= last:
        iso_year, iso_week, _ = thursday.isocalendar()
        report = week_report(session, iso_year, iso_week, as_of=as_of, group_id=group_id)
        names = _names(session, {r.totals.participant_id for r in report.rows})
        for r in report.rows:
            pid = r.totals.participant_id
            if pid not in names:  # restricted (RODO art. 18)
                skipped.add(pid)
                continue
            lines.append(
                WeekLine(
                    participant_id=pid,
                    last_name=names[pid][0],
                    first_name=names[pid][1],
                    group=groups.get(r.totals.group_id) if r.totals.group_id else None,
                    year=iso_year,
                    week=iso_week,
                    monday=thursday - dt.timedelta(days=3),
                    required_min=r.result.required_min_minutes,
                    allowed_max=r.result.allowed_max_minutes,
                    scheduled=r.result.scheduled_minutes,
                    attended=r.result.attended_minutes,
                    missing=r.result.missing_minutes,
                    status=r.result.status.value,
                    offer_short=r.result.offer_short,
                )
            )
        thursday += dt.timedelta(days=7)
    lines.sort(key=lambda w: (w.last_name.lower(), w.first_name.lower(), w.monday))
    return lines
