"""An import cannot slip participants into a closed month: a row starting there is refused
whole (no person without a period), the other rows go in (docs/benefit.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from kisdesk.db import Database
from kisdesk.models import Participant
from kisdesk.services import imports, months
from tests.fixtures.xlsx.make_messy import OK_ROWS, write_messy


def test_rows_starting_in_a_closed_month_are_refused(kis: Database, tmp_path: Path) -> None:
    messy = imports.open_import(str(write_messy(tmp_path / "messy.xlsx")))
    with kis.read() as s:
        preview = {r.row: r for r in imports.preview_import(s, messy, messy.proposed).rows}
    in_march = {
        r for r in OK_ROWS if (preview[r].start_on or dt.date.min).strftime("%Y-%m") == "2027-03"
    }
    assert in_march  # the fixture has rows starting in March 2027
    with kis.session() as s:
        months.close_month(s, 2027, 3)
    with kis.session() as s:
        result = imports.run_import(s, messy, messy.proposed)
    refused = {r.row: r for r in result.rows if r.status == "error" and r.row in in_march}
    assert set(refused) == in_march
    assert all(r.errors[0].code == "month.closed" for r in refused.values())
    assert result.imported == len(OK_ROWS) - len(in_march)
    with kis.read() as s:
        assert s.scalar(select(func.count()).select_from(Participant)) == result.imported
