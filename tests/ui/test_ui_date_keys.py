"""Date fields as a user types them (one widget everywhere: kisdesk.ui.widgets.dates), and
"Kopiuj na inny dzień…" (Ctrl+D) from anywhere on the journal page with the typed date kept."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kisdesk.services import activities
from kisdesk.ui.dialogs.activity_copy import CopyActivityDialog
from kisdesk.ui.widgets.dates import DateEdit

TODAY = dt.date.today()
CTRL = Qt.KeyboardModifier.ControlModifier


def active(qtbot, widget):  # type: ignore[no-untyped-def]
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def date_form(qtbot):  # type: ignore[no-untyped-def]
    """A name field and a date field holding 15.03.2027, as on any form."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    name = QLineEdit(window)
    field = DateEdit(dt.date(2027, 3, 15), window)
    layout.addWidget(name)
    layout.addWidget(field)
    active(qtbot, window)
    name.setFocus()
    return window, name, field


def test_tab_into_a_date_selects_it_and_a_typed_day_replaces_it(qtbot):
    _window, name, field = date_form(qtbot)
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: field.line.selectedText() == "15.03.2027")
    qtbot.keyClicks(field.line, "3")
    assert field.date() == TODAY.replace(day=3)
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)  # leaving normalises the text
    assert field.text() == TODAY.replace(day=3).strftime("%d.%m.%Y")


def test_day_and_month_mean_this_year_and_arrows_move_a_day(qtbot):
    _window, name, field = date_form(qtbot)
    qtbot.mouseClick(field.line, Qt.MouseButton.LeftButton)  # a click selects it too
    qtbot.waitUntil(lambda: field.line.selectedText() == "15.03.2027")
    qtbot.keyClicks(field.line, "3.11")
    assert field.date() == dt.date(TODAY.year, 11, 3)
    qtbot.keyClick(field.line, Qt.Key.Key_Up)
    qtbot.keyClick(field.line, Qt.Key.Key_Up)
    assert field.date() == dt.date(TODAY.year, 11, 5)
    qtbot.keyClick(field.line, Qt.Key.Key_Down)
    assert field.text() == f"04.11.{TODAY.year}"
    qtbot.keyClicks(field.line, "28.02.2027")  # the arrows leave it selected: typing replaces
    assert field.date() == dt.date(2027, 2, 28)
    qtbot.keyClick(field.line, Qt.Key.Key_Up)
    assert field.date() == dt.date(2027, 3, 1)


def test_ctrl_d_from_the_month_filter_copies_to_the_typed_day(
    kis, journal_page, journal_office, qtbot
):
    page = active(qtbot, journal_page)
    page.select_activity(journal_office["activity"])
    page.scope.setFocus()  # not the list: the group filter
    qtbot.keyClick(page.scope, Qt.Key.Key_D, CTRL)
    dialog = page.dialog
    assert isinstance(dialog, CopyActivityDialog) and dialog.isVisible()
    active(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.date.edit.line.selectedText() != "")
    target = TODAY.replace(day=20)
    qtbot.keyClicks(dialog.date.edit.line, "20")
    qtbot.keyClick(dialog.date.edit.line, Qt.Key.Key_Return, CTRL)
    assert not dialog.isVisible()
    with kis.read() as s:
        copied = activities.get_activity(s, dialog.new_id)
    assert copied.date == target and copied.topic == "Trening asertywności"


def test_a_date_that_is_not_one_is_refused_not_replaced_by_the_default(
    kis, journal_page, journal_office, qtbot
):
    page = active(qtbot, journal_page)
    page.select_activity(journal_office["activity"])
    qtbot.keyClick(page.table, Qt.Key.Key_D, CTRL)
    dialog = active(qtbot, page.dialog)
    qtbot.waitUntil(lambda: dialog.date.edit.line.selectedText() != "")
    qtbot.keyClicks(dialog.date.edit.line, "31.02")
    qtbot.keyClick(dialog.date.edit.line, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and dialog.new_id is None
    with kis.read() as s:
        assert len(activities.list_activities(s, TODAY.year, TODAY.month)) == 1


def test_a_click_into_the_date_being_edited_selects_it_again_and_nothing_typed_is_dropped(qtbot):
    """The walk-through's trap: a dialog opens with the cursor in its date field, the user
    clicks there and types a date, which used to hit the 10-character limit and vanish."""
    _window, _name, field = date_form(qtbot)
    field.line.setFocus()
    field.line.setCursorPosition(5)
    field.line.deselect()
    middle = field.line.cursorRect().center()
    qtbot.mouseClick(field.line, Qt.MouseButton.LeftButton, pos=middle)
    assert field.line.selectedText() == "15.03.2027"
    qtbot.keyClicks(field.line, "5.11")
    assert field.date() == dt.date(TODAY.year, 11, 5)

    qtbot.keyClick(field.line, Qt.Key.Key_Tab)  # away: 05.11.yyyy
    field.line.setFocus()  # back, as when a dialog opens on the date: selected
    qtbot.waitUntil(lambda: field.line.selectedText() == f"05.11.{TODAY.year}")
    qtbot.mouseClick(field.line, Qt.MouseButton.LeftButton, pos=middle)  # the first click
    assert field.line.selectedText() == f"05.11.{TODAY.year}"
    qtbot.mouseClick(field.line, Qt.MouseButton.LeftButton, pos=middle)  # a second: the cursor
    assert not field.line.hasSelectedText()
    qtbot.keyClicks(field.line, "7")
    assert len(field.text()) > 10 and not field.is_valid()  # shown as a mistake, not lost
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)
    assert "poprawna data" in field.line.toolTip()
