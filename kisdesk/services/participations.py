"""Participation periods: enrol, edit, end with a reason (docs/domain.md#participants, #certificates, #cis-periods, #programme-length)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ConflictError, NotFoundError, ValidationError
from kisdesk.messages.path import ENTITLEMENT_LABELS
from kisdesk.models import Contract, Group, Participant, Participation
from kisdesk.rules import eligibility, graduate, periods
from kisdesk.services.common import check_choice, get_or_raise, require
from kisdesk.services.months import ensure_open
from kisdesk.services.office import office_kind
from kisdesk.services.outcomes import after_period_end
from kisdesk.services.settings import all_settings

# docs/domain.md#participants end reasons (the Polish names are in kisdesk.messages).
END_REASONS = frozenset(
    {
        "completed",  # ukończenie
        "employment",  # podjęcie zatrudnienia
        "cooperative",  # założenie lub przystąpienie do spółdzielni socjalnej
        "business",  # podjęcie działalności gospodarczej
        "resigned",  # rezygnacja uczestnika
        "removed",  # skreślenie (decyzja kierownika)
        "moved_to_cis",  # przejście do CIS
        "other",
    }
)


@dataclass(frozen=True, slots=True)
class PeriodRow:
    id: int
    participant_id: int
    group_id: int | None
    group: str | None
    start_on: dt.date
    planned_end_on: dt.date | None
    end_on: dt.date | None
    end_reason: str | None
    end_note: str
    completes_on: dt.date  # graduate status (docs/domain.md#graduate-status)
    too_short: (
        bool  # shorter than the programme minimum (docs/domain.md#programme-length), a flag only
    )
    trial_end: dt.date | None  # CIS (docs/domain.md#cis-periods)
    latest_end: dt.date | None  # CIS
    version: int
    contract_number: str | None = None  # the period's kontrakt/IPZS (docs/domain.md#kontrakt-ipzs)
    contract_status: str | None = None
    # No kontrakt/IPZS recorded where one is required (KIS: art. 18 ust. 4, the condition of
    # taking part; CIS: art. 12 ust. 4). An employee of a social enterprise needs none.
    contract_missing: bool = False
    outcome_kind: str | None = None  # what came after (docs/outcomes.md), None while it runs


def _cis_settings(session: Session) -> dict[str, Any] | None:
    """The settings a CIS period's length is checked by; None in a club (no such limit)."""
    return all_settings(session) if office_kind(session) == "cis" else None


def _check_cis_length(
    settings: dict[str, Any] | None,
    person: Participant | None,
    start: dt.date,
    planned_end: dt.date | None,
) -> None:
    """A CIS period is planned within the maximum the act allows (art. 13 ust. 2; setting
    cis_max_months, 24 by default, docs/domain.md#cis-periods): a planned end past the latest
    possible end is refused with that day named. `settings` from `_cis_settings`, read once
    for a whole import. An employee of a social enterprise takes part on other terms and is
    not limited here."""
    if planned_end is None or settings is None:
        return
    if person is not None and not eligibility.contract_required(person.kind):
        return
    limits = periods.cis_periods(
        start, settings["cis_trial_months"], settings["cis_base_months"], settings["cis_max_months"]
    )
    if planned_end > limits.latest_end:
        raise ValidationError(
            "period.cis_too_long",
            planned=planned_end.isoformat(),
            latest=limits.latest_end.isoformat(),
            months=settings["cis_max_months"],
        )


def _check_dates(
    start: dt.date,
    planned_end: dt.date | None,
    end: dt.date | None,
    born: dt.date | None,
    *,
    new_start: bool = True,
) -> None:
    """`new_start` False: the start is as stored (a period recorded before the start was
    checked against the birth date can still be ended or edited)."""
    for code in periods.check_period_dates(start, planned_end, end, born):
        if not new_start and code in ("period.start_too_early", "period.start_before_birth"):
            continue
        raise ValidationError(
            code,
            start=start.isoformat(),
            born=born.isoformat() if born else None,
            first_year=periods.FIRST_PERIOD_YEAR,
        )


def _refuse_overlap(
    session: Session,
    participant_id: int,
    start: dt.date,
    end: dt.date | None,
    own_id: int | None = None,
) -> None:
    """A person takes part in one period at a time."""
    far = dt.date.max
    query = select(Participation).where(
        Participation.participant_id == participant_id,
        Participation.start_on <= (end or far),
        or_(Participation.end_on.is_(None), Participation.end_on >= start),
    )
    if own_id is not None:
        query = query.where(Participation.id != own_id)
    other = session.scalar(query.limit(1))
    if other is not None:
        raise ConflictError(
            "participation.overlap",
            start=other.start_on.isoformat(),
            end=other.end_on.isoformat() if other.end_on else None,
        )


