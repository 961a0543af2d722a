"""Add or edit a group: name, period, description."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.services import groups
from kisdesk.services.groups import GroupRow
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.dates import DateEdit
from kisdesk.ui.widgets.forms import FormDialog

FIELDS = {
    "group.name_required": "name",
    "group.exists": "name",
    "group.end_before_start": "end_on",
}


class GroupDialog(FormDialog):
    def __init__(self, ops: Ops, row: GroupRow | None = None, parent: QWidget | None = None):
        title = self.tr("Edycja grupy") if row else self.tr("Nowa grupa")
        super().__init__(ops, title, row.id if row else None, parent)
        self.row = row
        self.name = QLineEdit(row.name if row else "")
        self.name.setMaxLength(100)
        self.start_on = DateEdit(row.start_on if row else None)
        self.end_on = DateEdit(row.end_on if row else None)
        self.description = QPlainTextEdit(row.description if row else "")
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(self.fontMetrics().height() * 4)
        self.add_row(self.tr("&Nazwa:"), "name", self.name)
        self.add_row(self.tr("&Od:"), "start_on", self.start_on)
        self.add_row(self.tr("&Do:"), "end_on", self.end_on)
        self.add_row(self.tr("O&pis:"), "description", self.description)
        self.finish(
            self.tr(
                "Okres grupy jest informacyjny; do grupy należą osoby przez swoje okresy "
                "uczestnictwa (karta uczestnika)."
            ),
            min_width=460,
        )

    def save(self) -> None:
        self.errors.clear()
        for field, widget in (("start_on", self.start_on), ("end_on", self.end_on)):
            if not widget.is_valid():
                self.errors.show(field, self.tr("To nie jest poprawna data. Wpisz np. 15.03.2027."))
                return
        name, start, end = self.name.text(), self.start_on.date(), self.end_on.date()
        description = self.description.toPlainText()
        row = self.row

        def work(session: Session) -> int:
            if row is None:
                return groups.add_group(session, name, start, end, description)
            groups.update_group(
                session, row.id, name, start, end, description, expected_version=row.version
            )
            return row.id

        self.submit(work, FIELDS)
