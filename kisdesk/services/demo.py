"""A demo office filled with realistic, fictitious data (`kisdesk demo`, the first-start wizard).

A rural gmina KIS run by its GOPS (or a CIS): staff, groups, participants with valid PESELs,
participation periods over `years` years ending at `today`, weekly classes, individual
counselling, attendance, and the register of certificates. The same seed always gives the
same office (one `random.Random`, nothing from the clock but `today`).

It writes in bulk (Core inserts in batches), not through the per-row services, so ten years
of a big office (a million attendance marks) take minutes, not hours; the data still keeps
every invariant the services enforce (no overlapping periods, marks only for people expected
on the day, partial minutes within the class, unique PESELs).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ConflictError, ValidationError
from kisdesk.i18n import tr
from kisdesk.models import (
    Activity,
    ActivityForm,
    Attendance,
    Base,
    Group,
    IssuedDocument,
    Office,
    Operator,
    Participant,
    ParticipantCategory,
    Participation,
    Staff,
    activity_staff,
)
from kisdesk.rules.calendar import add_months, month_bounds, months_between
from kisdesk.rules.minimum import required_minutes
from kisdesk.services.common import require
from kisdesk.services.demo_people import (
    PeriodPlan,
    assign_groups,
    count_groups,
    plan_people,
    plan_periods,
    plan_staff,
)
from kisdesk.services.demo_rows import (
    PeopleRows,
    certificate_rows,
    office_rows,
    period_row,
    staff_row,
)
from kisdesk.services.demo_schedule import Planned, Scheduler, plan_groups
from kisdesk.services.demo_words import CIS_WORKSHOP_FORM, PLACES, SICK_NOTE
from kisdesk.services.office import DEFAULT_FORMS, OFFICE_KINDS
from kisdesk.services.settings import all_settings

Progress = Callable[[int, int, str], None]
BATCH = 5000
MAX_PARTICIPANTS = 20000
MAX_YEARS = 20
# Phases reported to `progress(done, total, phase)`; the labels are for a progress dialog.
PHASES = {
    "office": tr("Placówka, kadra i grupy"),
    "participants": tr("Uczestnicy i okresy uczestnictwa"),
    "journal": tr("Zajęcia i obecności"),
    "documents": tr("Rejestr zaświadczeń"),
}


@dataclass(frozen=True, slots=True)
class DemoSummary:
    office_name: str
    office_kind: str
    first_day: dt.date  # the office's first day of activity
    today: dt.date
    staff: int
    groups: int
    participants: int
    participations: int
    ongoing: int
    activities: int
    attendance: int
    documents: int


def _is_empty(session: Session) -> bool:
    return (
        session.scalar(select(Office.id).limit(1)) is None
        and session.scalar(select(Participant.id).limit(1)) is None
    )


def _table(target: type[Base] | Table) -> Table:
    return target if isinstance(target, Table) else cast(Table, target.__table__)


def _insert(session: Session, target: type[Base] | Table, rows: Sequence[dict[str, Any]]) -> None:
    """Core INSERT in batches (executemany): no ORM object per row."""
    statement = insert(_table(target))
    for i in range(0, len(rows), BATCH):
        session.execute(statement, rows[i : i + BATCH])


def _insert_ids(session: Session, target: type[Base], rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert and return the new ids in the order of `rows` (portable: RETURNING)."""
    table = _table(target)
    ids: list[int] = []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    for i in range(0, len(rows), BATCH):
        ids.extend(int(x) for x in session.execute(statement, rows[i : i + BATCH]).scalars())
    return ids


def _check(participants: int, years: int, office_kind: str) -> None:
    if office_kind not in OFFICE_KINDS:
        raise ValidationError("office.bad_kind", value=office_kind, allowed="kis, cis")
    if not 1 <= participants <= MAX_PARTICIPANTS:
        raise ValidationError("demo.bad_participants", value=participants, max=MAX_PARTICIPANTS)
    if not 1 <= years <= MAX_YEARS:
        raise ValidationError("demo.bad_years", value=years, max=MAX_YEARS)


