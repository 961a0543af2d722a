"""Graduate status (art. 2 pkt 1a–1b): every period's conditions, who completes soon.

One participation period counts on its own. KIS: 6 months, a valid certificate of ending and
the kontrakt socjalny carried out; CIS: 6 months and the certificate, the status lasting
6 months from the end of classes (kisdesk.rules.graduate). Months below the monthly minimum
are warnings unless the setting `graduate_requires_monthly_minimum` makes them blocking.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from typing import cast

from sqlalchemy import and_, extract, func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.models import (
    Activity,
    Attendance,
    Contract,
    IssuedDocument,
    Participant,
    Participation,
)
from kisdesk.rules.eligibility import contract_required
from kisdesk.rules.graduate import (
    GraduateResult,
    GraduateStatus,
    completes_within,
    evaluate_graduate,
    evaluate_status,
    months_to_check,
)
from kisdesk.services.common import get_or_raise, require
from kisdesk.services.hours import attended_minutes_expr
from kisdesk.services.office import office_kind
from kisdesk.services.settings import all_settings


@dataclass(frozen=True, slots=True)
class GraduateRow:
    participation_id: int
    participant_id: int
    name: str
    result: GraduateResult
    status: GraduateStatus


@dataclass(frozen=True, slots=True)
class GraduateReport:
    as_of: dt.date
    graduate_months: int
    within_days: int | None
    rows: list[GraduateRow]


def _monthly_attended(
    session: Session, participation_ids: list[int] | None, as_of: dt.date
) -> dict[tuple[int, int, int], int]:
    """Attended minutes per (participation, year, month), summed by SQL up to `as_of`.

    `participation_ids` None: every period started by `as_of` (the whole list) — filtering
    by thousands of bound ids would cost more than the sums themselves."""
    if participation_ids is not None and not participation_ids:
        return {}
    year = extract("year", Activity.date)
    month = extract("month", Activity.date)
    query = (
        select(Participation.id, year, month, func.sum(attended_minutes_expr()))
        .select_from(Participation)
        .join(Attendance, Attendance.participant_id == Participation.participant_id)
        .join(
            Activity,
            and_(
                Activity.id == Attendance.activity_id,
                Activity.date >= Participation.start_on,
                or_(Participation.end_on.is_(None), Activity.date <= Participation.end_on),
                Activity.date <= as_of,
            ),
        )
        .group_by(Participation.id, year, month)
    )
    if participation_ids is None:
        query = query.where(Participation.start_on <= as_of)
    else:
        query = query.where(Participation.id.in_(participation_ids))
    return {
        (int(p), int(y), int(m)): int(total or 0)
        for p, y, m, total in cast(
            Iterable[tuple[int, int, int, int | None]], session.execute(query)
        )
    }


ENDING_KIND = "ending_certificate"
_FEW_IDS = 500  # up to this many periods are asked for by id; more: the whole list is read


def _ending_certificates(session: Session, ids: list[int] | None, as_of: dt.date) -> dict[int, str]:
    """The valid certificate of ending held on `as_of` per period: issued by then and not
    cancelled by then (art. 18 ust. 5a, art. 13 ust. 5a)."""
    next_day = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    query = select(IssuedDocument.participation_id, IssuedDocument.number).where(
        IssuedDocument.kind == ENDING_KIND,
        IssuedDocument.participation_id.is_not(None),
        IssuedDocument.issued_on <= as_of,
        or_(IssuedDocument.cancelled_at.is_(None), IssuedDocument.cancelled_at >= next_day),
    )
    if ids is not None:
        query = query.where(IssuedDocument.participation_id.in_(ids))
    rows = session.execute(query.order_by(IssuedDocument.id))
    return {int(p or 0): str(n) for p, n in rows}


def _contract_states(session: Session, ids: list[int] | None, as_of: dt.date) -> dict[int, str]:
    """The kontrakt/IPZS status per period as it stood on `as_of`: a status given later
    was not yet in force, the contract was still being carried out."""
    query = select(Contract.participation_id, Contract.status, Contract.status_on)
    if ids is not None:
        query = query.where(Contract.participation_id.in_(ids))
    states = {}
    for pid, status, status_on in session.execute(query):
        later = status_on is not None and status_on > as_of
        states[int(pid)] = "in_progress" if later and status != "in_progress" else str(status)
    return states


def graduates(
    session: Session,
    as_of: dt.date | None = None,
    within_days: int | None = None,
    participation_id: int | None = None,
    among: Collection[int] | None = None,
) -> GraduateReport:
    """One row per participation period started by `as_of`; with `within_days`, only the
    ongoing ones completing within that many days after `as_of`; with `among`, only those
    periods (the certificates due check the few that may need one, not the whole history)."""
    require(session, Permission.READ)
    as_of = as_of or dt.date.today()
    settings = all_settings(session)
    months = settings["graduate_months"]
    full_month = settings["monthly_minimum_hours"] * settings["hour_minutes"]
    blocks = settings["graduate_requires_monthly_minimum"]
    kind = office_kind(session)
    query = (
        select(Participation, Participant.first_name, Participant.last_name, Participant.kind)
        .join(Participant, Participant.id == Participation.participant_id)
        .where(Participation.start_on <= as_of)
        .order_by(Participant.last_name, Participant.first_name, Participation.start_on)
    )
    if participation_id is not None:
        query = query.where(Participation.id == participation_id)
    if within_days is not None:
        query = query.where(Participation.end_on.is_(None))
    # Thousands of bound ids cost more than reading every period and keeping the ones asked for.
    few = among is not None and len(among) <= _FEW_IDS
    if among is not None and few:
        query = query.where(Participation.id.in_(among))
    candidates = [
        (p, f"{first} {last}", person_kind)
        for p, first, last, person_kind in session.execute(query)
        if (
            within_days is None
            or completes_within(p.start_on, p.end_on, as_of, months, within_days)
        )
        and (among is None or p.id in among)
    ]
    whole_list = within_days is None and participation_id is None and not few
    ids = None if whole_list else [p.id for p, _, _ in candidates]
    attended = _monthly_attended(session, ids, as_of)
    certificates = _ending_certificates(session, ids, as_of)
    contracts = _contract_states(session, ids, as_of)
    rows = []
    for p, name, person_kind in candidates:
        # A full calendar month inside the period requires the whole monthly minimum.
        below = [
            (y, m)
            for y, m in months_to_check(p.start_on, p.end_on, as_of)
            if attended.get((p.id, y, m), 0) < full_month
        ]
        if kind == "cis":
            below = []  # the monthly minimum is the KIS standard's; a CIS has art. 14 weeks
        result = evaluate_graduate(
            start=p.start_on,
            end=p.end_on,
            as_of=as_of,
            graduate_months=months,
            months_below_minimum=below,
            minimum_blocks=blocks,
        )
        status = evaluate_status(
            kind=kind,
            start=p.start_on,
            end=p.end_on,
            as_of=as_of,
            graduate_months=months,
            ending_certificate=certificates.get(p.id),
            contract_status=contracts.get(p.id),
            contract_required=contract_required(person_kind),
            cis_status_months=settings["cis_graduate_status_months"],
            months_below_minimum=below,
            minimum_blocks=blocks,
        )
        rows.append(GraduateRow(p.id, p.participant_id, name, result, status))
    return GraduateReport(as_of, months, within_days, rows)


def graduate_check(session: Session, participation_id: int, as_of: dt.date) -> GraduateRow:
    """The graduate check of one participation period (for its certificate)."""
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    rows = graduates(session, as_of, participation_id=participation_id).rows
    if rows:
        return rows[0]
    # A period that starts after `as_of` is not in the report: it is simply not complete.
    settings = all_settings(session)
    months = settings["graduate_months"]
    result = evaluate_graduate(
        start=period.start_on,
        end=period.end_on,
        as_of=max(as_of, period.start_on),
        graduate_months=months,
        months_below_minimum=[],
        minimum_blocks=False,
    )
    result = replace(result, complete=False, eligible=False)
    person = period.participant
    status = evaluate_status(
        kind=office_kind(session),
        start=period.start_on,
        end=period.end_on,
        as_of=as_of,
        graduate_months=months,
        ending_certificate=None,
        contract_status=None,
        contract_required=contract_required(person.kind),
        cis_status_months=settings["cis_graduate_status_months"],
    )
    return GraduateRow(period.id, period.participant_id, person.full_name, result, status)
