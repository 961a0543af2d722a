"""A participant's history for the participant form, and small queries the GUI lists need.

- `register_participant`: a new person and their first participation period in one unit of
  work (the GUI's "new participant" form saves both or nothing).
- `month_history`: attended vs required hours for every month of the person's participation
  (docs/domain.md#hours-minimum), newest first.
- `documents_of`: documents issued to the person (the register of docs/domain.md#participants), read-only.
- `expected_counts`: how many people are expected at each activity (journal list).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.models import Activity, Attendance, IssuedDocument, Participation
from kisdesk.rules.calendar import month_bounds, months_between
from kisdesk.rules.minimum import MonthStatus
from kisdesk.services.attendance import group_member_condition
from kisdesk.services.common import require
from kisdesk.services.hours import month_report
from kisdesk.services.participants import ParticipantData, add_participant
from kisdesk.services.participations import enroll


def register_participant(
    session: Session,
    data: ParticipantData,
    start_on: dt.date,
    group_id: int | None = None,
    planned_end_on: dt.date | None = None,
    entitlements: tuple[str, ...] = (),
) -> int:
    """Add a person and enrol them at once; either both are saved or neither."""
    require(session, Permission.EDIT_PARTICIPANTS)
    participant_id = add_participant(session, data)
    enroll(session, participant_id, start_on, planned_end_on, group_id, entitlements)
    return participant_id


@dataclass(frozen=True, slots=True)
class MonthHours:
    """One month of one participant (all their periods in that month together)."""

    year: int
    month: int
    required_minutes: int
    attended_minutes: int
    scheduled_minutes: int
    remaining_minutes: int
    status: str  # kisdesk.rules.minimum.MonthStatus value
    offer_short: bool  # the office planned fewer minutes than required
    marks: dict[str, int] = field(default_factory=dict)  # mark -> how many (present, …)


def combine_status(statuses: list[MonthStatus], attended: int, required: int) -> MonthStatus:
    """Status of a month when a person had two periods in it: the minutes decide together."""
    if attended >= required:
        return MonthStatus.MET
    if any(s is MonthStatus.IN_PROGRESS for s in statuses):
        return MonthStatus.IN_PROGRESS
    return MonthStatus.SHORT


def month_history(
    session: Session, participant_id: int, as_of: dt.date | None = None
) -> list[MonthHours]:
    """Attended vs required hours of each month the person took part in, newest first.

    Months after `as_of` (today) are left out: a planned period has no hours yet.
    """
    require(session, Permission.READ)
    as_of = as_of or dt.date.today()
    spans = session.execute(
        select(Participation.start_on, Participation.end_on).where(
            Participation.participant_id == participant_id
        )
    )
    months: set[tuple[int, int]] = set()
    for start, end in spans:
        last = min(end or as_of, month_bounds(as_of.year, as_of.month)[1])
        months.update(months_between(start, last))
    counts: dict[tuple[int, int], dict[str, int]] = {}
    year_of, month_of = extract("year", Activity.date), extract("month", Activity.date)
    for year, month, mark, n in session.execute(
        select(year_of, month_of, Attendance.mark, func.count())
        .join(Activity, Activity.id == Attendance.activity_id)
        .where(Attendance.participant_id == participant_id, Activity.date <= as_of)
        .group_by(year_of, month_of, Attendance.mark)
    ):
        counts.setdefault((int(year), int(month)), {})[mark] = int(n)
    result = []
    for year, month in sorted(months, reverse=True):
        report = month_report(session, year, month, as_of=as_of, participant_id=participant_id)
        if not report.rows:
            continue
        required = sum(r.result.required_minutes for r in report.rows)
        attended = sum(r.result.attended_minutes for r in report.rows)
        status = combine_status([r.result.status for r in report.rows], attended, required)
        scheduled = sum(r.result.scheduled_minutes for r in report.rows)
        result.append(
            MonthHours(
                year=year,
                month=month,
                required_minutes=required,
                attended_minutes=attended,
                scheduled_minutes=scheduled,
                remaining_minutes=sum(r.result.remaining_scheduled_minutes for r in report.rows),
                status=status.value,
                offer_short=scheduled < required,
                marks=counts.get((year, month), {}),
            )
        )
    return result


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: int
    number: str
    kind: str
    issued_on: dt.date
    issued_by: str
    cancelled: bool
    cancel_reason: str | None


def documents_of(session: Session, participant_id: int) -> list[DocumentRow]:
    """Documents issued to the person, newest first (read-only here)."""
    require(session, Permission.READ)
    query = (
        select(IssuedDocument)
        .where(IssuedDocument.participant_id == participant_id)
        .order_by(IssuedDocument.issued_on.desc(), IssuedDocument.id.desc())
    )
    return [
        DocumentRow(
            id=d.id,
            number=d.number,
            kind=d.kind,
            issued_on=d.issued_on,
            issued_by=d.issued_by,
            cancelled=d.cancelled_at is not None,
            cancel_reason=d.cancel_reason,
        )
        for d in session.scalars(query)
    ]


def expected_counts(session: Session, activity_ids: list[int]) -> dict[int, int]:
    """People expected at each activity: the group's members on its date, or the one
    participant of an individual session, plus anyone marked there (two queries in all)."""
    require(session, Permission.READ)
    if not activity_ids:
        return {}
    people: dict[int, set[int]] = {i: set() for i in activity_ids}
    members = session.execute(
        select(Activity.id, Participation.participant_id)
        .join(Participation, group_member_condition())
        .where(Activity.id.in_(activity_ids))
    )
    for activity_id, person in members:
        people[activity_id].add(person)
    for activity_id, individual in session.execute(
        select(Activity.id, Activity.participant_id).where(
            Activity.id.in_(activity_ids), Activity.participant_id.is_not(None)
        )
    ):
        if individual is not None:
            people[activity_id].add(individual)
    for activity_id, person in session.execute(
        select(Attendance.activity_id, Attendance.participant_id).where(
            Attendance.activity_id.in_(activity_ids)
        )
    ):
        people[activity_id].add(person)
    return {i: len(p) for i, p in people.items()}
