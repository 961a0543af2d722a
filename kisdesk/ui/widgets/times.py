"""A time field (HH:mm) that takes the time typed from paper, however it was entered.

A plain QTimeEdit types into the section under the cursor: clicking at the end of "12:00"
and typing 1700 changes nothing (the minutes are full). Here entering the field from the
keyboard (Tab), or with a click past the text, selects the hour, so 1700 (or 17:00) gives
17:00. A click on the minutes keeps the cursor there: typing 30 then changes the minutes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QTimeEdit, QWidget

KEYBOARD = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)


class TimeEdit(QTimeEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        keyboard = event.reason() in KEYBOARD
        # After Qt has put the cursor where the mouse was, look where that is.
        QTimer.singleShot(0, lambda: self._select_hour_if(keyboard))

    def _select_hour_if(self, keyboard: bool) -> None:
        line = self.lineEdit()
        if keyboard or line.cursorPosition() >= len(line.text()):
            self.setCurrentSection(QTimeEdit.Section.HourSection)
            self.setSelectedSection(QTimeEdit.Section.HourSection)
