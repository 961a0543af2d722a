"""Outcomes after a participation period and the follow-up checkpoints (docs/outcomes.md).

- an **outcome** per period: its kind (kisdesk.rules.outcomes.OUTCOME_KINDS), the day it
  began and a note; pre-filled from the end reason when the period ends
  (`after_period_end`), changed by hand (`set_outcome`) or by a follow-up that finds the
  person working; every change goes to the audit log (services.audit_changes);
- **follow-up checkpoints** N months after the end (setting `followup_months`, default
  3 and 6): created when the period ends, due on end + N months (month-end clamp), recorded
  in a few keys (`record_followup`), listed among the things to do (`followups`) and on a
  printable call list (`call_list`).

`period_outcome` is the one answer to "what came of this period" for the participant's
card, the certificates and the karta usług doradczych.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ValidationError
from kisdesk.messages.core import month_name
from kisdesk.models import FollowUp, Participant, Participation
from kisdesk.rules import outcomes as rules
from kisdesk.rules.calendar import month_bounds
from kisdesk.services.common import check_choice, get_or_raise, require
from kisdesk.services.documents_common import Header, audit_print, office_header
from kisdesk.services.settings import get_setting


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    id: int
    participation_id: int
    participant_id: int
    name: str
    phone: str
    checkpoint_months: int
    due: dt.date
    end_on: dt.date | None
    contacted_on: dt.date | None
    result: str | None  # working | not_working | no_contact
    kind: str | None  # the outcome kind found when working
    note: str

    @property
    def done(self) -> bool:
        return self.result is not None


@dataclass(frozen=True, slots=True)
class PeriodOutcome:
    """What came of one period: the outcome (None while the period runs) and its follow-ups."""

    participation_id: int
    end_on: dt.date | None
    end_reason: str | None
    kind: str | None
    on: dt.date | None
    note: str
    followups: tuple[FollowUpRow, ...]

    @property
    def known(self) -> bool:
        """An outcome worth printing: recorded and not "unknown"."""
        return self.kind is not None and self.kind != "unknown"


def checkpoint_months(session: Session) -> tuple[int, ...]:
    require(session, Permission.READ)
    return rules.parse_checkpoint_months(str(get_setting(session, "followup_months")))


# -- kept in step with the period's end ---------------------------------------------------------
def after_period_end(session: Session, period: Participation, old_reason: str | None) -> None:
    """Called whenever a period's end changes (participations.end_period, update_period).

    The outcome is pre-filled from the end reason when it is empty or still what the old
    reason implied (a hand-made outcome is never overwritten); checkpoints not yet done
    follow the end date; a period that runs again loses its outcome and open checkpoints.
    """
    require(session, Permission.EDIT_PARTICIPANTS)
    followups = list(
        session.scalars(select(FollowUp).where(FollowUp.participation_id == period.id))
    )
    if period.end_on is None:
        period.outcome_kind, period.outcome_on, period.outcome_note = None, None, ""
        for f in followups:
            if f.result is None:
                session.delete(f)
        return
    implied_before = rules.outcome_from_end_reason(old_reason) if old_reason else None
    if period.outcome_kind is None or (
        period.outcome_kind == implied_before and not period.outcome_note
    ):
        period.outcome_kind = rules.outcome_from_end_reason(period.end_reason)
        period.outcome_on = rules.outcome_start_from_end(period.end_reason, period.end_on)
    for f in followups:
        if f.result is None:
            f.due_on = rules.checkpoint_due(period.end_on, f.checkpoint_months)
    planned = {f.checkpoint_months for f in followups}
    for months in checkpoint_months(session):
        if months in planned:
            continue
        session.add(
            FollowUp(
                participation_id=period.id,
                participant_id=period.participant_id,
                checkpoint_months=months,
                due_on=rules.checkpoint_due(period.end_on, months),
            )
        )


# -- the outcome -----------------------------------------------------------------------------------
def set_outcome(
    session: Session, participation_id: int, kind: str, on: dt.date | None, note: str = ""
) -> None:
    """Record what the person went on to after an ended period (`kisdesk outcome set`)."""
    require(session, Permission.EDIT_PARTICIPANTS)
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    check_choice(kind, frozenset(rules.OUTCOME_KINDS), "outcome.bad_kind")
    if period.end_on is None:
        raise ValidationError("outcome.period_not_ended", id=participation_id)
    if on is not None and on < period.start_on:
        raise ValidationError(
            "outcome.before_end", on=on.isoformat(), start=period.start_on.isoformat()
        )
    period.outcome_kind, period.outcome_on = kind, on
    period.outcome_note = " ".join(note.split()) if note else ""
    session.flush()


def _rows(session: Session, where: list[object]) -> list[FollowUpRow]:
    """Plain columns, one query (4 000 contacts of a ten-year office in tens of ms)."""
    query = (
        select(
            FollowUp.id,
            FollowUp.participation_id,
            FollowUp.participant_id,
            Participant.first_name,
            Participant.last_name,
            Participant.phone,
            FollowUp.checkpoint_months,
            FollowUp.due_on,
            Participation.end_on,
            FollowUp.contacted_on,
            FollowUp.result,
            FollowUp.kind,
            FollowUp.note,
        )
        .join(Participant, Participant.id == FollowUp.participant_id)
        .join(Participation, Participation.id == FollowUp.participation_id)
        .where(*where)  # type: ignore[arg-type]
        .order_by(FollowUp.due_on, Participant.last_name, Participant.first_name, FollowUp.id)
    )
    return [
        FollowUpRow(
            id=r.id,
            participation_id=r.participation_id,
            participant_id=r.participant_id,
            name=f"{r.first_name} {r.last_name}".strip(),
            phone=r.phone or "",
            checkpoint_months=r.checkpoint_months,
            due=r.due_on,
            end_on=r.end_on,
            contacted_on=r.contacted_on,
            result=r.result,
            kind=r.kind,
            note=r.note or "",
        )
        for r in session.execute(query)
    ]


def period_outcome(session: Session, participation_id: int) -> PeriodOutcome:
    """A period's outcome and its follow-up history (the card, certificates, karta usług)."""
    require(session, Permission.READ)
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    return PeriodOutcome(
        participation_id=period.id,
        end_on=period.end_on,
        end_reason=period.end_reason,
        kind=period.outcome_kind,
        on=period.outcome_on,
        note=period.outcome_note,
        followups=tuple(
            sorted(
                _rows(session, [FollowUp.participation_id == participation_id]),
                key=lambda r: r.checkpoint_months,
            )
        ),
    )


