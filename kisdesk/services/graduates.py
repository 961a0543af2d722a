"""Graduate status (docs/domain.md#graduate-status): who completed the period, who completes soon.

One participation period counts on its own. Months below the monthly minimum are warnings
unless the setting `graduate_requires_monthly_minimum` makes them blocking.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import cast

from sqlalchemy import and_, extract, func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.models import Activity, Attendance, Participant, Participation
from kisdesk.rules.graduate import (
    GraduateResult,
    completes_within,
    evaluate_graduate,
    months_to_check,
)
from kisdesk.services.common import get_or_raise, require
from kisdesk.services.hours import attended_minutes_expr
from kisdesk.services.settings import all_settings


@dataclass(frozen=True, slots=True)
class GraduateRow:
    participation_id: int
    participant_id: int
    name: str
    result: GraduateResult


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


def graduates(
    session: Session,
    as_of: dt.date | None = None,
    within_days: int | None = None,
    participation_id: int | None = None,
) -> GraduateReport:
    """One row per participation period started by `as_of`; with `within_days`, only the
    ongoing ones completing within that many days after `as_of`."""
    require(session, Permission.READ)
    as_of = as_of or dt.date.today()
    settings = all_settings(session)
    months = settings["graduate_months"]
    full_month = settings["monthly_minimum_hours"] * settings["hour_minutes"]
    blocks = settings["graduate_requires_monthly_minimum"]
    query = (
        select(Participation, Participant.first_name, Participant.last_name)
        .join(Participant, Participant.id == Participation.participant_id)
        .where(Participation.start_on <= as_of)
        .order_by(Participant.last_name, Participant.first_name, Participation.start_on)
    )
    if participation_id is not None:
        query = query.where(Participation.id == participation_id)
    if within_days is not None:
        query = query.where(Participation.end_on.is_(None))
    candidates = [
        (p, f"{first} {last}")
        for p, first, last in session.execute(query)
        if within_days is None or completes_within(p.start_on, p.end_on, as_of, months, within_days)
    ]
    whole_list = within_days is None and participation_id is None
    attended = _monthly_attended(
        session, None if whole_list else [p.id for p, _ in candidates], as_of
    )
    rows = []
    for p, name in candidates:
        # A full calendar month inside the period requires the whole monthly minimum.
        below = [
            (y, m)
            for y, m in months_to_check(p.start_on, p.end_on, as_of)
            if attended.get((p.id, y, m), 0) < full_month
        ]
        result = evaluate_graduate(
            start=p.start_on,
            end=p.end_on,
            as_of=as_of,
            graduate_months=months,
            months_below_minimum=below,
            minimum_blocks=blocks,
        )
        rows.append(GraduateRow(p.id, p.participant_id, name, result))
    return GraduateReport(as_of, months, within_days, rows)


def graduate_check(session: Session, participation_id: int, as_of: dt.date) -> GraduateRow:
    """The graduate check of one participation period (for its certificate)."""
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    rows = graduates(session, as_of, participation_id=participation_id).rows
    if rows:
        return rows[0]
    # A period that starts after `as_of` is not in the report: it is simply not complete.
    months = all_settings(session)["graduate_months"]
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
    return GraduateRow(period.id, period.participant_id, person.full_name, result)
