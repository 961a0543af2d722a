"""The office the attendance grid tests share: last month's classes and this month's first
(the fixtures `attendance_office` and `attendance_page` are in tests/ui/conftest.py)."""

from __future__ import annotations

import datetime as dt

from kisdesk.db import Database
from kisdesk.services import activities, attendance, groups, participants, participations, settings
from kisdesk.services.activities import ActivityData
from kisdesk.services.participants import ParticipantData
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.attendance import AttendancePage
from tests.pesel import make_pesel

TODAY = dt.date.today()
FIRST = TODAY.replace(day=1)
PREV = (FIRST - dt.timedelta(days=1)).replace(day=1)  # the previous month: all held


def add_class(s, gid: int, day: dt.date, topic: str) -> int:  # type: ignore[no-untyped-def]
    return activities.add_activity(
        s,
        ActivityData(
            date=day,
            start_time=dt.time(9, 0),
            end_time=dt.time(12, 0),
            kind="group",
            topic=topic,
            group_id=gid,
        ),
    )


def seed_office(kis: Database) -> dict:
    """Last month: Kowalska and Nowak from the 1st, Wójcik joined on the 15th; classes on the
    3rd, 10th and 17th. This month: one class on the 1st."""
    with kis.session() as s:
        # These tests open the grid on this month whatever the day (the opening on last month
        # in a month's first days: test_ui_attendance_month.py).
        settings.set_setting(s, "previous_month_days", 0)
        gid = groups.list_groups(s)[0].id
        people = {}
        for i, (first, last, sex, start) in enumerate(
            [
                ("Anna", "Kowalska", "K", PREV),
                ("Tomasz", "Nowak", "M", PREV),
                ("Jan", "Wójcik", "M", PREV.replace(day=15)),
            ]
        ):
            pesel = make_pesel(dt.date(1970 + i, 3, 4 + i), serial=10 + i, sex=sex)
            pid = participants.add_participant(
                s, ParticipantData(first_name=first, last_name=last, pesel=pesel)
            )
            participations.enroll(s, pid, start, group_id=gid)
            people[last] = pid
        acts = [
            add_class(s, gid, PREV.replace(day=d), t)
            for d, t in ((3, "Komunikacja"), (10, "Asertywność"), (17, "Budżet domowy"))
        ]
        now = add_class(s, gid, FIRST, "Rozmowa kwalifikacyjna")
    return {"group": gid, "people": people, "prev": acts, "now": now}


def open_page(ops: Ops, qtbot) -> AttendancePage:  # type: ignore[no-untyped-def]
    widget = AttendancePage(ops)
    qtbot.addWidget(widget)
    widget.resize(1100, 500)
    widget.show()
    return widget


def marks(db: Database, activity_id: int) -> dict[str, tuple[str | None, int | None]]:
    with db.read() as s:
        return {
            r.name.split()[0]: (r.mark, r.minutes)
            for r in attendance.expected_participants(s, activity_id)
        }


def at(page: AttendancePage, row: int, column: int) -> None:
    page.grid.setFocus()
    page.grid.setCurrentIndex(page.model.index(row, column))
