"""Weekly repeat in the new-class dialog and "Kopiuj tydzień / miesiąc" on the journal page,
driven with keys as a user does (issue 16 item 5)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication
from sqlalchemy import func, select

from kisdesk.models import Activity, Attendance
from kisdesk.services import activities, attendance
from kisdesk.ui.dialogs.activity_copy_period import CopyPeriodDialog
from kisdesk.ui.dialogs.activity_dialog import ActivityDialog
from kisdesk.ui.dialogs.activity_series import SeriesModel
from kisdesk.ui.help import help_html
from kisdesk.ui.pages.journal import JournalPage
from tests.ui.journal_seed import FIRST

WEDNESDAY = dt.date(2026, 11, 4)
SHOTS = Path(os.environ.get("KISDESK_SHOTS", "")) if os.environ.get("KISDESK_SHOTS") else None


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def office(journal_office: dict) -> dict:
    return journal_office


def _november(kis) -> list[tuple[dt.date, str]]:  # type: ignore[no-untyped-def]
    with kis.read() as s:
        rows = activities.list_activities(s, 2026, 11)
    return [(r.date, r.topic) for r in rows]


def _dialog(ops, office, qtbot) -> ActivityDialog:  # type: ignore[no-untyped-def]
    dialog = ActivityDialog(ops, None, default_date=WEDNESDAY, default_group_id=office["group"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts reach the active window only
    return dialog


def _alt_p(dialog: ActivityDialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Alt+P ticks "Powtarzaj co tydzień do" (a mnemonic clicks a moment later)."""
    qtbot.keyClick(dialog.topic, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.repeat.enabled.isChecked, timeout=2000)


def _remarks(dialog: ActivityDialog) -> list[tuple[str, str, str]]:
    model = dialog.repeat.series.model
    return [
        tuple(model.index(r, c).data() for c in (0, 2, 3))  # type: ignore[misc]
        for r in range(model.rowCount())
    ]


