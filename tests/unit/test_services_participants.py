"""Participants: PESEL checks, people without PESEL, duplicates, search, sensitive categories."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from kisdesk.access import Actor, Role
from kisdesk.errors import ConflictError, ValidationError
from kisdesk.models import Participant
from kisdesk.services import participants as svc
from kisdesk.services import participations
from tests.pesel import make_pesel

BIRTH = dt.date(1980, 2, 3)


def _count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count(Participant.id)))


def test_pesel_fills_birth_date_and_sex(kis):
    pesel = make_pesel(BIRTH, 321, "K")
    with kis.session() as s:
        pid = svc.add_participant(s, svc.ParticipantData("Anna", "Wiśniewska", pesel=pesel))
    with kis.read() as s:
        data = svc.get_participant(s, pid)
    assert (data.birth_date, data.sex, data.pesel) == (BIRTH, "K", pesel)


@pytest.mark.parametrize(
    ("pesel", "code"),
    [("4405140135", "pesel.format"), ("44051401358", "pesel.checksum"), ("abc", "pesel.format")],
)
def test_invalid_pesel_is_refused_and_nothing_written(kis, pesel, code):
    with pytest.raises(ValidationError) as err, kis.session() as s:
        svc.add_participant(s, svc.ParticipantData("Jan", "Kowalski", pesel=pesel))
    assert err.value.code == code
    assert err.value.params["field"] == "pesel"
    assert _count(kis) == 0


def test_pesel_that_lost_its_leading_zero_suggests_the_fix(kis):
    pesel = make_pesel(dt.date(2005, 3, 9), 42, "M")
    assert pesel.startswith("0")
    with pytest.raises(ValidationError) as err, kis.session() as s:
        svc.add_participant(s, svc.ParticipantData("Jan", "Kowalski", pesel=pesel[1:]))
    assert err.value.code == "pesel.lost_leading_zero"
    assert err.value.params["suggestion"] == pesel


def test_typed_birth_date_and_sex_must_agree_with_pesel(kis):
    pesel = make_pesel(BIRTH, 321, "K")
    with pytest.raises(ValidationError) as err, kis.session() as s:
        svc.add_participant(
            s, svc.ParticipantData("Anna", "Nowak", pesel=pesel, birth_date=dt.date(1980, 2, 4))
        )
    assert err.value.code == "pesel.birth_date_mismatch"
    with pytest.raises(ValidationError) as err, kis.session() as s:
        svc.add_participant(s, svc.ParticipantData("Anna", "Nowak", pesel=pesel, sex="M"))
    assert err.value.code == "pesel.sex_mismatch"
    assert _count(kis) == 0


def test_person_without_pesel_needs_birth_date_and_sex(kis):
    with pytest.raises(ValidationError) as err, kis.session() as s:
        svc.add_participant(s, svc.ParticipantData("Olena", "Kowalenko", sex="K"))
    assert err.value.code == "participant.birth_date_required"
    with kis.session() as s:
        pid = svc.add_participant(
            s,
            svc.ParticipantData(
                "Olena",
                "Kowalenko",
                birth_date=dt.date(1990, 5, 1),
                sex="K",
                id_document="paszport FX1234567",
            ),
        )
    with kis.read() as s:
        assert svc.get_participant(s, pid).pesel is None


def test_two_people_without_pesel_are_not_duplicates(kis):
    with kis.session() as s:
        for first in ("Olena", "Iryna"):
            svc.add_participant(
                s,
                svc.ParticipantData(
                    first, "Kowalenko", birth_date=BIRTH, sex="K", id_document=f"paszport {first}"
                ),
            )
    assert _count(kis) == 2


def test_duplicate_pesel_names_the_existing_person(kis):
    pesel = make_pesel(BIRTH, 10, "M")
    with kis.session() as s:
        first_id = svc.add_participant(s, svc.ParticipantData("Tomasz", "Nowak", pesel=pesel))
    with pytest.raises(ConflictError) as err, kis.session() as s:
        svc.add_participant(s, svc.ParticipantData("Tomek", "Nowak", pesel=pesel))
    assert err.value.code == "participant.duplicate_pesel"
    assert err.value.params["existing_id"] == first_id
    assert err.value.params["existing_name"] == "Tomasz Nowak"
    assert _count(kis) == 1


def test_edit_keeps_pesel_unique_and_detects_concurrent_edit(kis):
    with kis.session() as s:
        a = svc.add_participant(s, svc.ParticipantData("A", "One", pesel=make_pesel(BIRTH, 1)))
        svc.add_participant(s, svc.ParticipantData("B", "Two", pesel=make_pesel(BIRTH, 2)))
    with kis.read() as s:
        loaded = svc.get_participant(s, a)
    with kis.session() as s:  # someone else saves first
        svc.update_participant(s, a, loaded.__class__(**{**_fields(loaded), "phone": "600100200"}))
    with pytest.raises(ConflictError) as err, kis.session() as s:
        svc.update_participant(s, a, loaded)  # stale version
    assert err.value.code == "record.changed_meanwhile"
    with kis.read() as s:
        fresh = svc.get_participant(s, a)
    with pytest.raises(ConflictError), kis.session() as s:
        svc.update_participant(
            s, a, fresh.__class__(**{**_fields(fresh), "pesel": make_pesel(BIRTH, 2)})
        )


def _fields(data: svc.ParticipantData) -> dict:
    return {name: getattr(data, name) for name in data.__dataclass_fields__}


def test_search_by_name_fragment_and_pesel_with_current_period(kis):
    with kis.session() as s:
        a = svc.add_participant(
            s, svc.ParticipantData("Żaneta", "Łęcka", pesel=make_pesel(BIRTH, 5, "K"))
        )
        svc.add_participant(s, svc.ParticipantData("Jan", "Kowalski", pesel=make_pesel(BIRTH, 6)))
        participations.enroll(s, a, dt.date(2026, 1, 5), group_id=1)
    with kis.read() as s:
        found = svc.list_participants(s, "łęc", on=dt.date(2026, 2, 1))
        by_pesel = svc.list_participants(s, make_pesel(BIRTH, 6)[-5:])
    assert [r.last_name for r in found] == ["Łęcka"]
    assert found[0].group == "Grupa poniedziałkowa" and found[0].status == "active"
    assert [r.first_name for r in by_pesel] == ["Jan"]


def test_role_without_sensitive_access_neither_sees_nor_loses_health_categories(kis):
    with kis.session() as s:
        pid = svc.add_participant(
            s, svc.ParticipantData("Jan", "Kowalski", pesel=make_pesel(BIRTH, 7), categories=(2, 5))
        )
    admin = Actor(name="Marek", role=Role.ADMIN)
    with kis.read(actor=admin) as s:
        seen = svc.get_participant(s, pid)
    assert seen.categories == (5,)
    leader = Actor(name="Renata", role=Role.LEADER)
    with kis.session(actor=leader) as s:
        svc.update_participant(
            s, pid, svc.ParticipantData(**{**_fields(seen), "categories": (5, 9)})
        )
    with kis.read() as s:
        assert svc.get_participant(s, pid).categories == (5, 9)
    with kis.read() as s:
        data = svc.get_participant(s, pid)
    with kis.session(actor=Actor(name="Ewa", role=Role.STAFF)) as s:
        svc.update_participant(
            s, pid, svc.ParticipantData(**{**_fields(data), "categories": (2, 5, 9)})
        )
    with kis.read(actor=admin) as s:
        kept = svc.get_participant(s, pid)
    with kis.read() as s:
        assert svc.get_participant(s, pid).categories == (2, 5, 9)
    assert kept.categories == (5, 9)


def test_the_register_names_its_first_names_by_sex_the_most_frequent_first(kis):
    born = dt.date(1990, 1, 2)
    people = [("Olena", "K", 1), ("Oksana", "K", 2), ("Oksana", "K", 3), ("Taras", "M", 4)]
    with kis.session() as s:
        for first, sex, serial in people:
            pesel = make_pesel(born, serial, sex)
            svc.add_participant(s, svc.ParticipantData(first, "Bondarenko", pesel=pesel))
    with kis.read() as s:
        assert svc.first_names_on_file(s, "K") == ["Oksana", "Olena"]
        assert svc.first_names_on_file(s, "M") == ["Taras"]
        assert svc.first_names_on_file(s) == ["Oksana", "Olena", "Taras"]
