"""Anonymisation: no personal data left anywhere in the database FILE, the yearly statistics
the same (RODO art. 17; issue 6)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from kisdesk.access import Actor, Role
from kisdesk.db.open import open_database
from kisdesk.errors import ConflictError, PermissionDenied
from kisdesk.models import IssuedDocument, Participant
from kisdesk.services import (
    activities,
    attendance,
    contracts,
    groups,
    office,
    participants,
    participations,
    reviews,
    rodo,
    rodo_erasure,
)
from tests.pesel import make_pesel

PESEL = make_pesel(dt.date(1979, 11, 23), 517, "K")
FIRST, LAST = "Wiesława", "Żółtogórska"
STREET, PHONE = "ul. Jarzębinowa 41", "604 515 626"


def _office(db) -> int:
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="kis",
                name="KIS w Zawoni",
                operator=office.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
            ),
        )
        return groups.add_group(s, "Grupa poniedziałkowa")


def _fill(db) -> tuple[int, int]:
    """The person to erase, with data copied into every corner, and a namesake's neighbour."""
    group = _office(db)
    with db.session() as s:
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                FIRST,
                LAST,
                pesel=PESEL,
                gmina="Zawonia",
                powiat="trzebnicki",
                city="Zawonia",
                street=STREET,
                postal_code="55-106",
                phone=PHONE,
                id_document="ABC123456",
                categories=(2, 5),
                referral_source="ops",
                referral_number="OPS/77/2024",
                notes=f"{FIRST} prosi o kontakt pod nr {PHONE}",
            ),
        )
        other = participants.add_participant(
            s,
            participants.ParticipantData(
                "Jan",
                "Sąsiad",
                pesel=make_pesel(dt.date(1990, 2, 3), 12, "M"),
                gmina="Zawonia",
                categories=(5,),
            ),
        )
        period = participations.enroll(s, pid, dt.date(2024, 3, 4), group_id=group)
        # The kontrakt of the period names the social worker and the person's goals.
        contracts.set_contract(
            s,
            period,
            contracts.ContractData(
                "KS/9/2024", dt.date(2024, 3, 1), social_worker="Halina Opiekuńcza"
            ),
        )
        goal = contracts.add_goal(s, period, f"{FIRST} {LAST} podejmie terapię")
        reviews.add_review(s, period, dt.date(2024, 6, 3), {goal.id: "in_progress"}, f"{LAST} ok")
        participations.enroll(s, other, dt.date(2024, 3, 4), group_id=group)
        act = activities.add_activity(
            s,
            activities.ActivityData(
                date=dt.date(2024, 3, 11),
                start_time=dt.time(9),
                end_time=dt.time(10),
                kind="individual",
                topic="Konsultacja",
                participant_id=pid,
                note=f"Pani {LAST} opowiada o problemie alkoholowym męża",
            ),
        )
        attendance.set_mark(s, act, pid, "present", today=dt.date(2024, 3, 12))
        participations.end_period(
            s, period, dt.date(2024, 9, 30), "employment", note=f"{FIRST} {LAST} – praca w sklepie"
        )
        snapshot = {
            "person_name": f"{FIRST} {LAST}",
            "person_id": PESEL,
            "body": f"Zaświadcza się, że {FIRST} {LAST} (PESEL {PESEL}) uczestniczyła…",
            "office": {"name": "KIS w Zawoni"},
        }
        s.add(
            IssuedDocument(
                kind="ending",
                series="KIS",
                year=2024,
                seq=1,
                number="1/2024",
                participant_id=pid,
                participation_id=period,
                issued_on=dt.date(2024, 9, 30),
                issued_by="Renata Kowalczyk",
                snapshot=json.dumps(snapshot, ensure_ascii=False),
            )
        )
    return pid, other


def _file_bytes(path: Path) -> bytes:
    data = b""
    for candidate in (
        path,
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-journal"),
    ):
        if candidate.exists():
            data += candidate.read_bytes()
    return data


NEEDLES = [
    PESEL,
    FIRST,
    LAST,
    STREET,
    "Jarzębinowa",
    "604 515 626",
    "ABC123456",
    "1979-11-23",
    "OPS/77/2024",
    "Halina Opiekuńcza",
    "alkoholowym",
]


