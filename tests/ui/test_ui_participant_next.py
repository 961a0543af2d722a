"""Entering people one after another: "Zapisz i dodaj następnego" saves this person and opens
the next form with the start date, group, referral and categories offered again."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from kisdesk.services import participants, participations
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.participants import ParticipantsPage
from tests.pesel import make_pesel

START = dt.date.today().replace(day=3)


def active(qtbot, widget):  # type: ignore[no-untyped-def]
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def type_person(qtbot, form, first: str, last: str, pesel: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(form.personal.editors["first_name"], first)
    qtbot.keyClicks(form.personal.editors["last_name"], last)
    qtbot.keyClicks(form.personal.pesel.line, pesel)


def test_save_and_add_next_offers_the_previous_persons_period_referral_and_categories(
    kis, ops: Ops, qtbot
):
    page = ParticipantsPage(ops)
    qtbot.addWidget(page)
    page.show()
    page.new_item()
    form = active(qtbot, page.dialog)
    type_person(qtbot, form, "Tomasz", "Nowak", make_pesel(dt.date(1979, 11, 3), 12, "M"))
    start = form.personal.start_on.edit.line
    start.setFocus()
    qtbot.keyClicks(start, "3")  # the field is selected on focus: "3" is the 3rd
    form.referral.editors["referral_source"].set_code("ops")
    qtbot.keyClicks(form.referral.editors["referral_institution"], "MOPS Radom")
    qtbot.mouseClick(form.categories.boxes[5], Qt.MouseButton.LeftButton)
    group = form.personal.group.current_id()
    assert group is not None and form.next_button is not None
    qtbot.mouseClick(form.next_button, Qt.MouseButton.LeftButton)

    second = page.dialog
    assert second is not form and second.isVisible()
    assert second.personal.start_on.date() == START
    assert second.personal.group.current_id() == group
    assert second.referral.editors["referral_source"].code() == "ops"
    assert second.referral.editors["referral_institution"].text() == "MOPS Radom"
    assert second.categories.boxes[5].isChecked()
    assert "jak u poprzedniej osoby" in second.subheader.text()
    assert second.personal.editors["first_name"].text() == ""  # the person starts empty
    active(qtbot, second)
    type_person(qtbot, second, "Anna", "Lis", make_pesel(dt.date(1985, 2, 7), 44, "K"))
    qtbot.keyClick(second.personal.pesel.line, Qt.Key.Key_Return)  # Enter saves a new person
    assert not second.isVisible()

    with kis.read() as s:
        people = {p.full_name: p.id for p in participants.list_participants(s)}
        assert set(people) == {"Tomasz Nowak", "Anna Lis"}
        for pid in people.values():
            data = participants.get_participant(s, pid)
            [period] = participations.periods_of(s, pid)
            assert (data.referral_source, data.referral_institution) == ("ops", "MOPS Radom")
            assert data.categories == (5,)
            assert period.start_on == START and period.group_id == group