def _check_group(session: Session, group_id: int | None) -> None:
    if group_id is not None and session.get(Group, group_id) is None:
        raise NotFoundError("group.not_found", id=group_id)


def _check_entitlements(session: Session, entitlements: tuple[str, ...]) -> str:
    """The art. 1 ust. 3 statement, checked: unknown codes and excluding entitlements are
    refused with the article named (a KIS accepts the renta z tytułu niezdolności do pracy,
    ust. 3a). Returns the codes as stored."""
    unknown = eligibility.unknown_entitlements(entitlements)
    if unknown:
        raise ValidationError(
            "participation.bad_entitlement",
            value=", ".join(unknown),
            allowed=", ".join(eligibility.ENTITLEMENTS),
        )
    kind = office_kind(session)
    excluding = eligibility.excluding(kind, entitlements)
    if excluding:
        raise ValidationError(
            "participation.excluded_cis" if kind == "cis" else "participation.excluded_kis",
            entitlements=", ".join(ENTITLEMENT_LABELS[c] for c in excluding),
        )
    return eligibility.join_entitlements(entitlements)


def enroll(
    session: Session,
    participant_id: int,
    start_on: dt.date,
    planned_end_on: dt.date | None = None,
    group_id: int | None = None,
    entitlements: tuple[str, ...] = (),
    statement_on: dt.date | None = None,
) -> int:
    """Start a participation period; returns its id.

    `entitlements` is the person's statement at enrolment on the benefits of art. 1 ust. 3
    (none declared: an empty tuple); it is recorded with its date (the start by default).
    """
    require(session, Permission.EDIT_PARTICIPANTS)
    person = get_or_raise(session, Participant, participant_id, "participant.not_found")
    _check_dates(start_on, planned_end_on, None, person.birth_date)
    _check_cis_length(_cis_settings(session), person, start_on, planned_end_on)
    ensure_open(session, [start_on])  # a closed month's list of participants stays as it was
    _check_group(session, group_id)
    stored = _check_entitlements(session, entitlements)
    _refuse_overlap(session, participant_id, start_on, None)
    period = Participation(
        participant_id=participant_id,
        start_on=start_on,
        planned_end_on=planned_end_on,
        group_id=group_id,
        statement_on=statement_on or start_on,
        entitlements=stored,
    )
    session.add(period)
    session.flush()
    return period.id


def enroll_new(
    session: Session, periods: Sequence[tuple[int, dt.date, dt.date | None, int | None]]
) -> list[int]:
    """Start the first period of people just added (an import), in one flush:
    (participant id, start, planned end, group id). The same checks as `enroll`; a person who
    already has a period is refused (use `enroll`, which checks the overlap)."""
    require(session, Permission.EDIT_PARTICIPANTS)
    born: dict[int, dt.date | None] = {}
    people = [pid for pid, *_rest in periods]
    for chunk in range(0, len(people), 500):  # SQLite's limit on bound parameters
        query = select(Participant.id, Participant.birth_date).where(
            Participant.id.in_(people[chunk : chunk + 500])
        )
        births = cast("list[tuple[int, dt.date | None]]", session.execute(query).all())
        born.update(births)
    cis = _cis_settings(session)
    for pid, start_on, planned_end_on, _group in periods:
        if pid not in born:
            raise NotFoundError("participant.not_found", id=pid)
        _check_dates(start_on, planned_end_on, None, born[pid])
        _check_cis_length(cis, None, start_on, planned_end_on)
    ensure_open(session, sorted({start for _pid, start, *_rest in periods}))
    for group_id in {g for *_rest, g in periods if g is not None}:
        _check_group(session, group_id)
    ids = [pid for pid, *_rest in periods]
    for chunk in range(0, len(ids), 500):
        taken = session.scalar(
            select(Participation).where(Participation.participant_id.in_(ids[chunk : chunk + 500]))
        )
        if taken is not None:
            _refuse_overlap(session, taken.participant_id, taken.start_on, taken.end_on)
    rows = [
        Participation(
            participant_id=pid, start_on=start_on, planned_end_on=planned_end_on, group_id=group
        )
        for pid, start_on, planned_end_on, group in periods
    ]
    session.add_all(rows)
    session.flush()
    return [row.id for row in rows]


