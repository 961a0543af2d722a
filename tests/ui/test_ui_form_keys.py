"""One keyboard rule for every form (F1 help, "Skróty klawiszowe"): Ctrl+S saves, Ctrl+Enter
saves and closes, Esc cancels; the Save button's tooltip says it. Driven with keys."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from kisdesk.db import Database
from kisdesk.services import activities, groups, participants
from kisdesk.ui.dialogs.activity_dialog import ActivityDialog
from kisdesk.ui.help import help_html
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.groups_dialog import GroupDialog
from kisdesk.ui.pages.participants import ParticipantsPage
from tests.pesel import make_pesel

CTRL = Qt.KeyboardModifier.ControlModifier
DAY = dt.date.today().replace(day=1)


def shown(qtbot, dialog):  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def class_topics(db: Database) -> list[str]:
    with db.read() as s:
        return [a.topic for a in activities.list_activities(s, DAY.year, DAY.month)]


def new_class(ops: Ops, qtbot, topic: str, day: int) -> ActivityDialog:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, ActivityDialog(ops, default_date=DAY.replace(day=day)))
    dialog.topic.setFocus()
    qtbot.keyClicks(dialog.topic, topic)
    return dialog


def test_ctrl_s_and_ctrl_enter_save_the_new_class_and_esc_cancels(kis, ops, qtbot):
    dialog = new_class(ops, qtbot, "Trening asertywnosci", 1)
    qtbot.keyClick(dialog.topic, Qt.Key.Key_S, CTRL)
    assert dialog.saved_id is not None and not dialog.isVisible()
    dialog = new_class(ops, qtbot, "Warsztaty kulinarne", 2)
    dialog.start.setFocus()
    qtbot.keyClick(dialog.start, Qt.Key.Key_Return, CTRL)
    assert dialog.saved_id is not None and not dialog.isVisible()
    dialog = new_class(ops, qtbot, "Nie zapisane", 3)
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert sorted(class_topics(kis)) == ["Trening asertywnosci", "Warsztaty kulinarne"]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.toolTip() == "Ctrl+S lub Ctrl+Enter zapisuje i zamyka, Esc anuluje"


def test_every_form_dialog_saves_on_ctrl_enter(kis, ops, qtbot):
    dialog = shown(qtbot, GroupDialog(ops))
    dialog.name.setFocus()
    qtbot.keyClicks(dialog.name, "Grupa czwartkowa")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)
    assert not dialog.isVisible()
    with kis.read() as s:
        assert "Grupa czwartkowa" in [g.name for g in groups.list_groups(s)]
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert "Ctrl+Enter" in save.toolTip() and "Esc anuluje" in save.toolTip()


def test_enter_saves_a_new_participant_and_the_card_stays_open_on_ctrl_s(kis, ops, qtbot):
    page = ParticipantsPage(ops)
    qtbot.addWidget(page)
    page.show()
    page.new_item()
    form = shown(qtbot, page.dialog)
    assert form.ok_button.toolTip() == "Ctrl+S lub Ctrl+Enter zapisuje i zamyka, Esc anuluje"
    first = form.personal.editors["first_name"]
    qtbot.keyClicks(first, "Tomasz")
    qtbot.keyClicks(form.personal.editors["last_name"], "Nowak")
    qtbot.keyClicks(form.personal.pesel.line, make_pesel(dt.date(1979, 11, 3), 12, "M"))
    qtbot.keyClick(form.personal.pesel.line, Qt.Key.Key_Return)
    assert not form.isVisible()
    with kis.read() as s:
        [row] = participants.list_participants(s)
    assert row.full_name == "Tomasz Nowak"

    page.open(participant_id=row.id)
    card = shown(qtbot, page.dialog)
    assert card.ok_button.toolTip().startswith("Ctrl+S zapisuje (okno zostaje otwarte)")
    phone = card.personal.editors["phone"]
    phone.setFocus()
    qtbot.keyClicks(phone, "600700800")
    qtbot.keyClick(phone, Qt.Key.Key_Return)  # on a card Enter moves on, nothing is saved
    assert card.isVisible() and card.dirty
    qtbot.keyClick(phone, Qt.Key.Key_S, CTRL)
    assert card.isVisible() and not card.dirty
    qtbot.keyClick(phone, Qt.Key.Key_Return, CTRL)
    assert not card.isVisible()
    with kis.read() as s:
        assert participants.get_participant(s, row.id).phone == "600700800"


def test_the_help_states_the_rule():
    html = help_html()
    assert "<b>Ctrl+Enter</b></td><td>w każdym oknie z formularzem – zapisz i zamknij" in html
    assert "w formularzu nowego uczestnika – zapisz" in html
