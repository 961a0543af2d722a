"""The register of issued documents: numbers, refusals, overrides, reprints, cancellations."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from sqlalchemy import func, select
from test_documents_fixtures import NAME_LAST, seed

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.errors import ConflictError, PermissionDenied, ValidationError
from kisdesk.models import IssuedDocument, Participant, Setting
from kisdesk.services import audit, documents, documents_due, settings

ENDING, GRADUATE = "ending_certificate", "graduate_certificate"
JULY = dt.date(2027, 7, 20)


def _count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count(IssuedDocument.id))) or 0)


def test_numbers_run_per_year_and_restart_in_a_new_year(db: Database) -> None:
    sd = seed(db)
    with db.session() as s:
        first = documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
        second = documents.issue_certificate(s, sd.anna_period, ENDING, JULY)
        third = documents.issue_certificate(s, sd.grzegorz_period, GRADUATE, dt.date(2028, 1, 3))
    assert (first.number, second.number, third.number) == ("1/2027", "2/2027", "1/2028")
    assert first.data.number == "1/2027"  # the number printed is the number registered


def test_a_cancelled_number_is_never_reused(db: Database) -> None:
    sd = seed(db)
    with db.session() as s:
        first = documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
        documents.cancel(s, first.id, "błąd w nazwisku")
        again = documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
    assert again.number == "2/2027"
    with db.read() as s:
        rows = documents.list_documents(s, year=2027)
    assert [(r.number, r.cancel_reason) for r in rows] == [
        ("1/2027", "błąd w nazwisku"),
        ("2/2027", None),
    ]


def test_a_second_certificate_of_the_same_kind_is_refused_with_the_existing_number(
    db: Database,
) -> None:
    sd = seed(db)
    with db.session() as s:
        documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
    with pytest.raises(ConflictError) as err, db.session() as s:
        documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
    assert err.value.code == "document.already_issued"
    assert err.value.params["number"] == "1/2027"
    assert _count(db) == 1


def test_an_ongoing_participation_gets_no_ending_certificate(db: Database) -> None:
    sd = seed(db, months=6)  # Grzegorz has not ended yet
    with pytest.raises(ValidationError) as err, db.session() as s:
        documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
    assert err.value.code == "document.not_ended"
    assert _count(db) == 0


def test_graduate_refused_with_the_reason_then_issued_by_override(db: Database) -> None:
    sd = seed(db)  # Anna: March–June, 4 months
    with pytest.raises(ValidationError) as err, db.session() as s:
        documents.issue_certificate(s, sd.anna_period, GRADUATE, JULY)
    assert err.value.code == "document.not_eligible"
    assert err.value.params["completes_on"] == "2027-08-31"
    assert err.value.params["end"] == "2027-06-30"
    assert _count(db) == 0
    with db.session() as s:
        row = documents.issue_certificate(
            s, sd.anna_period, GRADUATE, JULY, override_reason="  Podjęła pracę po 4 miesiącach  "
        )
    assert row.override_reason == "Podjęła pracę po 4 miesiącach"
    with db.read() as s:
        stored = s.get(IssuedDocument, row.id)
        assert stored is not None and stored.override_reason == "Podjęła pracę po 4 miesiącach"
        printed = audit.list_entries(s, event_name="print", participant_id=sd.anna)
    # audited: who issued which number by override (the justification itself stays in the register)
    assert [(e.details["number"], e.details["override"]) for e in printed] == [("1/2027", True)]


def test_only_the_leader_may_override(db: Database) -> None:
    sd = seed(db)
    admin = Actor("Marek Biurowy", Role.ADMIN)
    with pytest.raises(PermissionDenied), db.session(admin) as s:
        documents.issue_certificate(s, sd.anna_period, GRADUATE, JULY, override_reason="proszę")
    with db.session(admin) as s:  # the administrative worker issues ordinary certificates
        row = documents.issue_certificate(s, sd.anna_period, ENDING, JULY)
    assert row.issued_by == "Marek Biurowy"
    staff = Actor("Ewa Nowicka", Role.STAFF)
    with pytest.raises(PermissionDenied), db.session(staff) as s:
        documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
    assert _count(db) == 1


def test_reprint_comes_from_the_snapshot_even_after_the_record_changed(db: Database) -> None:
    sd = seed(db)
    with db.session() as s:
        row = documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
    with db.session() as s:
        person = s.get_one(Participant, sd.grzegorz)
        person.last_name = "Kowalski"
    with db.read() as s:
        again = documents.reprint(s, row.id, duplicate=False)
        dup = documents.reprint(s, row.id, duplicate=True, on=dt.date(2027, 9, 1))
    assert again == row.data
    assert again.person_name.endswith(NAME_LAST)
    assert dup.duplicate_on == "2027-09-01"
    assert dataclasses.replace(dup, duplicate_on=None) == row.data


def test_the_snapshot_holds_everything_printed(db: Database) -> None:
    sd = seed(db)
    with db.session() as s:
        row = documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
    with db.read() as s:
        snapshot = json.loads(s.get_one(IssuedDocument, row.id).snapshot)
    assert snapshot["person_id"] == sd.pesel
    assert snapshot["header"]["office_name"] == "Klub Integracji Społecznej w Zawoni"
    assert snapshot["total_hours"] == "137,33"
    assert {r["form"] for r in snapshot["hours"]} == {
        "warsztaty psychoedukacyjne",
        "doradztwo zawodowe",
        "poradnictwo psychologiczne",
    }
    assert snapshot["signatory_name"] == "Renata Kowalczyk"


def test_a_cancelled_certificate_is_not_reprinted(db: Database) -> None:
    sd = seed(db)
    with db.session() as s:
        row = documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
        documents.cancel(s, row.id, "wydane omyłkowo")
    with pytest.raises(ConflictError) as err, db.read() as s:
        documents.reprint(s, row.id, duplicate=True)
    assert err.value.code == "document.cancelled"


def test_the_number_pattern_is_a_setting(db: Database) -> None:
    sd = seed(db)
    with db.session() as s:
        settings.set_setting(s, "certificate_number_pattern", "KIS/{n}/{year}")
        row = documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
    assert row.number == "KIS/1/2027"
    # an unknown field is refused when the pattern is set (docs/misuse-cases.md)...
    with pytest.raises(ValidationError) as err, db.session() as s:
        settings.set_setting(s, "certificate_number_pattern", "{n}/{rok}")
    assert err.value.code == "settings.bad_pattern"
    with db.session() as s:  # ...and one stored before that check, when a number is made
        row = s.get(Setting, "certificate_number_pattern")
        row.value = json.dumps("{n}/{rok}")
    with pytest.raises(ValidationError) as err, db.session() as s:
        documents.issue_certificate(s, sd.anna_period, ENDING, JULY)
    assert err.value.code == "document.bad_pattern"


def test_a_number_taken_meanwhile_is_retried(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL: another computer took the number between our SELECT and INSERT."""
    sd = seed(db)
    with db.session() as s:
        documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
    real = documents._next_seq
    calls: list[int] = []

    def stale(session, series, year):  # type: ignore[no-untyped-def]
        calls.append(1)
        return 1 if len(calls) == 1 else real(session, series, year)

    monkeypatch.setattr(documents, "_next_seq", stale)
    with db.session() as s:
        row = documents.issue_certificate(s, sd.anna_period, ENDING, JULY)
    assert row.number == "2/2027"
    assert len(calls) == 2


