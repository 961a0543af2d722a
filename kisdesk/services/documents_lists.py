"""Attendance lists for signatures and the monthly attendance sheet (docs/domain.md#documents).

These are working papers, printed as often as needed, so they are not kept in the register
of issued documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ValidationError
from kisdesk.i18n import tr
from kisdesk.messages.core import month_name
from kisdesk.models import Group, Participant, Participation
from kisdesk.rules.hours import Mark, attended_minutes, format_hours
from kisdesk.services.activities import ActivityRow, get_activity, list_activities
from kisdesk.services.attendance import expected_participants, month_grid
from kisdesk.services.common import get_or_raise, require
from kisdesk.services.documents_common import (
    AREA_LABELS,
    Header,
    audit_print,
    office_header,
    short_date,
)
from kisdesk.services.hours import month_report
from kisdesk.services.rodo import restricted_among
from kisdesk.services.settings import all_settings

SPARE_ROWS = 3
STATUS_LABELS = {
    "met": tr("spełnione"),
    "short": tr("niespełnione"),
    "in_progress": tr("w toku"),
}
WEEKDAYS = ("pn", "wt", "śr", "cz", "pt", "sb", "nd")


@dataclass(frozen=True, slots=True)
class ListActivity:
    date: str  # ISO
    time: str  # 09:00–12:00
    form: str
    area: str
    topic: str
    leader: str
    place: str


@dataclass(frozen=True, slots=True)
class AttendanceListData:
    header: Header
    title: str
    group: str
    date: str  # ISO
    activities: tuple[ListActivity, ...]
    names: tuple[str, ...]
    spare_rows: int
    signature_columns: tuple[str, ...]


def _time(row: ActivityRow) -> str:
    return f"{row.start_time.strftime('%H:%M')}–{row.end_time.strftime('%H:%M')}"


def _list_activity(row: ActivityRow) -> ListActivity:
    return ListActivity(
        date=row.date.isoformat(),
        time=_time(row),
        form=row.form,
        area=AREA_LABELS.get(row.area, row.area),
        topic=row.topic,
        leader=", ".join(row.staff),
        place=row.place,
    )


def attendance_list_data(
    session: Session, activity_id: int, spare_rows: int = SPARE_ROWS
) -> AttendanceListData:
    """The list for one activity: everyone expected, then blank rows for guests."""
    require(session, Permission.READ)
    _, header = office_header(session)
    row = get_activity(session, activity_id)
    names = tuple(p.name for p in expected_participants(session, activity_id))
    audit_print(session, "attendance_list", records=len(names))
    return AttendanceListData(
        header=header,
        title=tr("LISTA OBECNOŚCI"),
        group=row.group or (tr("zajęcia indywidualne") if row.kind == "individual" else ""),
        date=row.date.isoformat(),
        activities=(_list_activity(row),),
        names=names,
        spare_rows=spare_rows,
        signature_columns=(tr("Podpis uczestnika"),),
    )


def _members_on(session: Session, group_id: int, day: dt.date) -> list[str]:
    """Names (surname first) of the group's members on `day`, restricted people left out
    as on every list (RODO art. 18)."""
    ids = set(
        session.scalars(
            select(Participation.participant_id).where(
                Participation.group_id == group_id,
                Participation.start_on <= day,
                or_(Participation.end_on.is_(None), Participation.end_on >= day),
            )
        )
    )
    ids -= restricted_among(session, ids)
    if not ids:
        return []
    people = session.scalars(select(Participant).where(Participant.id.in_(ids)))
    return [f"{p.last_name} {p.first_name}" for p in people]


def day_list_data(
    session: Session,
    group_id: int,
    day: dt.date,
    spare_rows: int = SPARE_ROWS,
    *,
    blank: bool = False,
) -> AttendanceListData:
    """The list for a group's day: a signature column for each of the day's activities.

    With `blank`, a day without a planned class still gets its list: the group's members
    and empty lines for the time, topic and leader, filled in by hand (the month's end
    prints next month's lists before its classes are entered, docs/domain.md#month-end)."""
    require(session, Permission.READ)
    _, header = office_header(session)
    group = get_or_raise(session, Group, group_id, "group.not_found")
    rows = [
        r for r in list_activities(session, day.year, day.month, group_id=group_id) if r.date == day
    ]
    if not rows and not blank:
        raise ValidationError("document.no_activities", group=group.name, date=day.isoformat())
    names: dict[str, None] = {}
    for r in rows:
        for p in expected_participants(session, r.id):
            names.setdefault(p.name, None)
    if not rows:
        names = dict.fromkeys(_members_on(session, group_id, day))
    audit_print(session, "attendance_list", records=len(names))
    columns = (
        tuple(tr("Podpis {time}").format(time=_time(r)) for r in rows)
        if 0 < len(rows) <= 3
        else (tr("Podpis uczestnika"),)
    )
    return AttendanceListData(
        header=header,
        title=tr("LISTA OBECNOŚCI"),
        group=group.name,
        date=day.isoformat(),
        activities=tuple(_list_activity(r) for r in rows),
        names=tuple(sorted(names, key=str.lower)),
        spare_rows=spare_rows,
        signature_columns=columns,
    )


def month_lists_data(
    session: Session, group_id: int, year: int, month: int, spare_rows: int = SPARE_ROWS
) -> list[AttendanceListData]:
    """One list per activity of the group in the month (printed in one go)."""
    require(session, Permission.READ)
    group = get_or_raise(session, Group, group_id, "group.not_found")
    rows = list_activities(session, year, month, group_id=group_id)
    if not rows:
        raise ValidationError(
            "document.no_activities", group=group.name, date=f"{year:04d}-{month:02d}"
        )
    return [attendance_list_data(session, r.id, spare_rows) for r in rows]


@dataclass(frozen=True, slots=True)
class SheetRow:
    name: str
    cells: tuple[str, ...]  # one per day column
    individual: str  # hours of individual sessions (not in the group's day columns)
    attended: str
    required: str
    status: str
    short: bool  # the month ended below the minimum: printed in bold


@dataclass(frozen=True, slots=True)
class MonthSheetData:
    header: Header
    title: str
    group: str
    month_label: str
    as_of: str  # ISO
    rule: str  # the minimum and where it comes from
    day_labels: tuple[str, ...]  # "3 pn"
    held: tuple[str, ...]  # hours of classes held each day
    rows: tuple[SheetRow, ...]
    legend: str


def _short_hours(minutes: int, hour: int) -> str:
    text = format_hours(minutes, hour)
    return text[:-3] if text.endswith(",00") else text


def month_sheet_data(
    session: Session, group_id: int, year: int, month: int, as_of: dt.date | None = None
) -> MonthSheetData:
    """Participants × days of a group's month, with hours, required minimum and status."""
    require(session, Permission.READ)
    as_of = as_of or dt.date.today()
    _, header = office_header(session)
    group = get_or_raise(session, Group, group_id, "group.not_found")
    settings = all_settings(session)
    hour, minimum = settings["hour_minutes"], settings["monthly_minimum_hours"]
    grid = month_grid(session, group_id, year, month)
    days = sorted({a[1] for a in grid.activities})
    held = {d: sum(a[4] for a in grid.activities if a[1] == d) for d in days}
    report = month_report(session, year, month, as_of, group_id=group_id)
    totals: dict[int, list[int]] = {}
    statuses: dict[int, str] = {}
    for r in report.rows:
        pid = r.totals.participant_id
        acc = totals.setdefault(pid, [0, 0])
        acc[0] += r.result.attended_minutes
        acc[1] += r.result.required_minutes
        # Two periods in one month: "short" wins over "in progress" over "met".
        order = ("short", "in_progress", "met")
        old = statuses.get(pid, "met")
        new = r.result.status.value
        statuses[pid] = min(old, new, key=order.index) if pid in statuses else new
    rows = []
    for person in grid.people:
        cells = []
        group_minutes = 0
        for d in days:
            if not person.first_day <= d <= person.last_day:
                cells.append("")
                continue
            marks = [
                grid.marks.get((a[0], person.participant_id)) for a in grid.activities if a[1] == d
            ]
            got = 0
            partial = False
            for a, m in zip([a for a in grid.activities if a[1] == d], marks, strict=True):
                if m is not None:
                    got += attended_minutes(Mark(m[0]), a[4], m[1])
                    partial = partial or m[0] == Mark.PARTIAL
            group_minutes += got
            recorded = [m[0] for m in marks if m is not None]
            if got:
                cells.append(_short_hours(got, hour) + ("*" if partial else ""))
            elif Mark.ABSENT in recorded:
                cells.append("n")
            elif Mark.EXCUSED in recorded:
                cells.append("u")
            else:
                cells.append("–" if d <= as_of else "")
        attended, required = totals.get(person.participant_id, [group_minutes, 0])
        rows.append(
            SheetRow(
                name=person.name,
                cells=tuple(cells),
                individual=_short_hours(max(attended - group_minutes, 0), hour),
                attended=format_hours(attended, hour),
                required=format_hours(required, hour),
                status=STATUS_LABELS.get(statuses.get(person.participant_id, ""), ""),
                short=statuses.get(person.participant_id) == "short",
            )
        )
    audit_print(session, "attendance_sheet", records=len(rows))
    return MonthSheetData(
        header=header,
        title=tr("MIESIĘCZNA LISTA OBECNOŚCI"),
        group=group.name,
        month_label=month_name(year, month),
        as_of=as_of.isoformat(),
        rule=tr(
            "Minimum miesięczne: {h} godz. dydaktycznych po {m} min (standard KIS i regulamin "
            "placówki), proporcjonalnie do dni roboczych uczestnictwa w miesiącu."
        ).format(h=minimum, m=hour),
        day_labels=tuple(f"{d.day}\n{WEEKDAYS[d.weekday()]}" for d in days),
        held=tuple(_short_hours(held[d], hour) for d in days),
        rows=tuple(rows),
        legend=tr(
            "Oznaczenia: liczba – godziny obecności (godz. dydaktyczne); * – obecność częściowa; "
            "u – nieobecność usprawiedliwiona; n – nieobecność nieusprawiedliwiona; "
            "– – brak wpisu; puste pole – poza okresem uczestnictwa. „Indyw.” – godziny zajęć "
            "indywidualnych i innych poza zajęciami grupy; „Razem” obejmuje zajęcia grupowe i indywidualne do dnia {d}."
        ).format(d=short_date(as_of)),
    )
