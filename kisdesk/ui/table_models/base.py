"""A table model over a list of plain rows (frozen dataclasses from the services).

Like Vorta's archive table model: the columns are declared once (title, value, sort key,
alignment, colours, tooltip), `set_rows()` resets the model, `ROW_ROLE` hands back the row
object and `SORT_ROLE` a key that sorts numbers and dates as such (not as text). `data()`
only reads the rows it was given, so it never triggers a database query.

    class GroupModel(RowTableModel[GroupRow]):
        columns = (
            Column("Nazwa", lambda r: r.name),
            Column("Uczestników", lambda r: r.members, align=RIGHT),
        )

Column titles are translated with the model's context (`self.tr` in a QObject subclass).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics

from kisdesk.rules.hours import format_hours as rules_format_hours

T = TypeVar("T")

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a key that sorts numbers and dates properly

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

AnyIndex = QModelIndex | QPersistentModelIndex


def format_date(value: dt.date | None) -> str:
    """Dates as Polish users write them: 15.03.2027."""
    return value.strftime("%d.%m.%Y") if value else ""


def format_hours(minutes: int, hour_minutes: int = 60) -> str:
    """Minutes as hours with a decimal comma, rounded for display only (docs/domain.md#time-units)."""
    # One format on every page and document: "12,50", never "12,5" next to "0" (rounded half up).
    return rules_format_hours(minutes, hour_minutes) if hour_minutes > 0 else "0,00"


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    value: Callable[[T], Any]  # what is shown (str, int, date…: formatted by `display`)
    sort: Callable[[T], Any] | None = None  # defaults to the raw value
    align: Qt.AlignmentFlag = LEFT
    background: Callable[[T], QColor | None] | None = None
    foreground: Callable[[T], QColor | None] | None = None
    tooltip: Callable[[T], str | None] | None = None
    bold: Callable[[T], bool] | None = None
    header_tip: str | None = None  # explains the column when the pointer rests on its title


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("RowTableModel", "tak")
            if value
            else QCoreApplication.translate("RowTableModel", "nie")
        )
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def _sort_key(value: Any) -> Any:
    """Qt compares QVariants of one type; None sorts first, dates as ISO text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return value
    return str(value).casefold()


def _order_key(value: Any, text_key: Callable[[str], Any]) -> tuple[int, Any]:
    """A `_sort_key` value as something `<` compares across rows: empty first, then
    numbers, then texts."""
    if isinstance(value, (int, float)):
        return 1, value
    if value == "":
        return 0, 0
    return 2, text_key(str(value))


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Rows of type T shown through `columns` (a class attribute or given to __init__)."""

    columns: Sequence[Column[T]] = ()

    def __init__(
        self,
        columns: Sequence[Column[T]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if columns is not None:
            self.columns = tuple(columns)
        self._rows: list[T] = []
        self._sorting: tuple[int, Qt.SortOrder, Callable[[str], Any]] | None = None

    # -- rows -----------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(list(rows))
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, index: AnyIndex) -> T | None:
        """The row object behind an index of this model (not of a proxy)."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    # -- sorting --------------------------------------------------------------------------------
    def sort_rows(
        self, column: int, order: Qt.SortOrder, text_key: Callable[[str], Any] = str
    ) -> None:
        """Put the rows in the order of `column` and keep them so when new rows are set.

        A view sorts through `SortProxy`, which asks for this: each row's key is computed
        once and Python's sort orders them, where a proxy's `lessThan` would cross into
        Python twice per comparison (about 26 000 crossings for 2000 people). Empty values
        come first, then numbers, then texts ordered by `text_key` (the Polish collation's
        key); the sort is stable, so equal rows keep the order they had."""
        if not 0 <= column < len(self.columns):
            self._sorting = None
            return
        self._sorting = (column, order, text_key)
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        order_of = self._order(before)
        self._rows = [before[i] for i in order_of]
        position = [0] * len(before)
        for new, old_row in enumerate(order_of):
            position[old_row] = new
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old,
            [
                self.index(position[i.row()], i.column())
                if 0 <= i.row() < len(before)
                else QModelIndex()
                for i in old
            ],
        )
        self.layoutChanged.emit()

    def _order(self, rows: list[T]) -> list[int]:
        """The positions of `rows` in the order asked for by `sort_rows`."""
        if self._sorting is None:
            return list(range(len(rows)))
        column, order, text_key = self._sorting
        get = self.columns[column].sort or self.columns[column].value
        keys = [_order_key(_sort_key(get(row)), text_key) for row in rows]
        return sorted(
            range(len(rows)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def _sorted(self, rows: list[T]) -> list[T]:
        return rows if self._sorting is None else [rows[i] for i in self._order(rows)]

    def text_widths(self, metrics: QFontMetrics, limit: int) -> list[int]:
        """The widest text each column shows among its first `limit` rows, in pixels: a
        view's columns are fitted from these (`fit_columns`) without Qt asking `data()` for
        every role of every measured cell (12 000 calls for 2000 people)."""
        rows = self._rows[:limit]
        bold = QFont()
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        widths = []
        for column in self.columns:
            measure = bold_metrics if column.bold is not None else metrics
            widths.append(
                max((measure.horizontalAdvance(display(column.value(r))) for r in rows), default=0)
            )
        return widths

    # -- Qt model interface ---------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self.columns[section].align)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.columns[section].header_tip
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(column.value(row))
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return _sort_key((column.sort or column.value)(row))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            colour = column.background(row)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            colour = column.foreground(row)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.FontRole and column.bold is not None and column.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
