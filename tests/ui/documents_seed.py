"""The office the Dokumenty GUI tests share (its fixtures are in tests/ui/conftest.py).

An office whose periods end just before today, so the certificates are issued "today" and
numbered in this year's series; the save dialog, the system viewer and message boxes are
replaced so that a test never waits for a person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader

from kisdesk.db import Database
from kisdesk.services import (
    activities,
    attendance,
    contracts,
    groups,
    participants,
    participations,
)
from kisdesk.services.activities import ActivityData
from kisdesk.services.participants import ParticipantData
from kisdesk.services.settings import set_setting
from tests.pesel import make_pesel

TODAY = dt.date.today()
ZOFIA = ("Zofia", "Żółtowska-Nowak")
JAN = ("Jan", "Kowalski")


@dataclass
class Office:
    group_id: int
    zofia: int  # participant ids
    zofia_period: int
    jan: int
    jan_period: int
    ewa: int
    ewa_period: int
    activity_id: int


def _monday_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def make_office(db: Database) -> Office:
    """Zofia: 8 months, ended a week ago (an ending and a graduate certificate due);
    Jan: 3 months, resigned 5 days ago (an ending certificate due, no graduate status);
    Ewa: started a month ago, still taking part (nothing due). One class they all attended."""
    with db.session() as s:
        set_setting(s, "graduate_requires_monthly_minimum", False)
        gid = groups.list_groups(s)[0].id

        def person(first: str, last: str, sex: str, serial: int, start: dt.date) -> tuple[int, int]:
            pesel = make_pesel(dt.date(1980 + serial, 4, 10), serial=serial, sex=sex)
            pid = participants.add_participant(
                s, ParticipantData(first_name=first, last_name=last, pesel=pesel)
            )
            return pid, participations.enroll(s, pid, start, group_id=gid)

        zofia, zofia_p = person(*ZOFIA, "K", 1, TODAY - dt.timedelta(days=240))
        jan, jan_p = person(*JAN, "M", 2, TODAY - dt.timedelta(days=100))
        ewa, ewa_p = person("Ewa", "Wiśniewska", "K", 3, TODAY - dt.timedelta(days=30))
        day = _monday_before(TODAY - dt.timedelta(days=12))
        aid = activities.add_activity(
            s,
            ActivityData(
                date=day,
                start_time=dt.time(9, 0),
                end_time=dt.time(12, 0),
                kind="group",
                topic="Trening asertywności",
                form="warsztaty",
                group_id=gid,
            ),
        )
        attendance.record_activity(s, aid, today=TODAY)
        participations.end_period(s, zofia_p, TODAY - dt.timedelta(days=7), "employment")
        # Zofia carried out her kontrakt socjalny (art. 2 pkt 1b: a KIS graduate once the
        # certificate of ending is issued).
        contracts.set_contract(
            s,
            zofia_p,
            contracts.ContractData(
                "KS/1/2026",
                TODAY - dt.timedelta(days=245),
                status="realised",
                status_on=TODAY - dt.timedelta(days=7),
            ),
        )
        participations.end_period(s, jan_p, TODAY - dt.timedelta(days=5), "resigned")
    return Office(gid, zofia, zofia_p, jan, jan_p, ewa, ewa_p, aid)


@dataclass
class Desk:
    """What the stand-ins saw: suggested file names, saved and opened files, messages."""

    folder: Path
    asked: list[str] = field(default_factory=list)  # suggested names
    saved: list[Path] = field(default_factory=list)
    opened: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    cancel_next: bool = False
    # the button pressed in the "document ready" dialog: "print", "save", "open", "close"
    choice: str = "save"
    kept: list[Path] = field(default_factory=list)  # copies kept in the documents folder

    def last_pdf_text(self) -> str:
        return pdf_text(self.opened[-1])


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
