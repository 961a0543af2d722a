"""Art. 8b ust. 4 / art. 18f: who processes data without a valid written authorisation is
listed (accounts and staff on duty), and the list clears as authorisations are recorded."""

from __future__ import annotations

import datetime as dt

from kisdesk.db import Database
from kisdesk.services import authorisations, staff
from kisdesk.services.dashboard_path import path_todo

DAY = dt.date(2026, 3, 2)


def test_staff_without_authorisation_is_warned_until_one_is_valid(kis: Database) -> None:
    with kis.session() as s:
        sid = staff.add_staff(s, staff.StaffData("Anna", "Krawczyk", role="psycholog"))
    with kis.read() as s:
        assert [(m.kind, m.name) for m in authorisations.missing(s, DAY)] == [
            ("staff", "Anna Krawczyk")
        ]
        todo = [i.what for i in path_todo(s, DAY) if i.participant_id == 0]
    assert todo == ["no_authorisation"]
    with kis.session() as s:  # given, but the undertaking not yet signed: still missing
        row = authorisations.add_authorisation(s, DAY, staff_id=sid)
    assert row.person_name == "Anna Krawczyk" and not row.valid
    with kis.read() as s:
        assert len(authorisations.missing(s, DAY)) == 1
    with kis.session() as s:
        authorisations.add_authorisation(s, DAY, staff_id=sid, undertaking_on=DAY)
    with kis.read() as s:
        assert authorisations.missing(s, DAY) == []
        assert authorisations.missing(s, DAY - dt.timedelta(days=1)) != []  # not before


def test_the_undertaking_signed_later_makes_it_valid_and_the_print_says_so(kis: Database) -> None:
    from kisdesk.errors import ConflictError

    with kis.session() as s:
        sid = staff.add_staff(s, staff.StaffData("Anna", "Krawczyk", role="psycholog"))
        first = authorisations.add_authorisation(s, DAY, staff_id=sid)
    with kis.session() as s:
        row = authorisations.record_undertaking(s, first.id, DAY + dt.timedelta(days=3))
    assert row.valid and row.undertaking_on == DAY + dt.timedelta(days=3)
    with kis.read() as s:
        assert authorisations.missing(s, DAY + dt.timedelta(days=2)) != []
        assert authorisations.missing(s, DAY + dt.timedelta(days=3)) == []
    with kis.session() as s:
        authorisations.withdraw(s, first.id, DAY + dt.timedelta(days=30))
    try:
        with kis.session() as s:
            authorisations.record_undertaking(s, first.id, DAY)
    except ConflictError as error:
        assert error.code == "authorisation.already_withdrawn"
    else:
        raise AssertionError("a withdrawn authorisation takes no undertaking")
    with kis.session() as s:
        printed = authorisations.authorisation_print(s, first.id)
    assert (printed.number, printed.person_name) == (f"1/{DAY.year}", "Anna Krawczyk")
    assert printed.office_kind == "kis" and printed.withdrawn_on == "2026-04-01"
