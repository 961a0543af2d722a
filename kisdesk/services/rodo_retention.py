"""Retention: records past the office's periods, for the leader to approve (issue 6).

Retention periods are the office's (settings `retention_*_years`, from its JRWA and grant
agreements; 0 = not decided, nothing is proposed). A period is counted from 1 January of
the year after the case closed — the archival rule of the instrukcja kancelaryjna [L]. The
program only proposes: the leader approves the list (no silent deletion, docs/domain.md#rodo).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ConflictError, ValidationError
from kisdesk.models import Activity, Participant, Participation
from kisdesk.services import sensitive
from kisdesk.services.common import require
from kisdesk.services.rodo import participant_years
from kisdesk.services.rodo_erasure import anonymise
from kisdesk.services.settings import get_setting


@dataclass(frozen=True, slots=True)
class RetentionItem:
    kind: str  # "participant" (anonymise the person) | "notes" (clear counselling notes)
    participant_id: int
    name: str
    closed_on: dt.date  # end of the last participation, or the newest note
    due_on: dt.date
    count: int  # notes: how many sessions
    blocked: str | None  # "rodo.restricted_no_erasure" when restricted


@dataclass(frozen=True, slots=True)
class RetentionReport:
    as_of: dt.date
    participant_years: int  # 0: not decided
    notes_years: int
    items: tuple[RetentionItem, ...]


def due_date(closed_on: dt.date, years: int) -> dt.date:
    """1 January of the year after closing, plus the period [L]."""
    return dt.date(closed_on.year + 1 + years, 1, 1)


def retention_due(session: Session, as_of: dt.date | None = None) -> RetentionReport:
    """Records past their period, for the leader to approve (nothing is removed here)."""
    require(session, Permission.MANAGE_RODO)
    as_of = as_of or dt.date.today()
    p_years = participant_years(session)
    n_years = int(get_setting(session, "retention_notes_years"))
    items: list[RetentionItem] = []
    if p_years > 0:
        open_ids = select(Participation.participant_id).where(Participation.end_on.is_(None))
        last_end = (
            select(Participation.participant_id, func.max(Participation.end_on).label("last"))
            .group_by(Participation.participant_id)
            .subquery()
        )
        rows = session.execute(
            select(Participant, last_end.c.last)
            .outerjoin(last_end, last_end.c.participant_id == Participant.id)
            .where(Participant.anonymized_at.is_(None), Participant.id.not_in(open_ids))
            .order_by(Participant.last_name, Participant.first_name)
        )
        for person, last in cast(Iterable[tuple[Participant, dt.date | None]], rows):
            closed = last or person.created_at.date()
            due = due_date(closed, p_years)
            if due <= as_of:
                blocked = "rodo.restricted_no_erasure" if person.restricted else None
                items.append(
                    RetentionItem(
                        "participant", person.id, person.full_name, closed, due, 1, blocked
                    )
                )
    if n_years > 0:
        newest = func.max(Activity.date)
        rows = session.execute(
            select(Participant, newest, func.count(Activity.id))
            .join(Activity, Activity.participant_id == Participant.id)
            .where(
                or_(Activity.note != "", Activity.note_sealed.is_not(None)),
                Activity.date < dt.date(as_of.year - n_years, 1, 1),
            )
            .group_by(Participant.id)
        )
        for person, last, count in cast(Iterable[tuple[Participant, dt.date, int]], rows):
            blocked = "rodo.restricted_no_erasure" if person.restricted else None
            items.append(
                RetentionItem(
                    "notes",
                    person.id,
                    person.full_name,
                    last,
                    due_date(last, n_years),
                    count,
                    blocked,
                )
            )
    return RetentionReport(as_of, p_years, n_years, tuple(items))


def apply_retention(
    session: Session,
    participants: list[int] | tuple[int, ...] = (),
    notes_of: list[int] | tuple[int, ...] = (),
    as_of: dt.date | None = None,
) -> tuple[int, int]:
    """Carry out what the leader approved: anonymise people, clear old counselling notes.
    Each item must still be due. Returns (people anonymised, notes cleared)."""
    report = retention_due(session, as_of)
    due = {(i.kind, i.participant_id): i for i in report.items}
    for kind, ids in (("participant", participants), ("notes", notes_of)):
        for pid in ids:
            item = due.get((kind, pid))
            if item is None:
                raise ValidationError("rodo.not_due", participant_id=pid)
            if item.blocked:
                raise ConflictError(item.blocked, name=item.name)
    cleared = 0
    limit = dt.date(report.as_of.year - report.notes_years, 1, 1)
    for pid in notes_of:
        for activity in session.scalars(
            select(Activity).where(
                Activity.participant_id == pid,
                or_(Activity.note != "", Activity.note_sealed.is_not(None)),
                Activity.date < limit,
            )
        ):
            sensitive.clear_note(activity)  # sealed notes too (docs/threat-model.md §3.4)
            cleared += 1
    session.flush()
    for pid in participants:
        anonymise(session, pid)
    return len(participants), cleared
