"""A list page: heading, "Nowy" and "Edytuj" buttons, a search field and a sortable table.

Subclasses give the model, how rows are loaded and what "new" and "edit" do:

    class GroupsPage(ListPage):
        name = "groups"
        listens = frozenset({signals.GROUPS, signals.PARTICIPATIONS})
        def make_model(self): return GroupModel(self)
        def load_rows(self, session): return list_groups(session)
        def new_item(self): ...
        def edit_item(self, row): ...

Ctrl+F (forwarded by the main window to `find()`) puts the cursor in the search field, Esc
clears it, Enter or a double click opens the selected row, Ctrl+N calls `new_item()`.
`open(group_id=…)` (the name in `open_key`) selects the row whose `id` matches.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Navigate, Page
from kisdesk.ui.table_models.base import ROW_ROLE, RowTableModel
from kisdesk.ui.widgets.forms import note_label, page_heading
from kisdesk.ui.widgets.search import SearchField
from kisdesk.ui.widgets.table import SortProxy, fit_columns, make_table, selected_row


class ListPage(Page):
    new_text = "Nowy"  # the button's text, translated by subclasses
    id_field = "id"  # the row attribute `open()` matches
    open_key = "id"  # the navigate() argument naming a row, e.g. "group_id"

    def __init__(self, ops: Ops, navigate: Navigate | None = None, parent: QWidget | None = None):
        super().__init__(ops, navigate, parent)
        self.model: RowTableModel[Any] = self.make_model()
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, state_key=f"{self.name}_list", parent=self)
        self.table.doubleClicked.connect(lambda _index: self._edit_current())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._edit_current)

        self.heading = page_heading(self.title())
        self.search = SearchField(parent=self)
        self.search.textChanged.connect(self._filter)
        self.search.clear_on_escape(self.table)
        self.new_button = QPushButton(self.new_button_text())
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.new_button.clicked.connect(self.new_item)
        self.edit_button = QPushButton(self.tr("Edytuj…"))
        self.edit_button.setToolTip(self.tr("Enter albo dwukrotne kliknięcie na liście"))
        self.edit_button.clicked.connect(self._edit_current)
        self.count_label = QLabel()
        self.hint = note_label()

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.search)
        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.new_button)
        self.toolbar.addWidget(self.edit_button)
        self.toolbar.addStretch(1)
        self.toolbar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.setTabOrder(self.search, self.table)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # -- to override --------------------------------------------------------------------------------
    def make_model(self) -> RowTableModel[Any]:
        raise NotImplementedError

    def load_rows(self, session: Session) -> list[Any]:
        raise NotImplementedError

    def new_button_text(self) -> str:
        return self.tr("Nowy…")

    def edit_item(self, row: Any) -> None:
        """Open the row for editing."""

    def filter_row(self, row: Any) -> bool:
        """False hides a row (e.g. "show former staff" unticked); the search comes on top."""
        return True

    # -- behaviour ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        chosen = selected_row(self.table)
        rows = [row for row in self.ops.read(self.load_rows) if self.filter_row(row)]
        self.model.set_rows(rows)
        fit_columns(self.table)
        self._update_count()
        if chosen is not None:
            self.select(getattr(chosen, self.id_field, None))
        self._update_buttons()

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            self.tr("Pozycji: {n}").format(n=total)
            if shown == total
            else self.tr("Pozycji: {shown} z {n}").format(shown=shown, n=total)
        )

    def _update_buttons(self, *_args: Any) -> None:
        self.edit_button.setEnabled(selected_row(self.table) is not None)

    def _edit_current(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.edit_item(row)

    def select(self, key: Any) -> bool:
        """Select (and scroll to) the row whose `id_field` equals `key`."""
        if key is None:
            return False
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            row = index.data(ROW_ROLE)
            if getattr(row, self.id_field, None) == key:
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
                return True
        return False

    def find(self) -> None:
        self.search.focus()

    def open(self, **kwargs: Any) -> None:
        key = kwargs.get(self.open_key)
        if self.model.rowCount() == 0:
            self.refresh()
        self.select(key)
