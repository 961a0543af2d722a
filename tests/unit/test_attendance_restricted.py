"""A participant whose processing is restricted (RODO art. 18) does not hold up the group's
attendance: "everyone present" marks the others, the lists for signatures, the month sheet
and the grid leave the person out, and the marks stored before the restriction stay."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from kisdesk.db import Database
from kisdesk.errors import PermissionDenied
from kisdesk.models import Attendance
from kisdesk.services import (
    activities,
    attendance,
    documents_lists,
    participants,
    participations,
    rodo,
)
from tests.pesel import make_pesel

DAY = dt.date(2026, 10, 5)  # a Monday in the past
LATER = dt.date(2026, 10, 12)
TODAY = dt.date(2026, 11, 22)
PEOPLE = (("Anna", "Nowak"), ("Jan", "Kowalski"), ("Ewa", "Zielińska"))


@pytest.fixture
def group(kis: Database) -> dict[str, int]:
    """Three members of the Monday group and two classes; Anna Nowak's data restricted after
    she was marked present at the first class."""
    ids: dict[str, int] = {}
    with kis.session() as s:
        for serial, (first, last) in enumerate(PEOPLE, start=1):
            ids[last] = participants.add_participant(
                s,
                participants.ParticipantData(
                    first, last, pesel=make_pesel(dt.date(1985, 3, serial), serial, "K")
                ),
            )
            participations.enroll(s, ids[last], dt.date(2026, 9, 1), group_id=1)
        for key, day in (("first", DAY), ("second", LATER)):
            ids[key] = activities.add_activity(
                s,
                activities.ActivityData(
                    date=day,
                    start_time=dt.time(9),
                    end_time=dt.time(12),
                    kind="group",
                    topic="Trening asertywności",
                    group_id=1,
                ),
            )
        attendance.set_mark(s, ids["first"], ids["Nowak"], "present", today=TODAY)
        rodo.restrict(s, ids["Nowak"], "Osoba kwestionuje prawidłowość danych")
    return ids


def _marked(db: Database, activity_id: int) -> set[int]:
    with db.read() as s:
        return set(
            s.scalars(
                select(Attendance.participant_id).where(Attendance.activity_id == activity_id)
            )
        )


def test_everyone_present_marks_the_others(kis: Database, group: dict[str, int]) -> None:
    with kis.session() as s:
        written = attendance.mark_all_present(s, group["second"], today=TODAY)
    assert written == 2
    assert _marked(kis, group["second"]) == {group["Kowalski"], group["Zielińska"]}


def test_the_paper_lists_exceptions_are_recorded_for_the_others(
    kis: Database, group: dict[str, int]
) -> None:
    with kis.session() as s:
        written = attendance.record_activity(
            s, group["second"], absent=[group["Kowalski"]], today=TODAY
        )
    assert written == 2
    with kis.read() as s:
        marks = {
            r.participant_id: r.mark for r in attendance.expected_participants(s, group["second"])
        }
    assert marks == {group["Kowalski"]: "absent", group["Zielińska"]: "present"}


def test_naming_the_restricted_person_is_refused_and_nothing_written(
    kis: Database, group: dict[str, int]
) -> None:
    with pytest.raises(PermissionDenied) as caught, kis.session() as s:
        attendance.record_activity(s, group["second"], absent=[group["Nowak"]], today=TODAY)
    assert caught.value.code == "rodo.restricted"
    assert _marked(kis, group["second"]) == set()


def test_lists_for_signatures_leave_the_person_out(kis: Database, group: dict[str, int]) -> None:
    with kis.read() as s:
        expected = [p.name for p in attendance.expected_participants(s, group["second"])]
        one = documents_lists.attendance_list_data(s, group["second"]).names
        day = documents_lists.day_list_data(s, 1, LATER).names
    assert expected == ["Kowalski Jan", "Zielińska Ewa"]
    assert list(one) == expected and list(day) == expected


def test_month_sheet_and_grid_leave_the_person_out_and_say_so(
    kis: Database, group: dict[str, int]
) -> None:
    with kis.read() as s:
        sheet = documents_lists.month_sheet_data(s, 1, 2026, 10, as_of=TODAY)
        grid = attendance.month_grid(s, 1, 2026, 10)
    assert [r.name for r in sheet.rows] == ["Kowalski Jan", "Zielińska Ewa"]
    assert [p.name for p in grid.people] == ["Kowalski Jan", "Zielińska Ewa"]
    assert grid.restricted == ("Nowak Anna",)
    assert all(pid != group["Nowak"] for _aid, pid in grid.marks)


def test_the_mark_stored_before_the_restriction_stays(kis: Database, group: dict[str, int]) -> None:
    with kis.session() as s:
        attendance.mark_all_present(s, group["first"], today=TODAY)
    assert group["Nowak"] in _marked(kis, group["first"])
    with kis.session() as s:
        rodo.lift_restriction(s, group["Nowak"])
    with kis.read() as s:
        names = [p.name for p in attendance.expected_participants(s, group["first"])]
    assert names == ["Kowalski Jan", "Nowak Anna", "Zielińska Ewa"]


def test_the_dashboard_does_not_count_a_restricted_person_as_falling_behind(
    kis: Database, group: dict[str, int]
) -> None:
    # October 2026, seen in November: nobody reached 40 hours, but Anna Nowak's attendance
    # is no longer recorded, so she is neither "below the minimum" nor "at risk".
    from kisdesk.services import dashboard

    with kis.read() as s:
        board = dashboard.dashboard(s, TODAY)
    missed = {item.name for item in board.missed_last_month}
    current = {item.name for item in board.current}
    assert "Kowalski Jan" in missed and "Zielińska Ewa" in missed
    assert not any("Nowak" in name for name in missed | current)
    with kis.session() as s:
        rodo.lift_restriction(s, group["Nowak"])
    with kis.read() as s:
        board = dashboard.dashboard(s, TODAY)
    assert any("Nowak" in item.name for item in board.missed_last_month)
