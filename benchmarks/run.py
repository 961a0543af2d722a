"""Run every benchmark and print one table; write benchmarks/RESULTS.md.

python benchmarks/run.py                 all sizes (the 2000×10 office takes minutes
                                         to generate the first time; it is cached)
python benchmarks/run.py --sizes 60x1,300x10
python benchmarks/run.py --suites cli,pages,io --sizes 2000x10   some suites only
python benchmarks/run.py walkthrough     the counted walk-through of two months' work
                                         (bench_walkthrough.py; a few minutes, headless)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import bench_benefits  # noqa: E402
import bench_cli  # noqa: E402
import bench_documents  # noqa: E402
import bench_io  # noqa: E402
import bench_pages  # noqa: E402
import bench_queries  # noqa: E402
import bench_startup  # noqa: E402
import bench_walkthrough  # noqa: E402
from common import SIZES, Result, machine  # noqa: E402

PG_SECTION = "## Concurrent writers on PostgreSQL"
SUITES = [
    bench_queries,
    bench_cli,
    bench_benefits,
    bench_startup,
    bench_pages,
    bench_documents,
    bench_io,
]


def table(results: list[Result]) -> str:
    lines = [
        "| benchmark | office | kisdesk | baseline | ratio | target | ok |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    for r in results:
        ok = "" if r.ok is None else ("yes" if r.ok else "**no**")
        lines.append(
            f"| {r.name} | {r.size} | {r.ours * 1000:.1f} ms | {r.baseline * 1000:.1f} ms "
            f"({r.baseline_name}) | {r.ratio:.2f}× | {r.target} | {ok} |"
        )
    notes = [f"- {r.name}, {r.size}: {n}" for r in results for n in r.notes]
    return "\n".join(lines + ([""] + notes if notes else []))


READING = """## Reading the figures

- N×Y is `kisdesk demo --participants N --years Y`: N people over the office's whole
  history. A month of the 2000×10 office has about 10× the people of the 300×10 one, and the
  13000×10 office (about 930 000 attendance marks) about 6× the 2000×10 one again: the month
  report grows with the month's people and classes, as it should, not with the years behind.
- The graduates list is one row per participation period of the whole history, so it grows
  with the history by definition; the dashboard asks only for the upcoming ones.
- Pages: each page of the main window shown the first time (built, its data read, painted),
  in one process on an open database, against a bare PySide6 window shown in the same
  process. The ratio says little (a bare window shows in under a millisecond); the time is
  the figure. The participants list and the documents page list the whole history, so they
  grow with it (2000×10 lists 2000 people); they read it off the GUI thread, and their figure
  is the time until the rows are on screen, against the bare sqlite3 queries of those rows
  in the same process.
- Start-up is timed as a user starts the program: `python -m kisdesk --db …` in a new process,
  from its start until the window with its computed dashboard is shown and the event loop
  runs (closing the program afterwards is not timed), against a bare PySide6 window timed
  the same way. Loading SQLAlchemy (the ORM library the program is built on, timed inside a
  fresh Python) is reported apart, and the 0.5 s target is judged on the rest: kisdesk's own
  imports, opening and checking the database, building the window and the dashboard's
  queries. What was cut to get there: Alembic is loaded only when a migration runs, the
  command-line parser only for a command, cryptography and SQLCipher only for a backup or an
  encrypted file, holidays' 200 country tables not at all (the years around today are kept
  between starts), and the core modules are imported before PySide6, whose import hook
  otherwise reads the source of every module imported after it.
"""


def growth(results: list[Result]) -> str:
    """How each figure grows from the smallest office to the largest (issue: it should grow
    with the month's data, not with the years of history)."""
    by_name: dict[str, list[Result]] = {}
    for r in results:
        by_name.setdefault(r.name, []).append(r)
    lines = ["| benchmark | " + " | ".join(SIZES) + " |", "|---|" + "---:|" * len(SIZES)]
    for name, rows in by_name.items():
        sizes = {r.size: r.ours for r in rows}
        if len(sizes) < 2:
            continue
        first = next(sizes[s] for s in SIZES if s in sizes)
        cells = [f"{sizes[s] / first:.1f}×" if s in sizes else "" for s in SIZES]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "Growth of kisdesk's time against the smallest office measured:\n\n" + "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", nargs="?", choices=["walkthrough"], help="one measure only")
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--suites", default="", help="e.g. cli,pages (bench_<name>.py)")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite RESULTS.md")
    args = parser.parse_args()
    if args.what == "walkthrough":
        return bench_walkthrough.main(write=not args.no_write)
    sizes = [s for s in args.sizes.split(",") if s]
    results: list[Result] = []
    wanted = {f"bench_{n}" for n in args.suites.split(",") if n}
    for suite in SUITES:
        if wanted and suite.__name__ not in wanted:
            continue
        for size in sizes:
            if size in getattr(suite, "SIZES", SIZES):
                print(f"{suite.__name__} {size}", flush=True)
                results.extend(suite.run(size))
    text = table(results) + "\n\n" + growth(results)
    print(text)
    if not args.no_write:
        path = HERE / "RESULTS.md"
        # bench_pg_writers.py (needs a PostgreSQL server) keeps its own section: kept here
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        walk = bench_walkthrough.section_of(old)  # run.py walkthrough writes it, kept here
        rest = old.replace(walk, "") if walk else old
        kept = rest[rest.index(PG_SECTION) :].rstrip("\n") + "\n" if PG_SECTION in rest else ""
        kept = kept + ("\n" + walk if walk else "")
        path.write_text(
            f"# Benchmark results\n\nMeasured {dt.date.today().isoformat()} on: {machine()}\n\n"
            "Each figure is the median of several runs; the ratio compares kisdesk with the "
            "baseline measured in the same run.\n\n"
            + text
            + "\n\n"
            + READING
            + ("\n" + kept if kept else ""),
            encoding="utf-8",
        )
    return 0 if all(r.ok is not False for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