def outcomes_of(session: Session, participant_id: int) -> list[PeriodOutcome]:
    """Every period of a person, oldest first."""
    require(session, Permission.READ)
    ids = session.scalars(
        select(Participation.id)
        .where(Participation.participant_id == participant_id)
        .order_by(Participation.start_on)
    )
    return [period_outcome(session, pid) for pid in ids]


# -- follow-up ---------------------------------------------------------------------------------------
def followups(session: Session, as_of: dt.date, include_all: bool = False) -> list[FollowUpRow]:
    """Checkpoints due on or before `as_of` and not done (the things to do), or every one."""
    require(session, Permission.READ)
    if include_all:
        return _rows(session, [])
    return _rows(session, [FollowUp.due_on <= as_of, FollowUp.result.is_(None)])


def call_list(session: Session, year: int, month: int) -> list[FollowUpRow]:
    """Checkpoints to call about in a month: due in it, or overdue from before, not done."""
    require(session, Permission.READ)
    last = month_bounds(year, month)[1]
    return _rows(session, [FollowUp.due_on <= last, FollowUp.result.is_(None)])


def record_followup(
    session: Session,
    followup_id: int,
    on: dt.date,
    result: str,
    kind: str | None = None,
    note: str = "",
) -> FollowUpRow:
    """Record a contact: the date, working / not working / no contact, the kind when working.

    "Working" makes the period's outcome a work outcome: the kind given, or, when none is
    given, the outcome already recorded if it is work, else umowa o pracę (the usual meaning
    of "pracuje"). The outcome's start is the contact day when the work was not known before.
    """
    require(session, Permission.EDIT_PARTICIPANTS)
    followup = get_or_raise(session, FollowUp, followup_id, "followup.not_found")
    check_choice(result, frozenset(rules.FOLLOWUP_RESULTS), "followup.bad_result")
    if kind is not None and result != "working":
        raise ValidationError("followup.kind_without_work", result=result)
    if kind is not None and kind not in rules.WORKING_KINDS:
        raise ValidationError(
            "followup.bad_working_kind", value=kind, allowed=", ".join(sorted(rules.WORKING_KINDS))
        )
    period = session.get(Participation, followup.participation_id)
    assert period is not None  # the foreign key cascades
    if period.end_on is not None and on < period.end_on:
        raise ValidationError(
            "followup.before_end", on=on.isoformat(), end=period.end_on.isoformat()
        )
    if result == "working":
        current = period.outcome_kind
        found = kind or (current if current in rules.WORKING_KINDS else "employment")
        if found != current:
            period.outcome_kind, period.outcome_on = found, on
        elif period.outcome_on is None:
            period.outcome_on = on
    followup.contacted_on, followup.result, followup.kind = (
        on,
        result,
        (kind if kind is not None else (period.outcome_kind if result == "working" else None)),
    )
    followup.note = " ".join(note.split()) if note else ""
    session.flush()
    return _rows(session, [FollowUp.id == followup_id])[0]


# -- the printable call list ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CallListData:
    header: Header
    month_label: str
    rows: tuple[FollowUpRow, ...]
    outcomes: dict[int, str | None]  # participation id -> outcome kind recorded so far


def call_list_data(session: Session, year: int, month: int) -> CallListData:
    """Lista kontaktów kontrolnych: the checkpoints of a month (and overdue ones) with phones."""
    require(session, Permission.READ)
    rows = call_list(session, year, month)
    _office, header = office_header(session)
    ids = {r.participation_id for r in rows}
    kinds: dict[int, str | None] = {
        pid: kind
        for pid, kind in session.execute(
            select(Participation.id, Participation.outcome_kind).where(Participation.id.in_(ids))
        )
    }
    audit_print(session, "followup_calls", records=len(rows))
    return CallListData(header, month_name(year, month), tuple(rows), kinds)
