"""Restriction (art. 18), the data pack (art. 15), the information clause (art. 13),
retention, and pseudonyms (issue 6)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from kisdesk.access import Actor, Role
from kisdesk.errors import PermissionDenied, ValidationError
from kisdesk.models import Participant
from kisdesk.services import (
    activities,
    attendance,
    participants,
    participations,
    rodo,
    rodo_pack,
    rodo_retention,
    settings,
)
from tests.pesel import make_pesel

BIRTH = dt.date(1982, 4, 7)


def _person(db, first="Teresa", last="Mazur", serial=31, start=dt.date(2026, 2, 2)):
    with db.session() as s:
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                first,
                last,
                pesel=make_pesel(BIRTH, serial, "K"),
                categories=(3, 5),
                referral_source="ops",
                referral_institution="GOPS w Zawoni",
            ),
        )
        period = participations.enroll(s, pid, start, group_id=1)
    return pid, period


def _data(db, pid):
    with db.read() as s:
        data = participants.get_participant(s, pid)
    return {f: getattr(data, f) for f in data.__dataclass_fields__}


def test_a_restricted_record_is_read_only_for_every_service(kis):
    pid, period = _person(kis)
    with kis.session() as s:
        act = activities.add_activity(
            s,
            activities.ActivityData(
                date=dt.date(2026, 2, 9),
                start_time=dt.time(9),
                end_time=dt.time(12),
                kind="group",
                topic="Warsztat",
                group_id=1,
            ),
        )
        rodo.restrict(s, pid, "Osoba kwestionuje prawidłowość danych", on=dt.date(2026, 2, 10))
    attempts = [
        lambda s: participants.update_participant(
            s, pid, participants.ParticipantData(**{**_data(kis, pid), "phone": "123"})
        ),
        lambda s: participations.end_period(s, period, dt.date(2026, 3, 1), "resigned"),
        lambda s: participations.update_period(s, period, dt.date(2026, 2, 2), None, 1),
        lambda s: attendance.set_mark(s, act, pid, "present", today=dt.date(2026, 2, 9)),
        lambda s: rodo.record_clause_given(s, pid, dt.date(2026, 2, 2)),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied) as err, kis.session() as s:
            attempt(s)
        assert err.value.code == "rodo.restricted" and err.value.params["name"] == "Teresa Mazur"
    with kis.read() as s:
        assert rodo.restriction_of(s, pid) == rodo.Restriction(
            True, "Osoba kwestionuje prawidłowość danych", dt.date(2026, 2, 10)
        )
        assert participations.periods_of(s, pid)[0].end_on is None
    with kis.session() as s:
        rodo.lift_restriction(s, pid)
    with kis.session() as s:
        participations.end_period(s, period, dt.date(2026, 3, 1), "resigned")


def test_restricted_people_stay_out_of_exports(kis):
    pid, _ = _person(kis)
    other, _ = _person(kis, "Ewa", "Lis", serial=44)
    with kis.session() as s:
        rodo.restrict(s, pid, "Sprzeciw (art. 21)")
    with kis.read() as s:
        exported = s.scalars(
            select(Participant.id).where(rodo.exportable_participants_filter())
        ).all()
    assert exported == [other]


def test_data_pack_holds_everything_about_the_person_and_is_logged(kis, tmp_path):
    pid, _ = _person(kis)
    with kis.session() as s:
        act = activities.add_activity(
            s,
            activities.ActivityData(
                date=dt.date(2026, 2, 9),
                start_time=dt.time(9),
                end_time=dt.time(10),
                kind="individual",
                topic="Poradnictwo",
                participant_id=pid,
                note="notatka z rozmowy",
            ),
        )
        attendance.set_mark(s, act, pid, "present", today=dt.date(2026, 2, 9))
        rodo.record_clause_given(s, pid, dt.date(2026, 2, 2))
    with kis.read() as s:
        participants.get_participant(s, pid)  # someone looked at the form (category 3)
    with kis.read() as s:
        pack = rodo_pack.data_pack(s, pid)
    json.dumps(pack)  # JSON-ready as it is
    assert pack["personal_data"]["pesel"] == make_pesel(BIRTH, 31, "K")
    assert pack["personal_data"]["rodo_clause_given_on"] == "2026-02-02"
    assert [c["number"] for c in pack["categories"]] == [3, 5]
    assert pack["source"] == "GOPS w Zawoni"
    assert pack["participations"][0]["start"] == "2026-02-02"
    assert pack["attendance"] == [
        {
            "date": "2026-02-09",
            "time": "09:00",
            "topic": "Poradnictwo",
            "mark": "present",
            "minutes": None,
        }
    ]
    assert pack["counselling_sessions"][0]["note"] == "notatka z rozmowy"
    assert {"change", "view_sensitive"} <= {e["event"] for e in pack["processing_log"]}
    assert all("user" not in e for e in pack["processing_log"])  # dates, not employees
    with kis.read() as s:
        again = rodo_pack.data_pack(s, pid)
    assert any(e["event"] == "export" for e in again["processing_log"])  # the first pack
    from kisdesk.reports.rodo import data_pack as pdf

    out = pdf.render(pack, tmp_path / "pack.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Kopia danych osobowych" in text and "Teresa" in text and "GOPS w Zawoni" in text
    assert "uzależnieni od narkotyków" in text


def test_information_clause_names_the_controller_and_prints(kis, tmp_path):
    pid, _ = _person(kis)
    with kis.session() as s:
        settings.set_setting(s, "dpo_contact", "iod@zawonia.pl")
        settings.set_setting(s, "retention_participant_years", 5)
    with kis.read() as s:
        clause = rodo.information_clause(s, pid)
    assert clause.controller == "Gmina Zawonia" and clause.dpo_contact == "iod@zawonia.pl"
    assert "5 lat" in clause.retention
    from kisdesk.reports.rodo import clause as pdf

    out = pdf.render(clause, tmp_path / "clause.pdf")
    text = PdfReader(out).pages[0].extract_text()
    assert "Klauzula informacyjna" in text and "Teresa Mazur" in text
    assert "iod@zawonia.pl" in text and "Prezesa Urzędu Ochrony Danych" in text
    with pytest.raises(ValidationError), kis.session() as s:
        rodo.record_clause_given(s, pid, dt.date.today() + dt.timedelta(days=1))


def test_retention_lists_only_what_is_past_its_period_and_applies_only_that(kis):
    old, old_period = _person(kis, "Stara", "Sprawa", serial=51, start=dt.date(2018, 3, 1))
    recent, recent_period = _person(kis, "Nowa", "Sprawa", serial=52, start=dt.date(2023, 3, 1))
    ongoing, _ = _person(kis, "Trwa", "Nadal", serial=53, start=dt.date(2019, 3, 1))
    with kis.session() as s:
        participations.end_period(s, old_period, dt.date(2019, 6, 30), "completed")
        participations.end_period(s, recent_period, dt.date(2023, 12, 31), "completed")
    as_of = dt.date(2026, 11, 22)
    with kis.read() as s:
        assert rodo_retention.retention_due(s, as_of).items == ()  # periods not decided yet
    with kis.session() as s:
        settings.set_setting(s, "retention_participant_years", 5)
    with kis.read() as s:
        report = rodo_retention.retention_due(s, as_of)
    # 2019 + 1 + 5 = 2025-01-01 ≤ as_of; 2023 + 1 + 5 = 2029: not yet; ongoing: never.
    assert [(i.participant_id, i.due_on) for i in report.items] == [(old, dt.date(2025, 1, 1))]
    with pytest.raises(ValidationError), kis.session() as s:
        rodo_retention.apply_retention(s, participants=[recent], as_of=as_of)
    with kis.session() as s:
        assert rodo_retention.apply_retention(s, participants=[old], as_of=as_of) == (1, 0)
    with kis.read() as s:
        names = {p.id: p.last_name for p in s.scalars(select(Participant))}
    assert names[old].startswith("Osoba zanonimizowana") and names[recent] == "Sprawa"
    assert names[ongoing] == "Nadal"


def test_pseudonyms_are_keyed_stable_within_an_export_and_unlinkable_across():
    key, other = rodo.new_pseudonym_secret(), rodo.new_pseudonym_secret()
    assert rodo.pseudonym(7, key) == rodo.pseudonym(7, key)
    assert rodo.pseudonym(7, key) != rodo.pseudonym(8, key)
    assert rodo.pseudonym(7, key) != rodo.pseudonym(7, other)
    assert len(rodo.pseudonym(7, key)) == 16


@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMIN])
def test_restriction_and_the_data_pack_are_the_leaders(kis, role):
    pid, _ = _person(kis)
    actor = Actor("x", role)
    for call in (
        lambda s: rodo.restrict(s, pid, "powód"),
        lambda s: rodo_pack.data_pack(s, pid),
        lambda s: rodo_retention.retention_due(s),
    ):
        with pytest.raises(PermissionDenied), kis.session(actor=actor) as s:
            call(s)
    with kis.read() as s:
        assert not rodo.is_restricted(s, pid)
