"""Kadra: who works in the office, on what basis and how much; add and edit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QCheckBox
from sqlalchemy.orm import Session

from kisdesk.services.staff import StaffRow, list_staff
from kisdesk.ui import signals, state
from kisdesk.ui.pages.staff_dialog import StaffDialog
from kisdesk.ui.table_models.staff import StaffModel, is_active
from kisdesk.ui.widgets.list_page import ListPage


class StaffPage(ListPage):
    name = "staff"
    open_key = "staff_id"
    listens = frozenset({signals.STAFF})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.show_former = QCheckBox(self.tr("Pokaż także osoby, które już nie pracują"))
        self.show_former.setChecked(bool(state.value("staff/show_former", False) in (True, "true")))
        self.show_former.toggled.connect(self._toggle_former)
        self.toolbar.insertWidget(2, self.show_former)
        self.hint.setText(
            self.tr(
                "Kadra prowadzi zajęcia (dziennik zajęć) i jest wykazywana w rocznym "
                "sprawozdaniu: liczba osób, wymiar czasu pracy, podstawa zatrudnienia."
            )
        )

    def title(self) -> str:
        return self.tr("Kadra")

    def new_button_text(self) -> str:
        return self.tr("Nowy pracownik…")

    def make_model(self) -> StaffModel:
        return StaffModel(self)

    def load_rows(self, session: Session) -> list[StaffRow]:
        return list_staff(session)

    def filter_row(self, row: StaffRow) -> bool:
        return self.show_former.isChecked() or is_active(row, dt.date.today())

    def _toggle_former(self, checked: bool) -> None:
        state.set_value("staff/show_former", checked)
        self.refresh()

    def new_item(self) -> None:
        dialog = StaffDialog(self.ops, None, self)
        if dialog.exec():
            self.refresh()
            self.select(dialog.saved_id)

    def edit_item(self, row: StaffRow) -> None:
        dialog = StaffDialog(self.ops, row, self)
        if dialog.exec():
            if not self.filter_row_id(dialog.saved_id):
                self.show_former.setChecked(True)
            self.refresh()
            self.select(dialog.saved_id)

    def filter_row_id(self, staff_id: int | None) -> bool:
        rows = [r for r in self.ops.read(list_staff) if r.id == staff_id]
        return bool(rows) and self.filter_row(rows[0])
