"""Classes at the same time: of the same group, or the same person's individual sessions,
on one day (kisdesk.services.activities asks before adding, copying or moving a class)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ConflictError
from kisdesk.models import Activity, Group, Participant
from kisdesk.services.common import require

if TYPE_CHECKING:
    from kisdesk.services.activities import ActivityData


@dataclass(frozen=True, slots=True)
class Overlap:
    """An activity already in the journal at a time that overlaps a new or changed one."""

    id: int
    date: dt.date
    start_time: dt.time
    end_time: dt.time
    topic: str
    kind: str
    group: str | None
    participant: str | None


def overlapping_activities(
    session: Session, data: ActivityData, exclude_id: int | None = None
) -> list[Overlap]:
    """Activities on `data.date` whose time overlaps `data`'s: of the same group for a group
    class, the same participant's sessions for an individual one. Classes that only touch
    (09:00–12:00, then 12:00–15:00) do not overlap. `exclude_id`: the activity being edited."""
    require(session, Permission.READ)
    where = [
        Activity.date == data.date,
        Activity.start_time < data.end_time,
        Activity.end_time > data.start_time,
    ]
    if data.kind == "group" and data.group_id is not None:
        where.append(Activity.group_id == data.group_id)
    elif data.kind == "individual" and data.participant_id is not None:
        where.append(Activity.participant_id == data.participant_id)
    else:
        return []
    if exclude_id is not None:
        where.append(Activity.id != exclude_id)
    query = (
        select(Activity, Group.name, Participant)
        .outerjoin(Group, Group.id == Activity.group_id)
        .outerjoin(Participant, Participant.id == Activity.participant_id)
        .where(and_(*where))
        .order_by(Activity.start_time, Activity.id)
    )
    return [
        Overlap(
            id=a.id,
            date=a.date,
            start_time=a.start_time,
            end_time=a.end_time,
            topic=a.topic,
            kind=a.kind,
            group=group_name,
            participant=person.full_name if person else None,
        )
        for a, group_name, person in session.execute(query)
    ]


def refuse_overlap(session: Session, data: ActivityData, exclude_id: int | None = None) -> None:
    overlaps = overlapping_activities(session, data, exclude_id)
    if not overlaps:
        return
    first = overlaps[0]
    params = {
        "id": first.id,
        "date": first.date.isoformat(),
        "start": first.start_time.strftime("%H:%M"),
        "end": first.end_time.strftime("%H:%M"),
        "topic": first.topic,
        "count": len(overlaps),
    }
    if data.kind == "group":
        raise ConflictError("activity.overlap_group", group=first.group, **params)
    raise ConflictError("activity.overlap_participant", name=first.participant, **params)
