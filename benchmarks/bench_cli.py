"""A command of the command line as a whole process, against a bare Python process that
imports SQLAlchemy and runs the same query.

Target (issue 17): `kisdesk hours --month` within 2× the bare process. Both are started the
same way (`python …` in a new process, timed from start to exit), on the same database in
the same run. The bare process does only what any SQLAlchemy program has to: import it,
connect, run the month report's SQL (bench_queries.BARE_MONTH) and print the rows. The
rest — kisdesk's own imports, opening and checking the database, the parser, signing the
actor in, the service and its JSON — is what the ratio measures.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench_queries import BARE_MONTH, MONTH
from common import DATA, ROOT, TODAY, Result, demo_db, median_time

SIZES = ("300x10", "2000x10")

BARE = """
import sys
from sqlalchemy import create_engine, text
engine = create_engine(sys.argv[1])
with engine.connect() as conn:
    rows = conn.execute(text(sys.argv[2]), dict(first=sys.argv[3], last=sys.argv[4],
                                                as_of=sys.argv[5])).all()
print(len(rows))
"""


def _run(args: list[str]) -> None:
    env = dict(os.environ, KISDESK_DATA_DIR=str(DATA / "appdata"), PYTHONPATH=str(ROOT))
    subprocess.run(args, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)


def run(size: str) -> list[Result]:
    path: Path = demo_db(size)
    month = f"{MONTH[0]}-{MONTH[1]:02d}"
    ours = [sys.executable, "-m", "kisdesk", "--db", str(path), "hours", "--month", month]
    ours += ["--as-of", TODAY.isoformat(), "--json"]
    first, last = f"{month}-01", f"{month}-31"
    bare = [sys.executable, "-c", BARE, f"sqlite:///{path}", BARE_MONTH, first, last]
    bare += [TODAY.isoformat()]
    result = Result(
        "command line: hours --month, whole process",
        size,
        median_time(lambda: _run(ours)),
        median_time(lambda: _run(bare)),
        "python importing SQLAlchemy, same query",
        "≤ 2× bare",
    )
    result.ok = result.ratio <= 2
    return [result]
