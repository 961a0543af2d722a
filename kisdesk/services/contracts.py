"""The participant's path (docs/domain.md#kontrakt-ipzs): the kontrakt socjalny (KIS, art. 18 ust. 4) or IPZS
(CIS, art. 12–13) of one participation period, its goals and changes (aneks).

Reviews, the CIS trial decision and the decision ending an IPZS are in services.reviews.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kisdesk.access import Permission
from kisdesk.errors import ConflictError, NotFoundError, ValidationError
from kisdesk.models import Contract, ContractAnnex, ContractGoal, Participation
from kisdesk.services.common import check_choice, clean, get_or_raise, require

# w realizacji / zrealizowany / niezrealizowany / rozwiązany
STATUSES = ("in_progress", "realised", "not_realised", "terminated")
GOAL_STATUSES = ("in_progress", "achieved", "not_achieved")
AREAS = ("", "social", "vocational")


@dataclass(frozen=True, slots=True)
class ContractData:
    number: str
    signed_on: dt.date | None
    from_on: dt.date | None = None
    to_on: dt.date | None = None
    institution: str = ""
    social_worker: str = ""
    status: str = "in_progress"
    status_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class GoalRow:
    id: int
    text: str
    area: str
    actions: str
    responsible: str
    due_on: dt.date | None
    status: str


@dataclass(frozen=True, slots=True)
class AnnexRow:
    id: int
    signed_on: dt.date
    change: str


@dataclass(frozen=True, slots=True)
class ContractView:
    id: int
    participation_id: int
    participant_id: int
    number: str
    signed_on: dt.date | None
    from_on: dt.date | None
    to_on: dt.date | None
    institution: str
    social_worker: str
    status: str
    status_on: dt.date | None
    trial_decision: str
    trial_decision_on: dt.date | None
    trial_note: str
    end_ground: str
    end_justification: str
    goals: tuple[GoalRow, ...]
    annexes: tuple[AnnexRow, ...]
    version: int


def _period(session: Session, participation_id: int) -> Participation:
    return get_or_raise(session, Participation, participation_id, "participation.not_found")


def _contract(session: Session, participation_id: int) -> Contract | None:
    return session.scalar(
        select(Contract)
        .where(Contract.participation_id == participation_id)
        .options(selectinload(Contract.goals), selectinload(Contract.annexes))
    )


def _need_contract(session: Session, participation_id: int) -> Contract:
    _period(session, participation_id)
    found = _contract(session, participation_id)
    if found is None:
        raise NotFoundError("contract.none", participation_id=participation_id)
    return found


def _view(c: Contract, participant_id: int) -> ContractView:
    return ContractView(
        id=c.id,
        participation_id=c.participation_id,
        participant_id=participant_id,
        number=c.number,
        signed_on=c.signed_on,
        from_on=c.from_on,
        to_on=c.to_on,
        institution=c.institution,
        social_worker=c.social_worker,
        status=c.status,
        status_on=c.status_on,
        trial_decision=c.trial_decision,
        trial_decision_on=c.trial_decision_on,
        trial_note=c.trial_note,
        end_ground=c.end_ground,
        end_justification=c.end_justification,
        goals=tuple(
            GoalRow(g.id, g.text, g.area, g.actions, g.responsible, g.due_on, g.status)
            for g in c.goals
        ),
        annexes=tuple(AnnexRow(a.id, a.signed_on, a.change) for a in c.annexes),
        version=c.version,
    )


def validate(data: ContractData) -> ContractData:
    number = clean(data.number)
    if not number:
        raise ValidationError("contract.number_required")
    if data.signed_on is None:
        raise ValidationError("contract.signed_on_required")
    check_choice(data.status, frozenset(STATUSES), "contract.bad_status")
    if data.from_on and data.to_on and data.to_on < data.from_on:
        raise ValidationError(
            "contract.to_before_from", start=data.from_on.isoformat(), end=data.to_on.isoformat()
        )
    if data.status_on is not None and data.status_on < data.signed_on:
        raise ValidationError(
            "contract.status_before_signed",
            status_on=data.status_on.isoformat(),
            signed_on=data.signed_on.isoformat(),
        )
    return ContractData(
        number=number,
        signed_on=data.signed_on,
        from_on=data.from_on,
        to_on=data.to_on,
        institution=clean(data.institution),
        social_worker=clean(data.social_worker),
        status=data.status,
        status_on=data.status_on,
    )


def set_contract(
    session: Session,
    participation_id: int,
    data: ContractData,
    expected_version: int | None = None,
) -> ContractView:
    """Record or correct the period's kontrakt/IPZS (one per period)."""
    require(session, Permission.EDIT_PARTICIPANTS)
    period = _period(session, participation_id)
    data = validate(data)
    contract = _contract(session, participation_id)
    if contract is None:
        contract = Contract(participation_id=participation_id)
        session.add(contract)
    elif expected_version is not None and expected_version != contract.version:
        raise ConflictError("record.changed_meanwhile")
    changed_status = contract.status != data.status
    contract.number, contract.signed_on = data.number, data.signed_on
    contract.from_on, contract.to_on = data.from_on, data.to_on
    contract.institution, contract.social_worker = data.institution, data.social_worker
    contract.status = data.status
    if data.status_on is not None or changed_status:
        contract.status_on = data.status_on
    session.flush()
    session.refresh(contract)
    return _view(contract, period.participant_id)


