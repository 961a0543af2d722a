"""Read-mostly parts of the participant form: periods (with their actions), hours, documents.
The RODO parts (restriction banner, information clause) are in participant_rodo.py."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.rules.graduate import GraduateStatus
from kisdesk.services import rodo
from kisdesk.services.graduates import graduate_check
from kisdesk.services.participant_history import documents_of, month_history
from kisdesk.services.participations import PeriodRow, periods_of
from kisdesk.services.settings import where_to_change
from kisdesk.ui.dialogs.period_dialog import (
    PeriodDialog,
    certificate_refusal,
    end_participation,
)
from kisdesk.ui.ops import Ops
from kisdesk.ui.table_models.participant_history import (
    DocumentModel,
    MonthHoursModel,
    PeriodModel,
)
from kisdesk.ui.widgets.participant_fields import INFO_STYLE
from kisdesk.ui.widgets.table import fit_columns, make_table


class PeriodsTab(QWidget):
    """Participation periods with: new period, edit, end with a reason."""

    def __init__(
        self,
        ops: Ops,
        participant_id: int,
        cis: bool,
        programme_months: int,
        may_edit: bool,
        parent: QWidget | None = None,
        graduate_months: int = 6,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.participant_id = participant_id
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        self.model = PeriodModel(self, cis, programme_months, graduate_months)
        self.table = make_table(self.model, "participant_periods", self, sortable=False)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("Nowy okres…"), self)
        self.edit_button = QPushButton(self.tr("Edytuj…"), self)
        self.end_button = QPushButton(self.tr("Zakończ uczestnictwo…"), self)
        for button in (self.new_button, self.edit_button, self.end_button):
            button.setEnabled(may_edit)
            buttons.addWidget(button)
        # The kontrakt/IPZS belongs to the period (docs/domain.md#kontrakt-ipzs): opened from the period.
        self.contract_button = QPushButton(
            self.tr("IPZS…") if cis else self.tr("Kontrakt socjalny…"), self
        )
        self.contract_button.setToolTip(
            self.tr("Kontrakt / IPZS okresu: cele, przeglądy i warunki statusu absolwenta")
        )
        self.contract_button.clicked.connect(self.open_contract)
        buttons.addWidget(self.contract_button)
        self.cis = cis
        buttons.addStretch(1)
        # Certificates are issued where the period is (docs/domain.md#documents); the dialog checks
        # the end of participation and graduate eligibility itself. Who may not issue one
        # (kadra), or a restricted record, is not offered the button (`certificate_refusal`).
        self.certificate_button = QPushButton(self.tr("Wystaw zaświadczenie…"), self)
        self.restricted = False
        buttons.addWidget(self.certificate_button)
        layout.addLayout(buttons)
        hint = QLabel(
            self.tr(
                "Powracająca osoba dostaje nowy okres uczestnictwa; okresy nie sumują się "
                "przy statusie absolwenta."
            )
        )
        hint.setStyleSheet(INFO_STYLE)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.new_button.clicked.connect(self.new_period)
        self.edit_button.clicked.connect(self.edit_selected)
        self.end_button.clicked.connect(self.end_selected)
        self.certificate_button.clicked.connect(self.issue_certificate)
        self.may_edit = may_edit
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.reload()

    def reload(self) -> None:
        pid = self.participant_id
        today = dt.date.today()

        def read(s: Session) -> tuple[list[PeriodRow], bool, dict[int, GraduateStatus]]:
            periods = periods_of(s, pid)
            statuses = {
                p.id: graduate_check(s, p.id, today).status for p in periods if p.start_on <= today
            }
            return periods, rodo.is_restricted(s, pid), statuses

        rows, self.restricted, self.model.statuses = self.ops.read(read)
        self.model.set_rows(rows)
        fit_columns(self.table, force=True)
        running = [i for i, p in enumerate(self.model.rows()) if p.end_on is None]
        if self.model.rows():
            self.table.selectRow(running[-1] if running else len(self.model.rows()) - 1)
        self._update_buttons()

    def selected(self) -> PeriodRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index)

    def _update_buttons(self) -> None:
        period = self.selected()
        # One period at a time: a new one only after the running one has ended.
        running = any(p.end_on is None for p in self.model.rows())
        self.new_button.setEnabled(self.may_edit and not running)
        self.new_button.setToolTip(
            self.tr("Najpierw zakończ trwający okres uczestnictwa.") if running else ""
        )
        self.edit_button.setEnabled(self.may_edit and period is not None)
        self.end_button.setEnabled(self.may_edit and period is not None and period.end_on is None)
        self.contract_button.setEnabled(period is not None)
        refusal = self.certificate_refusal()
        self.certificate_button.setEnabled(period is not None and not refusal)
        self.certificate_button.setToolTip(
            refusal
            or self.tr("Zaświadczenie o zakończeniu uczestnictwa albo o statusie absolwenta")
        )

    def certificate_refusal(self) -> str:
        """Why no certificate can be issued here, or "" (kadra, a restricted record)."""
        return certificate_refusal(self.ops.db.actor, self.restricted)

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(self.reload)
        dialog.open()

    def issue_certificate(self) -> None:
        from kisdesk.ui.dialogs.certificate import issue_certificate_for

        period = self.selected()
        if period is not None and not self.certificate_refusal():
            self.dialog = issue_certificate_for(self, self.ops, period.id)

    def open_contract(self, sheet: str | None = None) -> None:
        """The selected period's kontrakt/IPZS; `sheet` ("goals", "reviews", "decisions")
        shows that sheet first (the dashboard's to-dos lead there)."""
        from kisdesk.ui.dialogs.contract_dialog import ContractDialog

        period = self.selected()
        if period is not None:
            dialog = ContractDialog(self.ops, period, self.cis, self.may_edit, self)
            self._show(dialog)
            dialog.show_sheet(sheet)
            dialog.finished.connect(lambda _r: self.reload())

    def select_period(self, participation_id: int) -> bool:
        for row, period in enumerate(self.model.rows()):
            if period.id == participation_id:
                self.table.selectRow(row)
                return True
        return False

    def new_period(self) -> None:
        self._show(PeriodDialog(self.ops, self.participant_id, None, self))

    def edit_selected(self) -> None:
        period = self.selected()
        if period is not None and self.may_edit:
            self._show(PeriodDialog(self.ops, self.participant_id, period, self))

    def end_selected(self) -> None:
        period = self.selected()
        if period is not None and period.end_on is None and self.may_edit:
            # the ending, then its certificate (art. 18 ust. 5a) unless unticked: the same
            # step as from the participants list (period_dialog.end_participation)
            ending = end_participation(
                self, self.ops, period, self.certificate_refusal(), self._keep
            )
            ending.accepted.connect(self.reload)

    def _keep(self, dialog: QDialog) -> None:
        self.dialog = dialog


class HoursTab(QWidget):
    """Attended vs required hours per month (docs/domain.md#hours-minimum)."""

    def __init__(
        self, ops: Ops, participant_id: int, hour_minutes: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.participant_id = participant_id
        layout = QVBoxLayout(self)
        self.model = MonthHoursModel(self, hour_minutes=hour_minutes)
        self.table = make_table(self.model, "participant_hours", self, sortable=False)
        layout.addWidget(self.table)
        hint = QLabel(
            self.tr(
                "Godziny dydaktyczne po {n} min; „Zaplanowane” obejmuje też zajęcia, które jeszcze się "
                "nie odbyły. Wymagane minimum miesięczne wynika ze standardu "
                "KIS i regulaminu ({where}), proporcjonalnie do dni roboczych uczestnictwa. "
                "Nieobecność usprawiedliwiona też nie daje godzin."
            ).format(n=hour_minutes, where=where_to_change("monthly_minimum_hours"))
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(INFO_STYLE)
        layout.addWidget(hint)

    def reload(self) -> None:
        pid = self.participant_id
        self.model.set_rows(self.ops.read(lambda s: month_history(s, pid)))
        fit_columns(self.table, force=True)


class DocumentsTab(QWidget):
    def __init__(self, ops: Ops, participant_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.participant_id = participant_id
        layout = QVBoxLayout(self)
        self.model = DocumentModel(self)
        self.table = make_table(self.model, "participant_documents", self, sortable=False)
        layout.addWidget(self.table)
        self.empty = QLabel(self.tr("Tej osobie nie wydano jeszcze żadnego dokumentu."))
        self.empty.setStyleSheet(INFO_STYLE)
        layout.addWidget(self.empty)

    def reload(self) -> None:
        pid = self.participant_id
        self.model.set_rows(self.ops.read(lambda s: documents_of(s, pid)))
        fit_columns(self.table, force=True)
        self.empty.setVisible(not self.model.rows())
