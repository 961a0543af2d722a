"""The activity dialog does not offer kadra what the journal service refuses: the leaders of
a colleague's session that has a counselling note (they decide who reads it, docs/domain.md#office); a new
session of kadra starts with its own entry ticked, so the note box is there."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTime

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.services import activities, participants, participations, staff
from kisdesk.ui.dialogs.activity_dialog import ActivityDialog
from kisdesk.ui.ops import Ops
from tests.pesel import make_pesel

FIRST = dt.date.today().replace(day=1)
NOTE = "Rozmowa o terapii odwykowej"


@pytest.fixture
def office(kis: Database) -> dict[str, int]:
    """Ewa's two sessions with Halina: one with a note, one without."""
    with kis.session() as s:
        ewa = staff.add_staff(s, staff.StaffData("Ewa", "Psycholog", role="psycholog"))
        piotr = staff.add_staff(s, staff.StaffData("Piotr", "Stolarz", role="doradca"))
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                "Halina", "Wrona", pesel=make_pesel(dt.date(1981, 5, 17), 77, "K")
            ),
        )
        participations.enroll(s, pid, FIRST, group_id=1)
        ids = {"ewa": ewa, "piotr": piotr, "participant": pid}
        for key, hour, note in (("noted", 9, NOTE), ("blank", 11, "")):
            ids[key] = activities.add_activity(
                s,
                activities.ActivityData(
                    date=FIRST,
                    start_time=dt.time(hour),
                    end_time=dt.time(hour + 1),
                    kind="individual",
                    topic="Poradnictwo indywidualne",
                    participant_id=pid,
                    staff_ids=(ewa,),
                    note=note,
                ),
            )
    return ids


def _piotr(ids: dict[str, int]) -> Actor:
    return Actor("Piotr Stolarz", Role.STAFF, user_id=3, staff_id=ids["piotr"])


def _open(kis: Database, ops: Ops, qtbot, actor: Actor, activity_id: int | None) -> ActivityDialog:  # type: ignore[no-untyped-def]
    kis.actor = actor
    row = ops.read(lambda s: activities.get_activity(s, activity_id)) if activity_id else None
    dialog = ActivityDialog(ops, row, default_date=FIRST, individual=True)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _ticked(dialog: ActivityDialog) -> set[int]:
    return set(dialog.data().staff_ids)


def test_kadra_cannot_change_the_leaders_of_a_colleagues_noted_session(
    shot, kis, ops, office, qtbot
) -> None:
    dialog = _open(kis, ops, qtbot, _piotr(office), office["noted"])
    assert not dialog.leaders.isEnabled()
    assert "notatka z poradnictwa" in dialog.leaders.toolTip()
    assert dialog.messages["staff"].isVisibleTo(dialog)
    assert "prowadzących zmieni tylko" in dialog.messages["staff"].text()
    assert _ticked(dialog) == {office["ewa"]}
    shot(dialog, "activity_dialog_kadra_colleague")
    dialog.topic.setText("Poradnictwo psychologiczne")
    dialog.buttons.accepted.emit()
    assert dialog.saved_id == office["noted"]
    with kis.read(Actor.system()) as s:
        row = activities.get_activity(s, office["noted"])
    assert (row.topic, row.staff_ids, row.note) == (
        "Poradnictwo psychologiczne",
        (office["ewa"],),
        NOTE,
    )


def test_the_list_stays_open_where_there_is_nothing_to_reach(kis, ops, office, qtbot) -> None:
    assert _open(kis, ops, qtbot, _piotr(office), office["blank"]).leaders.isEnabled()
    ewa = Actor("Ewa Psycholog", Role.STAFF, user_id=2, staff_id=office["ewa"])
    assert _open(kis, ops, qtbot, ewa, office["noted"]).leaders.isEnabled()
    leader = Actor("Renata Kowalczyk", Role.LEADER, user_id=1)
    assert _open(kis, ops, qtbot, leader, office["noted"]).leaders.isEnabled()


def test_a_new_session_of_kadra_starts_with_its_own_entry_ticked(kis, ops, office, qtbot) -> None:
    dialog = _open(kis, ops, qtbot, _piotr(office), None)
    assert _ticked(dialog) == {office["piotr"]}
    assert dialog.note.isVisibleTo(dialog)
    placeholder = dialog.note.placeholderText()
    assert "kadry merytorycznej" not in placeholder and "prowadzące" in placeholder
    dialog.participant.set_current_id(office["participant"])
    dialog.start.setTime(QTime(13, 0))  # after her morning sessions: no overlap
    dialog.end.setTime(QTime(14, 0))
    dialog.topic.setText("Doradztwo zawodowe")
    dialog.note.setPlainText("Szuka pracy w stolarni.")
    dialog.buttons.accepted.emit()
    assert dialog.saved_id is not None
    with kis.read(_piotr(office)) as s:
        row = activities.get_activity(s, dialog.saved_id)
    assert (row.staff_ids, row.note) == ((office["piotr"],), "Szuka pracy w stolarni.")


def test_the_leader_ticks_leaders_herself(kis, ops, office, qtbot) -> None:
    leader = Actor("Renata Kowalczyk", Role.LEADER, user_id=1, staff_id=office["ewa"])
    dialog = _open(kis, ops, qtbot, leader, None)
    assert _ticked(dialog) == set()
    item = dialog.leaders.item(0)
    assert item.checkState() == Qt.CheckState.Unchecked
