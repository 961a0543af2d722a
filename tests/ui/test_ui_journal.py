"""The activity journal page: list by month and group, add / copy / delete, marks panel."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTime

from kisdesk.access import Actor, Role
from kisdesk.services import activities
from kisdesk.ui.dialogs.activity_copy import CopyActivityDialog
from kisdesk.ui.dialogs.activity_dialog import ActivityDialog
from kisdesk.ui.pages.journal import INDIVIDUAL, JournalPage
from tests.ui.journal_seed import FIRST, TODAY, marks_of


@pytest.fixture
def office(journal_office: dict) -> dict:
    return journal_office


@pytest.fixture
def page(journal_page: JournalPage) -> JournalPage:
    return journal_page


def test_month_list_shows_hours_leaders_and_counts(page, office, qtmodeltester):
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.marks.model)
    assert page.model.rowCount() == 1
    row = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert row[1] == "09:00–12:00"
    assert row[2] == "4,00"  # 180 min in 45-minute hours
    assert row[3] == "nie wpisano"  # held, nobody marked yet
    assert row[4] == "Trening asertywności"
    assert row[5] == "Grupa poniedziałkowa"
    assert row[6] == "warsztaty psychoedukacyjne"
    assert row[7] == "Maria Lis"
    assert row[8] == "grupowe"
    assert page.marks.model.rowCount() == 3  # the selected activity's people
    assert "niewpisana" not in page.summary.text() and "bez wpisanej obecności: 1" in (
        page.summary.text()
    )


def test_add_activity_in_the_dialog(kis, page, office, qtbot):
    page.new_item()
    dialog = page.dialog
    assert isinstance(dialog, ActivityDialog)
    dialog.date.set_date(FIRST)
    dialog.start.setTime(QTime(13, 0))  # after the morning class: no overlap to ask about
    dialog.end.setTime(QTime(15, 0))
    qtbot.keyClicks(dialog.topic, "Jak napisac CV")
    dialog.form.setCurrentText("doradztwo zawodowe")
    assert dialog.area.code() == "vocational"  # the form's area from the dictionary
    dialog.leaders.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    with kis.read() as s:
        rows = activities.list_activities(s, FIRST.year, FIRST.month)
    added = [r for r in rows if r.topic == "Jak napisac CV"]
    assert len(added) == 1
    assert (added[0].date, added[0].area, added[0].staff) == (FIRST, "vocational", ("Maria Lis",))
    assert page.selected_id() == added[0].id


def test_missing_topic_is_shown_next_to_the_field(kis, page):
    page.new_item()
    dialog = page.dialog
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert dialog.messages["topic"].text() == "Podaj temat zajęć."
    with kis.read() as s:
        assert len(activities.list_activities(s, FIRST.year, FIRST.month)) == 1


def test_copy_to_next_week_creates_the_activity_seven_days_later(kis, page, office):
    page.select_activity(office["activity"])
    page.copy_selected()
    dialog = page.dialog
    assert isinstance(dialog, CopyActivityDialog)
    assert dialog.date.date() == FIRST + dt.timedelta(days=7)
    dialog.buttons.accepted.emit()
    target = FIRST + dt.timedelta(days=7)
    with kis.read() as s:
        copied = activities.get_activity(s, dialog.new_id)
    assert copied.date == target
    assert (copied.topic, copied.start_time, copied.staff) == (
        "Trening asertywności",
        dt.time(9, 0),
        ("Maria Lis",),
    )
    assert page.selected_id() == dialog.new_id
    assert (page.month.year, page.month.month) == (target.year, target.month)


def test_delete_asks_first(kis, page, office, monkeypatch):
    page.select_activity(office["activity"])
    monkeypatch.setattr(page, "confirm", lambda question: False)
    page.delete_selected()
    assert page.model.rowCount() == 1
    questions = []
    monkeypatch.setattr(page, "confirm", lambda q: questions.append(q) or True)
    page.delete_selected()
    assert "Trening asertywności" in questions[0]
    with kis.read() as s:
        assert activities.list_activities(s, FIRST.year, FIRST.month) == []
    assert page.model.rowCount() == 0


def test_marks_panel_keys_and_all_present(kis, page, office, qtbot, monkeypatch):
    page.select_activity(office["activity"])
    panel = page.marks
    names = [panel.model.index(r, 0).data() for r in range(3)]
    assert names == ["Kowalska Anna", "Nowak Tomasz", "Wójcik Jan"]
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 1))
    qtbot.keyClick(panel.table, Qt.Key.Key_U)  # Kowalska excused, cursor moves down
    monkeypatch.setattr(panel, "ask_minutes", lambda parent, length, current: 90)
    qtbot.keyClick(panel.table, Qt.Key.Key_C)  # Nowak partly present, 90 min
    qtbot.keyClick(panel.table, Qt.Key.Key_W)  # the rest present
    assert marks_of(kis, office["activity"]) == {
        "Kowalska Anna": ("excused", None),
        "Nowak Tomasz": ("partial", 90),
        "Wójcik Jan": ("present", None),
    }
    assert panel.model.index(1, 1).data().startswith("C")
    assert panel.model.index(1, 2).data() == "90"
    assert page.model.index(0, 3).data() == "2 / 3"  # present or partly present / expected
    panel.table.setCurrentIndex(panel.model.index(2, 1))
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert marks_of(kis, office["activity"])["Wójcik Jan"] == (None, None)


def test_future_activity_cannot_be_marked(kis, page, office, qtbot):
    later = TODAY + dt.timedelta(days=3)
    with kis.session() as s:
        future = activities.copy_activity(s, office["activity"], later)
    page.open(activity_id=future)
    assert page.selected_id() == future
    assert not page.marks.all_button.isEnabled()
    assert "jeszcze się nie odbyły" in page.marks.status.text()
    page.marks.mark_all_present()
    assert all(m == (None, None) for m in marks_of(kis, future).values())


def test_open_at_a_month_and_group(kis, page, office):
    earlier = FIRST - dt.timedelta(days=20)
    page.open(month=(earlier.year, earlier.month), group_id=office["group"])
    assert (page.month.year, page.month.month) == (earlier.year, earlier.month)
    assert page.scope.currentData() == office["group"]
    assert page.model.rowCount() == 0
    page.month.next.click()
    assert page.model.rowCount() == 1


def test_individual_session_with_a_note(kis, page, office):
    page.scope.setCurrentIndex(page.scope.findData(INDIVIDUAL))
    assert page.model.rowCount() == 0
    page.new_item()
    dialog = page.dialog
    assert dialog.individual_kind.isChecked()
    assert dialog.note.isVisibleTo(dialog) and not dialog.group.isVisibleTo(dialog)
    dialog.date.set_date(FIRST)
    dialog.participant.set_current_id(office["people"][1])
    dialog.topic.setText("Konsultacja psychologiczna")
    dialog.note.setPlainText("Omówiono plan na kolejny tydzień.")
    dialog.buttons.accepted.emit()
    assert page.model.rowCount() == 1
    assert page.model.index(0, 5).data() == "Anna Kowalska"
    with kis.read() as s:
        row = activities.get_activity(s, page.selected_id())
    assert (row.kind, row.participant_id, row.note) == (
        "individual",
        office["people"][1],
        "Omówiono plan na kolejny tydzień.",
    )


def test_administrative_worker_reads_but_does_not_edit(kis, ops, office, qtbot):
    kis.actor = Actor("Marek", Role.ADMIN)
    widget = JournalPage(ops)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.model.rowCount() == 1
    assert not widget.new_button.isEnabled() and not widget.copy_button.isEnabled()
    assert not widget.marks.all_button.isEnabled()
    assert "tylko przeglądać" in widget.marks.status.text()


def test_enter_edits_the_selected_activity(kis, page, office, qtbot):
    page.select_activity(office["activity"])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, ActivityDialog) and dialog.topic.text() == "Trening asertywności"
    dialog.end.setTime(dialog.end.time().addSecs(-3600))  # 9:00–11:00
    assert "2 h 00 min = 2,67" in dialog.length.text()
    dialog.buttons.accepted.emit()
    with kis.read() as s:
        row = activities.get_activity(s, office["activity"])
    assert (row.end_time, row.minutes) == (dt.time(11, 0), 120)
    assert page.model.index(0, 2).data() == "2,67"


def test_a_saturday_or_holiday_is_said_beside_the_date(kis, page):
    page.new_item()
    dialog = page.dialog
    dialog.date.set_date(dt.date(2027, 3, 13))  # a Saturday
    assert dialog.weekday.text() == "sobota – dzień wolny od pracy"
    dialog.date.set_date(dt.date(2026, 11, 11))  # Independence Day, a Wednesday
    assert dialog.weekday.text() == "środa – dzień wolny od pracy"
    dialog.date.set_date(dt.date(2027, 3, 15))
    assert dialog.weekday.text() == "poniedziałek"
    dialog.reject()


def test_a_new_class_in_another_month_starts_on_its_first_working_day(kis, page, office):
    # November 2026 begins on a Sunday that is also All Saints' Day: the 2nd is offered
    page.open(month=(2026, 11), group_id=office["group"])
    page.new_item()
    assert page.dialog.date.date() == dt.date(2026, 11, 2)
    page.dialog.reject()
    page.open(month=(2026, 10), group_id=office["group"])  # a Thursday: the 1st itself
    page.new_item()
    assert page.dialog.date.date() == dt.date(2026, 10, 1)
    page.dialog.reject()


def test_ctrl_d_with_no_class_chosen_says_what_to_do(kis, page, office, qtbot):
    page.open(month=(2026, 11), group_id=office["group"])  # a month without classes
    assert page.model.rowCount() == 0
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is None or not page.dialog.isVisible()
    assert "Nie zaznaczono zajęć" in page.summary.text()
