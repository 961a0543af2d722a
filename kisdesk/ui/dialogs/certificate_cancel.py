"""Cancelling an issued document with a reason (docs/domain.md#participants: its number is never reused)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.messages.documents import document_kinds
from kisdesk.services import documents
from kisdesk.services.documents import IssuedRow
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.participant_fields import FieldMessage
from kisdesk.ui.widgets.participant_labels import fmt_date


class CancelDocumentDialog(QDialog):
    """The reason, a plain warning that the number stays taken, then "Anuluj dokument"."""

    def __init__(self, ops: Ops, row: IssuedRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.row = row
        self.cancelled: IssuedRow | None = None
        self.setWindowTitle(self.tr("Anulowanie dokumentu nr {number}").format(number=row.number))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("Numer"), QLabel(f"<b>{row.number}</b>"))
        form.addRow(self.tr("Rodzaj"), QLabel(document_kinds().get(row.kind, row.kind)))
        if row.person_name:
            form.addRow(self.tr("Osoba"), QLabel(row.person_name))
        form.addRow(self.tr("Data wydania"), QLabel(fmt_date(row.issued_on)))
        layout.addLayout(form)
        warning = QLabel(
            self.tr(
                "Anulowanie jest ostateczne. Numer {number} nie zostanie użyty ponownie – "
                "następny dokument dostanie kolejny numer z rejestru. Wpis zostaje w rejestrze "
                "z powodem anulowania, a anulowanego dokumentu nie można już drukować. "
                "Jeśli trzeba, wystaw potem nowe zaświadczenie (z nowym numerem)."
            ).format(number=row.number),
            self,
        )
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #8a3a00;")
        layout.addWidget(warning)
        layout.addWidget(QLabel(self.tr("Powód anulowania *"), self))
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("np. błąd w dacie zakończenia uczestnictwa"))
        self.reason.setFixedHeight(self.fontMetrics().height() * 4)
        layout.addWidget(self.reason)
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.cancel_button = buttons.addButton(
            self.tr("Anuluj dokument"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        back = buttons.addButton(self.tr("Wróć"), QDialogButtonBox.ButtonRole.RejectRole)
        back.setDefault(True)
        self.cancel_button.setAutoDefault(False)
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def confirm(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.message.show_error(self.tr("Podaj powód anulowania."))
            self.reason.setFocus()
            return
        document_id = self.row.id
        result = self.ops.run(
            self,
            lambda s: documents.cancel(s, document_id, reason),
            on_error=self.show_error,
        )
        if result:
            self.cancelled = result.value
            self.accept()

    def show_error(self, error: KisdeskError) -> None:
        self.message.show_error(describe(error))
