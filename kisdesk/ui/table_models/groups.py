"""The list of groups (grupy) with today's member counts."""

from __future__ import annotations

from PySide6.QtCore import QObject

from kisdesk.services.groups import GroupRow
from kisdesk.ui.table_models.base import RIGHT, Column, RowTableModel


class GroupModel(RowTableModel[GroupRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.columns = (
            Column(self.tr("Nazwa"), lambda r: r.name),
            Column(
                self.tr("Uczestników"),
                lambda r: r.members,
                align=RIGHT,
                header_tip=self.tr("Osoby, których okres uczestnictwa w tej grupie trwa dziś"),
            ),
            Column(self.tr("Od"), lambda r: r.start_on),
            Column(self.tr("Do"), lambda r: r.end_on),
            Column(
                self.tr("Opis"),
                lambda r: " ".join(r.description.split()),
                tooltip=lambda r: r.description or None,
            ),
        )
