"""Small form widgets: an optional date, a message under a field, combos of codes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from kisdesk.ui.widgets.dates import DateEdit

ERROR_STYLE = "color: #b3261e;"
OK_STYLE = "color: #1d5e24;"
INFO_STYLE = "color: #5f6b76;"
WARNING_STYLE = "color: #8a5a00;"  # a doubt to check, not an error: nothing is refused


class OptionalDateEdit(QWidget):
    """The shared date field (kisdesk.ui.widgets.dates.DateEdit: typed as 15.03.2027, with a
    calendar), optionally with a "dziś" button and a default for a required date.

    `date()` is None when the field is empty or not a date (`is_valid()` tells which).
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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.edit = DateEdit(None if optional else (default or dt.date.today()), self)
        layout.addWidget(self.edit)
        if today_button:
            today = QToolButton(self)
            today.setText(self.tr("dziś"))
            today.setToolTip(self.tr("Wstaw dzisiejszą datę"))
            today.clicked.connect(lambda: self.set_date(dt.date.today()))
            layout.addWidget(today)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(self.date_changed)

    def date(self) -> dt.date | None:
        return self.edit.date()

    def set_date(self, day: dt.date | None) -> None:
        self.edit.setDate(day)

    def is_valid(self) -> bool:
        """False while the text is not a date, or a required date is empty."""
        return self.edit.is_valid() and (self.optional or self.edit.date() is not None)

    def set_error(self, message: str | None) -> None:
        self.edit.set_error(message)

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 (Qt naming)
        self.edit.line.setReadOnly(read_only)
        for button in self.findChildren(QToolButton):
            button.setEnabled(not read_only)


def check_dates(fields: dict[str, tuple[QWidget, FieldMessage]]) -> str | None:
    """Show a message under every date field that holds no date; the first name, or None."""
    first = None
    for name, (editor, message) in fields.items():
        if isinstance(editor, OptionalDateEdit) and not editor.is_valid():
            message.show_error(
                QCoreApplication.translate("OptionalDateEdit", "Podaj datę, np. 15.03.2027.")
                if not editor.edit.text().strip()
                else QCoreApplication.translate(
                    "OptionalDateEdit", "To nie jest poprawna data. Wpisz np. 15.03.2027."
                )
            )
            first = first or name
    return first


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
