"""A topic typed in the new-class dialog or in a list of terms completes from the topics the
journal already has, as a spreadsheet column does (issue 16: fewer keys for a month's classes)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from kisdesk.services import activities
from kisdesk.services.activities import ActivityData
from kisdesk.ui.dialogs.activity_dialog import ActivityDialog
from kisdesk.ui.dialogs.activity_series import SeriesModel
from kisdesk.ui.widgets.completing_edit import completion
from tests.ui.journal_seed import FIRST
from tests.ui.keyboard import active, type_text

WEDNESDAY = dt.date(2026, 11, 4)


def _held(kis, group: int, day: dt.date, topic: str) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        activities.add_activity(
            s,
            ActivityData(
                date=day,
                start_time=dt.time(13),
                end_time=dt.time(14),
                kind="group",
                topic=topic,
                group_id=group,
            ),
        )


def _dialog(ops, office, qtbot) -> ActivityDialog:  # type: ignore[no-untyped-def]
    dialog = ActivityDialog(ops, None, default_date=WEDNESDAY, default_group_id=office["group"])
    qtbot.addWidget(dialog)
    dialog.show()
    return active(qtbot, dialog)


def _november(kis) -> list[tuple[dt.date, str]]:  # type: ignore[no-untyped-def]
    with kis.read() as s:
        return [(r.date, r.topic) for r in activities.list_activities(s, 2026, 11)]


def test_the_most_recent_topic_comes_first_and_case_does_not_matter() -> None:
    known = ["Podsumowanie października", "Podsumowanie miesiąca", "Pisanie CV"]
    assert completion("pod", known) == "Podsumowanie października"
    assert completion("Podsumowanie m", known) == "Podsumowanie miesiąca"
    assert completion("Pisanie CV", known) is None  # nothing longer to offer
    assert completion("Rynek", known) is None
    assert completion("  ", known) is None


def test_typing_the_start_of_a_known_topic_saves_the_whole_topic(kis, ops, journal_office, qtbot):
    _held(kis, journal_office["group"], FIRST, "Podsumowanie miesiąca")
    dialog = _dialog(ops, journal_office, qtbot)
    dialog.topic.setFocus()
    type_text(qtbot, dialog.topic, "Pod")
    assert dialog.topic.text() == "Podsumowanie miesiąca"
    assert dialog.topic.selectedText() == "sumowanie miesiąca"  # shown, typing on replaces it
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert _november(kis) == [(WEDNESDAY, "Podsumowanie miesiąca")]


def test_typing_on_replaces_the_suggestion_and_backspace_takes_it_away(
    kis, ops, journal_office, qtbot
):
    _held(kis, journal_office["group"], FIRST, "Podsumowanie miesiąca")
    dialog = _dialog(ops, journal_office, qtbot)
    dialog.topic.setFocus()
    type_text(qtbot, dialog.topic, "pola")  # "pol" matches nothing known once "a" follows
    assert dialog.topic.text() == "pola"
    dialog.topic.clear()
    type_text(qtbot, dialog.topic, "Podr")
    assert dialog.topic.text() == "Podr"  # no known topic begins so: the typed text stays
    dialog.topic.clear()
    type_text(qtbot, dialog.topic, "Po")
    assert dialog.topic.text() == "Podsumowanie miesiąca"
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Backspace)  # the selected suggestion goes
    assert dialog.topic.text() == "Po"
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Escape)


def test_ctrl_z_takes_back_the_suggestion_and_keeps_the_letters_typed(
    kis, ops, journal_office, qtbot
):
    # the suggestion was put in with setText, which empties a line's undo history: Ctrl+Z
    # did nothing at all, and the only way back to the letters typed was Backspace
    _held(kis, journal_office["group"], FIRST, "Podsumowanie miesiąca")
    dialog = _dialog(ops, journal_office, qtbot)
    dialog.topic.setFocus()
    type_text(qtbot, dialog.topic, "Pod")
    assert dialog.topic.text() == "Podsumowanie miesiąca"
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.topic.text() == "Pod"  # the suggestion gone, the letters typed kept
    type_text(qtbot, dialog.topic, "r")
    assert dialog.topic.text() == "Podr"  # typing goes on where it was
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _november(kis) == [(WEDNESDAY, "Podr")]


def test_a_topic_in_the_list_of_terms_completes_and_down_moves_on(kis, ops, journal_office, qtbot):
    _held(kis, journal_office["group"], FIRST, "Podsumowanie miesiąca")
    dialog = _dialog(ops, journal_office, qtbot)
    type_text(qtbot, dialog.topic, "Zajęcia ruchowe")
    qtbot.keyClick(dialog.topic, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.repeat.enabled.isChecked, timeout=2000)
    series = dialog.repeat.series
    table, model = series.table, series.model
    table.setFocus()
    table.setCurrentIndex(model.index(2, SeriesModel.TOPIC))  # the 18th
    type_text(qtbot, table, "P")  # a letter starts editing the topic
    editor = QApplication.focusWidget()
    type_text(qtbot, editor, "od")
    assert editor.text() == "Podsumowanie miesiąca"
    qtbot.keyClick(editor, Qt.Key.Key_Down)  # keeps the suggestion, goes to the 25th
    qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.NoState)
    assert table.currentIndex().row() == 3
    qtbot.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert _november(kis) == [
        (dt.date(2026, 11, 4), "Zajęcia ruchowe"),
        (dt.date(2026, 11, 18), "Podsumowanie miesiąca"),
        (dt.date(2026, 11, 25), "Zajęcia ruchowe"),
    ]


def test_a_known_topic_typed_whole_is_not_lengthened_into_a_newer_one(
    kis, ops, journal_office, qtbot
):
    _held(kis, journal_office["group"], FIRST, "Zajęcia")
    _held(kis, journal_office["group"], FIRST + dt.timedelta(days=1), "Zajęcia z komputera")
    dialog = _dialog(ops, journal_office, qtbot)
    dialog.topic.setFocus()
    type_text(qtbot, dialog.topic, "Zaj")
    assert dialog.topic.text() == "Zajęcia z komputera"  # the most recent is offered
    type_text(qtbot, dialog.topic, "ęcia")  # typed to the end of the other known topic
    assert dialog.topic.text() == "Zajęcia" and not dialog.topic.hasSelectedText()
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert (WEDNESDAY, "Zajęcia") in _november(kis)


def test_a_pasted_topic_is_kept_as_pasted(kis, ops, journal_office, qtbot):
    _held(kis, journal_office["group"], FIRST, "Pisanie CV i listu motywacyjnego")
    dialog = _dialog(ops, journal_office, qtbot)
    dialog.topic.setFocus()
    QApplication.clipboard().setText("Pisanie CV")
    qtbot.keyClick(dialog.topic, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.topic.text() == "Pisanie CV"
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert (WEDNESDAY, "Pisanie CV") in _november(kis)


def test_moving_back_into_the_typed_text_withdraws_the_offer(kis, ops, journal_office, qtbot):
    _held(kis, journal_office["group"], FIRST, "Podsumowanie miesiąca")
    dialog = _dialog(ops, journal_office, qtbot)
    dialog.topic.setFocus()
    type_text(qtbot, dialog.topic, "Pod")
    assert dialog.topic.text() == "Podsumowanie miesiąca"
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Left)  # back to mend "Pod" into "Prod"
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Left)
    type_text(qtbot, dialog.topic, "r")
    assert dialog.topic.text() == "Prod"
    qtbot.keyClick(dialog.topic, Qt.Key.Key_End)
    type_text(qtbot, dialog.topic, "ukcja")
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert (WEDNESDAY, "Produkcja") in _november(kis)
    other = _dialog(ops, journal_office, qtbot)
    other.topic.setFocus()
    type_text(qtbot, other.topic, "Pod")
    qtbot.keyClick(other.topic, Qt.Key.Key_Home)  # a word put before the typed one
    type_text(qtbot, other.topic, "Nowe ")
    assert other.topic.text() == "Nowe Pod"
    qtbot.keyClick(other.topic, Qt.Key.Key_Escape)


def test_an_offer_taken_with_ctrl_enter_or_down_is_spelt_as_the_known_topic(
    kis, ops, journal_office, qtbot
):
    _held(kis, journal_office["group"], FIRST, "Podsumowanie miesiąca")
    dialog = _dialog(ops, journal_office, qtbot)
    dialog.topic.setFocus()
    type_text(qtbot, dialog.topic, "pod")
    assert dialog.topic.text() == "podsumowanie miesiąca"
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert (WEDNESDAY, "Podsumowanie miesiąca") in _november(kis)


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Tab])
def test_an_offer_taken_in_the_list_of_terms_is_spelt_as_the_known_topic(
    key, kis, ops, journal_office, qtbot
):
    _held(kis, journal_office["group"], FIRST, "Podsumowanie miesiąca")
    dialog = _dialog(ops, journal_office, qtbot)
    type_text(qtbot, dialog.topic, "Zajęcia ruchowe")
    qtbot.keyClick(dialog.topic, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.repeat.enabled.isChecked, timeout=2000)
    table, model = dialog.repeat.series.table, dialog.repeat.series.model
    table.setFocus()
    table.setCurrentIndex(model.index(2, SeriesModel.TOPIC))  # the 18th
    type_text(qtbot, table, "p")
    editor = QApplication.focusWidget()
    type_text(qtbot, editor, "od")
    assert editor.text() == "podsumowanie miesiąca"
    qtbot.keyClick(editor, key)  # Enter or Tab in the list: the delegate commits
    qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.NoState)
    qtbot.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert (dt.date(2026, 11, 18), "Podsumowanie miesiąca") in _november(kis)


def test_a_click_into_the_typed_letters_withdraws_the_offer(kis, ops, journal_office, qtbot):
    _held(kis, journal_office["group"], FIRST, "Podsumowanie miesiąca")
    dialog = _dialog(ops, journal_office, qtbot)
    dialog.topic.setFocus()
    type_text(qtbot, dialog.topic, "Pod")
    assert dialog.topic.text() == "Podsumowanie miesiąca"
    left = dialog.topic.cursorRect().topLeft()  # the start of the line, in the typed letters
    qtbot.mouseClick(dialog.topic, Qt.MouseButton.LeftButton, pos=QPoint(3, left.y() + 5))
    assert dialog.topic.text() == "Pod"
    type_text(qtbot, dialog.topic, "Nowe ")
    assert dialog.topic.text() == "Nowe Pod"
    qtbot.keyClick(dialog.topic, Qt.Key.Key_Escape)
