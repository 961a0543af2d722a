"""The people of one activity and their marks (the journal's right-hand panel)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from kisdesk.i18n import tr
from kisdesk.services.attendance import ExpectedRow
from kisdesk.ui.table_models.base import CENTER, Column, RowTableModel
from kisdesk.ui.widgets import status
from kisdesk.ui.widgets.participant_labels import mark_text, short_mark_names

_STATUS_OF_MARK = {"present": "met", "partial": "in_progress", "absent": "short"}


class ActivityMarksModel(RowTableModel[ExpectedRow]):
    NAME, MARK, MINUTES = range(3)

    def __init__(self, parent: Any = None) -> None:
        names = short_mark_names()
        self.locked = False  # a future activity: nothing can be marked yet
        super().__init__(
            [
                Column(
                    tr("Uczestnik"),
                    lambda r: r.name if r.expected else tr("{name} (gość)").format(name=r.name),
                    tooltip=lambda r: (
                        None
                        if r.expected
                        else tr("Ma wpisaną obecność, choć w tym dniu nie należy do grupy")
                    ),
                ),
                Column(
                    tr("Obecność"),
                    lambda r: f"{mark_text(r.mark)}  {names[r.mark]}" if r.mark else "—",
                    background=lambda r: status.background(_STATUS_OF_MARK.get(r.mark or "", "")),
                    foreground=lambda r: status.foreground(_STATUS_OF_MARK.get(r.mark or "", "")),
                ),
                Column(
                    tr("Minuty"),
                    lambda r: str(r.minutes) if r.mark == "partial" and r.minutes else "",
                    lambda r: r.minutes or 0,
                    CENTER,
                ),
            ],
            parent,
        )

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable
        if not self.locked:
            flags |= Qt.ItemFlag.ItemIsEnabled
        return flags
