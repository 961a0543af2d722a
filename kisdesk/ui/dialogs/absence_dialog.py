"""A participant's whole-day absences: sick leave with its certificate, days off with the
head's consent, other excused or unexcused days (art. 15 ust. 6a–7a), added and removed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import absences
from kisdesk.ui.ops import Ops
from kisdesk.ui.table_models.attendance_grid import absence_names
from kisdesk.ui.widgets.dates import DateEdit, format_date
from kisdesk.ui.widgets.forms import install_form_keys, note_label
from kisdesk.ui.widgets.participant_fields import FieldMessage

KINDS = ("sick", "day_off", "excused", "unexcused")


class AbsenceDialog(QDialog):
    def __init__(
        self, ops: Ops, participant_id: int, name: str, day: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops, self.participant_id = ops, participant_id
        self.setWindowTitle(self.tr("Nieobecności całodniowe"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{name}</b>"))
        self.list = QListWidget(self)
        layout.addWidget(self.list)
        self.delete_button = QPushButton(self.tr("Usuń zaznaczoną"), self)
        layout.addWidget(self.delete_button)
        form = QFormLayout()
        self.kind = QComboBox(self)
        for kind in KINDS:
            self.kind.addItem(absence_names()[kind], kind)
        self.start = DateEdit(day, self)
        self.end = DateEdit(day, self)
        self.document = QLineEdit(self)
        self.document.setPlaceholderText(self.tr("seria i numer zwolnienia, np. ZLA 1234567"))
        self.note = QLineEdit(self)
        form.addRow(self.tr("Rodzaj:"), self.kind)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.end)
        form.addRow(self.tr("Od – do:"), dates)
        form.addRow(self.tr("Zwolnienie (L4):"), self.document)
        form.addRow(self.tr("Uwagi:"), self.note)
        layout.addLayout(form)
        layout.addWidget(
            note_label(
                self.tr(
                    "L4 liczy się w dniach kalendarzowych; po okresie próbnym obniża świadczenie "
                    "o 1/40 za dzień do 21 dni w okresie uczestnictwa (art. 15 ust. 7a). Dzień "
                    "wolny – na wniosek uczestnika za zgodą kierownika, po okresie próbnym, "
                    "w limicie art. 15 ust. 6a. Dni L4 i dni wolne nigdy nie są nieobecnością "
                    "nieusprawiedliwioną."
                )
            )
        )
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Dodaj"), self)
        self.add_button.setDefault(True)
        close = QPushButton(self.tr("Zamknij"), self)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add)
        self.delete_button.clicked.connect(self.delete_selected)
        close.clicked.connect(self.accept)
        # The rule of every form (F1 help): Ctrl+S adds and stays for the next, Ctrl+Enter adds
        # and closes, Esc closes.
        install_form_keys(self, self.add, self.add_and_close, self.add_button)
        self.refresh()

    def refresh(self) -> None:
        rows = self.ops.read(lambda s: absences.list_absences(s, self.participant_id))
        self.list.clear()
        for r in rows:
            text = f"{absence_names()[r.kind]}: {format_date(r.from_on)} – {format_date(r.to_on)}"
            text += self.tr(" ({n} dni)").format(n=r.days)
            if r.document:
                text += f", {r.document}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.list.addItem(item)
        self.delete_button.setEnabled(bool(rows))

    def _failed(self, error: KisdeskError) -> None:
        self.message.show_error(describe(error))

    def add(self) -> bool:
        start, end = self.start.date(), self.end.date()
        if start is None:
            self.message.show_error(self.tr("Podaj pierwszy dzień nieobecności."))
            return False
        kind = str(self.kind.currentData())
        document, note = self.document.text(), self.note.text()
        done = self.ops.run(
            self,
            lambda s: absences.add_absence(
                s, self.participant_id, kind, start, end or start, document, note
            ),
            on_error=self._failed,
        )
        if not done:
            return False
        self.message.show_info(self.tr("Zapisano."))
        self.refresh()
        return True

    def add_and_close(self) -> None:
        if self.add():
            self.accept()

    def delete_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        absence_id = int(item.data(Qt.ItemDataRole.UserRole))
        if self.ops.run(
            self,
            lambda s: absences.delete_absence(s, absence_id),
            on_error=self._failed,
        ):
            self.refresh()
