"""A writer killed with SIGKILL at random moments loses nothing it reported as saved.

SQLite's own crash tests kill a child in the middle of writing (sqlite.org/testing.html);
docs/architecture.md#connection asks the same of kisdesk. A forked child (fast: kisdesk is already
imported) writes a realistic mix through the services — a participant with their period,
an activity with the marks of its whole group — and prints each id only after the commit.
The parent kills it after a random delay, then checks that every reported write is there
and complete, that no partial write is visible, and that the file passes integrity_check.
The next child opens the same database again: the stale lock is taken over and the hot WAL
recovered. KISDESK_CRASH_ITERATIONS changes the count (200 by default, as the issue asks).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import sys
import time
import traceback
from pathlib import Path

import pytest

from kisdesk.db.open import open_database
from kisdesk.services import activities, attendance, groups, office, participants, participations
from tests.pesel import make_pesel

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork and SIGKILL are POSIX")

ITERATIONS = int(os.environ.get("KISDESK_CRASH_ITERATIONS", "200"))
START = dt.date.today() - dt.timedelta(days=200)
LATE = dt.date.today() - dt.timedelta(days=10)


def _setup(url: str) -> list[int]:
    db = open_database(url)
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="kis",
                name="KIS w Zawoni",
                operator=office.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
            ),
        )
        group_ids = [groups.add_group(s, "Grupa A"), groups.add_group(s, "Grupa B")]
        for n in range(6):
            pid = participants.add_participant(
                s,
                participants.ParticipantData(
                    first_name="Anna",
                    last_name=f"Łącka {n}",
                    pesel=make_pesel(dt.date(1980, 1, 1 + n), n, "K"),
                ),
            )
            participations.enroll(s, pid, START, None, group_ids[n % 2])
    db.dispose()
    return group_ids


def _write_forever(url: str, out: int, seed: int, group_ids: list[int]) -> None:
    rng = random.Random(seed)
    db = open_database(url)
    os.write(out, b"R\n")  # open: stale lock taken over, hot WAL recovered
    serial = seed * 1000
    while True:
        serial += 1
        if rng.random() < 0.4:
            with db.session() as s:
                pid = participants.add_participant(
                    s,
                    participants.ParticipantData(
                        first_name="Zdzisław",
                        last_name=f"Żółć {serial}",
                        birth_date=dt.date(1970, 1, 1) + dt.timedelta(days=serial % 9000),
                        sex="M",
                        id_document=f"dowód ABC{serial}",
                        notes="ąęłńóśźż " * rng.randint(1, 200),
                    ),
                )
                # Joining after every activity day: the marks each activity needs stay fixed.
                period = participations.enroll(s, pid, LATE, None, rng.choice(group_ids))
            os.write(out, f"P {pid} {period}\n".encode())
        else:
            day = START + dt.timedelta(days=rng.randint(1, 150))
            with db.session() as s:
                aid = activities.add_activity(
                    s,
                    activities.ActivityData(
                        date=day,
                        start_time=dt.time(9, 0),
                        end_time=dt.time(12, 0),
                        kind="group",
                        topic=f"Warsztaty {serial}",
                        group_id=rng.choice(group_ids),
                    ),
                )
                marks = attendance.record_activity(s, aid, today=day)
            os.write(out, f"A {aid} {marks}\n".encode())


def _child(url: str, out: int, seed: int, group_ids: list[int]) -> None:
    try:
        _write_forever(url, out, seed, group_ids)
    except BaseException:
        os.write(2, traceback.format_exc().encode())
        os._exit(3)


def _check(path: Path, reported: list[str]) -> None:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for line in reported:
            kind, first, second = line.split()
            if kind == "P":
                row = conn.execute(
                    "SELECT participant_id FROM participation WHERE id = ?", (int(second),)
                ).fetchone()
                assert row == (int(first),), f"committed participant {first} lost"
            else:
                n = conn.execute(
                    "SELECT count(*) FROM attendance WHERE activity_id = ?", (int(first),)
                ).fetchone()[0]
                assert n == int(second), f"committed activity {first}: {n} of {second} marks"
        # Nothing partial: no person without a period, no activity without all its marks.
        assert conn.execute(
            "SELECT count(*) FROM participant p WHERE NOT EXISTS "
            "(SELECT 1 FROM participation x WHERE x.participant_id = p.id)"
        ).fetchone() == (0,)
        partial = conn.execute(
            "SELECT a.id FROM activity a WHERE "
            "(SELECT count(*) FROM attendance m WHERE m.activity_id = a.id) != "
            "(SELECT count(*) FROM participation x WHERE x.group_id = a.group_id "
            " AND x.start_on <= a.date AND (x.end_on IS NULL OR x.end_on >= a.date))"
        ).fetchall()
        assert partial == []
    finally:
        conn.close()


@pytest.mark.slow
def test_writes_reported_as_saved_survive_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    url = f"sqlite:///{path}"
    group_ids = _setup(url)
    rng = random.Random(20261122)
    reported: list[str] = []
    started = time.monotonic()
    for iteration in range(ITERATIONS):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            os.close(read_end)
            _child(url, write_end, iteration + 1, group_ids)
            os._exit(4)
        os.close(write_end)
        chunks = []
        if rng.random() < 0.1:  # now and then while it is still opening the database
            time.sleep(rng.uniform(0.0, 0.08))
        else:  # mostly among the writes
            while b"R\n" not in b"".join(chunks):
                chunk = os.read(read_end, 65536)
                if not chunk:
                    break
                chunks.append(chunk)
            time.sleep(rng.uniform(0.0, 0.2))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        while chunk := os.read(read_end, 65536):
            chunks.append(chunk)
        os.close(read_end)
        assert (
            os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        ), f"iteration {iteration}: the writer failed on its own (status {status})"
        text = b"".join(chunks).decode()
        # A line cut by the kill was never acknowledged: only whole lines count.
        reported += [line for line in text.split("\n")[:-1] if line and line != "R"]
        _check(path, reported)
    elapsed = time.monotonic() - started
    sys.stderr.write(f"\ncrash test: {ITERATIONS} kills, {len(reported)} writes, {elapsed:.1f} s\n")
    assert len(reported) > ITERATIONS  # the kills did land among real writes
    db = open_database(url)  # the program starts normally afterwards
    db.dispose()
