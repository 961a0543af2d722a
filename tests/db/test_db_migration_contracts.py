"""Revision 0005 moves each person's kontrakt socjalny / IPZS to the participation period it
dates into, or to the latest; a person without any period keeps it in the notes. Nothing is
lost, and the upgrade says what it did."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from pathlib import Path

import pytest

from kisdesk.db.migrate import head_revision
from kisdesk.db.open import open_database
from kisdesk.services import contracts, participations

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"


@pytest.mark.parametrize("revision", ["0001", "0002"])
def test_person_contracts_move_to_their_periods(
    revision: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "office.sqlite"
    shutil.copy(FIXTURES / f"rev_{revision}.sqlite", path)
    con = sqlite3.connect(path)
    # Person 1: a second, later period; the contract is dated into the first one.
    con.execute("UPDATE participation SET end_on = '2026-12-31' WHERE participant_id = 1")
    con.execute(
        "INSERT INTO participation (participant_id, start_on, end_note, version) "
        "VALUES (1, '2027-02-01', '', 1)"
    )
    con.execute(
        "UPDATE participant SET contract_number = 'KS/1/2026', contract_date = '2026-08-28', "
        "contract_institution = 'GOPS w Zawoni', contract_social_worker = 'Ewa Lis', "
        "contract_from = '2026-09-01', contract_to = '2027-02-28', "
        "contract_status = 'completed' WHERE id = 1"
    )
    # Person 2: dated into the first period as well, but only by its "from" date.
    con.execute(
        "UPDATE participant SET contract_number = 'KS/2/2026', contract_from = '2026-09-02', "
        "contract_status = 'interrupted' WHERE id = 2"
    )
    # Person 3: signed before the first period started: goes to the period that followed.
    con.execute(
        "UPDATE participant SET contract_number = 'KS/3/2020', contract_date = '2020-01-01', "
        "contract_status = 'in_progress' WHERE id = 3"
    )
    # Person 6 (ended 2026-10-15): dated after every period: goes to the latest.
    con.execute(
        "UPDATE participant SET contract_number = 'KS/6/2027', contract_date = '2027-01-10' "
        "WHERE id = 6"
    )
    # A person with a contract and no period at all: kept, written out, in the notes.
    con.execute(
        "INSERT INTO participant (first_name, last_name, birth_date, sex, id_document, street, "
        "postal_code, city, gmina, powiat, phone, education, referral_source, "
        "referral_institution, referral_number, contract_number, contract_institution, "
        "contract_social_worker, contract_status, consents, notes, version) VALUES "
        "('Anna', 'Bez Okresu', '1980-01-01', 'K', 'X1', '', '', '', '', '', '', '', '', '', "
        "'', 'KS/9/2025', 'MOPS', '', 'in_progress', '', 'stara uwaga', 1)"
    )
    con.commit()
    latest_of_3 = con.execute(
        "SELECT id FROM participation WHERE participant_id = 3 ORDER BY start_on DESC"
    ).fetchone()[0]
    con.close()
    with caplog.at_level(logging.INFO, logger="kisdesk.db.migrations"):
        db = open_database(f"sqlite:///{path}")
    try:
        with db.read() as s:
            first, second = participations.periods_of(s, 1)
            c1 = contracts.contract_of(s, first.id)
            assert contracts.contract_of(s, second.id) is None
            (p2,) = participations.periods_of(s, 2)
            c2 = contracts.contract_of(s, p2.id)
            c3 = contracts.contract_of(s, latest_of_3)
            (p6,) = participations.periods_of(s, 6)
            c6 = contracts.contract_of(s, p6.id)
    finally:
        db.dispose()
    assert c1 is not None and (c1.number, c1.institution, c1.social_worker) == (
        "KS/1/2026",
        "GOPS w Zawoni",
        "Ewa Lis",
    )
    assert (c1.signed_on.isoformat(), c1.status) == ("2026-08-28", "realised")  # type: ignore[union-attr]
    assert (c1.from_on.isoformat(), c1.to_on.isoformat()) == ("2026-09-01", "2027-02-28")  # type: ignore[union-attr]
    assert second.contract_missing and not first.contract_missing
    assert c2 is not None and (c2.number, c2.status) == ("KS/2/2026", "terminated")
    assert c3 is not None and c3.number == "KS/3/2020"
    assert c6 is not None and (c6.number, c6.status) == ("KS/6/2027", "in_progress")
    con = sqlite3.connect(path)
    notes = con.execute("SELECT notes FROM participant WHERE last_name = 'Bez Okresu'").fetchone()
    columns = {r[1] for r in con.execute("PRAGMA table_info(participant)")}
    revision_now = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    con.close()
    assert notes[0].startswith("stara uwaga\nKontrakt/IPZS (przeniesiony): ")
    assert "contract_number=KS/9/2025" in notes[0] and "contract_institution=MOPS" in notes[0]
    assert not any(c.startswith("contract_") for c in columns)
    assert revision_now == head_revision()
    log = caplog.text
    assert "the period its date falls into" in log and "the latest period" in log
    assert "the first period after its date" in log
    assert "contracts moved to their periods: 4; kept in notes (no period): 1" in log
