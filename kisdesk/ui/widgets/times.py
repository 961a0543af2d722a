"""A time field (HH:mm) that takes the time typed from paper, however it was clicked into.

A plain QTimeEdit types into the section under the cursor: clicking at the end of "12:00"
and typing 1700 changes nothing (the minutes are full). Here every entry into the field
selects the hour, so 1700 (or 17:00) gives 17:00, and Tab moves on as before.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QTimeEdit, QWidget


class TimeEdit(QTimeEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        # After Qt has put the cursor where the mouse was: the hour, selected, takes the typing.
        QTimer.singleShot(0, self._select_hour)

    def _select_hour(self) -> None:
        self.setCurrentSection(QTimeEdit.Section.HourSection)
        self.setSelectedSection(QTimeEdit.Section.HourSection)
