"""A month chooser: ◀ listopad 2026 ▶, plus a button back to the current month."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from kisdesk.messages.core import month_name


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


class MonthPicker(QWidget):
    month_changed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = dt.date.today()
        self.year, self.month = today.year, today.month
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.prev = QToolButton(self)
        self.prev.setText("◀")
        self.prev.setToolTip(self.tr("Poprzedni miesiąc (Alt+←)"))
        self.prev.setShortcut("Alt+Left")
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setMinimumWidth(150)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.next = QToolButton(self)
        self.next.setText("▶")
        self.next.setToolTip(self.tr("Następny miesiąc (Alt+→)"))
        self.next.setShortcut("Alt+Right")
        self.current = QToolButton(self)
        self.current.setText(self.tr("bieżący"))
        self.current.setToolTip(self.tr("Wróć do bieżącego miesiąca"))
        for widget in (self.prev, self.label, self.next, self.current):
            layout.addWidget(widget)
        self.prev.clicked.connect(lambda: self.set_month(*shift_month(self.year, self.month, -1)))
        self.next.clicked.connect(lambda: self.set_month(*shift_month(self.year, self.month, 1)))
        self.current.clicked.connect(
            lambda: self.set_month(dt.date.today().year, dt.date.today().month)
        )
        self._show()

    def set_month(self, year: int, month: int, emit: bool = True) -> None:
        changed = (year, month) != (self.year, self.month)
        self.year, self.month = year, month
        self._show()
        if changed and emit:
            self.month_changed.emit(year, month)

    def _show(self) -> None:
        self.label.setText(month_name(self.year, self.month))
        today = dt.date.today()
        self.current.setEnabled((self.year, self.month) != (today.year, today.month))
