"""The dated rates of the świadczenie integracyjne: 120 % of the zasiłek dla bezrobotnych,
indexed every 1 June (URP art. 228); the office adds the next one here."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.rules.benefit import parse_money
from kisdesk.services import benefits
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.dates import DateEdit, format_date
from kisdesk.ui.widgets.forms import install_form_keys, note_label
from kisdesk.ui.widgets.participant_fields import FieldMessage


class RatesDialog(QDialog):
    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(self.tr("Stawki świadczenia integracyjnego"))
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        layout.addWidget(self.list)
        form = QFormLayout()
        next_june = dt.date(dt.date.today().year + (dt.date.today().month >= 6), 6, 1)
        self.start = DateEdit(next_june, self)
        self.amount = QLineEdit(self)
        self.amount.setPlaceholderText(self.tr("np. 2 200,00"))
        form.addRow(self.tr("Obowiązuje od:"), self.start)
        form.addRow(self.tr("Kwota (zł):"), self.amount)
        layout.addLayout(form)
        layout.addWidget(
            note_label(
                self.tr(
                    "120% zasiłku dla bezrobotnych (art. 15 ust. 4; art. 224 ust. 1 pkt 1 ustawy "
                    "o rynku pracy), waloryzowanego 1 czerwca (obwieszczenie ministra). Miesiąc "
                    "liczy się według stawki z jego pierwszego dnia."
                )
            )
        )
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Dodaj stawkę"), self)
        close = QPushButton(self.tr("Zamknij"), self)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add)
        close.clicked.connect(self.accept)
        # The rule of every form (F1 help): Ctrl+S adds, Ctrl+Enter adds and closes, Esc closes.
        install_form_keys(self, self.add, self.add_and_close, self.add_button)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for start, amount in self.ops.read(benefits.rates):
            self.list.addItem(
                self.tr("od {date}: {amount} zł").format(
                    date=format_date(start), amount=benefits.money_pl(amount)
                )
            )

    def add(self) -> bool:
        start = self.start.date()
        try:
            amount = parse_money(self.amount.text())
        except ValueError:
            self.message.show_error(
                self.tr("Kwota „{value}” jest niepoprawna – podaj złote i grosze.").format(
                    value=self.amount.text()
                )
            )
            return False
        if start is None:
            self.message.show_error(self.tr("Podaj datę, od której obowiązuje stawka."))
            return False

        def failed(error: KisdeskError) -> None:
            self.message.show_error(describe(error))

        done = self.ops.run(
            self,
            lambda s: benefits.set_rate(s, start, amount),
            on_error=failed,
        )
        if done:
            self.message.show_info(self.tr("Zapisano."))
            self.refresh()
        return bool(done)

    def add_and_close(self) -> None:
        if self.add():
            self.accept()
