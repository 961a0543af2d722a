"""Reviews of the kontrakt/IPZS and the CIS decisions on the path (docs/domain.md#kontrakt-ipzs).

- reviews with progress per goal, at dates planned every `plan_review_months` (setting);
- due and overdue reviews for the dashboard;
- CIS: the head's qualification after the trial month (art. 15 ust. 2) and the decision
  ending an IPZS for breach or leaving (art. 13 ust. 4–4b).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from kisdesk.access import Permission
from kisdesk.errors import ConflictError, NotFoundError, ValidationError
from kisdesk.models import (
    Contract,
    ContractGoal,
    Participant,
    Participation,
    Review,
    ReviewProgress,
)
from kisdesk.rules import periods as period_rules
from kisdesk.rules import reviews as review_rules
from kisdesk.rules.calendar import add_months
from kisdesk.rules.eligibility import contract_required
from kisdesk.rules.reviews import PlannedState, ReviewDue, next_review, planned_reviews
from kisdesk.services.common import check_choice, clean, get_or_raise, require
from kisdesk.services.contracts import GOAL_STATUSES
from kisdesk.services.office import office_kind
from kisdesk.services.settings import all_settings

TRIAL_DECISIONS = ("qualified", "not_qualified")
# art. 13 ust. 4: persistent breach, permanent leaving (a decision, ust. 4a), or the
# participant's own statement (no decision)
END_GROUNDS = ("breach", "leaving", "statement")


@dataclass(frozen=True, slots=True)
class ReviewRow:
    id: int
    participation_id: int
    held_on: dt.date
    attendees: str
    note: str
    progress: tuple[tuple[int, str], ...]  # (goal id, achieved | in_progress | not_achieved)


@dataclass(frozen=True, slots=True)
class DueReview:
    participant_id: int
    participation_id: int
    name: str
    planned_on: dt.date
    state: str  # due | overdue


def _row(review: Review) -> ReviewRow:
    return ReviewRow(
        review.id,
        review.participation_id,
        review.held_on,
        review.attendees,
        review.note,
        tuple((p.goal_id, p.progress) for p in review.progress),
    )


def add_review(
    session: Session,
    participation_id: int,
    held_on: dt.date,
    progress: dict[int, str],
    note: str = "",
    attendees: str = "",
) -> ReviewRow:
    """Record a review; each goal's status becomes the progress the review found."""
    require(session, Permission.EDIT_PARTICIPANTS)
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    contract = session.scalar(select(Contract).where(Contract.participation_id == period.id))
    if contract is None:
        raise NotFoundError("contract.none", participation_id=participation_id)
    goals = _check_review(period, contract, held_on, progress)
    review = Review(
        participation_id=period.id,
        held_on=held_on,
        attendees=clean(attendees),
        note=note.strip(),
        progress=[ReviewProgress(goal_id=g, progress=s) for g, s in sorted(progress.items())],
    )
    session.add(review)
    latest = session.scalar(
        select(Review.held_on)
        .where(Review.participation_id == period.id, Review.held_on > held_on)
        .limit(1)
    )
    if latest is None:  # an older review typed in later does not undo a newer one
        for goal_id, state in progress.items():
            goals[goal_id].status = state
    session.flush()
    return _row(review)


def _check_review(
    period: Participation, contract: Contract, held_on: dt.date, progress: dict[int, str]
) -> dict[int, ContractGoal]:
    """The date inside the period and every goal one of the contract's; its goals by id."""
    if held_on < period.start_on:
        raise ValidationError(
            "review.before_start", on=held_on.isoformat(), start=period.start_on.isoformat()
        )
    if period.end_on is not None and held_on > period.end_on:
        raise ValidationError(
            "review.after_end", on=held_on.isoformat(), end=period.end_on.isoformat()
        )
    goals = {g.id: g for g in contract.goals}
    for goal_id, state in progress.items():
        if goal_id not in goals:
            raise ValidationError(
                "review.goal_not_in_contract", goal_id=goal_id, number=contract.number
            )
        check_choice(state, frozenset(GOAL_STATUSES), "contract.bad_goal_status")
    return goals


