"""The first sheet of the contract window: the kontrakt socjalny (KIS, art. 18 ust. 4) or the
IPZS (CIS, art. 12–13) itself, its number, dates, the ośrodek and worker, and its state
(docs/domain.md#kontrakt-ipzs)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from kisdesk.messages import describe
from kisdesk.services import contracts
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.participant_fields import CodeCombo, OptionalDateEdit
from kisdesk.ui.widgets.participant_labels import contract_statuses


class ContractSheet(QGroupBox):
    """The contract's own fields and its Save button."""

    saved = Signal(str)  # what was written, for the window's message line
    failed = Signal(str)  # why nothing was written

    def __init__(
        self, ops: Ops, period_id: int, cis: bool, may_edit: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(
            self.tr("Indywidualny program zatrudnienia socjalnego (art. 12–13 ustawy)")
            if cis
            else self.tr("Kontrakt socjalny (art. 18 ust. 4 ustawy – warunek uczestnictwa)")
        )
        self.ops, self.period_id = ops, period_id
        self.view: contracts.ContractView | None = None
        form = QFormLayout(self)
        self.number = QLineEdit(self)
        self.signed_on = OptionalDateEdit(self)
        self.institution = QLineEdit(self)
        self.institution.setPlaceholderText(self.tr("np. GOPS w Zawoni"))
        self.worker = QLineEdit(self)
        self.from_on, self.to_on = OptionalDateEdit(self), OptionalDateEdit(self)
        span = QWidget(self)
        row = QHBoxLayout(span)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("od")))
        row.addWidget(self.from_on)
        row.addWidget(QLabel(self.tr("do")))
        row.addWidget(self.to_on)
        row.addStretch(1)
        self.status = CodeCombo(contract_statuses(), self)
        self.status_on = OptionalDateEdit(self, today_button=True)
        form.addRow(self.tr("Numer"), self.number)
        form.addRow(self.tr("Data zawarcia"), self.signed_on)
        form.addRow(self.tr("Ośrodek pomocy społecznej"), self.institution)
        form.addRow(self.tr("Pracownik socjalny"), self.worker)
        form.addRow(self.tr("Okres obowiązywania"), span)
        form.addRow(self.tr("Stan"), self.status)
        form.addRow(self.tr("Data stanu"), self.status_on)
        self.save_button = QPushButton(self.tr("Zapisz kontrakt"), self)
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(may_edit)
        form.addRow("", self.save_button)

    def fill(self, view: contracts.ContractView | None) -> None:
        """The fields as saved; left as typed while there is no contract yet."""
        self.view = view
        if view is None:
            return
        self.number.setText(view.number)
        self.signed_on.set_date(view.signed_on)
        self.institution.setText(view.institution)
        self.worker.setText(view.social_worker)
        self.from_on.set_date(view.from_on)
        self.to_on.set_date(view.to_on)
        self.status.set_code(view.status)
        self.status_on.set_date(view.status_on)

    def save(self) -> bool:
        pid = self.period_id
        data = contracts.ContractData(
            number=self.number.text(),
            signed_on=self.signed_on.date(),
            from_on=self.from_on.date(),
            to_on=self.to_on.date(),
            institution=self.institution.text(),
            social_worker=self.worker.text(),
            status=self.status.code() or "in_progress",
            status_on=self.status_on.date(),
        )
        version = self.view.version if self.view is not None else None
        done = self.ops.run(
            self,
            lambda s: contracts.set_contract(s, pid, data, version),
            on_error=lambda error: self.failed.emit(describe(error)),
        )
        if done:
            self.saved.emit(self.tr("Zapisano kontrakt."))
        return bool(done)
