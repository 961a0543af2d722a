"""The month's end (docs/domain.md#month-end): for a month and a group, or every group of the
office, what one action prints in one go: the monthly attendance sheet, the activity journal,
the hours report (the KIS monthly minimum, docs/domain.md#hours-minimum) and the lists for
signatures of next month's classes.

`plan_month_end` says which documents will be made and which are skipped and why, without
building any; `month_end_data` builds one of them when its turn comes, so the caller can show
progress document by document and keep those made when a later one fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ValidationError
from kisdesk.i18n import tr
from kisdesk.messages.core import month_name
from kisdesk.models import Activity, Group, Participation
from kisdesk.rules.calendar import is_working_day, month_bounds, month_just_ended, weekly_dates
from kisdesk.rules.hours import format_hours
from kisdesk.services.common import get_or_raise, require
from kisdesk.services.dashboard_hours import surname_first_names
from kisdesk.services.documents_common import Header, audit_print, office_header, short_date
from kisdesk.services.documents_journal import journal_data
from kisdesk.services.documents_lists import (
    SPARE_ROWS,
    STATUS_LABELS,
    AttendanceListData,
    day_list_data,
    month_sheet_data,
)
from kisdesk.services.groups import list_groups
from kisdesk.services.hours import MonthReport, month_report
from kisdesk.services.office import office_kind
from kisdesk.services.rodo import restricted_among
from kisdesk.services.settings import all_settings

# The documents in the order they are made and printed.
KINDS = ("attendance_sheet", "journal", "hours_report", "next_lists")
KIND_LABELS = {
    "attendance_sheet": tr("Miesięczna lista obecności"),
    "journal": tr("Dziennik zajęć"),
    "hours_report": tr("Zestawienie godzin"),
    "next_lists": tr("Listy obecności na następny miesiąc"),
}
# File names (ASCII words, as every printout's, so that e-mail and old Windows keep them).
FILE_PREFIXES = {
    "attendance_sheet": "Obecnosci",
    "journal": "Dziennik_zajec",
    "hours_report": "Godziny",
    "next_lists": "Listy_obecnosci",
}


def default_month(session: Session, today: dt.date | None = None) -> tuple[int, int]:
    """The month just ended, reading the same setting that makes the grid and the dashboard
    show the month before in the first days of a month (`previous_month_days`)."""
    require(session, Permission.READ)
    days = int(all_settings(session)["previous_month_days"])
    return month_just_ended(today or dt.date.today(), days)


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


@dataclass(frozen=True, slots=True)
class Step:
    """One document to make: its kind, its group (None: the whole office) and its name."""

    kind: str
    group_id: int | None
    group: str
    label: str  # "Dziennik zajęć – Grupa poniedziałkowa"
    file_parts: tuple[str, ...]  # joined into a readable file name by the caller
    blank_days: tuple[dt.date, ...] = ()  # next_lists without planned classes: these days


@dataclass(frozen=True, slots=True)
class Skipped:
    kind: str
    group: str
    reason: str  # Polish, said to the user


@dataclass(frozen=True, slots=True)
class MonthEndPlan:
    year: int
    month: int
    month_label: str
    next_label: str
    steps: tuple[Step, ...]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...]  # what the user should know (no classes planned next month)


def _groups(session: Session, group_id: int | None, first: dt.date, last: dt.date) -> list[Any]:
    if group_id is not None:
        group = get_or_raise(session, Group, group_id, "group.not_found")
        return [group]
    rows = [
        g
        for g in list_groups(session)
        if (g.start_on is None or g.start_on <= last) and (g.end_on is None or g.end_on >= first)
    ]
    if not rows:
        raise ValidationError("month_end.no_groups", month=month_name(first.year, first.month))
    return rows


def _class_days(session: Session, group_id: int, year: int, month: int) -> list[dt.date]:
    first, last = month_bounds(year, month)
    days = session.scalars(
        select(Activity.date)
        .where(Activity.group_id == group_id, Activity.date >= first, Activity.date <= last)
        .group_by(Activity.date)
        .order_by(Activity.date)
    )
    return list(days)


def _has_members(session: Session, group_id: int | None, year: int, month: int) -> bool:
    """Whether anyone's participation in the group (None: in the office) touches the month."""
    first, last = month_bounds(year, month)
    query = select(Participation.id).where(
        Participation.start_on <= last,
        or_(Participation.end_on.is_(None), Participation.end_on >= first),
    )
    if group_id is not None:
        query = query.where(Participation.group_id == group_id)
    return session.scalar(query.limit(1)) is not None


