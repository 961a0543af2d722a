"""Typing a time from paper: 1700 gives 17:00 wherever the field was clicked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt, QTime
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kisdesk.ui.widgets.times import TimeEdit


def test_a_click_at_the_end_then_typing_sets_the_hour(qtbot: Any) -> None:
    box = QWidget()
    layout = QVBoxLayout(box)
    before, field = QLineEdit(), TimeEdit()
    layout.addWidget(before)
    layout.addWidget(field)
    qtbot.addWidget(box)
    box.show()
    field.setTime(QTime(12, 0))
    before.setFocus()
    line = field.lineEdit()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(line.width() - 4, 5))
    qtbot.wait(20)
    qtbot.keyClicks(field, "1700")
    assert field.time().toString("HH:mm") == "17:00"
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)  # from the keyboard, too
    qtbot.wait(20)
    qtbot.keyClicks(field, "0930")
    assert field.time().toString("HH:mm") == "09:30"
