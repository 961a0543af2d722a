"""Grupy: the office's groups with how many take part today; add and edit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu
from sqlalchemy.orm import Session

from kisdesk.services.groups import GroupRow, list_groups
from kisdesk.ui import signals
from kisdesk.ui.pages.groups_dialog import GroupDialog
from kisdesk.ui.table_models.base import ROW_ROLE
from kisdesk.ui.table_models.groups import GroupModel
from kisdesk.ui.widgets.list_page import ListPage


class GroupsPage(ListPage):
    name = "groups"
    open_key = "group_id"
    listens = frozenset({signals.GROUPS, signals.PARTICIPATIONS, signals.PARTICIPANTS})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hint.setText(
            self.tr(
                "Uczestnicy należą do grupy przez swoje okresy uczestnictwa. Prawy przycisk "
                "myszy na grupie otwiera jej obecności i dziennik zajęć."
            )
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)

    def title(self) -> str:
        return self.tr("Grupy")

    def new_button_text(self) -> str:
        return self.tr("Nowa grupa…")

    def make_model(self) -> GroupModel:
        return GroupModel(self)

    def load_rows(self, session: Session) -> list[GroupRow]:
        return list_groups(session)

    def refresh(self) -> None:
        super().refresh()
        # The columns are fitted once; a longer name saved later must still show whole, so the
        # name column grows to its contents (never shrinks what the user widened).
        header = self.table.horizontalHeader()
        needed = self.table.sizeHintForColumn(0) + 12
        if header.sectionSize(0) < needed:
            header.resizeSection(0, needed)

    def new_item(self) -> None:
        dialog = GroupDialog(self.ops, None, self)
        if dialog.exec():
            self.refresh()
            self.select(dialog.saved_id)

    def edit_item(self, row: GroupRow) -> None:
        dialog = GroupDialog(self.ops, row, self)
        if dialog.exec():
            self.refresh()
            self.select(dialog.saved_id)

    def _menu(self, pos: QPoint) -> None:
        row = self.table.indexAt(pos).data(ROW_ROLE)
        if row is None:
            return
        today = dt.date.today()
        month = (today.year, today.month)
        menu = QMenu(self)
        menu.addAction(self.tr("Edytuj…"), lambda: self.edit_item(row))
        menu.addAction(
            self.tr("Obecności grupy"),
            lambda: self.navigate("attendance", group_id=row.id, month=month),
        )
        menu.addAction(
            self.tr("Dziennik zajęć grupy"),
            lambda: self.navigate("journal", group_id=row.id, month=month),
        )
        menu.exec(self.table.viewport().mapToGlobal(pos))
