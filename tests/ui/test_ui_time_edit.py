"""Typing a time from paper: 1700 gives 17:00 after Tab or a click past the text, and a
click on the minutes changes the minutes."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTime
from PySide6.QtWidgets import QLineEdit, QTimeEdit, QVBoxLayout, QWidget

from kisdesk.ui.widgets.times import TimeEdit


@pytest.fixture
def fields(qtbot: Any) -> Any:
    box = QWidget()
    layout = QVBoxLayout(box)
    before, field = QLineEdit(), TimeEdit()
    layout.addWidget(before)
    layout.addWidget(field)
    qtbot.addWidget(box)
    box.show()
    field.setTime(QTime(12, 0))
    before.setFocus()
    yield before, field
    box.close()  # kept alive until here: the fields are its children


def test_tab_then_typing_sets_the_hour(qtbot: Any, fields: tuple[QLineEdit, TimeEdit]) -> None:
    before, field = fields
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.wait(20)
    qtbot.keyClicks(field, "1700")
    assert field.time().toString("HH:mm") == "17:00"


def test_a_click_past_the_text_then_typing_sets_the_hour(
    qtbot: Any, fields: tuple[QLineEdit, TimeEdit]
) -> None:
    _before, field = fields
    line = field.lineEdit()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(line.width() - 4, 5))
    qtbot.wait(20)
    line.setCursorPosition(len(line.text()))  # where a real click past "12:00" leaves it
    field._select_hour_if(keyboard=False)
    qtbot.keyClicks(field, "0930")
    assert field.time().toString("HH:mm") == "09:30"


def test_a_click_on_the_minutes_keeps_typing_in_the_minutes(
    qtbot: Any, fields: tuple[QLineEdit, TimeEdit]
) -> None:
    _before, field = fields
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.wait(20)
    field.setCurrentSection(QTimeEdit.Section.MinuteSection)
    field.lineEdit().setCursorPosition(3)  # "12:|00": the click put it on the minutes
    field._select_hour_if(keyboard=False)
    # not moved to the hour, as entering by Tab or past the text does
    assert field.currentSection() == QTimeEdit.Section.MinuteSection
    assert field.lineEdit().selectedText() == ""
