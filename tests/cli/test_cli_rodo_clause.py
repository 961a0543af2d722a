"""`kisdesk rodo clause --out`: the clause is drawn and its print logged by the same
function as in the GUI; a file that cannot be written is not logged as printed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

import kisdesk.cli as cli
from kisdesk.db import Database
from kisdesk.services import audit, participants, participations
from tests.pesel import make_pesel


@pytest.fixture
def person(kis: Database) -> int:
    with kis.session() as s:
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                "Danuta", "Kruk", pesel=make_pesel(dt.date(1971, 6, 2), 44, "K")
            ),
        )
        participations.enroll(s, pid, dt.date(2026, 1, 5), group_id=1)
    return pid


def _prints(db: Database) -> list[audit.AuditRow]:
    with db.read() as s:
        return audit.list_entries(s, event_name="print")


def _clause(db: Database, pid: int, out: Path, capsys: pytest.CaptureFixture[str]) -> int:
    code = cli.main(
        ["--db", db.url, "rodo", "clause", "--participant", str(pid), "--out", str(out)]
    )
    capsys.readouterr()
    return code


def test_the_clause_is_printed_and_logged_once(
    kis: Database, person: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "klauzula.pdf"
    assert _clause(kis, person, out, capsys) == 0
    assert "Danuta Kruk" in PdfReader(out).pages[0].extract_text()
    (entry,) = _prints(kis)
    assert (entry.participant_id, entry.details["kind"]) == (person, "rodo_clause")


def test_a_clause_that_cannot_be_written_is_not_logged_as_printed(
    kis: Database, person: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "klauzula.pdf"
    out.mkdir()  # something in the way of the file
    assert _clause(kis, person, out, capsys) == 2  # said in Polish: not written
    assert _prints(kis) == []
