"""A small office with real-looking data for the document tests (no tests of its own).

Imported by the documents, PDF and CLI tests. Dates are fixed in 2027 and attendance is
recorded with an explicit `today`, so nothing depends on the day the tests run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from kisdesk.db import Database
from kisdesk.rules.pesel import compose_pesel
from kisdesk.services import (
    activities,
    attendance,
    contracts,
    office,
    participants,
    participations,
    staff,
)
from kisdesk.services.groups import add_group

RECORDED_ON = dt.date(2028, 1, 1)  # "today" when the attendance was typed in
NAME_FIRST = "Grzegorz"
NAME_LAST = "Żółkiewski-Brzęczyszczykiewicz"


def pesel_for(birth: dt.date, serial: int = 123, sex: str = "M") -> str:
    return compose_pesel(birth, serial % 1000, 2 * (serial % 5) + (1 if sex == "M" else 0))


@dataclass(frozen=True)
class Seed:
    group_id: int
    grzegorz: int  # participant id
    grzegorz_period: int
    anna: int
    anna_period: int
    pesel: str
    monday_activity: int
    counselling_activity: int


def make_office(db: Database, kind: str = "kis") -> int:
    """The office, its group "Grupa poniedziałkowa" (id returned) and two staff members."""
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind=kind,
                name=(
                    "Klub Integracji Społecznej w Zawoni"
                    if kind == "kis"
                    else "Centrum Integracji Społecznej w Zawoni"
                ),
                operator=office.OperatorData(
                    name="Gminny Ośrodek Pomocy Społecznej w Zawoni",
                    legal_form="ops",
                    street="ul. Trzebnicka 11",
                    postal_code="55-106",
                    city="Zawonia",
                    phone="71 312 81 00",
                    email="gops@zawonia.pl",
                ),
                street="ul. Kasztanowa 3",
                postal_code="55-106",
                city="Zawonia",
                phone="71 312 81 55",
                email="kis@zawonia.pl",
                created_on=dt.date(2026, 5, 4),
                activity_started_on=dt.date(2026, 6, 1),
                head_name="Renata Kowalczyk",
                register_number="KIS/12/2026",
                register_date=dt.date(2026, 5, 20),
            ),
        )
        group_id = add_group(s, "Grupa poniedziałkowa")
        staff.add_staff(
            s,
            staff.StaffData("Ewa", "Nowicka", "psycholog", "employment", "1 etat"),
        )
        staff.add_staff(
            s,
            staff.StaffData("Jan", "Kowal", "doradca zawodowy", "civil_contract", "20 godz./mies."),
        )
    return group_id


def _weekdays(first: dt.date, last: dt.date, weekday: int) -> list[dt.date]:
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    out = []
    while day <= last:
        out.append(day)
        day += dt.timedelta(days=7)
    return out


def seed(db: Database, kind: str = "kis", months: int = 7) -> Seed:
    """Grzegorz (Jan–Jul 2027, left for a job; a graduate) and Anna (Mar–Jun, resigned).

    Group classes: Monday workshops (social, 4 h) all along, Wednesday career counselling
    (vocational, 2 h) in January–March; one individual session for Grzegorz (1,33 h).
    """
    group_id = make_office(db, kind)
    grz_pesel = pesel_for(dt.date(1985, 3, 12))
    with db.session() as s:
        grz = participants.add_participant(
            s,
            participants.ParticipantData(
                first_name=NAME_FIRST,
                last_name=NAME_LAST,
                pesel=grz_pesel,
                categories=(5, 2),
                referral_source="ops",
            ),
        )
        grz_period = participations.enroll(s, grz, dt.date(2027, 1, 4), None, group_id)
        contracts.set_contract(
            s,
            grz_period,
            contracts.ContractData(
                "KS/14/2026", dt.date(2026, 12, 28), institution="GOPS w Zawoni"
            ),
        )
        anna = participants.add_participant(
            s,
            participants.ParticipantData(
                first_name="Anna",
                last_name="Nowak",
                birth_date=dt.date(1990, 6, 1),
                sex="K",
                id_document="paszport UA FX123456",
                categories=(7,),
            ),
        )
        anna_period = participations.enroll(s, anna, dt.date(2027, 3, 1), None, group_id)
        participations.end_period(s, anna_period, dt.date(2027, 6, 30), "resigned")
        if months >= 7:
            participations.end_period(s, grz_period, dt.date(2027, 7, 16), "employment")
            # He carried out his kontrakt socjalny: a KIS graduate once the ending
            # certificate is issued (art. 2 pkt 1b).
            contracts.set_contract(
                s,
                grz_period,
                contracts.ContractData(
                    "KS/14/2026",
                    dt.date(2026, 12, 28),
                    institution="GOPS w Zawoni",
                    status="realised",
                    status_on=dt.date(2027, 7, 16),
                ),
            )
        ewa = staff.staff_id_by_name(s, "Ewa Nowicka")
        jan = staff.staff_id_by_name(s, "Jan Kowal")
        last = dt.date(2027, months, 28) if months < 12 else dt.date(2027, 12, 31)
        monday = None
        for day in _weekdays(dt.date(2027, 1, 4), last, 0):
            aid = activities.add_activity(
                s,
                activities.ActivityData(
                    date=day,
                    start_time=dt.time(9, 0),
                    end_time=dt.time(12, 0),
                    kind="group",
                    topic="Trening asertywności",
                    form="warsztaty psychoedukacyjne",
                    group_id=group_id,
                    staff_ids=(ewa,),
                ),
            )
            monday = monday or aid
            absent = [anna] if day == dt.date(2027, 3, 8) else []
            attendance.record_activity(s, aid, absent=absent, today=RECORDED_ON)
        for day in _weekdays(dt.date(2027, 1, 4), min(last, dt.date(2027, 3, 31)), 2):
            aid = activities.add_activity(
                s,
                activities.ActivityData(
                    date=day,
                    start_time=dt.time(10, 0),
                    end_time=dt.time(11, 30),
                    kind="group",
                    area="vocational",
                    topic="Rozmowa kwalifikacyjna",
                    form="doradztwo zawodowe",
                    group_id=group_id,
                    staff_ids=(jan,),
                ),
            )
            excused = [grz] if day == dt.date(2027, 1, 13) else []
            attendance.record_activity(s, aid, excused=excused, today=RECORDED_ON)
        counselling = activities.add_activity(
            s,
            activities.ActivityData(
                date=dt.date(2027, 2, 10),
                start_time=dt.time(13, 0),
                end_time=dt.time(14, 0),
                kind="individual",
                topic="Plan powrotu na rynek pracy",
                form="poradnictwo psychologiczne",
                participant_id=grz,
                staff_ids=(ewa,),
                note="Notatka poufna: rozmowa o motywacji.",
            ),
        )
        attendance.record_activity(s, counselling, today=RECORDED_ON)
    assert monday is not None
    return Seed(group_id, grz, grz_period, anna, anna_period, grz_pesel, monday, counselling)


def pdf_text(path: Path) -> str:
    """All the text of a PDF (pages joined), as a reader would copy it."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]
