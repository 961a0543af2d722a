"""The office the journal page tests share: three members of the Monday group, a
psychologist, one class on the 1st (the fixtures `journal_office` and `journal_page` are in
tests/ui/conftest.py)."""

from __future__ import annotations

import datetime as dt

from kisdesk.db import Database
from kisdesk.services import activities, attendance, groups, participants, participations, staff
from kisdesk.services.activities import ActivityData
from kisdesk.services.participants import ParticipantData
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.journal import JournalPage
from tests.pesel import make_pesel

TODAY = dt.date.today()
FIRST = TODAY.replace(day=1)


def seed_office(kis: Database) -> dict:
    """Three members of the Monday group since the 1st, a psychologist, one class today."""
    with kis.session() as s:
        gid = groups.list_groups(s)[0].id
        people = []
        for i, (first, last, sex) in enumerate(
            [("Tomasz", "Nowak", "M"), ("Anna", "Kowalska", "K"), ("Jan", "Wójcik", "M")]
        ):
            pesel = make_pesel(dt.date(1970 + i, 3, 4 + i), serial=10 + i, sex=sex)
            pid = participants.add_participant(
                s, ParticipantData(first_name=first, last_name=last, pesel=pesel)
            )
            participations.enroll(s, pid, FIRST, group_id=gid)
            people.append(pid)
        psych = staff.add_staff(
            s, staff.StaffData(first_name="Maria", last_name="Lis", role="psycholog")
        )
        act = activities.add_activity(
            s,
            ActivityData(
                date=FIRST,
                start_time=dt.time(9, 0),
                end_time=dt.time(12, 0),
                kind="group",
                topic="Trening asertywności",
                form="warsztaty psychoedukacyjne",
                group_id=gid,
                staff_ids=(psych,),
            ),
        )
    return {"group": gid, "people": people, "staff": psych, "activity": act}


def open_page(ops: Ops, qtbot) -> JournalPage:  # type: ignore[no-untyped-def]
    widget = JournalPage(ops)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    return widget


def marks_of(db: Database, activity_id: int) -> dict[str, tuple[str | None, int | None]]:
    with db.read() as s:
        return {
            r.name: (r.mark, r.minutes) for r in attendance.expected_participants(s, activity_id)
        }
