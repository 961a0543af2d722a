"""Closing a month (docs/benefit.md, "Closing a month"), for a KIS and a CIS alike.

A closed month's journal, attendance, absences, benefits and premia cannot be changed: every
service that writes them calls `ensure_open()` first, so the GUI, the command line and an
import are refused alike. Only the leader closes and reopens, reopening needs a written
reason; both are in the audit log, and so is every change made while the month is open
again (kisdesk.services.audit_changes logs each flushed change).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kisdesk.access import Permission, actor_of
from kisdesk.errors import ConflictError, ValidationError
from kisdesk.models import MonthClosure
from kisdesk.models.base import utcnow
from kisdesk.services import audit
from kisdesk.services.common import clean, require
from kisdesk.services.settings import all_settings, settings_as_of


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def key_of(day: dt.date) -> str:
    return month_key(day.year, day.month)


def months_between(first: dt.date, last: dt.date) -> list[str]:
    """Every month touched by [first, last], oldest first."""
    keys: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        keys.append(month_key(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def closed_months(session: Session) -> set[str]:
    require(session, Permission.READ)
    return set(session.scalars(select(MonthClosure.month).where(MonthClosure.closed.is_(True))))


def closed_since(session: Session, year: int, month: int) -> dt.datetime | None:
    """When the month was (last) closed; None while it is open."""
    require(session, Permission.READ)
    row = session.get(MonthClosure, month_key(year, month))
    return row.closed_at if row is not None and row.closed else None


def month_settings(session: Session, year: int, month: int) -> dict[str, Any]:
    """The settings a month is computed with: today's while it is open, those of its closing
    once closed (settings.settings_as_of), so its hours report and benefit list read as they
    were signed (docs/domain.md#closing-month)."""
    require(session, Permission.READ)
    closed_at = closed_since(session, year, month)
    return all_settings(session) if closed_at is None else settings_as_of(session, closed_at)


def ensure_open(session: Session, days: Iterable[dt.date]) -> None:
    """Refuse a change touching a closed month, naming it and how to reopen it."""
    require(session, Permission.READ)
    keys = sorted({key_of(d) for d in days})
    if not keys:
        return
    closed = set(
        session.scalars(
            select(MonthClosure.month).where(
                MonthClosure.month.in_(keys), MonthClosure.closed.is_(True)
            )
        )
    )
    for key in keys:
        if key in closed:
            raise ValidationError("month.closed", month=key)


def ensure_span_open(session: Session, first: dt.date, last: dt.date) -> None:
    require(session, Permission.READ)
    keys = months_between(first, last)
    closed = closed_months(session)
    for key in keys:
        if key in closed:
            raise ValidationError("month.closed", month=key)


@dataclass(frozen=True, slots=True)
class MonthStatus:
    month: str
    closed: bool
    closed_at: dt.datetime | None
    closed_by: str
    reopened_at: dt.datetime | None
    reopened_by: str
    reopen_reason: str
    has_snapshot: bool


def _status(month: str, row: MonthClosure | None) -> MonthStatus:
    if row is None:
        return MonthStatus(month, False, None, "", None, "", "", False)
    return MonthStatus(
        month,
        row.closed,
        row.closed_at,
        row.closed_by,
        row.reopened_at,
        row.reopened_by,
        row.reopen_reason,
        bool(row.snapshot),
    )


def month_status(session: Session, year: int, month: int) -> MonthStatus:
    require(session, Permission.READ)
    key = month_key(year, month)
    return _status(key, session.get(MonthClosure, key))


def snapshot(session: Session, year: int, month: int) -> dict[str, Any] | None:
    """The benefit list as it stood at the month's last close (None: never closed)."""
    require(session, Permission.READ)
    row = session.get(MonthClosure, month_key(year, month))
    if row is None or not row.snapshot:
        return None
    data: dict[str, Any] = json.loads(row.snapshot)
    return data


def close_month(session: Session, year: int, month: int) -> MonthStatus:
    """Close the month (the leader): its records become read-only; the benefit list of a CIS
    is kept as it stands, to show the differences after a correction."""
    require(session, Permission.MANAGE_OFFICE)
    key = month_key(year, month)
    row = session.get(MonthClosure, key)
    if row is not None and row.closed:
        raise ConflictError("month.already_closed", month=key)
    from kisdesk.services.benefits import benefit_list_payload
    from kisdesk.services.office import office_kind

    kept = benefit_list_payload(session, year, month) if office_kind(session) == "cis" else {}
    if row is None:
        row = MonthClosure(month=key)
        session.add(row)
    row.closed, row.closed_at, row.closed_by = True, utcnow(), actor_of(session).name
    row.snapshot = json.dumps(kept, ensure_ascii=False) if kept else ""
    session.flush()
    audit.record(session, "month_close", record_type="month", month=key)
    return _status(key, row)


def reopen_month(session: Session, year: int, month: int, reason: str) -> MonthStatus:
    """Open a closed month again for a correction (the leader, with a written reason)."""
    require(session, Permission.MANAGE_OFFICE)
    key = month_key(year, month)
    reason = clean(reason)
    if not reason:
        raise ValidationError("month.reason_required", month=key)
    row = session.get(MonthClosure, key)
    if row is None or not row.closed:
        raise ConflictError("month.not_closed", month=key)
    row.closed = False
    row.reopened_at, row.reopened_by, row.reopen_reason = utcnow(), actor_of(session).name, reason
    session.flush()
    audit.record(session, "month_reopen", record_type="month", month=key, reason=reason)
    return _status(key, row)
