"""Whole-day absences of participants (docs/benefit.md): sick leave, days off, other days.

Sick leave tells of health (RODO art. 9): its kind and the sick note's number are shown only
to actors allowed to see health data (`Permission.VIEW_SENSITIVE`, docs/threat-model.md §3.1);
the others see a neutral "excused" day with no document and no note, while the rules below
still count it as sick leave.

A day covered by sick leave (L4) or a day off is never a day of unexcused absence, whatever
the class marks say, and "everyone present" marks such people excused (art. 15 ust. 6b, 7a).
Days off: after the trial month only, on the participant's request with the head's consent,
at most the period's limit (art. 15 ust. 6a); more are refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission, actor_of
from kisdesk.errors import ConflictError, NotFoundError, ValidationError
from kisdesk.models import Absence, Participant, Participation
from kisdesk.rules.benefit import BenefitRules, days_off_limit
from kisdesk.rules.calendar import month_bounds
from kisdesk.rules.periods import cis_periods
from kisdesk.services.common import check_choice, checked_text, clean, get_or_raise, require
from kisdesk.services.months import ensure_span_open
from kisdesk.services.settings import all_settings

SICK, DAY_OFF, EXCUSED, UNEXCUSED = "sick", "day_off", "excused", "unexcused"
KINDS = frozenset({SICK, DAY_OFF, EXCUSED, UNEXCUSED})
COVERING = frozenset({SICK, DAY_OFF})  # such days are never unexcused


@dataclass(frozen=True, slots=True)
class AbsenceRow:
    id: int
    participant_id: int
    participation_id: int
    name: str
    kind: str
    from_on: dt.date
    to_on: dt.date
    days: int  # calendar days
    document: str
    note: str
    requested_on: dt.date | None
    consent_by: str


def health_visible(session: Session) -> bool:
    """May the session's actor see that an absence is sick leave (RODO art. 9)?"""
    return actor_of(session).can(Permission.VIEW_SENSITIVE)


def shown_kind(kind: str, visible: bool) -> str:
    """The kind as an actor without health access may see it: sick leave is an excused day."""
    return EXCUSED if kind == SICK and not visible else kind


def _period_on(session: Session, participant_id: int, day: dt.date) -> Participation | None:
    return session.scalar(
        select(Participation).where(
            Participation.participant_id == participant_id,
            Participation.start_on <= day,
            or_(Participation.end_on.is_(None), Participation.end_on >= day),
        )
    )


def trial_end(session: Session, period: Participation) -> dt.date:
    """Last day of the period's trial month (settings of the CIS periods)."""
    require(session, Permission.READ)
    months = all_settings(session)["cis_trial_months"]
    return cis_periods(period.start_on, trial_months=months).trial_end


def days_off_ledger(session: Session, period: Participation) -> tuple[int, int]:
    """(days off used, limit) of one participation period (art. 15 ust. 6a)."""
    require(session, Permission.READ)
    settings = all_settings(session)
    used = sum(
        (a.to_on - a.from_on).days + 1
        for a in session.scalars(
            select(Absence).where(Absence.participation_id == period.id, Absence.kind == DAY_OFF)
        )
    )
    limit = days_off_limit(
        period.start_on,
        period.planned_end_on,
        settings["cis_trial_months"],
        settings["cis_base_months"],
        BenefitRules(),
    )
    return used, limit


def add_absence(
    session: Session,
    participant_id: int,
    kind: str,
    from_on: dt.date,
    to_on: dt.date | None = None,
    document: str = "",
    note: str = "",
    requested_on: dt.date | None = None,
    extend: bool = False,
) -> int:
    """Record a whole-day absence; returns its id. Nothing is written when refused."""
    require(session, Permission.EDIT_JOURNAL)
    check_choice(kind, KINDS, "absence.bad_kind")
    person = get_or_raise(session, Participant, participant_id, "participant.not_found")
    to_on = to_on or from_on
    if to_on < from_on:
        raise ValidationError(
            "absence.to_before_from", start=from_on.isoformat(), end=to_on.isoformat()
        )
    period = _period_on(session, participant_id, from_on)
    if period is None:
        raise ValidationError(
            "absence.not_participating", name=person.full_name, date=from_on.isoformat()
        )
    if period.end_on is not None and to_on > period.end_on:
        raise ValidationError(
            "absence.after_end", name=person.full_name, end=period.end_on.isoformat()
        )
    ensure_span_open(session, from_on, to_on)
    if extend:
        # Typed day by day from the grid: a day right after an absence of the same kind
        # lengthens it (one sick leave stays one record, its calendar days counted once).
        before = session.scalar(
            select(Absence).where(
                Absence.participant_id == participant_id,
                Absence.kind == kind,
                Absence.to_on == from_on - dt.timedelta(days=1),
            )
        )
        if before is not None and kind != DAY_OFF:
            return _extend(session, before, to_on)
    clash = session.scalar(
        select(Absence).where(
            Absence.participant_id == participant_id,
            and_(Absence.from_on <= to_on, Absence.to_on >= from_on),
        )
    )
    if clash is not None:
        raise ConflictError(
            "absence.overlaps",
            id=clash.id,
            start=clash.from_on.isoformat(),
            end=clash.to_on.isoformat(),
        )
    consent = ""
    if kind == DAY_OFF:
        # The head's consent (art. 15 ust. 6b): recorded by the leader, whose name is kept.
        require(session, Permission.MANAGE_OFFICE)
        consent = actor_of(session).name or "kierownik"
        last_trial_day = trial_end(session, period)
        if from_on <= last_trial_day:
            raise ValidationError("absence.day_off_in_trial", trial_end=last_trial_day.isoformat())
        used, limit = days_off_ledger(session, period)
        wanted = (to_on - from_on).days + 1
        if used + wanted > limit:
            raise ValidationError("absence.day_off_limit", used=used, limit=limit, wanted=wanted)
    row = Absence(
        participant_id=participant_id,
        participation_id=period.id,
        kind=kind,
        from_on=from_on,
        to_on=to_on,
        document=checked_text(clean(document), Absence.document),
        note=note.strip(),
        requested_on=(requested_on or from_on) if kind == DAY_OFF else requested_on,
        consent_by=consent,
    )
    session.add(row)
    session.flush()
    return row.id


