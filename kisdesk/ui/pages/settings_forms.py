"""Ustawienia → Formy zajęć: the office's dictionary of activity forms (docs/domain.md#participants; KIS defaults
from art. 18 ust. 2 and the KIS standard). Add, rename, set the area, switch off a form that
is no longer used (it stays on past activities)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.services import activities
from kisdesk.ui.ops import Ops
from kisdesk.ui.table_models.settings import FormRow, FormsModel, area_names
from kisdesk.ui.widgets.forms import FormDialog, note_label
from kisdesk.ui.widgets.search import SearchField
from kisdesk.ui.widgets.table import SortProxy, fit_columns, make_table, selected_row

FIELDS = {"form.name_required": "name", "form.exists": "name", "activity.bad_area": "area"}


class ActivityFormDialog(FormDialog):
    """One form of classes (forma zajęć) of the office's dictionary."""

    def __init__(self, ops: Ops, row: FormRow | None = None, parent: QWidget | None = None):
        title = self.tr("Forma zajęć") if row else self.tr("Nowa forma zajęć")
        super().__init__(ops, title, row.id if row else None, parent)
        self.row = row
        self.name = QLineEdit(row.name if row else "")
        self.name.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 24)
        self.area = QComboBox()
        for key, text in area_names().items():
            self.area.addItem(text, key)
        self.area.setCurrentIndex(max(self.area.findData(row.area if row else "social"), 0))
        self.active = QCheckBox(self.tr("do wyboru przy nowych zajęciach"))
        self.active.setChecked(row.active if row else True)
        self.add_row(self.tr("&Nazwa:"), "name", self.name)
        self.add_row(self.tr("&Obszar:"), "area", self.area)
        self.form.addRow(self.tr("W &użyciu:"), self.active)
        renamed = self.tr(
            "Nowa nazwa pojawi się przy nowych zajęciach; wpisy już zapisane w "
            "dzienniku zachowują nazwę, pod którą je zapisano."
        )
        self.finish(renamed if row is not None else "")

    def save(self) -> None:
        self.errors.clear()
        name, area, active = self.name.text(), str(self.area.currentData()), self.active.isChecked()
        form_id = self.row.id if self.row else None

        def work(session: Session) -> int:
            return activities.save_form(session, name, area, active, form_id)

        self.submit(work, FIELDS)


class FormsTab(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.model = FormsModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, state_key="settings_forms", parent=self)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.search = SearchField(parent=self)
        self.search.textChanged.connect(self.proxy.set_text)
        self.search.clear_on_escape(self.table)
        self.add_button = QPushButton(self.tr("Dodaj formę…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self.tr("Zmień…"))
        self.edit_button.setToolTip(self.tr("Nazwa, obszar, czy forma jest w użyciu"))
        self.edit_button.clicked.connect(self.edit)
        self.toggle_button = QPushButton(self.tr("Wyłącz"))
        self.toggle_button.clicked.connect(self.toggle)
        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.toggle_button)
        top.addStretch(1)
        top.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            note_label(
                self.tr(
                    "Formy wybiera się przy wpisie do dziennika zajęć. Obszar (reintegracja "
                    "społeczna lub zawodowa) trafia do zaświadczeń i statystyk. Formy wyłączonej "
                    "nie proponuje się przy nowych zajęciach; dawne wpisy zostają bez zmian."
                )
            )
        )
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def load(self) -> None:
        chosen = selected_row(self.table)
        rows = [
            FormRow(i, name, area, active)
            for i, name, area, active in self.ops.read(
                lambda s: activities.list_forms(s, active_only=False)
            )
        ]
        self.model.set_rows(rows)
        fit_columns(self.table)
        if chosen is not None:
            self.select(chosen.id)
        self._update_buttons()

    def select(self, form_id: int | None) -> None:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if getattr(self.proxy.row_at(index), "id", None) == form_id:
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return

    def _update_buttons(self, *_args: Any) -> None:
        row = selected_row(self.table)
        self.edit_button.setEnabled(row is not None)
        self.toggle_button.setEnabled(row is not None)
        self.toggle_button.setText(
            self.tr("Włącz ponownie") if row is not None and not row.active else self.tr("Wyłącz")
        )

    def add(self) -> None:
        dialog = ActivityFormDialog(self.ops, None, self)
        if dialog.exec():
            self.load()
            self.select(dialog.saved_id)

    def edit(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        dialog = ActivityFormDialog(self.ops, row, self)
        if dialog.exec():
            self.load()
            self.select(dialog.saved_id)

    def toggle(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        self.ops.run(
            self,
            lambda s: activities.save_form(s, row.name, row.area, not row.active, row.id),
        )
        self.load()
        self.select(row.id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