def test_certificates_due_then_issued_in_bulk(db: Database) -> None:
    sd = seed(db)
    with db.read() as s:
        due = documents_due.certificates_due(s, JULY)
    assert sorted((r.participant_id, r.kind) for r in due) == sorted(
        [(sd.grzegorz, ENDING), (sd.anna, ENDING), (sd.grzegorz, GRADUATE)]
    )
    with db.read() as s:
        assert documents_due.certificates_due(s, JULY, since=dt.date(2027, 7, 1))[
            0
        ].name.startswith("Grzegorz")
    seen: list[tuple[int, int]] = []
    with db.session() as s:
        result = documents_due.issue_due(s, JULY, progress=lambda d, t, _: seen.append((d, t)))
    assert [r.number for r in result.issued] == ["1/2027", "2/2027", "3/2027"]
    assert seen[-1] == (3, 3)
    with db.read() as s:
        assert documents_due.certificates_due(s, JULY) == []


def test_a_cis_certificate_needs_the_skills(db: Database) -> None:
    sd = seed(db, kind="cis")
    with pytest.raises(ValidationError) as err, db.session() as s:
        documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
    assert err.value.code == "document.skills_required"
    with db.session() as s:
        skipped = documents_due.issue_due(s, JULY).skipped
    assert {code for _, code in skipped} == {"document.skills_required"}
    with db.session() as s:
        row = documents.issue_certificate(
            s, sd.grzegorz_period, ENDING, JULY, skills="obsługa kasy"
        )
    assert row.data.skills == "obsługa kasy"
    assert "art. 13 ust. 5a" in row.data.legal_basis
