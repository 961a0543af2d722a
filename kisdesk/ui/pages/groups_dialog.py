"""Add or edit a group: name, period, description."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.services import groups
from kisdesk.services.groups import GroupRow
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.dates import DateEdit
from kisdesk.ui.widgets.forms import FormErrors, note_label, save_cancel_buttons

FIELDS = {
    "group.name_required": "name",
    "group.exists": "name",
    "group.end_before_start": "end_on",
}


class GroupDialog(QDialog):
    def __init__(self, ops: Ops, row: GroupRow | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.row = row
        self.saved_id: int | None = row.id if row else None
        self.setWindowTitle(self.tr("Edycja grupy") if row else self.tr("Nowa grupa"))
        self.name = QLineEdit(row.name if row else "")
        self.name.setMaxLength(100)
        self.start_on = DateEdit(row.start_on if row else None)
        self.end_on = DateEdit(row.end_on if row else None)
        self.description = QPlainTextEdit(row.description if row else "")
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(self.fontMetrics().height() * 4)
        self.errors = FormErrors()
        form = QFormLayout()
        form.addRow(self.tr("&Nazwa:"), self.errors.add("name", self.name))
        form.addRow(self.tr("&Od:"), self.errors.add("start_on", self.start_on))
        form.addRow(self.tr("&Do:"), self.errors.add("end_on", self.end_on))
        form.addRow(self.tr("O&pis:"), self.errors.add("description", self.description))
        buttons = save_cancel_buttons(self, self.save, self.tr("Zapisz"), self.tr("Anuluj"))
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            note_label(
                self.tr(
                    "Okres grupy jest informacyjny; do grupy należą osoby przez swoje okresy "
                    "uczestnictwa (karta uczestnika)."
                )
            )
        )
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())

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

        result = self.ops.run(
            self,
            work,
            on_error=lambda error: self.errors.report(self, error, FIELDS),
        )
        if result:
            self.saved_id = result.value
            self.accept()
