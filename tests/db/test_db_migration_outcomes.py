"""Revision 0007 on a database of revision 0002: ended periods get the outcome their end
reason implies; those that ended recently get their follow-up checkpoints (docs/outcomes.md)."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from kisdesk.db.open import open_database
from kisdesk.rules.calendar import add_months
from kisdesk.services import outcomes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"


def test_existing_ended_periods_get_outcomes_and_recent_ones_checkpoints(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    shutil.copy(FIXTURES / "rev_0002.sqlite", path)
    conn = sqlite3.connect(path)
    # an old period that ended with a job, years before the upgrade
    conn.execute(
        "UPDATE participation SET end_on = '2020-05-31', end_reason = 'employment' WHERE id = 1"
    )
    conn.commit()
    resigned_end = dt.date.fromisoformat(
        conn.execute("SELECT end_on FROM participation WHERE end_reason = 'resigned'").fetchone()[0]
    )
    resigned_id = conn.execute(
        "SELECT id FROM participation WHERE end_reason = 'resigned'"
    ).fetchone()[0]
    conn.close()
    db = open_database(f"sqlite:///{path}")
    try:
        with db.read() as s:
            old = outcomes.period_outcome(s, 1)
            recent = outcomes.period_outcome(s, resigned_id)
            running = outcomes.period_outcome(s, 2)
    finally:
        db.dispose()
    assert (old.kind, old.on, old.followups) == ("employment", dt.date(2020, 5, 31), ())
    assert (recent.kind, recent.on) == ("unknown", None)
    assert running.kind is None and running.followups == ()
    expected = (
        [(3, add_months(resigned_end, 3)), (6, add_months(resigned_end, 6))]
        if add_months(resigned_end, 6) >= dt.date.today()
        else []
    )
    assert [(f.checkpoint_months, f.due) for f in recent.followups] == expected