def contract_of(
    session: Session, participation_id: int, need: Permission = Permission.READ
) -> ContractView | None:
    # `need`: what the calling command then does with it, checked before the lookup, so a
    # role without it is refused alike whether the record exists or not (no existence oracle)
    require(session, need)
    period = _period(session, participation_id)
    found = _contract(session, participation_id)
    return None if found is None else _view(found, period.participant_id)


def contracts_by_period(session: Session, participation_ids: list[int]) -> dict[int, str]:
    """The status of each period's kontrakt/IPZS, for the lists (one query)."""
    require(session, Permission.READ)
    if not participation_ids:
        return {}
    rows = session.execute(
        select(Contract.participation_id, Contract.status).where(
            Contract.participation_id.in_(participation_ids)
        )
    )
    return {int(p): str(s) for p, s in rows}


def add_goal(
    session: Session,
    participation_id: int,
    text: str,
    area: str = "",
    due_on: dt.date | None = None,
    actions: str = "",
    responsible: str = "",
) -> GoalRow:
    """A goal of the kontrakt/IPZS with the actions agreed and who is responsible."""
    require(session, Permission.EDIT_PARTICIPANTS)
    contract = _need_contract(session, participation_id)
    text = text.strip()
    if not text:
        raise ValidationError("contract.goal_text_required")
    check_choice(area, frozenset(AREAS), "contract.bad_area")
    if due_on is not None and contract.signed_on is not None and due_on < contract.signed_on:
        raise ValidationError(
            "contract.goal_due_before_signed",
            due=due_on.isoformat(),
            signed_on=contract.signed_on.isoformat(),
        )
    goal = ContractGoal(
        contract_id=contract.id,
        text=text,
        area=area,
        actions=actions.strip(),
        responsible=clean(responsible),
        due_on=due_on,
        status="in_progress",
    )
    session.add(goal)
    session.flush()
    return GoalRow(
        goal.id, goal.text, goal.area, goal.actions, goal.responsible, goal.due_on, goal.status
    )


def set_goal_status(session: Session, goal_id: int, status: str) -> None:
    require(session, Permission.EDIT_PARTICIPANTS)
    goal = get_or_raise(session, ContractGoal, goal_id, "contract.goal_not_found")
    check_choice(status, frozenset(GOAL_STATUSES), "contract.bad_goal_status")
    goal.status = status
    session.flush()


def add_annex(session: Session, participation_id: int, signed_on: dt.date, change: str) -> AnnexRow:
    """Aneks: a change agreed at either party's request (art. 13 ust. 3), with its date."""
    require(session, Permission.EDIT_PARTICIPANTS)
    contract = _need_contract(session, participation_id)
    change = change.strip()
    if not change:
        raise ValidationError("contract.annex_text_required")
    if contract.signed_on is not None and signed_on < contract.signed_on:
        raise ValidationError(
            "contract.annex_before_signed",
            on=signed_on.isoformat(),
            signed_on=contract.signed_on.isoformat(),
        )
    annex = ContractAnnex(contract_id=contract.id, signed_on=signed_on, change=change)
    session.add(annex)
    session.flush()
    return AnnexRow(annex.id, annex.signed_on, annex.change)
