"""Shared pieces of the benchmarks: timing, demo databases, the result table.

Every figure is a ratio against a baseline measured in the same run on the same machine,
so the machine's speed and its noise cancel out; absolute times are printed alongside.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / ".data"
# A fixed "today" keeps every run's data identical (the demo's history ends here).
TODAY = dt.date(2026, 11, 22)
# N×Y: N participants over the office's whole history of Y years (kisdesk demo). Realistic
# stays (3–12 months, 2–3 classes a week) give 2000×10 about 150 000 attendance marks; the
# 13000×10 office is the million-mark scale (about 930 000 marks).
SIZES = {
    "60x1": (60, 1),
    "300x10": (300, 10),
    "2000x10": (2000, 10),
    "13000x10": (13000, 10),
}


def median_time(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of `fn` in seconds, after `warmup` untimed runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@dataclass
class Result:
    name: str
    size: str
    ours: float  # seconds
    baseline: float  # seconds
    baseline_name: str
    target: str = ""
    ok: bool | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("inf")


def demo_db(size: str) -> Path:
    """The demo office of `size` (e.g. "300x10"), generated once and cached."""
    participants, years = SIZES[size]
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"office_{size}.sqlite"
    if path.exists():
        return path
    tmp = DATA / f"office_{size}.building.sqlite"
    for leftover in DATA.glob(f"office_{size}.building.sqlite*"):
        leftover.unlink()
    env = dict(os.environ, KISDESK_DATA_DIR=str(DATA / "appdata"))
    print(f"  generating the {size} demo office…", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kisdesk",
            "--db",
            str(tmp),
            "demo",
            "--participants",
            str(participants),
            "--years",
            str(years),
            "--seed",
            "1",
            "--as-of",
            TODAY.isoformat(),
        ],
        check=True,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    tmp.rename(path)
    for side in ("-wal", "-shm"):
        Path(str(tmp) + side).unlink(missing_ok=True)
    return path


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}"
    )


def install_listeners() -> None:
    """As the program does at start: the audit log's listeners are part of what is timed."""
    from kisdesk.services import listeners

    listeners.install()


install_listeners()