def correct_review(
    session: Session,
    review_id: int,
    held_on: dt.date,
    progress: dict[int, str] | None = None,
    note: str | None = None,
    attendees: str | None = None,
) -> ReviewRow:
    """Correct a recorded review: its date, and the progress of the goals named (the others
    keep theirs); note and attendees when given. Each goal the review speaks of takes the
    progress of the newest review that names it again. The change is logged like every
    change (kisdesk.services.audit_changes: the review's fields, who and when)."""
    require(session, Permission.EDIT_PARTICIPANTS)
    review = get_or_raise(session, Review, review_id, "review.not_found")
    period = get_or_raise(
        session, Participation, review.participation_id, "participation.not_found"
    )
    contract = session.scalar(select(Contract).where(Contract.participation_id == period.id))
    if contract is None:
        raise NotFoundError("contract.none", participation_id=period.id)
    progress = dict(progress or {})
    goals = _check_review(period, contract, held_on, progress)
    touched = {p.goal_id for p in review.progress} | set(progress)
    review.held_on = held_on
    if note is not None:
        review.note = note.strip()
    if attendees is not None:
        review.attendees = clean(attendees)
    kept = {p.goal_id: p for p in review.progress}
    for goal_id, state in sorted(progress.items()):
        if goal_id in kept:
            kept[goal_id].progress = state
        else:
            review.progress.append(ReviewProgress(goal_id=goal_id, progress=state))
    session.flush()
    newest: dict[int, str] = {}  # goal -> progress of the newest review naming it
    for progress_row in session.scalars(
        select(ReviewProgress)
        .join(Review, Review.id == ReviewProgress.review_id)
        .where(Review.participation_id == period.id, ReviewProgress.goal_id.in_(touched))
        .order_by(Review.held_on, Review.id)
    ):
        newest[progress_row.goal_id] = progress_row.progress
    for goal_id, state in newest.items():
        if goal_id in goals:
            goals[goal_id].status = state
    session.flush()
    session.refresh(review)
    return _row(review)


def reviews_of(session: Session, participation_id: int) -> list[ReviewRow]:
    require(session, Permission.READ)
    get_or_raise(session, Participation, participation_id, "participation.not_found")
    return [
        _row(r)
        for r in session.scalars(
            select(Review)
            .where(Review.participation_id == participation_id)
            .order_by(Review.held_on, Review.id)
            .options(selectinload(Review.progress))
        )
    ]


def review_plan(session: Session, participation_id: int) -> list[dt.date]:
    """The planned review dates of a period (setting plan_review_months; CIS trial end)."""
    require(session, Permission.READ)
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    return _plan(period, all_settings(session), office_kind(session) == "cis")


def plan_states(session: Session, participation_id: int, as_of: dt.date) -> list[PlannedState]:
    """The planned review dates of a period, each held, due, overdue, missed or later."""
    require(session, Permission.READ)
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    plan = _plan(period, all_settings(session), office_kind(session) == "cis")
    held = list(session.scalars(select(Review.held_on).where(Review.participation_id == period.id)))
    return review_rules.plan_states(plan, held, as_of)


def _plan(period: Participation, settings: dict[str, object], cis: bool) -> list[dt.date]:
    trial_months = int(str(settings["cis_trial_months"]))
    trial_end = (
        period_rules.cis_periods(
            period.start_on,
            trial_months,
            int(str(settings["cis_base_months"])),
            int(str(settings["cis_max_months"])),
        ).trial_end
        if cis and trial_months
        else None
    )
    last = period.end_on or period.planned_end_on
    if last is None:  # open-ended: a year ahead (a CIS: its maximum, art. 15)
        months = int(str(settings["cis_max_months"])) if cis else 12
        last = add_months(period.start_on, months)
    return planned_reviews(
        period.start_on, last, int(str(settings["plan_review_months"])), trial_end
    )


