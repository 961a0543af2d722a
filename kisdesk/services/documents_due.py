"""Certificates due and issued in bulk (docs/domain.md#certificates: a KIS certificate of ending is issued
without delay, art. 18 ust. 5a; §4.3: graduates), for the first working day of the month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ValidationError
from kisdesk.models import IssuedDocument, Participant, Participation
from kisdesk.rules.graduate import completes_on
from kisdesk.services.common import require
from kisdesk.services.documents import IssuedRow, issue_certificate
from kisdesk.services.documents_data import ENDING, GRADUATE
from kisdesk.services.graduates import graduates
from kisdesk.services.settings import get_setting

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class DueRow:
    """A certificate that should be issued (docs/domain.md#certificates: without delay; graduates: docs/domain.md#graduate-status)."""

    kind: str
    participation_id: int
    participant_id: int
    name: str
    start_on: dt.date
    end_on: dt.date | None
    end_reason: str | None


def _has(kind: str) -> Any:
    return exists().where(
        and_(
            IssuedDocument.participation_id == Participation.id,
            IssuedDocument.kind == kind,
            IssuedDocument.cancelled_at.is_(None),
        )
    )


def certificates_due(
    session: Session, as_of: dt.date, since: dt.date | None = None
) -> list[DueRow]:
    """Ended periods without an ending certificate (art. 18 ust. 5a: "niezwłocznie") and
    eligible graduates without a graduate certificate. `since` leaves out periods that
    ended before it (paper certificates from before the office used kisdesk)."""
    require(session, Permission.READ)
    query = (
        select(Participation, Participant.first_name, Participant.last_name)
        .join(Participant, Participant.id == Participation.participant_id)
        .where(Participation.end_on.is_not(None), Participation.end_on <= as_of, ~_has(ENDING))
        .order_by(Participation.end_on, Participant.last_name, Participant.first_name)
    )
    if since is not None:
        query = query.where(Participation.end_on >= since)
    due = [
        DueRow(
            ENDING, p.id, p.participant_id, f"{first} {last}", p.start_on, p.end_on, p.end_reason
        )
        for p, first, last in session.execute(query)
    ]
    issued = set(
        session.scalars(
            select(IssuedDocument.participation_id).where(
                IssuedDocument.kind == GRADUATE, IssuedDocument.cancelled_at.is_(None)
            )
        )
    )
    ending_due = {d.participation_id for d in due}
    # Both ways of being due need the months complete (art. 2 pkt 1a–1b): only periods that
    # have them and no graduate certificate yet are checked in full, not the whole history.
    months = int(get_setting(session, "graduate_months"))
    may_be_due = [
        pid
        for pid, start_on, end_on in session.execute(
            select(Participation.id, Participation.start_on, Participation.end_on).where(
                Participation.start_on <= as_of
            )
        )
        if pid not in issued
        and completes_on(start_on, months) <= (as_of if end_on is None else min(end_on, as_of))
        and (since is None or end_on is None or end_on >= since)
    ]
    for row in graduates(session, as_of, among=set(may_be_due)).rows:
        r, status = row.result, row.status
        # Due when the act's conditions are met (art. 2 pkt 1a–1b), or when only the
        # certificate of ending is missing and it is due itself: issued first, in this order.
        ready = status.eligible or (
            status.missing == ("certificate",)
            and row.participation_id in ending_due
            and not r.blocking
        )
        if not ready or row.participation_id in issued:
            continue
        if since is not None and r.end is not None and r.end < since:
            continue
        due.append(
            DueRow(
                GRADUATE, row.participation_id, row.participant_id, row.name, r.start, r.end, None
            )
        )
    return due


@dataclass(frozen=True, slots=True)
class BulkResult:
    issued: list[IssuedRow]
    skipped: list[tuple[DueRow, str]]  # (row, error code)


def issue_due(
    session: Session, as_of: dt.date, since: dt.date | None = None, progress: Progress | None = None
) -> BulkResult:
    """Issue every certificate due, dated `as_of`. A CIS ending certificate needs the skills
    written for each person (art. 13 ust. 5a), so those are skipped and reported."""
    require(session, Permission.ISSUE_DOCUMENTS)
    due = certificates_due(session, as_of, since)
    issued: list[IssuedRow] = []
    skipped: list[tuple[DueRow, str]] = []
    for i, row in enumerate(due):
        if progress is not None:
            progress(i, len(due), row.name)
        try:
            with session.begin_nested():
                issued.append(issue_certificate(session, row.participation_id, row.kind, as_of))
        except ValidationError as exc:
            skipped.append((row, exc.code))
    if progress is not None:
        progress(len(due), len(due), "")
    return BulkResult(issued, skipped)