def generate(
    session: Session,
    *,
    participants: int,
    years: int,
    seed: int,
    today: dt.date,
    progress: Progress | None = None,
    office_kind: str = "kis",
) -> DemoSummary:
    """Fill an empty database with a demo office whose history ends at `today`."""
    require(session, Permission.MANAGE_OFFICE)
    _check(participants, years, office_kind)
    if not _is_empty(session):
        raise ConflictError("demo.not_empty")
    report: Progress = progress or (lambda done, total, phase: None)
    rng = random.Random(seed)
    kind = office_kind
    opened = add_months(today.replace(day=1), -12 * years)
    place = rng.choice(PLACES)

    report(0, 1, "office")
    people = plan_people(rng, participants)
    periods = plan_periods(rng, people, opened, today, kind)
    group_count = count_groups(periods, opened, today)
    groups = plan_groups(rng, group_count, kind)
    assign_groups(periods, group_count)
    for period in periods:
        groups[period.group].periods.append(period)
    staff = plan_staff(rng, kind, opened, today, group_count, participants)
    head = next(s for s in staff if s.role == "leader").full_name
    operator, office = office_rows(rng, kind, place, opened, today, head)
    office["operator_id"] = _insert_ids(session, Operator, [operator])[0]
    _insert(session, Office, [office])
    forms = [*DEFAULT_FORMS, *([(CIS_WORKSHOP_FORM, "vocational")] if kind == "cis" else [])]
    _insert(session, ActivityForm, [{"name": n, "area": a, "active": True} for n, a in forms])
    for s, staff_id in zip(
        staff, _insert_ids(session, Staff, [staff_row(s) for s in staff]), strict=True
    ):
        s.id = staff_id
    group_rows = [
        {
            "name": g.name,
            "start_on": opened,
            "end_on": None,
            "description": "",
            "created_at": dt.datetime.combine(opened, dt.time(8)),
            "updated_at": dt.datetime.combine(opened, dt.time(8)),
        }
        for g in groups
    ]
    for g, group_id in zip(groups, _insert_ids(session, Group, group_rows), strict=True):
        g.id = group_id
    report(1, 1, "office")

    report(0, len(people), "participants")
    builder = PeopleRows(rng, kind, place)
    ordered = sorted(people, key=lambda p: (p.periods[-1].start, p.index))
    rows = [builder.row(p) for p in ordered]
    for person, person_id in zip(ordered, _insert_ids(session, Participant, rows), strict=True):
        person.id = person_id
    _insert(
        session,
        ParticipantCategory,
        [{"participant_id": p.id, "category": c} for p in ordered for c in p.categories],
    )
    rows = [period_row(rng, p, groups[p.group].id) for p in periods]
    for period, period_id in zip(periods, _insert_ids(session, Participation, rows), strict=True):
        period.id = period_id
    report(len(people), len(people), "participants")

    areas = dict(forms)
    scheduler = Scheduler(
        rng, kind, today, groups, periods, staff, areas,
        place=f"siedziba {'centrum' if kind == 'cis' else 'klubu'}, {office['street']}",
        village=rng.choice(place.villages),
        partner=f"Ośrodek Kształcenia Zawodowego „Fach” {place.powiat_town_locative}",
    )  # fmt: skip
    writer = _JournalWriter(session)
    months = months_between(opened, today)
    held: list[Planned] = []  # the month before, kept to leave recent gaps (see _recent_gaps)
    for i, (year, month) in enumerate(months):
        planned = scheduler.month(year, month)
        if (year, month) == (today.year, today.month):
            settings = all_settings(session)
            _recent_gaps(held, planned, today)
            _people_at_risk(
                planned, today, settings["monthly_minimum_hours"], settings["hour_minutes"]
            )
        writer.write(held)
        held = planned
        report(i, len(months), "journal")
    writer.write(held)
    writer.flush()
    report(len(months), len(months), "journal")

    report(0, 1, "documents")
    settings = all_settings(session)
    documents = certificate_rows(
        rng,
        periods,
        today,
        settings["graduate_months"],
        settings["certificate_number_pattern"],
        head,
    )
    _insert(session, IssuedDocument, documents)
    report(1, 1, "documents")
    session.flush()
    return DemoSummary(
        office_name=office["name"],
        office_kind=kind,
        first_day=opened,
        today=today,
        staff=len(staff),
        groups=len(groups),
        participants=len(people),
        participations=len(periods),
        ongoing=sum(1 for p in periods if p.end is None),
        activities=writer.activities,
        attendance=writer.marks,
        documents=len(documents),
    )


