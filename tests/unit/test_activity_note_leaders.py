"""The leaders of a counselling session decide who reads its note (docs/domain.md#office): a member of
kadra who may not read a session's note may not change who leads it, so nobody can tick
themselves onto a colleague's session to read the note, or untick its author."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.errors import PermissionDenied
from kisdesk.messages import describe
from kisdesk.services import activities, audit, participants, participations, staff
from tests.pesel import make_pesel

NOTE = "Rozmowa o terapii odwykowej"
DAY = dt.date(2026, 2, 3)


@pytest.fixture
def office(kis: Database) -> dict[str, int]:
    """Halina's session with Ewa (with a note) and one with Ewa without a note."""
    with kis.session() as s:
        ewa = staff.add_staff(s, staff.StaffData("Ewa", "Psycholog", role="psycholog"))
        piotr = staff.add_staff(s, staff.StaffData("Piotr", "Stolarz", role="doradca"))
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                "Halina", "Wrona", pesel=make_pesel(dt.date(1981, 5, 17), 77, "K")
            ),
        )
        participations.enroll(s, pid, dt.date(2026, 1, 5), group_id=1)
        ids = {"ewa": ewa, "piotr": piotr, "participant": pid}
        for key, hour, note in (("noted", 9, NOTE), ("blank", 11, "")):
            ids[key] = activities.add_activity(s, _data(pid, hour, (ewa,), note))
    return ids


def _data(pid: int, hour: int, leaders: tuple[int, ...], note: str = "") -> activities.ActivityData:
    return activities.ActivityData(
        date=DAY,
        start_time=dt.time(hour),
        end_time=dt.time(hour + 1),
        kind="individual",
        topic="Poradnictwo indywidualne",
        participant_id=pid,
        staff_ids=leaders,
        note=note,
    )


def _piotr(ids: dict[str, int]) -> Actor:
    return Actor("Piotr Stolarz", Role.STAFF, user_id=3, staff_id=ids["piotr"])


def _ewa(ids: dict[str, int]) -> Actor:
    return Actor("Ewa Psycholog", Role.STAFF, user_id=2, staff_id=ids["ewa"])


def _edit(db: Database, actor: Actor, activity_id: int, **changes: object) -> None:
    with db.session(actor=actor) as s:
        row = activities.get_activity(s, activity_id)
        data = _data(row.participant_id or 0, row.start_time.hour, row.staff_ids)
        activities.update_activity(s, activity_id, dataclasses.replace(data, **changes))


def _saved(db: Database, activity_id: int) -> activities.ActivityRow:
    with db.read() as s:
        return activities.get_activity(s, activity_id)


def test_kadra_cannot_tick_itself_onto_a_colleagues_session_to_read_its_note(
    kis: Database, office: dict[str, int]
) -> None:
    piotr = _piotr(office)
    with pytest.raises(PermissionDenied) as caught:
        _edit(kis, piotr, office["noted"], staff_ids=(office["ewa"], office["piotr"]))
    assert caught.value.code == "activity.leaders_locked"
    assert "notatka z poradnictwa" in describe(caught.value)
    row = _saved(kis, office["noted"])
    assert row.staff_ids == (office["ewa"],) and row.note == NOTE
    with kis.read(actor=piotr) as s:
        assert activities.get_activity(s, office["noted"]).note is None  # still unreadable
    with kis.read() as s:
        (denied,) = audit.list_entries(s, event_name="access_denied")
    assert (denied.record_type, denied.record_id, denied.user_name) == (
        "activity",
        office["noted"],
        "Piotr Stolarz",
    )


def test_kadra_cannot_untick_the_author_of_the_note(kis: Database, office: dict[str, int]) -> None:
    with pytest.raises(PermissionDenied):
        _edit(kis, _piotr(office), office["noted"], staff_ids=(office["piotr"],))
    assert _saved(kis, office["noted"]).staff_ids == (office["ewa"],)
    with kis.read(actor=_ewa(office)) as s:
        assert activities.get_activity(s, office["noted"]).note == NOTE


def test_other_corrections_keep_working_for_kadra(kis: Database, office: dict[str, int]) -> None:
    _edit(kis, _piotr(office), office["noted"], topic="Poradnictwo psychologiczne")
    row = _saved(kis, office["noted"])
    assert (row.topic, row.staff_ids, row.note) == (
        "Poradnictwo psychologiczne",
        (office["ewa"],),
        NOTE,
    )


def test_who_may_read_the_note_may_change_the_leaders(
    kis: Database, office: dict[str, int]
) -> None:
    _edit(kis, _ewa(office), office["noted"], staff_ids=(office["ewa"], office["piotr"]))
    assert set(_saved(kis, office["noted"]).staff_ids) == {office["ewa"], office["piotr"]}
    leader = Actor("Renata Kowalczyk", Role.LEADER, user_id=1)
    _edit(kis, leader, office["noted"], staff_ids=(office["piotr"],))
    assert _saved(kis, office["noted"]).staff_ids == (office["piotr"],)


def test_a_session_without_a_note_can_be_taken_over(kis: Database, office: dict[str, int]) -> None:
    """A substitute records who really led the session; there is no note to reach."""
    _edit(kis, _piotr(office), office["blank"], staff_ids=(office["piotr"],))
    assert _saved(kis, office["blank"]).staff_ids == (office["piotr"],)