def _blank_days(year: int, month: int, usual_weekdays: set[int]) -> tuple[dt.date, ...]:
    """Working days of the month on the group's usual weekdays (ISO, those of its classes in
    the month before; every weekday when it had none): holidays are left out."""
    first, last = month_bounds(year, month)
    weekdays = frozenset(usual_weekdays or range(1, 6))
    return tuple(d for d in weekly_dates(first, last, weekdays) if is_working_day(d))


def plan_month_end(
    session: Session,
    year: int,
    month: int,
    group_id: int | None = None,
    kinds: Iterable[str] = KINDS,
) -> MonthEndPlan:
    """Which documents the month's end makes for a group (or every group of the office), in
    the order of KINDS, and which it skips with the reason."""
    require(session, Permission.READ)
    wanted = list(dict.fromkeys(kinds))
    for kind in wanted:
        if kind not in KINDS:
            raise ValidationError("month_end.bad_kind", value=kind)
    if not wanted:
        raise ValidationError("month_end.nothing_chosen")
    first, last = month_bounds(year, month)
    groups = _groups(session, group_id, first, last)
    ny, nm = next_month(year, month)
    label, next_label = month_name(year, month), month_name(ny, nm)
    key = f"{year:04d}-{month:02d}"
    steps: list[Step] = []
    skipped: list[Skipped] = []
    notes: list[str] = []
    kis = office_kind(session) == "kis"
    for kind in KINDS:
        if kind not in wanted:
            continue
        if kind == "hours_report":
            scope = groups[0].name if group_id is not None else tr("wszystkie grupy")
            if not kis:
                # A CIS checks weekly presence (art. 14 ust. 1), not a monthly minimum.
                skipped.append(
                    Skipped(
                        kind,
                        scope,
                        tr(
                            "w CIS obowiązuje tygodniowy wymiar zajęć (art. 14 ust. 1), nie miesięczne minimum godzin"
                        ),
                    )
                )
                continue
            if not _has_members(session, group_id, year, month):
                # Nobody took part: a report of nobody is not printed.
                skipped.append(
                    Skipped(kind, scope, tr("brak uczestników w miesiącu {m}").format(m=label))
                )
                continue
            steps.append(
                Step(
                    kind,
                    group_id,
                    scope,
                    f"{KIND_LABELS[kind]} – {scope}",
                    (FILE_PREFIXES[kind], key, groups[0].name if group_id is not None else ""),
                )
            )
            continue
        for g in groups:
            held = _class_days(session, g.id, year, month)
            if kind == "journal" and not held:
                skipped.append(
                    Skipped(kind, g.name, tr("brak zajęć w miesiącu {m}").format(m=label))
                )
                continue
            if (
                kind == "attendance_sheet"
                and not held
                and not _has_members(session, g.id, year, month)
            ):
                skipped.append(
                    Skipped(
                        kind, g.name, tr("brak uczestników i zajęć w miesiącu {m}").format(m=label)
                    )
                )
                continue
            if kind == "next_lists":
                planned = _class_days(session, g.id, ny, nm)
                blank: tuple[dt.date, ...] = ()
                if not planned and not _has_members(session, g.id, ny, nm):
                    skipped.append(
                        Skipped(
                            kind,
                            g.name,
                            tr("brak uczestników i zaplanowanych zajęć w miesiącu {m}").format(
                                m=next_label
                            ),
                        )
                    )
                    continue
                if not planned:
                    blank = _blank_days(ny, nm, {d.isoweekday() for d in held})
                    notes.append(
                        tr(
                            "Grupa „{g}”: na {m} nie zaplanowano jeszcze zajęć – wydrukowano puste "
                            "listy na dni robocze ({n}); godziny, temat i prowadzącego wpisuje się ręcznie."
                        ).format(g=g.name, m=next_label, n=len(blank))
                    )
                steps.append(
                    Step(
                        kind,
                        g.id,
                        g.name,
                        f"{KIND_LABELS[kind]} ({next_label}) – {g.name}",
                        (FILE_PREFIXES[kind], f"{ny:04d}-{nm:02d}", g.name),
                        blank,
                    )
                )
                continue
            steps.append(
                Step(
                    kind,
                    g.id,
                    g.name,
                    f"{KIND_LABELS[kind]} – {g.name}",
                    (FILE_PREFIXES[kind], key, g.name),
                )
            )
    return MonthEndPlan(year, month, label, next_label, tuple(steps), tuple(skipped), tuple(notes))


# -- the hours report ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HoursRow:
    name: str  # surname first
    group: str
    attended: str  # hours, one format everywhere (format_hours)
    required: str
    missing: str  # the shortfall when not met, else ""
    status: str
    short: bool  # the month ended below the minimum: printed in bold
    offer_short: bool  # even the classes planned could not have made the minimum


