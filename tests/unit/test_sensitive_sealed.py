"""Health categories and counselling notes sealed under the sensitive-data key
(docs/threat-model.md §3.4): only entitled accounts read them, against the file too."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, update

from kisdesk.access import Actor
from kisdesk.db import Database
from kisdesk.errors import PermissionDenied
from kisdesk.models import AuditEntry, DataKeySeal, Participant
from kisdesk.services import (
    activities,
    participants,
    participations,
    sealing,
    sensitive,
    staff,
    users,
)
from tests.pesel import make_pesel

NOTE = "Rozmowa o terapii odwykowej Haliny"
LEADER_PW = "zielona herbata o poranku"
EWA_PW = "ewa pije kawe bez cukru"
PIOTR_PW = "piotr struga deski z lipy"
DAY = dt.date(2026, 2, 3)


def _login(db: Database, login: str, password: str) -> Actor:
    with db.read() as s:
        return users.login(s, login, password)


def _person(first: str, serial: int, categories: tuple[int, ...]) -> participants.ParticipantData:
    return participants.ParticipantData(
        first, "Wrona", pesel=make_pesel(dt.date(1981, 5, 17), serial, "K"), categories=categories
    )


@pytest.fixture
def plain_office(kis: Database) -> dict[str, int]:
    """An office used without accounts: Halina (categories 2 and 5) and a session with a note."""
    with kis.session() as s:
        ewa = staff.add_staff(s, staff.StaffData("Ewa", "Psycholog", role="psycholog"))
        pid = participants.add_participant(s, _person("Halina", 71, (2, 5)))
        participations.enroll(s, pid, dt.date(2026, 1, 5), group_id=1)
        aid = activities.add_activity(
            s,
            activities.ActivityData(
                date=DAY,
                start_time=dt.time(9),
                end_time=dt.time(10),
                kind="individual",
                topic="Poradnictwo indywidualne",
                participant_id=pid,
                staff_ids=(ewa,),
                note=NOTE,
            ),
        )
    return {"participant": pid, "activity": aid, "ewa": ewa}


def _file_bytes(db: Database) -> bytes:
    db.dispose()
    assert db.path is not None
    found = db.path.read_bytes()
    wal = Path(f"{db.path}-wal")
    return found + (wal.read_bytes() if wal.exists() else b"")


def _plain_rows(db: Database) -> list[tuple[object, ...]]:
    """What anyone with the file reads with plain sqlite3."""
    assert db.path is not None
    raw = sqlite3.connect(db.path)
    try:
        return raw.execute(
            "select p.first_name, c.category, a.note from participant p "
            "left join participant_category c on c.participant_id = p.id "
            "left join activity a on a.participant_id = p.id order by c.category"
        ).fetchall()
    finally:
        raw.close()


def test_without_accounts_the_values_stay_plain(kis: Database, plain_office) -> None:
    if kis.path is None:
        pytest.skip("reads the SQLite file")
    assert _plain_rows(kis) == [("Halina", 2, NOTE), ("Halina", 5, NOTE)]
    with kis.read() as s:
        assert not sensitive.office_sealed(s)


def test_the_first_leader_seals_every_value_in_the_file(kis: Database, plain_office) -> None:
    with kis.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", LEADER_PW)
        recovery = sensitive.take_new_recovery_key(s)
    assert recovery is not None
    leader = _login(kis, "renata", LEADER_PW)
    assert leader.data_key is not None
    with kis.read(actor=leader) as s:
        assert participants.get_participant(s, plain_office["participant"]).categories == (2, 5)
        assert activities.get_activity(s, plain_office["activity"]).note == NOTE
        seal = s.scalar(select(DataKeySeal).where(DataKeySeal.holder == "recovery"))
        assert seal is not None
        opened = sealing.open_with_recovery(
            recovery, sealing.Seal(seal.recipient, seal.ephemeral, seal.sealed)
        )
        assert opened == leader.data_key
        events = [
            json.loads(e.details).get("action")
            for e in s.scalars(select(AuditEntry))
            if e.event == "sensitive_key"
        ]
    assert "created" in events and "sealed" in events
    if kis.path is None:
        return
    assert _plain_rows(kis) == [("Halina", 5, "")]  # category 2 and the note are gone
    data = _file_bytes(kis)
    where = data.find(b"odwykowej")
    assert where < 0, (where, len(data), data[max(0, where - 200) : where + 50])


@pytest.fixture
def sealed(kis: Database, plain_office) -> dict[str, object]:
    with kis.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", LEADER_PW)
    leader = _login(kis, "renata", LEADER_PW)
    with kis.session(actor=leader) as s:
        users.add_user(s, "ewa", "Ewa Psycholog", "kadra", EWA_PW, plain_office["ewa"])
        users.add_user(s, "piotr", "Piotr Stolarz", "kadra", PIOTR_PW, None, False)
    return {"leader": leader, **plain_office}


def test_kadra_with_the_grant_reads_without_it_does_not(kis: Database, sealed) -> None:
    ewa = _login(kis, "ewa", EWA_PW)
    piotr = _login(kis, "piotr", PIOTR_PW)
    assert ewa.data_key == sealed["leader"].data_key and piotr.data_key is None
    with kis.read(actor=ewa) as s:
        assert participants.get_participant(s, sealed["participant"]).categories == (2, 5)
        assert activities.get_activity(s, sealed["activity"]).note == NOTE
    with kis.read(actor=piotr) as s:
        assert participants.get_participant(s, sealed["participant"]).categories == (5,)
    with pytest.raises(PermissionDenied), kis.session(actor=piotr) as s:
        participants.update_participant(s, sealed["participant"], _person("Halina", 71, (3, 5)))


def test_a_value_moved_to_another_person_is_refused(kis: Database, sealed) -> None:
    leader = sealed["leader"]
    with kis.session(actor=leader) as s:
        other = participants.add_participant(s, _person("Jadwiga", 72, ()))
        moved = s.scalar(
            select(Participant.health_sealed).where(Participant.id == sealed["participant"])
        )
        s.execute(update(Participant).where(Participant.id == other).values(health_sealed=moved))
    with pytest.raises(sealing.SealError) as err, kis.read(actor=leader) as s:
        participants.get_participant(s, other)
    assert err.value.code == "sealing.value_altered"


def test_withdrawing_the_grant_rotates_the_key(kis: Database, sealed) -> None:
    leader = sealed["leader"]
    ewa = _login(kis, "ewa", EWA_PW)
    old_key = ewa.data_key
    with kis.session(actor=leader) as s:
        ewa_id = users.user_id_by_login(s, "ewa")
        users.update_user(s, ewa_id, "Ewa Psycholog", "kadra", False, sealed["ewa"])
        renewed = sensitive.renewed_actor(s)
    assert renewed.data_key not in (None, old_key)
    with kis.read(actor=renewed) as s:  # the leader reads on with the new key
        assert participants.get_participant(s, sealed["participant"]).categories == (2, 5)
        assert activities.get_activity(s, sealed["activity"]).note == NOTE
        sealed_note = s.scalar(
            select(Participant.health_sealed).where(Participant.id == sealed["participant"])
        )
    with pytest.raises(sealing.SealError):  # the key Ewa may have kept opens nothing now
        sealing.open_value(old_key, sensitive.HEALTH, sealed["participant"], sealed_note)
    ewa_again = _login(kis, "ewa", EWA_PW)
    assert ewa_again.data_key is None


def test_a_password_change_keeps_the_key_and_a_reset_needs_the_leader(
    kis: Database, sealed
) -> None:
    ewa = _login(kis, "ewa", EWA_PW)
    with kis.session(actor=ewa) as s:
        users.change_password(s, ewa.user_id, "nowe haslo ewy na wiosne", old_password=EWA_PW)
    assert _login(kis, "ewa", "nowe haslo ewy na wiosne").data_key == ewa.data_key
    with kis.session(actor=sealed["leader"]) as s:
        users.change_password(s, ewa.user_id, "haslo nadane przez renate")
    assert _login(kis, "ewa", "haslo nadane przez renate").data_key == ewa.data_key


def test_an_upgraded_office_is_converted_at_the_leaders_sign_in(kis: Database, sealed) -> None:
    """An office with accounts from before revision 0008: no seals, values plain."""
    with kis.session(actor=sealed["leader"]) as s:
        s.execute(DataKeySeal.__table__.delete())
    with kis.session() as s:  # plain values, as the upgrade leaves them
        s.execute(update(Participant).values(health_sealed=None))
    with kis.read() as s:
        assert not sensitive.office_sealed(s)
    leader = _login(kis, "renata", LEADER_PW)
    assert leader.recovery_key is not None and leader.data_key is not None
    with kis.read(actor=leader) as s:
        assert sensitive.office_sealed(s)
        assert participants.get_participant(s, sealed["participant"]).categories == (5,)
    ewa = _login(kis, "ewa", EWA_PW)  # her seal comes at the leader's next sign-in
    assert ewa.data_key is None
    _login(kis, "renata", LEADER_PW)
    assert _login(kis, "ewa", EWA_PW).data_key == leader.data_key


def test_exports_counts_and_the_data_pack_through_the_key(kis: Database, sealed) -> None:
    from kisdesk.services import documents_stats, exports, rodo_pack

    leader = sealed["leader"]
    with kis.session(actor=leader) as s:
        users.add_user(s, "marek", "Marek Nowak", "administracja", "marek lubi pomidory")
    admin = _login(kis, "marek", "marek lubi pomidory")
    pid = sealed["participant"]
    with kis.read(actor=leader) as s:
        lines = exports.participant_list(s).rows
        assert [line.categories for line in lines] == [(2, 5)]
        by_category = {
            c.category: c.participants for c in documents_stats.year_stats(s, 2026).by_category
        }
        assert by_category[2] == 1 and by_category[5] == 1
        pack = rodo_pack.data_pack(s, pid)
        assert [c["number"] for c in pack["categories"]] == [2, 5]
        assert [a["note"] for a in pack["counselling_sessions"]] == [NOTE]
    with kis.read(actor=admin) as s:
        assert [line.categories for line in exports.participant_list(s).rows] == [(5,)]
    with pytest.raises(PermissionDenied) as err, kis.read(actor=admin) as s:
        documents_stats.year_stats(s, 2026)
    assert err.value.code in ("sealing.counts_need_key", "access.denied")


def test_the_signed_in_leader_goes_on_with_the_rotated_key(kis: Database, sealed) -> None:
    """The window keeps the signed-in actor on the database: after a rotation it holds the
    new key, so the leader's next page still reads the values."""
    kis.actor = sealed["leader"]
    old_key = kis.actor.data_key
    with kis.session() as s:
        ewa_id = users.user_id_by_login(s, "ewa")
        users.set_active(s, ewa_id, False)
    assert kis.actor.data_key not in (None, old_key)
    with kis.read() as s:
        assert activities.get_activity(s, sealed["activity"]).note == NOTE
