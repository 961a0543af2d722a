"""The journal asks before saving a class over another of the same group (or the same
person's session) at an overlapping time: Tak saves, Nie (the default) keeps the dialog."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QMessageBox

from kisdesk.services import activities
from kisdesk.ui.dialogs.activity_copy import CopyActivityDialog, overlap_box
from kisdesk.ui.dialogs.activity_dialog import ActivityDialog
from kisdesk.ui.pages.journal import INDIVIDUAL, JournalPage
from kisdesk.ui.widgets.participant_labels import fmt_date
from tests.ui.journal_seed import FIRST


@pytest.fixture
def office(journal_office: dict) -> dict:
    return journal_office


@pytest.fixture
def page(journal_page: JournalPage) -> JournalPage:
    return journal_page


def _topics(kis) -> list[str]:  # type: ignore[no-untyped-def]
    with kis.read() as s:
        return [r.topic for r in activities.list_activities(s, FIRST.year, FIRST.month)]


def _answer(dialog, answer: bool) -> list[str]:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    dialog.confirm_overlap = lambda question: asked.append(question) or answer
    return asked


def _same_class_again(page, topic: str) -> ActivityDialog:  # type: ignore[no-untyped-def]
    """The morning class (09:00–12:00 on the 1st) typed in a second time, 09:00–17:00."""
    page.new_item()
    dialog = page.dialog
    assert isinstance(dialog, ActivityDialog)
    dialog.date.set_date(FIRST)
    dialog.group.set_current_id(page.scope.itemData(1))
    dialog.start.setTime(QTime(9, 0))
    dialog.end.setTime(QTime(17, 0))
    dialog.topic.setText(topic)
    return dialog


def test_a_second_class_at_the_same_time_is_asked_about(kis, page) -> None:  # type: ignore[no-untyped-def]
    dialog = _same_class_again(page, "Trening asertywności")
    asked = _answer(dialog, False)
    dialog.buttons.accepted.emit()
    assert asked == [
        f"Ta grupa ma już zajęcia {fmt_date(FIRST)} 09:00–12:00 („Trening asertywności”). "
        "Zapisać mimo to?"
    ]
    assert dialog.isVisible() and dialog.saved_id is None  # Nie: back to the form
    assert _topics(kis) == ["Trening asertywności"]
    asked = _answer(dialog, True)  # two rooms: meant
    dialog.buttons.accepted.emit()
    assert len(asked) == 1 and not dialog.isVisible()
    assert _topics(kis) == ["Trening asertywności", "Trening asertywności"]
    assert page.model.rowCount() == 2


def test_a_class_later_that_day_is_not_asked_about(kis, page) -> None:  # type: ignore[no-untyped-def]
    dialog = _same_class_again(page, "Budżet domowy")
    dialog.start.setTime(QTime(12, 0))  # starts as the morning class ends
    asked = _answer(dialog, False)
    dialog.buttons.accepted.emit()
    assert asked == [] and not dialog.isVisible()
    assert sorted(_topics(kis)) == ["Budżet domowy", "Trening asertywności"]


def test_an_individual_session_over_the_same_persons_session(kis, page, office) -> None:  # type: ignore[no-untyped-def]
    person = office["people"][1]
    with kis.session() as s:
        activities.add_activity(
            s,
            activities.ActivityData(
                date=FIRST,
                start_time=dt.time(13),
                end_time=dt.time(14),
                kind="individual",
                topic="Poradnictwo prawne",
                participant_id=person,
            ),
        )
    page.scope.setCurrentIndex(page.scope.findData(INDIVIDUAL))
    page.new_item()
    dialog = page.dialog
    dialog.date.set_date(FIRST)
    dialog.participant.set_current_id(person)
    dialog.start.setTime(QTime(13, 30))
    dialog.end.setTime(QTime(14, 30))
    dialog.topic.setText("Konsultacja psychologiczna")
    asked = _answer(dialog, False)
    dialog.buttons.accepted.emit()
    assert asked == [
        f"Ta osoba ma już zajęcia indywidualne {fmt_date(FIRST)} 13:00–14:00 "
        "(„Poradnictwo prawne”). Zapisać mimo to?"
    ]
    assert "Konsultacja psychologiczna" not in _topics(kis)
    dialog.participant.set_current_id(office["people"][2])  # someone else: no clash
    dialog.buttons.accepted.emit()
    assert len(asked) == 1 and "Konsultacja psychologiczna" in _topics(kis)


def test_an_edit_is_asked_about_only_when_it_moves_into_another_class(kis, page, office) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        afternoon = activities.copy_activity(s, office["activity"], FIRST)
        row = activities.get_activity(s, afternoon)
        activities.update_activity(
            s,
            afternoon,
            activities.ActivityData(
                date=FIRST,
                start_time=dt.time(13),
                end_time=dt.time(15),
                kind="group",
                topic="Popołudnie",
                group_id=row.group_id,
            ),
        )
    page.refresh()
    page.select_activity(afternoon)
    page.edit_selected()
    dialog = page.dialog
    asked = _answer(dialog, False)
    dialog.topic.setText("Popołudnie – gry")  # nothing about the time changed
    dialog.buttons.accepted.emit()
    assert asked == [] and not dialog.isVisible()
    page.edit_selected()
    dialog = page.dialog
    asked = _answer(dialog, False)
    dialog.start.setTime(QTime(11, 0))  # now it overlaps the morning class
    dialog.buttons.accepted.emit()
    assert len(asked) == 1 and "09:00–12:00" in asked[0] and dialog.isVisible()
    with kis.read() as s:
        assert activities.get_activity(s, afternoon).start_time == dt.time(13)


def test_copy_to_next_week_over_the_same_class_is_asked_about(kis, page, office) -> None:  # type: ignore[no-untyped-def]
    next_week = FIRST + dt.timedelta(days=7)
    with kis.session() as s:
        activities.copy_activity(s, office["activity"], next_week)  # already copied once
    page.refresh()
    page.select_activity(office["activity"])
    page.copy_selected()
    dialog = page.dialog
    assert isinstance(dialog, CopyActivityDialog)
    assert dialog.date.date() == next_week
    asked = _answer(dialog, False)
    dialog.buttons.accepted.emit()
    assert asked == [
        f"Ta grupa ma już zajęcia {fmt_date(next_week)} 09:00–12:00 („Trening asertywności”). "
        "Zapisać mimo to?"
    ]
    assert dialog.isVisible() and dialog.new_id is None
    with kis.read() as s:
        on_that_day = [
            r for r in activities.list_activities(s, next_week.year, next_week.month)
            if r.date == next_week
        ]  # fmt: skip
    assert len(on_that_day) == 1
    dialog.date.set_date(next_week + dt.timedelta(days=7))
    dialog.buttons.accepted.emit()
    assert len(asked) == 1 and dialog.new_id is not None


def test_the_question_says_tak_or_nie_with_nie_the_default(shot, page) -> None:  # type: ignore[no-untyped-def]
    dialog = _same_class_again(page, "Trening asertywności")
    question = (
        f"Ta grupa ma już zajęcia {fmt_date(FIRST)} 09:00–12:00 („Trening asertywności”). "
        "Zapisać mimo to?"
    )
    box = overlap_box(dialog, question)
    box.show()
    assert box.text() == question
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert box.escapeButton() is box.button(QMessageBox.StandardButton.No)
    assert box.defaultButton().text() == "Nie"
    assert box.button(QMessageBox.StandardButton.Yes).text() == "Tak"
    shot(box, "journal_overlap_question")
    box.close()
