"""The activity journal (dziennik zajęć): add, edit, copy to another date, list by month.

A class of the same group (or a counselling session of the same participant) that overlaps
one already in the journal is usually the same paper list typed twice; it may also be
deliberate (the group split between two rooms). So `overlapping_activities` finds them for
the GUI to ask about, and `allow_overlap=False` makes adding refuse them (the command line
without --allow-overlap).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission, actor_of
from kisdesk.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from kisdesk.models import (
    Activity,
    ActivityForm,
    Attendance,
    Group,
    Participant,
    Participation,
    Staff,
)
from kisdesk.rules.calendar import month_bounds
from kisdesk.rules.hours import activity_minutes
from kisdesk.services import audit, sensitive
from kisdesk.services.activities_overlap import (  # noqa: F401  (this module's API too)
    Overlap,
    overlapping_activities,
    refuse_overlap,
)
from kisdesk.services.attendance import expected_ids
from kisdesk.services.common import check_choice, clean, get_or_raise, require
from kisdesk.services.months import ensure_open
from kisdesk.services.rodo import restricted_among

KINDS = frozenset({"group", "individual"})
AREAS = frozenset({"social", "vocational"})  # reintegracja społeczna / zawodowa


@dataclass(frozen=True, slots=True)
class ActivityData:
    date: dt.date
    start_time: dt.time
    end_time: dt.time
    kind: str
    topic: str
    area: str = "social"
    form: str = ""
    place: str = ""
    partner: str = ""
    group_id: int | None = None
    participant_id: int | None = None  # individual counselling
    staff_ids: tuple[int, ...] = ()
    note: str = ""
    version: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class ActivityRow:
    id: int
    date: dt.date
    start_time: dt.time
    end_time: dt.time
    minutes: int
    kind: str
    area: str
    form: str
    topic: str
    place: str
    partner: str
    group_id: int | None
    group: str | None
    participant_id: int | None
    participant: str | None
    staff_ids: tuple[int, ...]
    staff: tuple[str, ...]
    note: str | None  # None when the role may not read counselling notes
    present: int  # participants marked present or partly present
    recorded: int  # marks recorded at all
    version: int
    has_note: bool = False  # a counselling note is saved (shown or not to this role)


def _active_on(session: Session, participant_id: int, on: dt.date) -> bool:
    return (
        session.scalar(
            select(Participation.id).where(
                Participation.participant_id == participant_id,
                Participation.start_on <= on,
                or_(Participation.end_on.is_(None), Participation.end_on >= on),
            )
        )
        is not None
    )


def _check(session: Session, data: ActivityData) -> int:
    """Validate an activity; returns its length in minutes."""
    try:
        minutes = activity_minutes(data.start_time, data.end_time)
    except ValueError:
        raise ValidationError(
            "activity.end_before_start",
            start=data.start_time.strftime("%H:%M"),
            end=data.end_time.strftime("%H:%M"),
        ) from None
    check_choice(data.kind, KINDS, "activity.bad_kind")
    check_choice(data.area, AREAS, "activity.bad_area")
    if not clean(data.topic):
        raise ValidationError("activity.topic_required")
    if data.kind == "group":
        if data.group_id is None:
            raise ValidationError("activity.group_required")
        get_or_raise(session, Group, data.group_id, "group.not_found")
    else:
        if data.participant_id is None:
            raise ValidationError("activity.participant_required")
        person = get_or_raise(session, Participant, data.participant_id, "participant.not_found")
        if not _active_on(session, person.id, data.date):
            raise ValidationError(
                "activity.participant_not_active",
                name=person.full_name,
                date=data.date.isoformat(),
            )
    for staff_id in data.staff_ids:
        get_or_raise(session, Staff, staff_id, "staff.not_found")
    return minutes


def _check_leaders(session: Session, activity: Activity, data: ActivityData) -> None:
    """Who leads a session decides who reads its counselling note (docs/domain.md#office, kisdesk.access):
    so whoever may not read a session's saved note may not change its leaders either, or they
    could tick themselves and read it, or untick its author, who would lose it."""
    if activity.id is None or not sensitive.has_note(activity):
        return
    saved = [s.id for s in activity.staff]
    if set(saved) == set(data.staff_ids) or actor_of(session).can_read_note(saved):
        return
    audit.record_after(
        session,
        "access_denied",
        record_type="activity",
        record_id=activity.id,
        participant_id=activity.participant_id,
        fields=["staff"],
    )
    raise PermissionDenied("activity.leaders_locked")


def _apply(session: Session, activity: Activity, data: ActivityData, minutes: int) -> str | None:
    """Set the activity's fields; returns the counselling note to keep (`_store_note`, once
    the activity has an id), None to leave the saved one as it is."""
    activity.date, activity.start_time, activity.end_time = (
        data.date,
        data.start_time,
        data.end_time,
    )
    activity.minutes, activity.kind, activity.area = minutes, data.kind, data.area
    activity.form, activity.topic = clean(data.form), clean(data.topic)
    activity.place, activity.partner = clean(data.place), clean(data.partner)
    activity.group_id = data.group_id if data.kind == "group" else None
    activity.participant_id = data.participant_id if data.kind == "individual" else None
    # Counselling notes: only of sessions the actor leads (kadra) or any (leader).
    leaders = [s.id for s in activity.staff] if activity.id else list(data.staff_ids)
    note = None
    if actor_of(session).can_read_note(leaders):
        note = data.note.strip()
        if not sensitive.note_readable(session) and activity.id is not None:
            # A sealed note this account cannot open was not shown to it, so the empty
            # field it sends back is not a deletion (docs/threat-model.md §3.4).
            note = note or None
    activity.staff = [session.get_one(Staff, i) for i in dict.fromkeys(data.staff_ids)]
    return note


def _store_note(session: Session, activity: Activity, note: str | None) -> None:
    if note is not None and (note or sensitive.has_note(activity)):
        sensitive.store_note(session, activity, note)  # sealed in an office with accounts
        session.flush()


def add_activity(session: Session, data: ActivityData, *, allow_overlap: bool = True) -> int:
    """Add one class to the journal. With `allow_overlap=False` a class overlapping one of
    the same group (or the same participant's session) on that day is refused."""
    require(session, Permission.EDIT_JOURNAL)
    ensure_open(session, [data.date])  # a closed month's journal is read-only
    minutes = _check(session, data)
    if not allow_overlap:
        refuse_overlap(session, data)
    activity = Activity(note="")
    note = _apply(session, activity, data, minutes)
    session.add(activity)
    if data.form and not session.scalar(
        select(ActivityForm.id).where(func.lower(ActivityForm.name) == clean(data.form).lower())
    ):
        # A new form typed in the journal joins the office's dictionary.
        session.add(ActivityForm(name=clean(data.form), area=data.area))
    session.flush()
    _store_note(session, activity, note)
    return activity.id


def update_activity(
    session: Session, activity_id: int, data: ActivityData, *, allow_overlap: bool = True
) -> None:
    require(session, Permission.EDIT_JOURNAL)
    activity = get_or_raise(session, Activity, activity_id, "activity.not_found")
    ensure_open(session, [activity.date, data.date])
    if data.version is not None and data.version != activity.version:
        raise ConflictError("record.changed_meanwhile")
    minutes = _check(session, data)
    if not allow_overlap:
        refuse_overlap(session, data, exclude_id=activity_id)
    _check_leaders(session, activity, data)
    note = _apply(session, activity, data, minutes)
    # Partial minutes can never exceed the (possibly shortened) activity.
    for mark in session.scalars(select(Attendance).where(Attendance.activity_id == activity_id)):
        if mark.minutes is not None and mark.minutes > minutes:
            mark.minutes = minutes
    session.flush()
    _store_note(session, activity, note)


def delete_activity(session: Session, activity_id: int) -> None:
    require(session, Permission.EDIT_JOURNAL)
    activity = get_or_raise(session, Activity, activity_id, "activity.not_found")
    ensure_open(session, [activity.date])
    session.delete(activity)
    session.flush()


def copy_data(row: ActivityRow, new_date: dt.date) -> ActivityData:
    """What a copy of the class on `new_date` would be (the note and marks are not copied)."""
    return ActivityData(
        date=new_date,
        start_time=row.start_time,
        end_time=row.end_time,
        kind=row.kind,
        topic=row.topic,
        area=row.area,
        form=row.form,
        place=row.place,
        partner=row.partner,
        group_id=row.group_id,
        participant_id=row.participant_id,
        staff_ids=row.staff_ids,
    )


def copy_activity(
    session: Session, activity_id: int, new_date: dt.date, *, allow_overlap: bool = True
) -> int:
    """The same class on another date (weekly classes are the norm); marks are not copied.
    Overlaps are checked as when adding (`add_activity`)."""
    row = get_activity(session, activity_id, notes=False, need=Permission.EDIT_JOURNAL)
    return add_activity(session, copy_data(row, new_date), allow_overlap=allow_overlap)


def _rows(
    session: Session,
    where: list,  # type: ignore[type-arg]
    notes: bool = True,
) -> list[ActivityRow]:
    """The activities with their counts. `notes=False`: counselling notes are neither read
    nor logged as viewed (a list that never shows them, e.g. `kisdesk activity list`)."""
    counts = (
        select(
            Attendance.activity_id,
            func.count().label("recorded"),
            func.sum(case((Attendance.mark.in_(("present", "partial")), 1), else_=0)).label(
                "present"
            ),
        )
        .group_by(Attendance.activity_id)
        .subquery()
    )
    query = (
        select(Activity, Group.name, Participant, counts.c.recorded, counts.c.present)
        .outerjoin(Group, Group.id == Activity.group_id)
        .outerjoin(Participant, Participant.id == Activity.participant_id)
        .outerjoin(counts, counts.c.activity_id == Activity.id)
        .where(and_(*where))
        .order_by(Activity.date, Activity.start_time, Activity.id)
    )
    actor = actor_of(session)
    rows = [
        ActivityRow(
            id=a.id,
            date=a.date,
            start_time=a.start_time,
            end_time=a.end_time,
            minutes=a.minutes,
            kind=a.kind,
            area=a.area,
            form=a.form,
            topic=a.topic,
            place=a.place,
            partner=a.partner,
            group_id=a.group_id,
            group=group_name,
            participant_id=a.participant_id,
            participant=person.full_name if person else None,
            staff_ids=tuple(s.id for s in a.staff),
            staff=tuple(s.full_name for s in a.staff),
            note=_note(session, a)
            if notes and actor.can_read_note(s.id for s in a.staff)
            else None,
            present=int(present or 0),
            recorded=int(recorded or 0),
            version=a.version,
            has_note=sensitive.has_note(a),
        )
        for a, group_name, person, recorded, present in cast(
            Iterable[tuple[Activity, str | None, Participant | None, int | None, int | None]],
            session.execute(query),
        )
    ]
    for row in rows:
        if row.note:  # a counselling note shown: logged (issue 6)
            audit.record(
                session,
                "view_sensitive",
                record_type="activity",
                record_id=row.id,
                participant_id=row.participant_id,
                fields=["note"],
            )
    return rows


def _note(session: Session, activity: Activity) -> str | None:
    """The note for a reader the role allows; None while it is sealed from this account."""
    return sensitive.note_of(session, activity)


def get_activity(
    session: Session,
    activity_id: int,
    *,
    notes: bool = True,
    need: Permission = Permission.READ,
) -> ActivityRow:
    # `need`: what the calling command then does with it, checked before the lookup, so a
    # role without it is refused alike whether the record exists or not (no existence oracle)
    require(session, need)
    rows = _rows(session, [Activity.id == activity_id], notes)
    if not rows:
        raise NotFoundError("activity.not_found", id=activity_id)
    return rows[0]


def list_activities(
    session: Session,
    year: int,
    month: int,
    group_id: int | None = None,
    participant_id: int | None = None,
    *,
    notes: bool = True,
) -> list[ActivityRow]:
    """The month's journal, optionally of one group or of one participant's sessions."""
    require(session, Permission.READ)
    first, last = month_bounds(year, month)
    where = [Activity.date >= first, Activity.date <= last]
    if group_id is not None:
        where.append(Activity.group_id == group_id)
    if participant_id is not None:
        where.append(Activity.participant_id == participant_id)
    return _rows(session, where, notes)


def known_topics(session: Session, limit: int = 2000) -> list[str]:
    """The topics the journal already has, the most recently held first: what the topic
    fields offer to complete as the user types (a club's programme runs in cycles, and the
    groups share its topics), docs/domain.md#journal-series."""
    require(session, Permission.READ)
    last_held = func.max(Activity.date)
    rows = session.execute(
        select(Activity.topic, last_held)
        .where(Activity.topic != "")
        .group_by(Activity.topic)
        .order_by(last_held.desc(), Activity.topic)
        .limit(limit)
    )
    return [topic for topic, _day in rows]


def restricted_names(session: Session, activity_id: int) -> tuple[str, ...]:
    """Those expected at the activity (or marked there) whose processing is restricted
    (RODO art. 18): the marks panel leaves them out (`attendance.expected_participants`),
    so it says who they are."""
    require(session, Permission.READ)
    activity = get_or_raise(session, Activity, activity_id, "activity.not_found")
    marked = session.scalars(
        select(Attendance.participant_id).where(Attendance.activity_id == activity_id)
    )
    ids = restricted_among(session, {*expected_ids(session, activity), *marked})
    if not ids:
        return ()
    people = session.scalars(
        select(Participant)
        .where(Participant.id.in_(ids))
        .order_by(Participant.last_name, Participant.first_name, Participant.id)
    )
    return tuple(f"{p.last_name} {p.first_name}" for p in people)


def list_forms(session: Session, active_only: bool = True) -> list[tuple[int, str, str, bool]]:
    """The dictionary of activity forms: (id, name, area, active)."""
    require(session, Permission.READ)
    query = select(ActivityForm).order_by(ActivityForm.name)
    if active_only:
        query = query.where(ActivityForm.active.is_(True))
    return [(f.id, f.name, f.area, f.active) for f in session.scalars(query)]


def area_of_form(session: Session, form: str) -> str | None:
    """The area (social / vocational) the dictionary gives a form of classes, as the new-class
    dialog fills it in ("doradztwo zawodowe" is vocational reintegration, art. 2 pkt 4 and
    art. 14; the annual report and the certificates count hours by it); None for a form not
    in the dictionary."""
    require(session, Permission.READ)
    wanted = form.strip().casefold()
    if not wanted:
        return None
    for _id, name, area, _active in list_forms(session, active_only=False):
        if name.strip().casefold() == wanted:
            return area
    return None


def save_form(
    session: Session, name: str, area: str, active: bool = True, form_id: int | None = None
) -> int:
    require(session, Permission.MANAGE_SETTINGS)
    name = clean(name)
    if not name:
        raise ValidationError("form.name_required")
    check_choice(area, AREAS, "activity.bad_area")
    clash = session.scalar(
        select(ActivityForm.id).where(
            func.lower(ActivityForm.name) == name.lower(), ActivityForm.id != (form_id or -1)
        )
    )
    if clash:
        raise ConflictError("form.exists", name=name)
    form = (
        ActivityForm()
        if form_id is None
        else get_or_raise(session, ActivityForm, form_id, "form.not_found")
    )
    form.name, form.area, form.active = name, area, active
    session.add(form)
    session.flush()
    return form.id
