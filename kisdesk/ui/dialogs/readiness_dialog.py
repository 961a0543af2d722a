"""Before classes start (art. 14 ust. 2): the dates of the BHP training, the medical
examination and the work clothes and footwear given, for one participation period."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import cis_duties
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.dates import DateEdit
from kisdesk.ui.widgets.forms import save_cancel_buttons
from kisdesk.ui.widgets.participant_fields import FieldMessage


class ReadinessDialog(QDialog):
    def __init__(self, ops: Ops, item: cis_duties.Readiness, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops, self.period = ops, item.participation_id
        self.setWindowTitle(self.tr("Przygotowanie do zajęć"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{item.name}</b>"))
        form = QFormLayout()
        self.bhp = DateEdit(item.bhp_training_on, self)
        self.medical = DateEdit(item.medical_exam_on, self)
        self.clothes = DateEdit(item.work_clothes_on, self)
        form.addRow(self.tr("Szkolenie BHP:"), self.bhp)
        form.addRow(self.tr("Badanie lekarskie:"), self.medical)
        form.addRow(self.tr("Odzież i obuwie robocze:"), self.clothes)
        layout.addLayout(form)
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        layout.addWidget(save_cancel_buttons(self, self.save, self.tr("Zapisz"), self.tr("Anuluj")))

    def save(self) -> None:
        dates = (self.bhp.date(), self.medical.date(), self.clothes.date())

        def failed(error: KisdeskError) -> None:
            self.message.show_error(describe(error))

        if self.ops.run(
            self,
            lambda s: cis_duties.set_readiness(s, self.period, *dates),
            on_error=failed,
        ):
            self.accept()