def test_anonymise_leaves_no_personal_data_in_the_file_and_the_statistics_unchanged(db_url):
    db = open_database(db_url)
    path = Path(db_url.removeprefix("sqlite:///"))
    try:
        pid, other = _fill(db)
        with db.read() as s:
            before = rodo_erasure.statistics_fingerprint(s)
        raw = _file_bytes(path)
        assert all(n.encode() in raw for n in (PESEL, LAST, STREET)), "the test data is there"
        with db.read() as s:
            preview = rodo_erasure.anonymisation_preview(s, pid)
        assert preview.name == f"{FIRST} {LAST}" and preview.blocked is None
        assert ("PESEL", PESEL) in preview.removed and preview.documents == 1
        assert preview.counselling_notes == 1 and preview.other_notes == 1
        with db.session() as s:
            rodo_erasure.anonymise(s, pid)
        assert rodo_erasure.finish_erasure(db.engine)
        with db.read() as s:
            after = rodo_erasure.statistics_fingerprint(s)
            person = s.get(Participant, pid)
            kept = (
                person.sex,
                person.birth_date.year,
                person.gmina,
                [c.category for c in person.categories],
                person.anonymized_at is not None,
            )
            neighbour = s.get(Participant, other).full_name
        assert after == before
        assert kept == ("K", 1979, "Zawonia", [2, 5], True)
        assert neighbour == "Jan Sąsiad"  # nobody else touched
    finally:
        db.dispose()
    raw = _file_bytes(path)
    leaks = [n for n in NEEDLES if n.encode() in raw]
    assert leaks == []
    assert "Sąsiad".encode() in raw


def test_without_the_vacuum_the_old_values_would_still_be_in_the_file(db_url):
    """What finish_erasure() is for: the committed change alone leaves the PESEL behind."""
    db = open_database(db_url)
    path = Path(db_url.removeprefix("sqlite:///"))
    try:
        pid, _ = _fill(db)
        with db.session() as s:
            rodo_erasure.anonymise(s, pid)
        assert PESEL.encode() in _file_bytes(path)
    finally:
        db.dispose()


def test_anonymised_record_is_findable_only_as_a_number(kis):
    with kis.session() as s:
        pid = participants.add_participant(
            s, participants.ParticipantData(FIRST, LAST, pesel=PESEL)
        )
    with kis.session() as s:
        rodo_erasure.anonymise(s, pid)
    with kis.read() as s:
        rows = participants.list_participants(s)
        assert participants.find_by_pesel(s, PESEL) is None
        assert [r.last_name for r in rows] == [f"Osoba zanonimizowana nr {pid}"]
    with pytest.raises(ConflictError) as err, kis.session() as s:
        rodo_erasure.anonymise(s, pid)
    assert err.value.code == "rodo.already_anonymised"


def test_a_restricted_record_is_not_anonymised_until_the_restriction_is_lifted(kis):
    with kis.session() as s:
        pid = participants.add_participant(
            s, participants.ParticipantData(FIRST, LAST, pesel=PESEL)
        )
        rodo.restrict(s, pid, "Roszczenie w toku")
    with kis.read() as s:
        assert rodo_erasure.anonymisation_preview(s, pid).blocked == "rodo.restricted_no_erasure"
    with pytest.raises(ConflictError), kis.session() as s:
        rodo_erasure.anonymise(s, pid)
    with kis.read() as s:
        assert s.scalar(select(Participant.pesel).where(Participant.id == pid)) == PESEL


@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMIN])
def test_only_the_leader_anonymises(kis, role):
    with kis.session() as s:
        pid = participants.add_participant(
            s, participants.ParticipantData(FIRST, LAST, pesel=PESEL)
        )
    for call in (rodo_erasure.anonymisation_preview, rodo_erasure.anonymise):
        with pytest.raises(PermissionDenied), kis.session(actor=Actor("x", role)) as s:
            call(s, pid)
    with kis.read() as s:
        assert s.scalar(select(Participant.pesel).where(Participant.id == pid)) == PESEL


def test_no_copy_of_the_person_is_left_in_any_table(db):
    """The same on every backend, by SQL: every text column of every table is searched."""
    from sqlalchemy import String, inspect, text

    pid, _ = _fill(db)
    with db.session() as s:
        rodo_erasure.anonymise(s, pid)
    found = []
    with db.engine.connect() as conn:
        inspector = inspect(conn)
        for table in inspector.get_table_names():
            for column in inspector.get_columns(table):
                if not isinstance(column["type"], String):
                    continue
                for needle in NEEDLES:
                    hit = conn.execute(
                        text(f'SELECT count(*) FROM "{table}" WHERE "{column["name"]}" LIKE :p'),
                        {"p": f"%{needle}%"},
                    ).scalar()
                    if hit:
                        found.append((table, column["name"], needle))
    assert found == []
    with db.read() as s:
        snapshot = json.loads(s.scalars(select(IssuedDocument.snapshot)).one())
    assert snapshot["office"] == {"name": "KIS w Zawoni"}  # what was not personal stays
    assert snapshot["person_name"] == rodo_erasure.REMOVED
