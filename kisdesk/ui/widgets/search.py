"""The search field of list pages: filters as you type, Esc clears it (also from the list)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget


class SearchField(QLineEdit):
    """A line edit for filtering a list; connect `textChanged` to the proxy's filter."""

    def __init__(self, placeholder: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder or self.tr("Szukaj… (Ctrl+F)"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 18)
        self._page_keys: list[QKeySequence] = []

    def leave_to_page(self, *keys: str) -> None:
        """These keys reach the page's shortcuts even while the cursor is in the field: on
        Linux desktops a line edit takes Ctrl+E itself (emacs: the end of the line)."""
        self._page_keys.extend(QKeySequence(k) for k in keys)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and QKeySequence(event.keyCombination()) in self._page_keys
        ):
            event.ignore()  # not wanted here: the shortcut takes it
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)

    def focus(self) -> None:
        """Ctrl+F: put the cursor in the field with its text selected."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def clear_on_escape(self, *widgets: QWidget) -> None:
        """Esc in these widgets (the list) clears the search too.

        The shortcut lives on the widget itself (WidgetShortcut), so Esc keeps closing
        dialogs and cancelling editors elsewhere.
        """
        for widget in widgets:
            shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), widget)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.clear)
