"""A demo office filled with realistic, fictitious data (`kisdesk demo`, the first-start wizard).

A rural gmina KIS run by its GOPS (or a CIS): staff, groups, participants with valid PESELs,
participation periods over `years` years ending at `today`, weekly classes, individual
counselling, attendance, and the register of certificates. The same seed always gives the
same office (one `random.Random`, nothing from the clock but `today`).

`participants` counts the people over the whole history (the rows of the participant list),
not those taking part at one time: people stay 3–12 months, so ten years of 300 people is an
office of about 20 at a time, and each person leaves about 75 attendance marks (a million
marks is about 13 000 people over ten years).

It writes in bulk (Core inserts in batches), not through the per-row services, so a big
office takes seconds; the data still keeps every invariant the services enforce (no
overlapping periods, marks only for people expected on the day, partial minutes within the
class, unique PESELs). Since the rows bypass the services' audit, one audit entry
("demo_data") says the whole office is demo data, with the seed that made it.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.demo.dashboard import people_at_risk, recent_gaps
from kisdesk.demo.path import PathRows, authorisation_rows, decide_trials, progress_rows
from kisdesk.demo.people import (
    PeriodPlan,
    PersonPlan,
    StaffPlan,
    assign_groups,
    count_groups,
    plan_people,
    plan_periods,
    plan_staff,
)
from kisdesk.demo.rows import (
    PeopleRows,
    certificate_rows,
    followup_rows,
    office_rows,
    period_row,
    staff_row,
)
from kisdesk.demo.schedule import GroupPlan, Planned, Scheduler, plan_groups
from kisdesk.demo.words import CIS_SKILLS, CIS_WORKSHOP_FORM, PLACES, Place
from kisdesk.errors import ConflictError, ValidationError
from kisdesk.i18n import tr
from kisdesk.models import (
    Activity,
    ActivityForm,
    Attendance,
    Authorisation,
    Base,
    Contract,
    ContractGoal,
    FollowUp,
    Group,
    IssuedDocument,
    Office,
    Operator,
    Participant,
    ParticipantCategory,
    Participation,
    Review,
    ReviewProgress,
    Staff,
    activity_staff,
)
from kisdesk.rules.calendar import add_months, months_between
from kisdesk.services import audit
from kisdesk.services.common import require
from kisdesk.services.documents_common import to_dict
from kisdesk.services.documents_data import certificate_data
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
        batch: list[Any] = list(session.execute(statement, rows[i : i + BATCH]).scalars())
        ids.extend(int(x) for x in batch)
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
    forms = _write_office(session, operator, office, staff, groups, kind, opened)
    report(1, 1, "office")

    report(0, len(people), "participants")
    _write_people(session, rng, kind, place, people, periods, groups, today, seed)
    _insert(session, Authorisation, authorisation_rows(staff))
    _insert(session, FollowUp, followup_rows(periods, today))
    report(len(people), len(people), "participants")

    scheduler = Scheduler(
        rng, kind, today, groups, periods, staff, dict(forms),
        place=f"siedziba {'centrum' if kind == 'cis' else 'klubu'}, {office['street']}",
        village=rng.choice(place.villages),
        partner=f"Ośrodek Kształcenia Zawodowego „Fach” {place.powiat_town_locative}",
    )  # fmt: skip
    writer = _write_journal(session, scheduler, opened, today, report)

    settings = all_settings(session)
    documents = certificate_rows(
        rng,
        periods,
        today,
        settings["graduate_months"],
        settings["certificate_number_pattern"],
        head,
        kind=kind,
    )
    _write_documents(session, documents, periods, kind, report)
    session.flush()
    audit.record(session, "demo_data", participants=len(people), years=years, seed=seed, kind=kind)
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


def _write_office(
    session: Session,
    operator: dict[str, Any],
    office: dict[str, Any],
    staff: list[StaffPlan],
    groups: list[GroupPlan],
    kind: str,
    opened: dt.date,
) -> list[tuple[str, str]]:
    """The office, its operating body, the dictionary of forms, staff and groups; returns
    the forms (name, area)."""
    office["operator_id"] = _insert_ids(session, Operator, [operator])[0]
    _insert(session, Office, [office])
    forms = [*DEFAULT_FORMS, *([(CIS_WORKSHOP_FORM, "vocational")] if kind == "cis" else [])]
    _insert(session, ActivityForm, [{"name": n, "area": a, "active": True} for n, a in forms])
    ids = _insert_ids(session, Staff, [staff_row(s) for s in staff])
    for member, staff_id in zip(staff, ids, strict=True):
        member.id = staff_id
    created = dt.datetime.combine(opened, dt.time(8))
    rows = [
        {
            "name": g.name,
            "start_on": opened,
            "end_on": None,
            "description": "",
            "created_at": created,
            "updated_at": created,
        }
        for g in groups
    ]
    for group, group_id in zip(groups, _insert_ids(session, Group, rows), strict=True):
        group.id = group_id
    return forms


def _write_people(
    session: Session,
    rng: random.Random,
    kind: str,
    place: Place,
    people: list[PersonPlan],
    periods: list[PeriodPlan],
    groups: list[GroupPlan],
    today: dt.date,
    seed: int,
) -> None:
    """Participants (numbered in the order they were referred), categories and periods,
    each period's kontrakt/IPZS with its goals and reviews."""
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
    settings = all_settings(session)
    if kind == "cis":
        decide_trials(builder.contracts, settings, today)
    contracts = [
        {**{k: v for k, v in c.items() if k != "period"}, "participation_id": c["period"].id}
        for c in builder.contracts
    ]
    contract_ids = _insert_ids(session, Contract, contracts)
    # its own stream, so the rest of the office comes out as before for the same seed
    path = PathRows(random.Random(f"path-{seed}"), kind, settings, today)
    for contract, contract_id in zip(builder.contracts, contract_ids, strict=True):
        plan: PeriodPlan = contract["period"]
        goals = path.goals(contract_id, plan, contract["status"])
        goal_ids = _insert_ids(session, ContractGoal, goals)
        days = path.reviews(plan)
        if days:
            review_ids = _insert_ids(session, Review, path.review_rows(plan, days))
            progress = progress_rows(review_ids, goals, goal_ids, final=plan.end is not None)
            _insert(session, ReviewProgress, progress)


