"""Two users on one database (a server, or two windows): no silent overwrite (issue: PostgreSQL).

Each test runs on SQLite and, when the suite has a server, on PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import pytest

from kisdesk.errors import ConflictError
from kisdesk.services import activities, attendance, participants, participations
from kisdesk.services.activities import ActivityData
from tests.pesel import make_pesel

LATER = dt.date(2026, 11, 1)


@pytest.fixture
def setup(kis):
    with kis.session() as s:
        pid = participants.add_participant(
            s, participants.ParticipantData("Jan", "Kos", pesel=make_pesel(dt.date(1980, 1, 1), 3))
        )
        participations.enroll(s, pid, dt.date(2026, 9, 1), group_id=1)
        act = activities.add_activity(
            s,
            ActivityData(
                dt.date(2026, 10, 5), dt.time(9), dt.time(12), "group", "Zajęcia", group_id=1
            ),
        )
    return kis, pid, act


def test_second_editor_of_a_participant_is_told_not_overwritten(setup):
    db, pid, _ = setup
    with db.read() as s:
        seen_by_a = participants.get_participant(s, pid)
        seen_by_b = participants.get_participant(s, pid)
    with db.session() as s:
        participants.update_participant(s, pid, dataclasses.replace(seen_by_a, phone="600 100 200"))
    with pytest.raises(ConflictError) as err, db.session() as s:
        participants.update_participant(s, pid, dataclasses.replace(seen_by_b, city="Oleśnica"))
    assert err.value.code == "record.changed_meanwhile"
    with db.read() as s:
        final = participants.get_participant(s, pid)
    assert (final.phone, final.city) == ("600 100 200", "")


def test_second_attendance_mark_on_a_stale_grid_is_refused(setup):
    db, pid, act = setup
    with db.read() as s:
        grid = attendance.month_grid(s, 1, 2026, 10)
    seen = grid.versions.get((act, pid), 0)
    with db.session() as s:
        attendance.set_mark(s, act, pid, "present", today=LATER, expected_version=seen)
    with pytest.raises(ConflictError), db.session() as s:
        attendance.set_mark(s, act, pid, "absent", today=LATER, expected_version=seen)
    with db.read() as s:
        assert attendance.month_grid(s, 1, 2026, 10).marks[(act, pid)] == ("present", None)


def test_overlapping_transactions_one_wins_the_other_is_told(setup):
    """Both users save at the same moment: exactly one succeeds, the other gets a conflict."""
    db, pid, act = setup
    with db.read() as s:
        base = participants.get_participant(s, pid)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def save(phone: str) -> None:
        barrier.wait()
        try:
            with db.session() as s:
                participants.update_participant(s, pid, dataclasses.replace(base, phone=phone))
            results.append("saved")
        except ConflictError:
            results.append("conflict")

    threads = [threading.Thread(target=save, args=(p,)) for p in ("111", "222")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == ["conflict", "saved"]
    with db.read() as s:
        assert participants.get_participant(s, pid).version == base.version + 1


def test_journal_marks_carry_their_version(setup):
    db, pid, act = setup
    with db.read() as s:
        (before,) = attendance.expected_participants(s, act)
    assert (before.mark, before.version) == (None, 0)
    with db.session() as s:
        attendance.set_mark(s, act, pid, "present", today=LATER, expected_version=before.version)
    with pytest.raises(ConflictError), db.session() as s:
        attendance.set_mark(s, act, pid, "excused", today=LATER, expected_version=before.version)
    with db.read() as s:
        (after,) = attendance.expected_participants(s, act)
    assert (after.mark, after.version) == ("present", 1)


def test_unrelated_saves_at_the_same_moment_are_both_kept(kis):
    """Both saves append to the one audit chain: the second waits for the first's turn
    instead of being refused as a conflict (docs/misuse-cases.md, "Concurrency")."""
    from kisdesk.db import Database
    from kisdesk.services import audit

    other = Database(kis.url)  # a second computer on the same server
    errors: list[BaseException] = []
    first_open = threading.Event()

    def second() -> None:
        first_open.wait()
        try:
            with other.session() as s:
                participants.add_participant(
                    s, participants.ParticipantData("Ewa", "Bem", pesel=make_pesel(BORN, 7, "K"))
                )
        except BaseException as exc:  # noqa: BLE001 (reported by the assertion below)
            errors.append(exc)

    thread = threading.Thread(target=second)
    thread.start()
    try:
        with kis.session() as s:
            participants.add_participant(
                s, participants.ParticipantData("Jan", "Kos", pesel=make_pesel(BORN, 3))
            )
            s.flush()
            first_open.set()
            thread.join(0.5)  # the second save is under way meanwhile
    finally:
        thread.join(30)
        other.dispose()
    assert errors == []
    with kis.read() as s:
        names = [p.last_name for p in participants.list_participants(s, "")]
        check = audit.verify(s)
    assert sorted(names) == ["Bem", "Kos"] and check.ok


BORN = dt.date(1980, 1, 1)