def reviews_due(session: Session, as_of: dt.date, warn_days: int = 14) -> list[DueReview]:
    """Running periods whose planned review is due within `warn_days` or overdue."""
    require(session, Permission.READ)
    settings = all_settings(session)
    cis = office_kind(session) == "cis"
    rows = session.execute(
        select(Participation, Participant.first_name, Participant.last_name, Participant.kind)
        .join(Participant, Participant.id == Participation.participant_id)
        .where(
            Participation.start_on <= as_of,
            or_(Participation.end_on.is_(None), Participation.end_on >= as_of),
            Participant.restricted.is_(False),
        )
        .order_by(Participant.last_name, Participant.first_name)
    ).all()
    held: dict[int, list[dt.date]] = {}
    for pid, day in session.execute(select(Review.participation_id, Review.held_on)):
        held.setdefault(int(pid), []).append(day)
    result = []
    for period, first, last, kind in rows:
        if not contract_required(kind):
            continue
        due: ReviewDue | None = next_review(
            _plan(period, settings, cis), held.get(period.id, []), as_of, warn_days
        )
        if due is not None:
            result.append(
                DueReview(
                    period.participant_id, period.id, f"{first} {last}", due.planned_on, due.state
                )
            )
    return sorted(result, key=lambda r: (r.planned_on, r.name))


def set_trial_decision(
    session: Session, participation_id: int, decision: str, on: dt.date, note: str = ""
) -> None:
    """CIS: the head qualifies the participant (or not) after the trial month and informs the
    OPS head (art. 15 ust. 2)."""
    require(session, Permission.HEAD_DECISIONS)
    if office_kind(session) != "cis":
        raise ValidationError("review.trial_cis_only")
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    check_choice(decision, frozenset(TRIAL_DECISIONS), "review.bad_trial_decision")
    contract = session.scalar(select(Contract).where(Contract.participation_id == period.id))
    if contract is None:
        raise NotFoundError("contract.none", participation_id=participation_id)
    settings = all_settings(session)
    trial_end = period_rules.cis_periods(
        period.start_on,
        settings["cis_trial_months"],
        settings["cis_base_months"],
        settings["cis_max_months"],
    ).trial_end
    if on < trial_end:
        raise ValidationError(
            "review.trial_not_over", on=on.isoformat(), trial_end=trial_end.isoformat()
        )
    contract.trial_decision, contract.trial_decision_on = decision, on
    contract.trial_note = note.strip()
    session.flush()


def end_ipzs(
    session: Session, participation_id: int, ground: str, on: dt.date, justification: str
) -> None:
    """CIS: the IPZS ends (art. 13 ust. 4). For breach or leaving it is the head's decision,
    appealable to the administrative court (ust. 4a–4b), which needs its justification."""
    require(session, Permission.HEAD_DECISIONS)
    if office_kind(session) != "cis":
        raise ValidationError("review.trial_cis_only")
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    check_choice(ground, frozenset(END_GROUNDS), "review.bad_end_ground")
    contract = session.scalar(select(Contract).where(Contract.participation_id == period.id))
    if contract is None:
        raise NotFoundError("contract.none", participation_id=participation_id)
    if contract.status == "terminated" and contract.end_ground:
        raise ConflictError("review.already_ended", on=str(contract.status_on))
    justification = justification.strip()
    if ground != "statement" and not justification:
        raise ValidationError("review.justification_required")
    if contract.signed_on is not None and on < contract.signed_on:
        raise ValidationError(
            "contract.status_before_signed",
            status_on=on.isoformat(),
            signed_on=contract.signed_on.isoformat(),
        )
    contract.status, contract.status_on = "terminated", on
    contract.end_ground, contract.end_justification = ground, justification
    session.flush()


def goal_texts(session: Session, goal_ids: list[int]) -> dict[int, str]:
    require(session, Permission.READ)
    if not goal_ids:
        return {}
    rows = session.execute(
        select(ContractGoal.id, ContractGoal.text).where(ContractGoal.id.in_(goal_ids))
    )
    return {int(i): str(t) for i, t in rows}
