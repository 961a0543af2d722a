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