class _JournalWriter:
    """Activities (with their new ids), their leaders and marks, in batches."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.links: list[dict[str, Any]] = []
        self.rows: list[dict[str, Any]] = []
        self.activities = 0
        self.marks = 0

    def write(self, planned: list[Planned]) -> None:
        if not planned:
            return
        ids = _insert_ids(self.session, Activity, [a.row for a in planned])
        self.activities += len(ids)
        for item, activity_id in zip(planned, ids, strict=True):
            for staff_id in item.staff_ids:
                self.links.append({"activity_id": activity_id, "staff_id": staff_id})
            recorded = dt.datetime.combine(item.day, dt.time(16))
            for period, mark, minutes, note in item.marks:
                self.rows.append(
                    {
                        "activity_id": activity_id,
                        "participant_id": period.person.id,
                        "mark": mark,
                        "minutes": minutes,
                        "note": note,
                        "recorded_at": recorded,
                    }
                )
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        _insert(self.session, activity_staff, self.links)
        _insert(self.session, Attendance, self.rows)
        self.marks += len(self.rows)
        self.links, self.rows = [], []


def _recent_gaps(before: list[Planned], planned: list[Planned], today: dt.date) -> None:
    """Leave a few classes of the last week without marks, as if the paper lists were not
    typed in yet: the dashboard shows them (SCENARIOS §3). This month first, so last month's
    report stays complete."""
    week_ago = today - dt.timedelta(days=7)
    groups = len({a.row["group_id"] for a in planned if a.row["kind"] == "group"})
    # One class missing hurts every member's month: with few groups, leave out only one.
    for kind, count in (("group", 2 if groups > 3 else 1), ("individual", 2)):
        recent = [a for a in planned if a.row["kind"] == kind and a.marks and a.day >= week_ago]
        if len(recent) < count:
            recent += [a for a in before if a.row["kind"] == kind and a.marks and a.day >= week_ago]
        recent.sort(key=lambda a: (a.day, a.row["start_time"]), reverse=True)
        chosen: list[Planned] = []
        for a in recent:  # the latest ones, of different groups
            if len(chosen) == count:
                break
            if kind == "group" and any(a.row["group_id"] == c.row["group_id"] for c in chosen):
                continue
            chosen.append(a)
        for a in chosen:
            a.marks = []


def _credit(mark: str, minutes: int | None, length: int) -> int:
    if mark == "present":
        return length
    if mark == "partial":
        return min(minutes or 0, length)
    return 0


def _people_at_risk(planned: list[Planned], today: dt.date, minimum: int, hour: int) -> None:
    """Make sure a few people are at risk of missing this month's minimum (SPEC §4.1): even
    every class still planned would not make up for their absences (a long sick leave)."""
    first, _ = month_bounds(today.year, today.month)
    attended: dict[int, int] = defaultdict(int)
    remaining: dict[int, int] = defaultdict(int)
    periods: dict[int, PeriodPlan] = {}
    own: dict[int, list[tuple[Planned, int]]] = defaultdict(list)
    for a in planned:
        for p in a.expected:
            periods[id(p)] = p
            if a.day > today:
                remaining[id(p)] += a.minutes
        for index, (p, mark, minutes, _) in enumerate(a.marks):
            attended[id(p)] += _credit(mark, minutes, a.minutes)
            own[id(p)].append((a, index))
    ongoing = [p for p in periods.values() if p.end is None and p.start <= first]
    required = {
        id(p): required_minutes(today.year, today.month, p.start, p.end, minimum, hour)
        for p in ongoing
    }

    def slack(p: PeriodPlan) -> int:
        return attended[id(p)] + remaining[id(p)] - required[id(p)]

    at_risk = sum(1 for p in ongoing if slack(p) < 0)
    wanted = min(3, max(1, len(ongoing) // 12))
    candidates = sorted(
        (p for p in ongoing if slack(p) >= 0 and remaining[id(p)] < required[id(p)]),
        key=lambda p: (slack(p), p.person.index),
    )
    for p in candidates[: max(0, wanted - at_risk)]:
        for a, index in sorted(own[id(p)], key=lambda x: x[0].day, reverse=True):
            period, mark, minutes, _ = a.marks[index]
            if mark in ("present", "partial"):
                attended[id(p)] -= _credit(mark, minutes, a.minutes)
                a.marks[index] = (period, "excused", None, SICK_NOTE)
            if slack(p) < 0:
                break
