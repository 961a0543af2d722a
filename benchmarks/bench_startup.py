"""Opening the app to a usable dashboard against a bare PySide6 window, each a new process.

Target (issue: scale and speed): the app's own work — opening and checking the database,
building the window, computing the dashboard of the 300×10 office — adds under 0.5 s to
what starting Python and Qt costs anyway (the bare window).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT, Result, demo_db, median_time

SIZES = ("300x10", "2000x10")

BARE = """
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("kisdesk"))
window.resize(1280, 800)
window.show()
app.processEvents()
"""

OURS = """
import sys
from kisdesk.db.open import open_database
from kisdesk.ui.application import create_app
from kisdesk.ui.main_window import MainWindow
from kisdesk.ui.ops import Ops
app = create_app([])
db = open_database(sys.argv[1], exclusive=True)
window = MainWindow(Ops(db))
window.resize(1280, 800)
window.show()  # the dashboard computes this month's hours, graduates, certificates due…
app.processEvents()
assert window.current_page() is not None
db.dispose()
"""


def _run(code: str, *args: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=120,
    )


def run(size: str) -> list[Result]:
    folder = Path(tempfile.mkdtemp(prefix="kisdesk-bench-start-"))
    os.environ["KISDESK_DATA_DIR"] = str(folder / "appdata")
    url = f"sqlite:///{demo_db(size)}"
    bare = median_time(lambda: _run(BARE), repeat=5)
    ours = median_time(lambda: _run(OURS, url), repeat=5)
    result = Result(
        "start to a usable dashboard",
        size,
        ours,
        bare,
        "bare PySide6 window",
        "app's own work < 0.5 s" if size == "300x10" else "(reported)",
        notes=[f"the app's own work: {(ours - bare) * 1000:.0f} ms"],
    )
    result.ok = (ours - bare) < 0.5 if size == "300x10" else None
    return [result]