@dataclass(frozen=True, slots=True)
class HoursReportData:
    header: Header
    title: str
    scope: str  # the group, or "wszystkie grupy"
    month_label: str
    as_of: str  # ISO
    rule: str
    rows: tuple[HoursRow, ...]
    met: int
    short: int
    in_progress: int
    show_group: bool


def _merge(report: MonthReport) -> dict[int, dict[str, Any]]:
    """One line per participant: two periods in one month add up, and the worse status wins
    ("short" over "in progress" over "met"), as on the monthly sheet."""
    order = ("short", "in_progress", "met")
    people: dict[int, dict[str, Any]] = {}
    for row in report.rows:
        t, r = row.totals, row.result
        acc = people.setdefault(
            t.participant_id,
            {
                "attended": 0,
                "required": 0,
                "missing": 0,
                "status": r.status.value,
                "offer": False,
                "groups": set(),
                "totals": t,
            },
        )
        acc["attended"] += r.attended_minutes
        acc["required"] += r.required_minutes
        acc["missing"] += r.missing_minutes
        acc["status"] = min(acc["status"], r.status.value, key=order.index)
        acc["offer"] = acc["offer"] or r.offer_short
        if t.group_id is not None:
            acc["groups"].add(t.group_id)
    return people


def hours_report_data(
    session: Session,
    year: int,
    month: int,
    group_id: int | None = None,
    as_of: dt.date | None = None,
) -> HoursReportData:
    """Each participant's didactic hours in the month against the monthly minimum, the
    shortfall when it was missed (docs/domain.md#hours-minimum), as `kisdesk hours` counts."""
    require(session, Permission.READ)
    as_of = as_of or dt.date.today()
    _, header = office_header(session)
    scope = (
        get_or_raise(session, Group, group_id, "group.not_found").name
        if group_id is not None
        else tr("wszystkie grupy")
    )
    report = month_report(session, year, month, as_of, group_id=group_id)
    hour = report.hour_minutes
    names = {g.id: g.name for g in list_groups(session)}
    people = _merge(report)
    # Restricted people (RODO art. 18) are not processed, so not reported: as on the dashboard.
    for pid in restricted_among(session, people):
        del people[pid]
    full_names = surname_first_names(session, people)
    rows = []
    counts = {"met": 0, "short": 0, "in_progress": 0}
    for pid, acc in people.items():
        status = acc["status"]
        counts[status] += 1
        rows.append(
            HoursRow(
                name=full_names.get(pid, acc["totals"].name),
                group=", ".join(sorted(names.get(g, "") for g in acc["groups"])),
                attended=format_hours(acc["attended"], hour),
                required=format_hours(acc["required"], hour),
                missing=format_hours(acc["missing"], hour) if status != "met" else "",
                status=STATUS_LABELS[status],
                short=status == "short",
                offer_short=acc["offer"],
            )
        )
    rows.sort(key=lambda r: r.name.lower())
    audit_print(session, "hours_report", records=len(rows))
    return HoursReportData(
        header=header,
        title=tr("ZESTAWIENIE GODZIN UCZESTNICTWA"),
        scope=scope,
        month_label=month_name(year, month),
        as_of=as_of.isoformat(),
        rule=tr(
            "Minimum miesięczne: {h} godz. dydaktycznych po {m} min (standard KIS i regulamin "
            "placówki), proporcjonalnie do dni roboczych uczestnictwa w miesiącu. "
            "Godziny obecności do dnia {d}."
        ).format(h=report.monthly_minimum_hours, m=hour, d=short_date(as_of)),
        rows=tuple(rows),
        met=counts["met"],
        short=counts["short"],
        in_progress=counts["in_progress"],
        show_group=group_id is None,
    )


# -- one document's data -------------------------------------------------------------------------
def month_end_data(
    session: Session,
    plan: MonthEndPlan,
    step: Step,
    as_of: dt.date | None = None,
    spare_rows: int = SPARE_ROWS,
) -> Any:
    """The data of one planned document (the renderer is chosen by `step.kind`): a
    MonthSheetData, JournalData, HoursReportData, or a list of AttendanceListData."""
    require(session, Permission.READ)
    year, month = plan.year, plan.month
    if step.kind == "hours_report":
        return hours_report_data(session, year, month, step.group_id, as_of)
    assert step.group_id is not None
    if step.kind == "attendance_sheet":
        return month_sheet_data(session, step.group_id, year, month, as_of)
    if step.kind == "journal":
        return journal_data(session, step.group_id, year, month, as_of)
    ny, nm = next_month(year, month)
    days = step.blank_days or tuple(_class_days(session, step.group_id, ny, nm))
    lists: list[AttendanceListData] = [
        day_list_data(session, step.group_id, day, spare_rows, blank=bool(step.blank_days))
        for day in days
    ]
    return lists
