"""The "Rejestr" tab: every numbered document issued, printed again identically or as a
duplicate, or cancelled with a reason (docs/domain.md#participants "Documents issued")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from kisdesk.services.documents import IssuedRow, list_documents
from kisdesk.services.documents_data import CERTIFICATE_KINDS
from kisdesk.ui.dialogs.certificate_cancel import CancelDocumentDialog
from kisdesk.ui.dialogs.print import reprint_document
from kisdesk.ui.dialogs.pup_sent import PupSentDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Navigate
from kisdesk.ui.pages.documents_common import issue_refusal, row
from kisdesk.ui.table_models.base import ROW_ROLE
from kisdesk.ui.table_models.documents import RegisterModel
from kisdesk.ui.widgets.forms import note_label
from kisdesk.ui.widgets.participant_fields import FieldMessage
from kisdesk.ui.widgets.search import SearchField
from kisdesk.ui.widgets.table import SortProxy, fit_columns, make_table, selected_row

ALL_YEARS = 0
CERTIFICATES, FORMS = "certificates", "forms"


class RegisterTab(QWidget):
    def __init__(self, ops: Ops, navigate: Navigate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.navigate = navigate
        self.dialog: CancelDocumentDialog | PupSentDialog | None = None
        layout = QVBoxLayout(self)
        self.year = QComboBox(self)
        self.year.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 9)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("wszystkie dokumenty"), None)
        self.kind.addItem(self.tr("zaświadczenia"), CERTIFICATES)
        self.kind.addItem(self.tr("formularze dla wojewody"), FORMS)
        self.search = SearchField(parent=self)
        bar = row(self.tr("Rok:"), self.year, self.tr("  Pokaż:"), self.kind)
        bar.addWidget(self.search)
        layout.addLayout(bar)

        self.model = RegisterModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, state_key="documents_register", parent=self)
        self.search.clear_on_escape(self.table)
        layout.addWidget(self.table, 1)

        self.reprint_button = QPushButton(self.tr("Drukuj ponownie…"), self)
        self.reprint_button.setToolTip(
            self.tr("Ten sam dokument, odtworzony z kopii zapisanej przy wydaniu")
        )
        self.duplicate_button = QPushButton(self.tr("Drukuj duplikat…"), self)
        self.duplicate_button.setToolTip(
            self.tr("Dokument z napisem DUPLIKAT i dzisiejszą datą wydania duplikatu")
        )
        self.cancel_button = QPushButton(self.tr("Anuluj dokument…"), self)
        self.person_button = QPushButton(self.tr("Karta uczestnika"), self)
        # CIS (art. 13 ust. 5a): the certificate of a long-term unemployed or PUP-referred
        # participant goes to the PUP too; its date ends the dashboard's reminder.
        self.pup_button = QPushButton(self.tr("Przekazano do PUP…"), self)
        self.pup_button.setToolTip(
            self.tr("Zapisz datę przekazania zaświadczenia do powiatowego urzędu pracy")
        )
        self.count = QLabel(self)
        buttons = row(
            self.reprint_button,
            self.duplicate_button,
            self.cancel_button,
            self.person_button,
            self.pup_button,
        )
        buttons.addWidget(self.count)
        layout.addLayout(buttons)
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        layout.addWidget(
            note_label(
                self.tr(
                    "Numery nadaje program, kolejno w każdym roku. Anulowany dokument zostaje "
                    "w rejestrze z powodem anulowania, a jego numer nie jest używany ponownie. "
                    "Formularze dla wojewody mają własną, wewnętrzną numerację (niedrukowaną)."
                )
            )
        )

        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.kind.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.search.textChanged.connect(lambda _t: self._apply_filter())
        self.reprint_button.clicked.connect(lambda: self.reprint(duplicate=False))
        self.duplicate_button.clicked.connect(lambda: self.reprint(duplicate=True))
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.person_button.clicked.connect(self.open_person)
        self.pup_button.clicked.connect(self.record_pup)
        self.table.doubleClicked.connect(lambda _i: self.reprint(duplicate=False))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._rows: list[IssuedRow] = []
        self._years_loaded = False
        # Reprints, duplicates and cancelling are refused by the service to kadra (docs/domain.md#office).
        self.refusal = issue_refusal(ops.db.actor)
        if self.refusal:
            self.message.show_info(self.refusal)

    # -- data ---------------------------------------------------------------------------------
    def _load_years(self) -> None:
        years = sorted(
            {d.year for d in self.ops.read(lambda s: list_documents(s))} | {dt.date.today().year},
            reverse=True,
        )
        current = self.year.currentData() if self._years_loaded else dt.date.today().year
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(str(y), y)
        self.year.addItem(self.tr("wszystkie lata"), ALL_YEARS)
        index = self.year.findData(current)
        self.year.setCurrentIndex(index if index >= 0 else 0)
        self.year.blockSignals(False)
        self._years_loaded = True

    def refresh(self) -> None:
        self._load_years()
        chosen = selected_row(self.table)
        year = self.year.currentData()

        def load(s: Session) -> list[IssuedRow]:
            return list_documents(s, year=None if year == ALL_YEARS else year)

        self._rows = self.ops.read(load)
        self._apply_filter()
        if chosen is None or not self.select_document(chosen.id):
            last = self.proxy.rowCount() - 1  # the newest document: the one asked about most
            if last >= 0:
                self.table.selectRow(last)
                self.table.scrollToBottom()
        self._update_buttons()

    def _apply_filter(self) -> None:
        kind = self.kind.currentData()
        rows = [
            r
            for r in self._rows
            if kind is None or ((r.kind in CERTIFICATE_KINDS) == (kind == CERTIFICATES))
        ]
        self.model.set_rows(rows)
        self.proxy.set_text(self.search.text())
        fit_columns(self.table)
        shown = self.proxy.rowCount()
        cancelled = sum(1 for r in rows if r.cancelled_at is not None)
        text = self.tr("Pozycji: {n}").format(n=shown)
        if cancelled:
            text += self.tr(" (w tym anulowanych: {n})").format(n=cancelled)
        self.count.setText(text)
        self._update_buttons()

    def selected(self) -> IssuedRow | None:
        item = selected_row(self.table)
        return item if isinstance(item, IssuedRow) else None

    def select_document(self, document_id: int) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(ROW_ROLE).id == document_id:
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
                return True
        return False

    def _update_buttons(self) -> None:
        item = self.selected()
        live = item is not None and item.cancelled_at is None
        for button in (self.reprint_button, self.duplicate_button, self.cancel_button):
            button.setEnabled(live and not self.refusal)
            if self.refusal:
                button.setToolTip(self.refusal)
        self.person_button.setEnabled(item is not None and item.participant_id is not None)
        self.pup_button.setEnabled(
            live
            and not self.refusal
            and item is not None
            and item.pup_required
            and item.sent_to_pup_on is None
        )
        self.pup_button.setVisible(any(r.pup_required for r in self._rows))

    # -- actions ------------------------------------------------------------------------------
    def reprint(self, duplicate: bool) -> None:
        item = self.selected()
        if item is None or item.cancelled_at is not None or self.refusal:
            return
        self.message.clear_message()

        def saved(_data: Any, path: Path | None) -> None:
            if path is not None:
                text = (
                    self.tr("Duplikat dokumentu nr {number} zapisano: {path}")
                    if duplicate
                    else self.tr("Dokument nr {number} zapisano ponownie: {path}")
                )
                self.message.show_ok(text.format(number=item.number, path=path))

        reprint_document(self, self.ops, item, duplicate, on_saved=saved)

    def cancel_selected(self) -> None:
        item = self.selected()
        if item is None or item.cancelled_at is not None or self.refusal:
            return
        dialog = CancelDocumentDialog(self.ops, item, self)
        dialog.setObjectName("cancel_document_dialog")
        dialog.accepted.connect(
            lambda: self.message.show_ok(
                self.tr(
                    "Anulowano dokument nr {number}. Numer nie zostanie użyty ponownie."
                ).format(number=item.number)
            )
        )
        self.dialog = dialog
        dialog.open()

    def record_pup(self) -> None:
        item = self.selected()
        if item is None or not item.pup_required or item.sent_to_pup_on is not None:
            return
        dialog = PupSentDialog(self.ops, item, self)
        dialog.accepted.connect(
            lambda: self.message.show_ok(
                self.tr("Zapisano przekazanie zaświadczenia nr {number} do PUP.").format(
                    number=item.number
                )
            )
        )
        self.dialog = dialog
        dialog.open()

    def select_number(self, number: str, year: int) -> bool:
        """Show the year's register and select the document numbered `number`."""
        index = self.year.findData(year)
        if index >= 0 and self.year.currentIndex() != index:
            self.year.setCurrentIndex(index)  # reloads the register
        found = next((r for r in self._rows if r.number == number and r.year == year), None)
        return found is not None and self.select_document(found.id)

    def open_person(self) -> None:
        item = self.selected()
        if item is not None and item.participant_id is not None:
            self.navigate("participants", participant_id=item.participant_id)