def _type(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Types like a keyboard, Polish letters included (QTest.keyClicks only knows ASCII)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def _type_topic(table, text: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Type over the topic of the current row and press Enter, as a user does."""
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        _type(qtbot, editor, text)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.NoState)


def test_repeat_in_november_skips_independence_day_and_saves_an_edited_topic(
    kis, ops, office, qtbot, qtmodeltester
):
    dialog = _dialog(ops, office, qtbot)
    _type(qtbot, dialog.topic, "Trening asertywności")
    assert dialog.repeat.series.isHidden()
    _alt_p(dialog, qtbot)
    assert dialog.repeat.until.date() == dt.date(2026, 11, 30)  # the month's end
    assert dialog.repeat.weekdays() == [3]  # the class's Wednesday
    qtmodeltester.check(dialog.repeat.series.model)
    assert _remarks(dialog) == [
        ("04.11.2026 śr.", "Trening asertywności", ""),
        ("11.11.2026 śr.", "Trening asertywności", "11.11 – Narodowe Święto Niepodległości – pominięto"),
        ("18.11.2026 śr.", "Trening asertywności", ""),
        ("25.11.2026 śr.", "Trening asertywności", ""),
    ]  # fmt: skip
    assert "Zostanie dodanych zajęć: 3 · pominięte święta: 1" in dialog.repeat.series.summary.text()
    table = dialog.repeat.series.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)  # over the holiday, shown but not worked on
    assert table.currentIndex().row() == 2
    _type_topic(table, "Budżet domowy", qtbot)
    _shot(dialog, "activity_repeat")
    # a short topic leaves the holiday's remark all the room it needs (nothing cut)
    assert table.columnWidth(3) >= table.sizeHintForColumn(3)
    qtbot.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter
    assert not dialog.isVisible()
    assert _november(kis) == [
        (dt.date(2026, 11, 4), "Trening asertywności"),
        (dt.date(2026, 11, 18), "Budżet domowy"),
        (dt.date(2026, 11, 25), "Trening asertywności"),
    ]
    assert dialog.saved_id == dialog.saved_ids[0]


def test_a_refused_row_is_named_and_nothing_is_written(kis, ops, office, qtbot):
    dialog = _dialog(ops, office, qtbot)
    _type(qtbot, dialog.topic, "Trening asertywności")
    _alt_p(dialog, qtbot)
    table = dialog.repeat.series.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)  # the 11th is a holiday: on to the 18th
    _type_topic(table, "", qtbot)  # the 18th's topic wiped out
    qtbot.keyClick(table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    assert dialog.isVisible()
    assert dialog.error.text().startswith("Zajęcia 18.11.2026: Podaj temat zajęć.")
    assert "Nie zapisano żadnych zajęć z listy." in dialog.error.text()
    assert table.currentIndex().row() == 2  # the cursor on the refused row
    assert _november(kis) == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert _november(kis) == []


def test_space_leaves_a_term_out_and_overlaps_are_asked_about(kis, ops, office, qtbot):
    with kis.session() as s:
        activities.add_activity(
            s,
            activities.ActivityData(
                date=dt.date(2026, 11, 25),
                start_time=dt.time(10),
                end_time=dt.time(11),
                kind="group",
                topic="Już wpisane",
                group_id=office["group"],
            ),
        )
    dialog = _dialog(ops, office, qtbot)
    qtbot.keyClicks(dialog.topic, "Trening")
    _alt_p(dialog, qtbot)
    assert _remarks(dialog)[3][2] == "nakłada się na: „Już wpisane” 10:00–11:00"
    asked: list[str] = []
    dialog.confirm_overlap = lambda q: asked.append(q) or False  # "Nie"
    dialog.save()
    assert asked and "25.11.2026 10:00–11:00" in asked[0]
    assert len(_november(kis)) == 1  # only the one already there
    table = dialog.repeat.series.table
    table.setFocus()
    table.setCurrentIndex(dialog.repeat.series.model.index(3, SeriesModel.INCLUDE))
    qtbot.keyClick(table, Qt.Key.Key_Space)  # the 25th left out
    assert "Zostanie dodanych zajęć: 2" in dialog.repeat.series.summary.text()
    asked.clear()
    qtbot.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert asked == [] and not dialog.isVisible()
    assert [d.day for d, _t in _november(kis)] == [4, 18, 25]


def test_copy_week_from_the_journal_page(kis, ops, office, qtbot):
    with kis.session() as s:  # the seeded class has its attendance typed in
        attendance.record_activity(s, office["activity"], [], [], {}, today=FIRST)
    page = JournalPage(ops)
    qtbot.addWidget(page)
    page.resize(1366, 700)  # a laptop's screen: the second row of buttons fits
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.refresh()
    _shot(page, "journal_copy_buttons")
    page.table.setFocus()
    qtbot.keyClick(
        page.table,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = page.dialog
    assert isinstance(dialog, CopyPeriodDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    year, week, _ = FIRST.isocalendar()
    assert dialog.source.currentText().startswith(f"tydzień {week}:")  # the newest with classes
    target = FIRST + dt.timedelta(days=7)
    assert dialog.target.currentText().startswith(f"tydzień {target.isocalendar()[1]}:")
    model = dialog.series.model
    assert model.rowCount() == 1 and model.index(0, 0).data().startswith(
        target.strftime("%d.%m.%Y")
    )
    _shot(dialog, "journal_copy_week")
    qtbot.keyClick(dialog.source, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    with kis.read() as s:
        copied = activities.list_activities(s, target.year, target.month, notes=False)
        copied = [r for r in copied if r.date == target]
        marks = s.scalar(
            select(func.count())
            .select_from(Attendance)
            .where(Attendance.activity_id == copied[0].id)
        )
    assert [(r.topic, r.start_time, r.staff) for r in copied] == [
        ("Trening asertywności", dt.time(9), ("Maria Lis",))
    ]
    assert marks == 0  # attendance is never copied
    assert page.selected_id() == copied[0].id


def test_copy_month_lists_the_terms_and_a_refusal_for_an_empty_month(kis, ops, office, qtbot):
    with kis.session() as s:
        for day in (4, 18, 25):
            activities.add_activity(
                s,
                activities.ActivityData(
                    date=dt.date(2026, 11, day),
                    start_time=dt.time(9),
                    end_time=dt.time(12),
                    kind="group",
                    topic=f"Środa {day}",
                    group_id=office["group"],
                ),
            )
    dialog = CopyPeriodDialog(ops, "month", office["group"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.source.setCurrentIndex(dialog.source.findText("listopad 2026"))
    assert dialog.target.currentText() == "grudzień 2026"
    terms = [
        (dialog.series.model.index(r, 0).data(), dialog.series.model.index(r, 2).data())
        for r in range(dialog.series.model.rowCount())
    ]
    assert terms == [
        ("02.12.2026 śr.", "Środa 4"),
        ("09.12.2026 śr.", "Środa 4"),
        ("16.12.2026 śr.", "Środa 18"),
        ("23.12.2026 śr.", "Środa 25"),
        ("30.12.2026 śr.", "Środa 25"),
    ]
    _shot(dialog, "journal_copy_month")
    dialog.source.setCurrentIndex(dialog.source.findText("październik 2026"))
    assert "nie ma czego kopiować" in dialog.error.text()
    assert dialog.series.model.rowCount() == 0
    before = _november(kis)
    dialog.save()
    assert dialog.isVisible() and _november(kis) == before
    with kis.read() as s:
        assert s.scalar(select(func.count(Activity.id))) == 4  # the seeded one and three


def test_long_topics_leave_the_dates_of_the_terms_in_sight(kis, ops, office, qtbot):
    """A month of real topics (two lines in the journal) once pushed the dates out of the
    list: it scrolled sideways to the topic column, wider than the list."""
    topic = "Temat zajęć numer {n}: trening umiejętności społecznych i komunikacji interpersonalnej"
    with kis.session() as s:
        for n, day in enumerate((2, 4, 5, 6, 9, 12, 13, 16, 18, 19, 20, 23, 25, 26, 27, 30), 1):
            activities.add_activity(
                s,
                activities.ActivityData(
                    date=dt.date(2026, 11, day),
                    start_time=dt.time(9),
                    end_time=dt.time(12),
                    kind="group",
                    topic=topic.format(n=n),
                    group_id=office["group"],
                ),
            )
    dialog = CopyPeriodDialog(ops, "month", office["group"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.source.setCurrentIndex(dialog.source.findText("listopad 2026"))
    table = dialog.series.table
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    _shot(dialog, "journal_copy_month_long_topics")
    viewport = table.viewport().width()
    assert table.horizontalScrollBar().value() == 0
    # every column starts inside the list, the date's whole text is visible
    for column in range(table.model().columnCount()):
        assert 0 <= table.columnViewportPosition(column) < viewport, column
    assert table.columnWidth(0) >= table.sizeHintForColumn(0)
    first = table.model().index(0, 0).data()
    assert first == "02.12.2026 śr."  # no class on a Tuesday: Wednesday comes first
    # the holiday's remark and the topic share the room left; each is whole in its tooltip
    remark = table.model().index(table.model().rowCount() - 1, 3)
    while not remark.data() and remark.row() > 0:
        remark = table.model().index(remark.row() - 1, 3)
    assert "pominięto" in remark.data(Qt.ItemDataRole.ToolTipRole)
    assert table.columnWidth(3) <= table.columnWidth(2) + 1
    tip = table.model().index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == table.model().index(0, 2).data() and "interpersonalnej" in tip


def test_f1_help_says_how_to_repeat_and_copy():
    html = " ".join(help_html().split())  # as shown: line breaks are spaces
    for words in ("Powtarzaj co tydzień do", "Alt+P", "Kopiuj tydzień", "Kopiuj miesiąc",
                  "Ctrl+Shift+W", "Narodowe Święto Niepodległości – pominięto"):  # fmt: skip
        assert words in html


def test_the_arrows_and_a_click_step_over_the_holiday_so_no_topic_is_typed_into_it(
    kis, ops, office, qtbot
):
    # a topic typed on the holiday's row went nowhere; the row is shown and stepped over
    dialog = _dialog(ops, office, qtbot)
    _type(qtbot, dialog.topic, "Trening asertywności")
    _alt_p(dialog, qtbot)
    table = dialog.repeat.series.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 2  # 18.11, not the 11th
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert table.currentIndex().row() == 0
    holiday = table.visualRect(dialog.repeat.series.model.index(1, 2)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=holiday)
    assert table.currentIndex().row() == 0  # the click does not land on the holiday
    assert "Narodowe Święto Niepodległości" in _remarks(dialog)[1][2]  # still shown, named
