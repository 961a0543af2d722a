"""A titled list of the dashboard: a count in the title, a compact table or "nothing to do".

Every row is a link: a click or Enter calls `on_choose(row)`, which opens the place where
the matter is fixed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from kisdesk.ui.table_models.base import ROW_ROLE, RowTableModel
from kisdesk.ui.widgets.table import SortProxy, make_table


class Section(QFrame):
    """Titled like a group box, but the title wraps instead of widening the whole column."""

    def __init__(
        self,
        title: str,
        model: RowTableModel[Any],
        empty_text: str,
        on_choose: Callable[[Any], None],
        hint: str = "",
        max_rows: int = 6,
        stretch_column: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._title = title
        self.model = model
        self.on_choose = on_choose
        self.max_rows = max_rows
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(model)
        self.stretch_column = stretch_column
        self.table: QTableView = make_table(self.proxy, parent=self, sortable=False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        self.table.setCursor(Qt.CursorShape.PointingHandCursor)
        self.table.setToolTip(hint)
        self.table.clicked.connect(self._choose)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._choose(self.table.currentIndex()))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel(title)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.empty = QLabel(empty_text)
        self.empty.setObjectName("emptyNote")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        self.set_rows([])

    def title(self) -> str:
        return self.heading.text()

    def setTitle(self, text: str) -> None:  # noqa: N802 (as QGroupBox)
        self.heading.setText(text)

    def set_heading(self, title: str) -> None:
        """The section's name, before its rows are set (their count is added to it)."""
        self._title = title

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
        self.setTitle(f"{self._title} ({len(rows)})" if rows else self._title)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows:
            self._fit_columns()
            self._fit_height(len(rows))

    def _fit_columns(self, cap: int = 130) -> None:
        """Columns as wide as their contents, but no wider than `cap`: the stretching column
        (the name or topic) takes the rest and long text ends with an ellipsis."""
        for column in range(self.model.columnCount()):
            if column != self.stretch_column:
                self.table.resizeColumnToContents(column)
                if self.table.columnWidth(column) > cap:
                    self.table.setColumnWidth(column, cap)

    def _fit_height(self, count: int) -> None:
        """As tall as its rows (up to `max_rows`; more scroll), so the page reads as a list."""
        shown = min(count, self.max_rows)
        height = (
            self.table.horizontalHeader().sizeHint().height()
            + self.table.verticalHeader().defaultSectionSize() * shown
            + 2 * self.table.frameWidth()
        )
        self.table.setFixedHeight(height)

    def _choose(self, index: Any) -> None:
        if index is not None and index.isValid():
            row = index.data(ROW_ROLE)
            if row is not None:
                self.on_choose(row)
