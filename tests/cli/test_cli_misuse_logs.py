"""No log line carries a PESEL or a name (docs/misuse-cases.md, "Logs"): faults are run in
a real process with the real log file, and the file is searched afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PESEL, NAME = "80051412313", "Zażółćkowski"

FAULTS = {
    # a library quoting the value that broke it
    "message": f"""
from kisdesk.services import participants
def broken(*a, **k):
    raise RuntimeError("cannot use {NAME} {PESEL}")
participants.list_participants = broken
""",
    # a driver error of a statement with the person's data as parameters
    "sql": f"""
from sqlalchemy import text
from kisdesk.services import participants
def broken(session, *a, **k):
    session.execute(
        text("insert into participant (first_name, last_name, pesel) values (:f, :l, :p)"),
        {{"f": "Jan", "l": "{NAME}", "p": "{PESEL}"}},
    )
participants.list_participants = broken
""",
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_faults_leave_no_pesel_and_no_name_in_the_log(
    fault: str,
    backend: str,
    db,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    data = tmp_path / "data"
    url = db.url
    db.dispose()
    env = {**os.environ, "KISDESK_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    script = (
        FAULTS[fault] + "\nimport sys\nfrom kisdesk import app\nsys.exit(app.main(sys.argv[1:]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--db", url, "participant", "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1 and "Błąd programu" in done.stderr
    assert PESEL not in done.stderr  # neither the parameters nor the row PostgreSQL quotes
    log = (data / "logs" / "kisdesk.log").read_text(encoding="utf-8")
    assert "command failed" in log and "Traceback" in log
    assert PESEL not in log and NAME not in log
