"""The CIS month's benefit list (art. 15) against the month's hours report of the same office.

Target (issue 14): the benefit list of a 60-participant CIS month comes from SQL aggregation
and takes no more than 2× the month's hours report on the same office, both measured in the
same run. The office is the demo CIS of 60 participants with a sick leave, a day off and an
unexcused day recorded for every third participant of the month.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from common import DATA, ROOT, TODAY, Result, median_time

from kisdesk.db.database import Database
from kisdesk.services import benefits, hours

SIZES = {"60x1": (60, 1)}
MONTH = (2026, 10)  # the last full month before TODAY


def cis_db(size: str) -> Path:
    participants, years = SIZES[size]
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"cis_{size}.sqlite"
    if path.exists():
        return path
    env = dict(os.environ, KISDESK_DATA_DIR=str(DATA / "appdata"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kisdesk",
            "--db",
            str(path),
            "demo",
            "--type",
            "cis",
            "--participants",
            str(participants),
            "--years",
            str(years),
            "--seed",
            "1",
            "--as-of",
            TODAY.isoformat(),
        ],  # fmt: skip
        check=True,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    con = sqlite3.connect(path)
    first, last = dt.date(*MONTH, 1), dt.date(*MONTH, 31)
    periods = con.execute(
        "SELECT id, participant_id FROM participation WHERE start_on <= ? "
        "AND (end_on IS NULL OR end_on >= ?)",
        (last.isoformat(), first.isoformat()),
    ).fetchall()
    for n, (period, person) in enumerate(periods[::3]):
        for kind, start, end in (
            ("sick", 6 + n % 5, 10 + n % 5),
            ("day_off", 20, 20),
            ("unexcused", 27, 27),
        ):
            con.execute(
                "INSERT INTO absence (participant_id, participation_id, kind, from_on, to_on, "
                "document, note, consent_by) VALUES (?, ?, ?, ?, ?, '', '', '')",
                (person, period, kind, f"2026-10-{start:02d}", f"2026-10-{end:02d}"),
            )
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


def run(size: str) -> list[Result]:
    path = cis_db(size)
    db = Database(f"sqlite:///{path}")

    def ours() -> None:
        with db.read() as s:
            benefits.benefit_list(s, *MONTH)

    def baseline() -> None:
        with db.read() as s:
            hours.month_report(s, *MONTH, as_of=TODAY)

    with db.read() as s:
        rows = len(benefits.benefit_list(s, *MONTH).rows)
    result = Result(
        "CIS benefit list of a month",
        size,
        median_time(ours, repeat=9),
        median_time(baseline, repeat=9),
        "the month's hours report",
        target="≤ 2×",
        notes=[f"{rows} participation periods in the month"],
    )
    result.ok = result.ratio <= 2.0
    db.dispose()
    return [result]


if __name__ == "__main__":
    for r in run("60x1"):
        print(f"{r.name} {r.size}: {r.ours * 1000:.1f} ms vs {r.baseline * 1000:.1f} ms "
              f"({r.baseline_name}); ratio {r.ratio:.2f} (target {r.target}); {r.notes}")  # fmt: skip