def update_period(
    session: Session,
    participation_id: int,
    start_on: dt.date,
    planned_end_on: dt.date | None,
    group_id: int | None,
    end_on: dt.date | None = None,
    end_reason: str | None = None,
    end_note: str = "",
    expected_version: int | None = None,
) -> None:
    require(session, Permission.EDIT_PARTICIPANTS)
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    if expected_version is not None and expected_version != period.version:
        raise ConflictError("record.changed_meanwhile")
    person = session.get(Participant, period.participant_id)
    _check_dates(
        start_on,
        planned_end_on,
        end_on,
        person.birth_date if person else None,
        new_start=start_on != period.start_on,
    )
    if planned_end_on != period.planned_end_on or start_on != period.start_on:
        _check_cis_length(_cis_settings(session), person, start_on, planned_end_on)
    _check_group(session, group_id)
    if end_on is not None:
        check_choice(end_reason or "", END_REASONS, "participation.bad_reason")
    _refuse_overlap(session, period.participant_id, start_on, end_on, own_id=period.id)
    old_end, old_reason = period.end_on, period.end_reason
    period.start_on, period.planned_end_on, period.group_id = start_on, planned_end_on, group_id
    period.end_on = end_on
    period.end_reason = end_reason if end_on is not None else None
    period.end_note = end_note.strip() if end_on is not None else ""
    if (old_end, old_reason) != (period.end_on, period.end_reason):
        after_period_end(session, period, old_reason)
    session.flush()


def open_period_id(
    session: Session, participant_id: int, need: Permission = Permission.READ
) -> int:
    """The participant's period that has not ended (for `participant end ID`)."""
    # `need`: what the calling command then does with it, checked before the lookup, so a
    # role without it is refused alike whether the record exists or not (no existence oracle)
    require(session, need)
    get_or_raise(session, Participant, participant_id, "participant.not_found")
    found = session.scalar(
        select(Participation.id)
        .where(Participation.participant_id == participant_id, Participation.end_on.is_(None))
        .order_by(Participation.start_on.desc())
        .limit(1)
    )
    if found is None:
        raise NotFoundError("participation.none_open", participant_id=participant_id)
    return found


def end_period(
    session: Session, participation_id: int, end_on: dt.date, reason: str, note: str = ""
) -> None:
    """End a participation with its reason; the certificate of ending becomes due (docs/domain.md#certificates)."""
    require(session, Permission.EDIT_PARTICIPANTS)
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    check_choice(reason, END_REASONS, "participation.bad_reason")
    if period.end_on is not None:
        raise ConflictError("participation.already_ended", end=period.end_on.isoformat())
    _check_dates(period.start_on, period.planned_end_on, end_on, None, new_start=False)
    ensure_open(session, [end_on])
    _refuse_overlap(session, period.participant_id, period.start_on, end_on, own_id=period.id)
    period.end_on, period.end_reason, period.end_note = end_on, reason, note.strip()
    after_period_end(session, period, None)  # the outcome and the follow-up (docs/outcomes.md)
    session.flush()


def periods_of(session: Session, participant_id: int) -> list[PeriodRow]:
    require(session, Permission.READ)
    settings = all_settings(session)
    is_cis = office_kind(session) == "cis"
    person = get_or_raise(session, Participant, participant_id, "participant.not_found")
    needs_contract = eligibility.contract_required(person.kind)
    contracts = {
        int(pid): (str(number), str(status))
        for pid, number, status in session.execute(
            select(Contract.participation_id, Contract.number, Contract.status)
            .join(Participation, Participation.id == Contract.participation_id)
            .where(Participation.participant_id == participant_id)
        )
    }
    rows = []
    for p in session.scalars(
        select(Participation)
        .where(Participation.participant_id == participant_id)
        .order_by(Participation.start_on)
    ):
        cis = (
            periods.cis_periods(
                p.start_on,
                settings["cis_trial_months"],
                settings["cis_base_months"],
                settings["cis_max_months"],
            )
            if is_cis
            else None
        )
        rows.append(
            PeriodRow(
                id=p.id,
                participant_id=p.participant_id,
                group_id=p.group_id,
                group=p.group.name if p.group else None,
                start_on=p.start_on,
                planned_end_on=p.planned_end_on,
                end_on=p.end_on,
                end_reason=p.end_reason,
                end_note=p.end_note,
                completes_on=graduate.completes_on(p.start_on, settings["graduate_months"]),
                too_short=periods.programme_too_short(
                    p.start_on, p.end_on or p.planned_end_on, settings["programme_min_months"]
                ),
                trial_end=cis.trial_end if cis else None,
                latest_end=cis.latest_end if cis else None,
                version=p.version,
                contract_number=contracts[p.id][0] if p.id in contracts else None,
                contract_status=contracts[p.id][1] if p.id in contracts else None,
                contract_missing=needs_contract and p.id not in contracts,
                outcome_kind=p.outcome_kind,
            )
        )
    return rows
