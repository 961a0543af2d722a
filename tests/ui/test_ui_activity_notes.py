"""The counselling note in the activity dialog: the leader sees every note, kadra only the
notes of sessions they lead, administracja none (docs/domain.md#office, issue 6)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.services import activities, participants, participations, staff
from kisdesk.ui.dialogs.activity_dialog import ActivityDialog
from kisdesk.ui.ops import Ops
from tests.pesel import make_pesel

TODAY = dt.date.today()
FIRST = TODAY.replace(day=1)
NOTE_EWA = "Rozmowa o terapii odwykowej"
NOTE_PIOTR = "Plan szukania pracy w stolarni"


@pytest.fixture
def office(kis: Database) -> dict[str, int]:
    """Halina with two counselling sessions on the 1st: Ewa's and Piotr's, each with a note."""
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
        for who, hour, note in ((ewa, 9, NOTE_EWA), (piotr, 11, NOTE_PIOTR)):
            ids[f"session_{'ewa' if who == ewa else 'piotr'}"] = activities.add_activity(
                s,
                activities.ActivityData(
                    date=FIRST,
                    start_time=dt.time(hour),
                    end_time=dt.time(hour + 1),
                    kind="individual",
                    topic="Poradnictwo indywidualne",
                    participant_id=pid,
                    staff_ids=(who,),
                    note=note,
                ),
            )
    return ids


def _open(kis: Database, ops: Ops, qtbot, actor: Actor, activity_id: int) -> ActivityDialog:  # type: ignore[no-untyped-def]
    kis.actor = actor
    row = ops.read(lambda s: activities.get_activity(s, activity_id))
    dialog = ActivityDialog(ops, row)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _note_shown(dialog: ActivityDialog) -> bool:
    box = dialog.note.parentWidget()
    label = dialog._fields.labelForField(box)
    return dialog.note.isVisibleTo(dialog) and label is not None and label.isVisibleTo(dialog)


def _stored_note(kis: Database, activity_id: int) -> str | None:
    with kis.read(Actor.system()) as s:
        return activities.get_activity(s, activity_id).note


def _kadra(office: dict[str, int]) -> Actor:
    return Actor("Ewa Psycholog", Role.STAFF, user_id=2, staff_id=office["ewa"])


def test_kadra_sees_the_note_of_its_own_session(kis, ops, office, qtbot, tmp_path: Path) -> None:
    dialog = _open(kis, ops, qtbot, _kadra(office), office["session_ewa"])
    assert _note_shown(dialog)
    assert dialog.note.toPlainText() == NOTE_EWA
    dialog.grab().save(str(tmp_path / "kadra_own.png"))


def test_kadra_does_not_see_another_specialists_note_and_cannot_erase_it(
    kis, ops, office, qtbot
) -> None:
    dialog = _open(kis, ops, qtbot, _kadra(office), office["session_piotr"])
    assert not _note_shown(dialog)
    assert NOTE_PIOTR not in dialog.note.toPlainText()
    dialog.topic.setText("Poradnictwo zawodowe")  # kadra may still correct the journal entry
    dialog.buttons.accepted.emit()
    assert dialog.saved_id == office["session_piotr"]
    with kis.read(Actor.system()) as s:
        row = activities.get_activity(s, office["session_piotr"])
    assert (row.topic, row.note) == ("Poradnictwo zawodowe", NOTE_PIOTR)


def test_the_leader_sees_every_note_and_administracja_none(kis, ops, office, qtbot) -> None:
    leader = Actor("Renata Kowalczyk", Role.LEADER, user_id=1)
    for key, note in (("session_ewa", NOTE_EWA), ("session_piotr", NOTE_PIOTR)):
        dialog = _open(kis, ops, qtbot, leader, office[key])
        assert _note_shown(dialog) and dialog.note.toPlainText() == note
    admin = Actor("Marek Nowak", Role.ADMIN, user_id=3)
    for key in ("session_ewa", "session_piotr"):
        dialog = _open(kis, ops, qtbot, admin, office[key])
        assert not _note_shown(dialog) and dialog.note.toPlainText() == ""


def test_a_new_session_shows_the_note_once_kadra_ticks_itself_as_leader(
    kis, ops, office, qtbot
) -> None:
    kis.actor = _kadra(office)
    dialog = ActivityDialog(ops, default_date=FIRST, individual=True)
    qtbot.addWidget(dialog)
    dialog.show()
    leaders = {
        dialog.leaders.item(i).data(Qt.ItemDataRole.UserRole): dialog.leaders.item(i)
        for i in range(dialog.leaders.count())
    }
    assert _note_shown(dialog)  # her own entry is ticked at first
    leaders[office["ewa"]].setCheckState(Qt.CheckState.Unchecked)
    assert not _note_shown(dialog)  # nobody ticked: a note would not be hers
    leaders[office["piotr"]].setCheckState(Qt.CheckState.Checked)
    assert not _note_shown(dialog)
    leaders[office["ewa"]].setCheckState(Qt.CheckState.Checked)
    assert _note_shown(dialog)
    dialog.participant.set_current_id(office["participant"])
    dialog.start.setTime(QTime(13, 0))  # after her morning sessions: no overlap
    dialog.end.setTime(QTime(14, 0))
    dialog.topic.setText("Konsultacja psychologiczna")
    dialog.note.setPlainText("Ustalono termin grupy wsparcia.")
    dialog.buttons.accepted.emit()
    assert dialog.saved_id is not None
    assert _stored_note(kis, dialog.saved_id) == "Ustalono termin grupy wsparcia."
