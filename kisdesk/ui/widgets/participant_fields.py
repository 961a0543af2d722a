"""Small form widgets: an optional date, a message under a field, combos of codes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

# The "no date" value of an optional date edit: nobody in the register was born in 1900.
_NULL = QDate(1900, 1, 1)

ERROR_STYLE = "color: #a30000;"
OK_STYLE = "color: #1b5e20;"
INFO_STYLE = "color: #5a5a5a;"


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class _DateEdit(QDateEdit):
    """A QDateEdit that starts at a sensible date when the user touches an empty one."""

    def __init__(self, owner: OptionalDateEdit) -> None:
        super().__init__()
        self._owner = owner

    def _wake(self) -> None:
        if self.date() == _NULL and self._owner.optional:
            self.setDate(to_qdate(self._owner.fallback()))
            self.setSelectedSection(QDateEdit.Section.DaySection)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._wake()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.text().isdigit() or event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._wake()
        super().keyPressEvent(event)


class OptionalDateEdit(QWidget):
    """A date in the Polish format (dd.mm.rrrr) with a calendar; optionally empty.

    An empty date shows "—"; a small × clears it, and a "dziś" button (optional) puts in today.
    """

    date_changed = Signal(object)  # dt.date | None

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        optional: bool = True,
        today_button: bool = False,
        default: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self._default = default
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.edit = _DateEdit(self)
        self.edit.setDisplayFormat("dd.MM.yyyy")
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumWidth(110)
        if optional:
            self.edit.setMinimumDate(_NULL)
            self.edit.setSpecialValueText("—")
        else:
            self.edit.setMinimumDate(QDate(1900, 1, 2))
        self.edit.setMaximumDate(QDate(2200, 12, 31))
        layout.addWidget(self.edit)
        if optional:
            clear = QToolButton(self)
            clear.setText("×")
            clear.setToolTip(self.tr("Wyczyść datę"))
            clear.setAutoRaise(True)
            clear.clicked.connect(lambda: self.set_date(None))
            layout.addWidget(clear)
        if today_button:
            today = QToolButton(self)
            today.setText(self.tr("dziś"))
            today.setToolTip(self.tr("Wstaw dzisiejszą datę"))
            today.clicked.connect(lambda: self.set_date(dt.date.today()))
            layout.addWidget(today)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(lambda _d: self.date_changed.emit(self.date()))
        self.set_date(default if not optional else None)

    def fallback(self) -> dt.date:
        return self._default or dt.date.today()

    def date(self) -> dt.date | None:
        value = self.edit.date()
        if self.optional and value == _NULL:
            return None
        return from_qdate(value)

    def set_date(self, day: dt.date | None) -> None:
        if day is None:
            self.edit.setDate(_NULL if self.optional else to_qdate(self.fallback()))
        else:
            self.edit.setDate(to_qdate(day))

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 (Qt naming)
        self.edit.setReadOnly(read_only)
        for button in self.findChildren(QToolButton):
            button.setEnabled(not read_only)


class FieldMessage(QLabel):
    """A line under a field: an error in red, a confirmation in green, or nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = ""
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(text, ERROR_STYLE, "error")

    def show_ok(self, text: str) -> None:
        self._show(text, OK_STYLE, "ok")

    def show_info(self, text: str) -> None:
        self._show(text, INFO_STYLE, "info")

    def _show(self, text: str, style: str, kind: str) -> None:
        self.kind = kind
        self.setStyleSheet(style)
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.kind = ""
        self.setText("")
        self.hide()

    @property
    def is_error(self) -> bool:
        return self.kind == "error" and self.isVisibleTo(self.parentWidget())


class CodeCombo(QComboBox):
    """A combo of (code, Polish label) pairs; `code()` gives the code back."""

    def __init__(self, choices: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for code, label in choices.items():
            self.addItem(label, code)

    def code(self) -> str:
        value = self.currentData()
        return "" if value is None else str(value)

    def set_code(self, code: str | None) -> None:
        index = self.findData(code or "")
        self.setCurrentIndex(max(index, 0))


class IdCombo(QComboBox):
    """A combo of records by id (groups, participants) with an optional "none" entry."""

    def __init__(self, parent: QWidget | None = None, none_text: str | None = None) -> None:
        super().__init__(parent)
        self._none_text = none_text

    def set_items(self, items: list[tuple[int, str]], keep: bool = True) -> None:
        current = self.current_id() if keep else None
        was_blocked = self.blockSignals(True)
        self.clear()
        if self._none_text is not None:
            self.addItem(self._none_text, None)
        for key, label in items:
            self.addItem(label, key)
        self.blockSignals(was_blocked)
        self.set_current_id(current)

    def current_id(self) -> int | None:
        value = self.currentData()
        return None if value is None else int(value)

    def set_current_id(self, key: int | None) -> None:
        index = self.findData(key) if key is not None else -1
        if index < 0 and key is not None:
            index = -1
        if index < 0:
            index = 0 if self.count() else -1
        self.setCurrentIndex(index)