def _extend(session: Session, row: Absence, to_on: dt.date) -> int:
    clash = session.scalar(
        select(Absence.id).where(
            Absence.participant_id == row.participant_id,
            Absence.id != row.id,
            and_(Absence.from_on <= to_on, Absence.to_on > row.to_on),
        )
    )
    if clash is not None:
        raise ConflictError("absence.overlaps", id=clash, start=row.from_on.isoformat(),
                            end=to_on.isoformat())  # fmt: skip
    row.to_on = to_on
    session.flush()
    return row.id


def delete_absence(session: Session, absence_id: int) -> AbsenceRow:
    require(session, Permission.EDIT_JOURNAL)
    row = session.get(Absence, absence_id)
    if row is None:
        raise NotFoundError("absence.not_found", id=absence_id)
    ensure_span_open(session, row.from_on, row.to_on)
    if row.kind == DAY_OFF:
        require(session, Permission.MANAGE_OFFICE)
    shown = _rows(session, [row])[0]
    session.delete(row)
    session.flush()
    return shown


def _rows(session: Session, absences: list[Absence]) -> list[AbsenceRow]:
    visible = health_visible(session)
    ids = {a.participant_id for a in absences}
    names = (
        {
            p.id: f"{p.last_name} {p.first_name}"
            for p in session.scalars(select(Participant).where(Participant.id.in_(ids)))
        }
        if ids
        else {}
    )
    return [
        AbsenceRow(
            a.id,
            a.participant_id,
            a.participation_id,
            names.get(a.participant_id, ""),
            shown_kind(a.kind, visible),
            a.from_on,
            a.to_on,
            (a.to_on - a.from_on).days + 1,
            a.document if visible or a.kind != SICK else "",
            a.note if visible or a.kind != SICK else "",
            a.requested_on,
            a.consent_by,
        )
        for a in absences
    ]


def list_absences(
    session: Session,
    participant_id: int | None = None,
    year: int | None = None,
    month: int | None = None,
) -> list[AbsenceRow]:
    """Absences of one participant and/or touching one month, oldest first."""
    require(session, Permission.READ)
    query = select(Absence).order_by(Absence.from_on, Absence.id)
    if participant_id is not None:
        get_or_raise(session, Participant, participant_id, "participant.not_found")
        query = query.where(Absence.participant_id == participant_id)
    if year is not None and month is not None:
        first, last = month_bounds(year, month)
        query = query.where(Absence.from_on <= last, Absence.to_on >= first)
    return _rows(session, list(session.scalars(query)))


def covered_on(session: Session, participant_ids: Collection[int], day: dt.date) -> set[int]:
    """Who of `participant_ids` is on sick leave or a day off on `day`."""
    require(session, Permission.READ)
    if not participant_ids:
        return set()
    return set(
        session.scalars(
            select(Absence.participant_id).where(
                Absence.participant_id.in_(list(participant_ids)),
                Absence.kind.in_(sorted(COVERING)),
                Absence.from_on <= day,
                Absence.to_on >= day,
            )
        )
    )


def month_absences(
    session: Session, participant_ids: Collection[int], year: int, month: int
) -> dict[tuple[int, dt.date], str]:
    """(participant, day) → kind of whole-day absence, for the attendance grid."""
    require(session, Permission.READ)
    first, last = month_bounds(year, month)
    found: dict[tuple[int, dt.date], str] = {}
    if not participant_ids:
        return found
    visible = health_visible(session)
    for a in session.scalars(
        select(Absence).where(
            Absence.participant_id.in_(list(participant_ids)),
            Absence.from_on <= last,
            Absence.to_on >= first,
        )
    ):
        day = max(a.from_on, first)
        while day <= min(a.to_on, last):
            found[(a.participant_id, day)] = shown_kind(a.kind, visible)
            day += dt.timedelta(days=1)
    return found
