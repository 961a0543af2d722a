"""Attendance marks (obecności), typed in from the paper lists signed by participants.

A participant whose processing is restricted (RODO art. 18, kisdesk.services.rodo) keeps the
marks already stored, but no new ones are recorded: such a person is not among the expected
participants of an activity (lists for signatures, the journal's marks), nor in a group's
month grid, and "everyone present" passes them by instead of failing for the whole group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session, aliased

from kisdesk.access import Permission
from kisdesk.errors import ConflictError, NotFoundError, ValidationError
from kisdesk.models import Activity, Attendance, Participant, Participation
from kisdesk.models.base import utcnow
from kisdesk.rules.calendar import month_bounds
from kisdesk.rules.hours import Mark
from kisdesk.services.absences import covered_on, month_absences
from kisdesk.services.common import get_or_raise, require
from kisdesk.services.months import closed_months, ensure_open, month_key
from kisdesk.services.rodo import restricted_among

MARKS = frozenset(m.value for m in Mark)


@dataclass(frozen=True, slots=True)
class ExpectedRow:
    """A participant expected at an activity, with their mark if one was recorded."""

    participant_id: int
    name: str
    mark: str | None
    minutes: int | None
    expected: bool  # False: marked although not a member on that day (a guest)
    version: int = 0  # of the mark (0: none yet), for set_mark(expected_version=…)


def group_member_condition() -> ColumnElement[bool]:
    """Is the `Participation` a member of `Activity`'s group on the activity's date? The one
    answer to "who does a group class expect" (docs/domain.md#expected), in SQL, so lists of
    many activities join it instead of asking activity by activity."""
    return and_(
        Activity.group_id.is_not(None),
        Participation.group_id == Activity.group_id,
        Participation.start_on <= Activity.date,
        or_(Participation.end_on.is_(None), Participation.end_on >= Activity.date),
    )


def expected_condition() -> ColumnElement[bool]:
    """Is the participant of `Participation` expected at `Activity`? A group member on the
    day, the one participant of an individual session, or anyone who has a mark there."""
    mark = aliased(Attendance)
    marked = (
        exists()
        .where(mark.activity_id == Activity.id, mark.participant_id == Participation.participant_id)
        .correlate(Activity, Participation)
    )
    return or_(
        group_member_condition(),
        Activity.participant_id == Participation.participant_id,
        marked,
    )


def expected_ids(session: Session, activity: Activity) -> list[int]:
    """Members of the activity's group on its date, or the one participant (individual)."""
    if activity.participant_id is not None:
        return [activity.participant_id]
    rows = session.scalars(
        select(Participation.participant_id)
        .join(Activity, group_member_condition())
        .where(Activity.id == activity.id)
    )
    return list(dict.fromkeys(rows))


def expected_participants(session: Session, activity_id: int) -> list[ExpectedRow]:
    """Who is expected at the activity (with their marks), restricted people left out."""
    require(session, Permission.READ)
    activity = get_or_raise(session, Activity, activity_id, "activity.not_found")
    expected = set(expected_ids(session, activity))
    marks = {
        a.participant_id: a
        for a in session.scalars(select(Attendance).where(Attendance.activity_id == activity_id))
    }
    ids = expected | set(marks)
    ids -= restricted_among(session, ids)
    people = (
        {p.id: p for p in session.scalars(select(Participant).where(Participant.id.in_(ids)))}
        if ids
        else {}
    )
    rows = [
        ExpectedRow(
            participant_id=pid,
            name=f"{people[pid].last_name} {people[pid].first_name}",
            mark=marks[pid].mark if pid in marks else None,
            minutes=marks[pid].minutes if pid in marks else None,
            expected=pid in expected,
            version=marks[pid].version if pid in marks else 0,
        )
        for pid in ids
    ]
    return sorted(rows, key=lambda r: (r.name.lower(), r.participant_id))


def _check_mark(
    session: Session,
    activity: Activity,
    participant_id: int,
    mark: str,
    minutes: int | None,
    today: dt.date,
) -> int | None:
    if mark not in MARKS:
        raise ValidationError("attendance.bad_mark", value=mark)
    if activity.date > today:
        raise ValidationError("attendance.future_activity", date=activity.date.isoformat())
    person = get_or_raise(session, Participant, participant_id, "participant.not_found")
    active = session.scalar(
        select(Participation.id).where(
            and_(
                Participation.participant_id == participant_id,
                Participation.start_on <= activity.date,
                or_(Participation.end_on.is_(None), Participation.end_on >= activity.date),
            )
        )
    )
    if active is None:
        raise ValidationError(
            "attendance.not_participating",
            name=person.full_name,
            date=activity.date.isoformat(),
        )
    if mark == Mark.PARTIAL:
        if minutes is None:
            raise ValidationError("attendance.partial_needs_minutes")
        if not 0 < minutes <= activity.minutes:
            raise ValidationError(
                "attendance.partial_out_of_range", minutes=minutes, length=activity.minutes
            )
        return minutes
    return None


def set_mark(
    session: Session,
    activity_id: int,
    participant_id: int,
    mark: str,
    minutes: int | None = None,
    today: dt.date | None = None,
    expected_version: int | None = None,
) -> None:
    """Record (or change) one participant's mark at one activity.

    `expected_version` is the mark's version the user saw (0: there was no mark): if someone
    else recorded or changed it since, the change is refused instead of overwriting theirs.
    """
    require(session, Permission.EDIT_JOURNAL)
    activity = get_or_raise(session, Activity, activity_id, "activity.not_found")
    ensure_open(session, [activity.date])
    minutes = _check_mark(
        session, activity, participant_id, mark, minutes, today or dt.date.today()
    )
    row = session.get(Attendance, (activity_id, participant_id))
    if expected_version is not None and (row.version if row else 0) != expected_version:
        raise ConflictError("record.changed_meanwhile")
    if row is None:
        row = Attendance(activity_id=activity_id, participant_id=participant_id)
        session.add(row)
    row.mark, row.minutes, row.recorded_at = mark, minutes, utcnow()
    session.flush()


def clear_mark(
    session: Session, activity_id: int, participant_id: int, expected_version: int | None = None
) -> None:
    require(session, Permission.EDIT_JOURNAL)
    activity = session.get(Activity, activity_id)
    if activity is not None:
        ensure_open(session, [activity.date])
    row = session.get(Attendance, (activity_id, participant_id))
    if expected_version is not None and (row.version if row else 0) != expected_version:
        raise ConflictError("record.changed_meanwhile")
    if row is not None:
        session.delete(row)
        session.flush()


def record_activity(
    session: Session,
    activity_id: int,
    absent: Iterable[int] = (),
    excused: Iterable[int] = (),
    partial: Mapping[int, int] | None = None,
    today: dt.date | None = None,
) -> int:
    """Everyone expected is present unless listed otherwise (the paper list's exceptions).

    Marks already recorded are kept unless the participant is listed. Returns how many marks
    were written. Listing someone who is not expected is an error, so a typo is not recorded.
    A restricted participant (art. 18 RODO) is passed by; listing one is refused
    (`rodo.restricted`), since their record takes no new data.
    """
    require(session, Permission.EDIT_JOURNAL)
    activity = get_or_raise(session, Activity, activity_id, "activity.not_found")
    partial = dict(partial or {})
    exceptions: dict[int, tuple[str, int | None]] = {}
    for pid in absent:
        exceptions[pid] = (Mark.ABSENT.value, None)
    for pid in excused:
        exceptions[pid] = (Mark.EXCUSED.value, None)
    for pid, minutes in partial.items():
        exceptions[pid] = (Mark.PARTIAL.value, minutes)
    expected = expected_ids(session, activity)
    for pid in exceptions:
        if pid not in expected:
            raise NotFoundError(
                "attendance.not_expected", participant_id=pid, activity_id=activity_id
            )
    existing = {
        a.participant_id
        for a in session.scalars(select(Attendance).where(Attendance.activity_id == activity_id))
    }
    restricted = restricted_among(session, expected)
    # On sick leave or a day off that day: excused, never present (art. 15 ust. 6b, 7a).
    covered = covered_on(session, expected, activity.date)
    written = 0
    for pid in expected:
        if pid in exceptions:
            mark, stated = exceptions[pid]
        elif pid in existing or pid in restricted:
            continue
        elif pid in covered:
            mark, stated = Mark.EXCUSED.value, None
        else:
            mark, stated = Mark.PRESENT.value, None
        set_mark(session, activity_id, pid, mark, stated, today=today)
        written += 1
    return written


def mark_all_present(session: Session, activity_id: int, today: dt.date | None = None) -> int:
    """Mark everyone expected and still without a mark as present."""
    return record_activity(session, activity_id, today=today)


def mark_month_present(
    session: Session, group_id: int, year: int, month: int, today: dt.date | None = None
) -> int:
    """ "Wszyscy obecni" for a group's whole month: every class already held, everyone
    expected and still without a mark is present (sick leave and days off excused, marks
    already typed kept: record_activity). Returns how many marks were written."""
    require(session, Permission.EDIT_JOURNAL)
    today = today or dt.date.today()
    first, last = month_bounds(year, month)
    ids = session.scalars(
        select(Activity.id)
        .where(
            Activity.group_id == group_id,
            Activity.date >= first,
            Activity.date <= min(last, today),
        )
        .order_by(Activity.date, Activity.start_time, Activity.id)
    ).all()
    return sum(record_activity(session, activity_id, today=today) for activity_id in ids)


@dataclass(frozen=True, slots=True)
class GridPerson:
    participant_id: int
    name: str
    first_day: dt.date  # participation inside the month
    last_day: dt.date


@dataclass(frozen=True, slots=True)
class MonthGrid:
    """Participants × activities of a group in a month, with the recorded marks."""

    year: int
    month: int
    activities: list[
        tuple[int, dt.date, dt.time, dt.time, int, str]
    ]  # id, date, from, to, min, topic
    people: list[GridPerson]
    marks: dict[tuple[int, int], tuple[str, int | None]]  # (activity_id, participant_id)
    versions: dict[tuple[int, int], int]  # of each mark, for set_mark(expected_version=…)
    restricted: tuple[str, ...] = ()  # members left out: processing restricted (art. 18)
    # Whole-day absences: (participant, day) → sick | day_off | excused | unexcused.
    absences: dict[tuple[int, dt.date], str] = field(default_factory=dict)
    closed: bool = False  # the month is closed: nothing in it may change


def month_grid(session: Session, group_id: int, year: int, month: int) -> MonthGrid:
    require(session, Permission.READ)
    first, last = month_bounds(year, month)
    activities = list(
        session.execute(
            select(
                Activity.id,
                Activity.date,
                Activity.start_time,
                Activity.end_time,
                Activity.minutes,
                Activity.topic,
            )
            .where(Activity.group_id == group_id, Activity.date >= first, Activity.date <= last)
            .order_by(Activity.date, Activity.start_time, Activity.id)
        )
    )
    members = session.execute(
        select(Participant, Participation.start_on, Participation.end_on)
        .join(Participation, Participation.participant_id == Participant.id)
        .where(
            Participation.group_id == group_id,
            Participation.start_on <= last,
            or_(Participation.end_on.is_(None), Participation.end_on >= first),
        )
        .order_by(Participant.last_name, Participant.first_name)
    )
    people: dict[int, GridPerson] = {}
    restricted: dict[int, str] = {}
    for person, start, end in members:
        if person.restricted:  # art. 18 RODO: no new marks, so not a row to type into
            restricted[person.id] = f"{person.last_name} {person.first_name}"
            continue
        first_day = max(start, first)
        last_day = min(end or last, last)
        known = people.get(person.id)
        if known is not None:  # two periods in one month: span both
            first_day, last_day = min(first_day, known.first_day), max(last_day, known.last_day)
        people[person.id] = GridPerson(
            person.id, f"{person.last_name} {person.first_name}", first_day, last_day
        )
    ids = [a.id for a in activities]
    marks = {}
    versions = {}
    if ids:
        for a in session.scalars(select(Attendance).where(Attendance.activity_id.in_(ids))):
            if a.participant_id in restricted:
                continue
            marks[(a.activity_id, a.participant_id)] = (a.mark, a.minutes)
            versions[(a.activity_id, a.participant_id)] = a.version
    return MonthGrid(
        year,
        month,
        [(a.id, a.date, a.start_time, a.end_time, a.minutes, a.topic) for a in activities],
        list(people.values()),
        marks,
        versions,
        tuple(restricted.values()),
        month_absences(session, list(people), year, month),
        month_key(year, month) in closed_months(session),
    )
