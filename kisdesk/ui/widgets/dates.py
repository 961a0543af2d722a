"""A date field in the Polish format (15.03.2027) that may stay empty.

`QDateEdit` cannot be empty and makes typing a date section by section awkward; office
workers type dates from paper as "15.03.2027". `DateEdit` is a line edit that accepts
15.03.2027, 15.3.27, 15032027 and 2027-03-15, and "3" or "3.11" for the 3rd of this month
or of November this year; shows a mistake at once (red frame and a tooltip) and offers a
calendar on its button or Alt+Down. The text is selected when the field gets focus, so a
typed date replaces it, and so does the first click into it after it got the focus (a second
click places the cursor, as in a browser's address bar). The field has no
length limit: a character typed into a full field is never dropped unseen, the text turns red
instead. ↑/↓ move the date by a day.
`date()` is a `datetime.date` or None when empty.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

_DOTTED = re.compile(r"^\s*(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DIGITS = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")
_DAY = re.compile(r"^\s*(\d{1,2})\.?\s*$")
_DAY_MONTH = re.compile(r"^\s*(\d{1,2})[.\-/ ](\d{1,2})\.?\s*$")


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def parse_date(text: str) -> dt.date | None:
    """A date typed by a person, or None when the text is empty.

    ValueError when the text is not a date (the field shows it as a mistake). Two-digit
    years mean 19xx when that is more than 10 years ahead of today, else 20xx.
    """
    if not text.strip():
        return None
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := (_DOTTED.match(text) or _DIGITS.match(text)):
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            this = dt.date.today().year
            year += 2000 if 2000 + year <= this + 10 else 1900
    elif match := _DAY_MONTH.match(text):  # "3.11": this year
        day, month = (int(g) for g in match.groups())
        year = dt.date.today().year
    elif match := _DAY.match(text):  # "3": this month
        today = dt.date.today()
        day, month, year = int(match.group(1)), today.month, today.year
    else:
        raise ValueError(text)
    return dt.date(year, month, day)


class DateEdit(QWidget):
    """An optional date typed as dd.mm.rrrr, with a calendar button."""

    dateChanged = Signal(object)  # noqa: N815 (Qt naming): datetime.date | None

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(self.tr("dd.mm.rrrr"))
        self.line.setClearButtonEnabled(False)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(self.tr("Wybierz z kalendarza (Alt+↓)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.show_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.line.installEventFilter(self)
        self.line.textChanged.connect(self._on_text)
        width = self.line.fontMetrics().horizontalAdvance("00.00.00000") + 16
        self.line.setMinimumWidth(width)
        # A date is short: the field does not stretch across a whole form.
        self.setMaximumWidth(width * 2 + self.button.sizeHint().width())
        self._last: dt.date | None = None
        self._valid = True
        self._select_on_release = False
        self._clicked_since_focus = False
        self.setDate(value)

    # -- value ------------------------------------------------------------------------------------
    def date(self) -> dt.date | None:
        """The date typed, or None when empty or not a date (see `is_valid`)."""
        try:
            return parse_date(self.line.text())
        except ValueError:
            return None

    def setDate(self, value: dt.date | None) -> None:  # noqa: N802 (Qt naming)
        self.line.setText(format_date(value))

    def clear(self) -> None:
        self.line.clear()

    def is_valid(self) -> bool:
        """False while the text is not a date (an empty field is valid)."""
        return self._valid

    def text(self) -> str:
        return self.line.text()

    def set_error(self, message: str | None) -> None:
        """Show a problem with this field (e.g. from a service's validation)."""
        self.line.setStyleSheet("QLineEdit { border: 2px solid #c93a3a; }" if message else "")
        self.line.setToolTip(message or "")

    # -- behaviour --------------------------------------------------------------------------------
    def _on_text(self, text: str) -> None:
        try:
            value = parse_date(text)
            self._valid = True
        except ValueError:
            value, self._valid = None, False
        # A half-typed date is not flagged until it has the length of a whole one.
        self.set_error(
            None if self._valid or len(text.strip()) < 8 else self.tr("To nie jest poprawna data.")
        )
        if value != self._last:
            self._last = value
            self.dateChanged.emit(value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.line:
            if event.type() == QEvent.Type.FocusIn:
                self._clicked_since_focus = False
            if event.type() == QEvent.Type.FocusIn and not self.line.isReadOnly():
                # At once, so a key typed straight after replaces the date; and again after the
                # event, as a mouse click places the cursor and would undo it.
                self.line.selectAll()
                QTimer.singleShot(0, self.line, self.line.selectAll)
            elif event.type() == QEvent.Type.MouseButtonPress:
                # The first click after the field got the focus (from Tab, a dialog opening
                # on it, or this click) means "this field": the date typed next replaces the
                # whole one shown. A further click places the cursor, as usual.
                self._select_on_release = (
                    not self._clicked_since_focus
                    and not self.line.isReadOnly()
                    and self.date() is not None
                )
                self._clicked_since_focus = True
            elif event.type() == QEvent.Type.MouseButtonRelease and self._select_on_release:
                self._select_on_release = False
                self.line.selectAll()
            elif event.type() == QEvent.Type.FocusOut:
                if not self._valid:
                    self.set_error(self.tr("To nie jest poprawna data. Wpisz np. 15.03.2027."))
                elif self.date() is not None:
                    self.setDate(self.date())  # normalise 15.3.27 → 15.03.2027
            elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                alt_down = event.key() == Qt.Key.Key_Down and (
                    event.modifiers() & Qt.KeyboardModifier.AltModifier
                )
                if alt_down or event.key() == Qt.Key.Key_F4:
                    self.show_calendar()
                    return True
                step = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(Qt.Key(event.key()))
                if step and not self.line.isReadOnly() and self._valid:
                    self.setDate((self.date() or dt.date.today()) + dt.timedelta(days=step))
                    self.line.selectAll()
                    return True
        return super().eventFilter(watched, event)

    def show_calendar(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setGridVisible(True)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        current = self.date() or dt.date.today()
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def chosen(day: QDate) -> None:
            self.setDate(dt.date(day.year(), day.month(), day.day()))
            menu.close()
            self.line.setFocus()

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        calendar.setFocus()
        menu.exec(self.mapToGlobal(self.rect().bottomLeft()))