GRADUATE_KIND = "graduate_certificate"


def _write_documents(
    session: Session,
    rows: list[dict[str, Any]],
    periods: list[PeriodPlan],
    kind: str,
    report: Progress,
) -> None:
    """The register of certificates with the snapshot of what was printed, composed by the
    documents service itself, so a demo certificate can be printed again like any other."""
    by_id = {p.id: p for p in periods}
    done = 0
    # Certificates of ending first: a graduate certificate names the one it rests on
    # (art. 2 pkt 1a–1b), so that one must be in the register when it is composed.
    for batch in (
        [r for r in rows if r["kind"] != GRADUATE_KIND],
        [r for r in rows if r["kind"] == GRADUATE_KIND],
    ):
        for row in batch:
            if done % 100 == 0:
                report(done, len(rows), "documents")
            done += 1
            period = session.get_one(Participation, row["participation_id"])
            # A CIS certificate confirms the skills acquired (art. 13 ust. 5a).
            skills = CIS_SKILLS[by_id[period.id].group % len(CIS_SKILLS)] if kind == "cis" else ""
            data = certificate_data(
                session, period, row["kind"], row["number"], row["issued_on"], skills
            )
            row["snapshot"] = json.dumps(to_dict(data), ensure_ascii=False)
            # A CIS certificate for category 5 or a PUP referral went to the PUP too.
            row["pup_required"] = bool(data.pup_note)
            row["sent_to_pup_on"] = (
                row["issued_on"] + dt.timedelta(days=2) if data.pup_note else None
            )
        _insert(session, IssuedDocument, batch)
    report(len(rows), len(rows), "documents")


def _write_journal(
    session: Session,
    scheduler: Scheduler,
    opened: dt.date,
    today: dt.date,
    report: Progress,
) -> _JournalWriter:
    """Month by month; the last two months are held back so the recent gaps and the people
    at risk (what the dashboard shows) can be arranged before they are written."""
    writer = _JournalWriter(session)
    months = months_between(opened, today)
    held: list[Planned] = []
    for i, (year, month) in enumerate(months):
        planned = scheduler.month(year, month)
        if (year, month) == (today.year, today.month):
            recent_gaps(held, planned, today)
            # the monthly minimum is a KIS rule (docs/domain.md#hours-minimum)
            if scheduler.kind == "kis":
                settings = all_settings(session)
                people_at_risk(
                    planned, today, settings["monthly_minimum_hours"], settings["hour_minutes"]
                )
        writer.write(held)
        held = planned
        report(i, len(months), "journal")
    writer.write(held)
    writer.flush()
    report(len(months), len(months), "journal")
    return writer


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
