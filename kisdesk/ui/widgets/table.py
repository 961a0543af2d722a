"""Sorting, filtering and the common look of list tables (QTableView over a RowTableModel).

    model = GroupModel(self)
    self.proxy = SortProxy(self)
    self.proxy.setSourceModel(model)
    self.table = make_table(self.proxy, state_key="groups")
    search.textChanged.connect(self.proxy.set_text)
    row = selected_row(self.table)      # the row object under the current index

Polish names sort in Polish order (Ł after L, Ś after S) through QCollator.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCollator,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from kisdesk.ui import state
from kisdesk.ui.table_models.base import ROW_ROLE, SORT_ROLE, RowTableModel

AnyIndex = QModelIndex | QPersistentModelIndex


class SortProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE (numbers and dates as such, text in Polish order) and keeps the
    rows whose displayed text contains every word typed in the search field."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self._words: list[str] = []
        self._collator = QCollator(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))
        self._collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._collator.setNumericMode(True)

    def set_text(self, text: str) -> None:
        # Qt 6.10 replaced invalidateFilter() by begin/endFilterChange(); 6.7–6.9 lack them.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._words = text.casefold().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = text.casefold().split()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        if not self._words:
            return True
        model = self.sourceModel()
        texts = " ".join(
            str(model.data(model.index(source_row, column, source_parent)) or "")
            for column in range(model.columnCount(source_parent))
        ).casefold()
        return all(word in texts for word in self._words)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A RowTableModel sorts its own rows (a key per row, then Python's sort: a 2000-row
        list in milliseconds, where `lessThan` took a second); the proxy keeps its order."""
        source = self.sourceModel()
        if not isinstance(source, RowTableModel):
            super().sort(column, order)
            return
        source.sort_rows(column, order, self._collator.sortKey)
        # -1 keeps the source's order (descending it would reverse it again)
        super().sort(-1, Qt.SortOrder.AscendingOrder)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:  # noqa: N802
        a: Any = left.data(SORT_ROLE)
        b: Any = right.data(SORT_ROLE)
        if isinstance(a, str) and isinstance(b, str):
            return self._collator.compare(a, b) < 0
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a < b
        return str(a) < str(b)

    def row_at(self, index: AnyIndex) -> Any:
        """The row object behind a proxy index."""
        return index.data(ROW_ROLE) if index.isValid() else None


def make_table(
    model: Any,
    state_key: str | None = None,
    parent: QWidget | None = None,
    sortable: bool = True,
    stretch_column: int | None = None,
) -> QTableView:
    """A read-only list: whole rows selected, one at a time, sortable, header state kept."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the list, arrows move inside it
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_column is None)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if stretch_column is not None:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    if sortable:
        view.setSortingEnabled(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    if state_key:
        view.setObjectName(state_key)
        state.keep_header(header, state_key)
    return view


def fit_columns(view: QTableView, maximum: int = 420, force: bool = False) -> None:
    """Size columns to their contents the first time there are rows, no wider than
    `maximum`; a layout the user arranged (remembered by `state.keep_header`) is kept."""
    header = view.horizontalHeader()
    model = view.model()
    if not force and (header.property("kisdesk_restored") or header.property("kisdesk_fitted")):
        return
    if model is None:
        return
    header.setProperty("kisdesk_fitting", True)
    # Measured on the first 200 rows, not all: the 2000 people of a big office took 0.75 s
    # to measure; a longer text further down ends with "…" until its column is widened.
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
    try:
        if isinstance(source, RowTableModel):
            # The rows' own texts, measured directly (the sorted model's first rows are
            # the ones shown first); Qt's resizeColumnsToContents asks data() for every
            # role of every cell it measures, which was most of the page's showing.
            margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
            margin += 1 if view.showGrid() else 0  # as Qt counts the grid line
            texts = source.text_widths(view.fontMetrics(), 200)
            for column, text in enumerate(texts):
                if not view.isColumnHidden(column):
                    header.resizeSection(column, max(header.sectionSizeHint(column), text + margin))
        else:
            header.setResizeContentsPrecision(200)
            view.resizeColumnsToContents()
        if model.rowCount() == 0:
            return  # at least the titles fit; fitted again once there are rows
        header.setProperty("kisdesk_fitted", True)
        for column in range(header.count()):
            # A little air after the text, so neighbouring columns do not run together.
            header.resizeSection(column, min(header.sectionSize(column) + 12, maximum))
    finally:
        header.setProperty("kisdesk_fitting", False)


def selected_row(view: QTableView) -> Any:
    """The row object of the current row of a view over a RowTableModel (or its proxy)."""
    index = view.currentIndex()
    if not index.isValid():
        rows = view.selectionModel().selectedRows() if view.selectionModel() else []
        index = rows[0] if rows else index
    return index.data(ROW_ROLE) if index.isValid() else None
