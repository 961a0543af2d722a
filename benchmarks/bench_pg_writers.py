"""Eight writers adding different people at once on one PostgreSQL server (issue 12 item 10).

Every save appends an entry to the one audit chain. Without serialising that append, two
unrelated saves at the same moment link to the same last entry and one is refused as a
conflict ("w międzyczasie zapisano taki sam lub powiązany wpis"). The baseline is the same
run with the append's lock switched off; the target is 0 refused saves with it on.

    KISDESK_TEST_PG_URL=postgresql+psycopg://… python benchmarks/bench_pg_writers.py
    python benchmarks/bench_pg_writers.py --seconds 20     (starts a throw-away server)

The figures go into benchmarks/RESULTS.md, in their own section (run.py keeps it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

from sqlalchemy import create_engine, text  # noqa: E402

from kisdesk.db.open import open_database  # noqa: E402
from kisdesk.errors import ConflictError, KisdeskError  # noqa: E402
from kisdesk.rules.pesel import compose_pesel  # noqa: E402
from kisdesk.services import audit, office, participants, participations  # noqa: E402

SECTION = "## Concurrent writers on PostgreSQL"
WRITERS = 8


def pesel(n: int) -> str:
    """A valid PESEL of someone born in 1980 (serial n)."""
    birth = dt.date(1980, 1, 1) + dt.timedelta(days=n % 3650)
    return compose_pesel(birth, (n // 3650) % 1000, 1)


@dataclass
class Tally:
    saved: int = 0
    refused: int = 0
    faults: int = 0
    other: int = 0


def fresh(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    db = open_database(url)
    with db.session() as s:
        office.create_office(
            s, office.OfficeData(kind="kis", name="KIS", operator=office.OperatorData(name="G"))
        )
    db.dispose()


def writers(url: str, seconds: float) -> Tally:
    tally, lock = Tally(), threading.Lock()
    start_gate = threading.Barrier(WRITERS)
    deadline = [0.0]

    def work(w: int) -> None:
        db = open_database(url)
        n = w
        start_gate.wait()
        if w == 0:
            deadline[0] = time.monotonic() + seconds
        time.sleep(0.01)
        try:
            while time.monotonic() < deadline[0]:
                n += WRITERS
                data = participants.ParticipantData(f"Osoba{n}", "Testowa", pesel=pesel(n))
                try:
                    with db.session() as s:
                        pid = participants.add_participant(s, data)
                        participations.enroll(s, pid, dt.date(2026, 11, 2), None, None)
                    outcome = "saved"
                except ConflictError:
                    outcome = "refused"
                except KisdeskError:
                    outcome = "other"
                except Exception:
                    outcome = "faults"
                with lock:
                    setattr(tally, outcome, getattr(tally, outcome) + 1)
        finally:
            db.dispose()

    threads = [threading.Thread(target=work, args=(w,)) for w in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally


def measure(url: str, seconds: float, serialised: bool) -> Tally:
    fresh(url)
    original = audit.serialise_append
    if not serialised:
        audit.serialise_append = lambda conn: None  # the baseline: no turn taken
    try:
        return writers(url, seconds)
    finally:
        audit.serialise_append = original


def write_results(rows: list[tuple[str, Tally]], seconds: float) -> None:
    lines = [
        SECTION,
        "",
        f"Measured {dt.date.today().isoformat()}: {WRITERS} writers (threads, one connection "
        f"pool each) adding different people with a participation period for {seconds:g} s "
        "each, on one throw-away PostgreSQL server; the baseline is the same run with the "
        "audit chain's append not serialised. Target: 0 refused saves.",
        "",
        "| audit append | saved | refused as a conflict | faults | ok |",
        "|---|---:|---:|---:|---|",
    ]
    for name, t in rows:
        ok = (
            ""
            if name.startswith("not")
            else ("yes" if t.refused == 0 and t.faults == 0 else "**no**")
        )
        lines.append(f"| {name} | {t.saved} | {t.refused} | {t.faults} | {ok} |")
    path = HERE / "RESULTS.md"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    head = old.split(SECTION)[0].rstrip("\n")
    path.write_text(head + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("KISDESK_TEST_PG_URL")
    server = None
    if not url:
        from pg_server import TestServer

        server = TestServer()
        if not server.available:
            print("no PostgreSQL server binaries; set KISDESK_TEST_PG_URL")
            return 2
        url = server.start()
    try:
        rows = [
            ("not serialised (baseline)", measure(url, args.seconds, serialised=False)),
            ("serialised (pg_advisory_xact_lock)", measure(url, args.seconds, serialised=True)),
        ]
    finally:
        if server is not None:
            server.stop()
    for name, t in rows:
        print(f"{name}: saved {t.saved}, refused {t.refused}, faults {t.faults}, other {t.other}")
    if not args.no_write:
        write_results(rows, args.seconds)
    return 0 if rows[1][1].refused == 0 and rows[1][1].faults == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
