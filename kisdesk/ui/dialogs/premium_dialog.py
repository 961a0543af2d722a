"""The motivational premium of a month (art. 15a): the amount and the head's reason."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kisdesk.errors import ValidationError
from kisdesk.rules.benefit import parse_money
from kisdesk.services import benefits
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.forms import note_label, save_cancel_buttons
from kisdesk.ui.widgets.participant_fields import FieldMessage


class PremiumDialog(QDialog):
    def __init__(
        self,
        ops: Ops,
        participant_id: int,
        name: str,
        year: int,
        month: int,
        current: Decimal,
        reason: str,
        rate: Decimal,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops, self.participant_id, self.year, self.month = ops, participant_id, year, month
        self.setWindowTitle(self.tr("Premia motywacyjna"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{name}</b> – {month:02d}.{year}"))
        form = QFormLayout()
        self.amount = QLineEdit(f"{current:.2f}".replace(".", ","), self)
        self.reason = QLineEdit(reason, self)
        self.reason.setPlaceholderText(self.tr("np. aktywna postawa, postępy w reintegracji"))
        form.addRow(self.tr("Kwota (zł):"), self.amount)
        form.addRow(self.tr("Uzasadnienie:"), self.reason)
        layout.addLayout(form)
        layout.addWidget(
            note_label(
                self.tr(
                    "Art. 15a: premię przyznaje kierownik za aktywną postawę i postępy, tylko w "
                    "okresie uczestnictwa (nie w okresie próbnym), najwyżej 100% świadczenia "
                    "({rate} zł). Wypłacana ze środków własnych CIS, bez refundacji. Kwota 0 "
                    "cofa premię."
                ).format(rate=benefits.money_pl(rate))
            )
        )
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        layout.addWidget(save_cancel_buttons(self, self.save, self.tr("Zapisz"), self.tr("Anuluj")))

    def save(self) -> None:
        try:
            amount = parse_money(self.amount.text())
        except ValueError:
            self.message.show_error(
                self.tr(
                    "Kwota „{value}” jest niepoprawna – podaj złote i grosze, np. 250,00."
                ).format(value=self.amount.text())
            )
            return
        reason = self.reason.text()

        def work(s):  # type: ignore[no-untyped-def]
            return benefits.set_premium(
                s, self.participant_id, self.year, self.month, amount, reason
            )

        def failed(error: ValidationError) -> None:
            from kisdesk.messages import describe

            self.message.show_error(describe(error))

        if self.ops.run(self, work, on_error=failed):
            self.accept()
