"""A recorded review corrected: its date and the progress it found, the goals following the
newest review that names them, the change in the audit log; bad corrections change nothing
(docs/participant-path.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from kisdesk.db import Database
from kisdesk.errors import NotFoundError, ValidationError
from kisdesk.models import AuditEntry
from kisdesk.services import contracts, groups, participants, participations, reviews
from tests.pesel import make_pesel

START = dt.date(2026, 1, 15)


def _period(db: Database) -> tuple[int, int, int]:
    with db.session() as s:
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                first_name="Jan", last_name="Nowak", pesel=make_pesel(dt.date(1980, 5, 5), 3, "M")
            ),
        )
        period = participations.enroll(s, pid, START, group_id=groups.list_groups(s)[0].id)
        contracts.set_contract(s, period, contracts.ContractData("KS/1/2026", START))
        a = contracts.add_goal(s, period, "Terapia", "social").id
        b = contracts.add_goal(s, period, "Kurs", "vocational").id
    return period, a, b


def test_a_corrected_review_moves_the_goals_with_it(kis: Database) -> None:
    period, a, b = _period(kis)
    with kis.session() as s:
        first = reviews.add_review(s, period, dt.date(2026, 4, 10), {a: "in_progress"})
        reviews.add_review(s, period, dt.date(2026, 7, 10), {b: "in_progress"})
    with kis.session() as s:
        row = reviews.correct_review(
            s, first.id, dt.date(2026, 4, 14), {a: "achieved", b: "achieved"}, note="Poprawka"
        )
    assert row.held_on == dt.date(2026, 4, 14) and row.note == "Poprawka"
    assert dict(row.progress) == {a: "achieved", b: "achieved"}
    with kis.read() as s:
        view = contracts.contract_of(s, period)
        states = [p.state for p in reviews.plan_states(s, period, dt.date(2026, 7, 20))]
        entries = s.scalars(
            select(AuditEntry.details).where(
                AuditEntry.record_type == "review", AuditEntry.record_id == first.id
            )
        ).all()
    assert view is not None
    # goal a: only the corrected review names it; goal b: the July review is newer
    assert {g.id: g.status for g in view.goals} == {a: "achieved", b: "in_progress"}
    assert states[:2] == ["held", "held"]
    assert any('"updated"' in d and "held_on" in d for d in entries)


@pytest.mark.parametrize(
    "review_id, on, progress, error",
    [
        (999, dt.date(2026, 4, 10), {}, NotFoundError),
        (None, dt.date(2026, 1, 2), {}, ValidationError),  # before the period started
        (None, dt.date(2026, 4, 10), {777: "achieved"}, ValidationError),
        (None, dt.date(2026, 4, 10), {"a": "done"}, ValidationError),
    ],
)
def test_a_bad_correction_changes_nothing(kis: Database, review_id, on, progress, error) -> None:  # type: ignore[no-untyped-def]
    period, a, _b = _period(kis)
    with kis.session() as s:
        first = reviews.add_review(s, period, dt.date(2026, 4, 10), {a: "in_progress"}, "Notatka")
    progress = {a if k == "a" else k: v for k, v in progress.items()}
    with pytest.raises(error), kis.session() as s:
        reviews.correct_review(s, review_id or first.id, on, progress, note="zmiana")
    with kis.read() as s:
        (held,) = reviews.reviews_of(s, period)
    assert (held.held_on, held.note, held.progress) == (
        dt.date(2026, 4, 10),
        "Notatka",
        ((a, "in_progress"),),
    )
