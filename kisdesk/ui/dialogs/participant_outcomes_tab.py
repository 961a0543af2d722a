"""The participant's card, "Po zakończeniu": each ended period's outcome and its follow-up
contacts (docs/outcomes.md), with the outcome changed and a contact recorded from here."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kisdesk.messages.outcomes import OUTCOME_LABELS
from kisdesk.services.outcomes import PeriodOutcome, outcomes_of
from kisdesk.ui.dialogs.outcome_dialogs import FollowUpDialog, OutcomeDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.table_models.base import Column, RowTableModel, format_date
from kisdesk.ui.table_models.dashboard import end_reason_text
from kisdesk.ui.table_models.outcomes import FollowUpHistoryModel
from kisdesk.ui.widgets.participant_fields import INFO_STYLE
from kisdesk.ui.widgets.table import fit_columns, make_table


class OutcomeModel(RowTableModel[PeriodOutcome]):
    """Ended periods: the end, its reason, and what came after."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.columns = (
            Column(self.tr("Zakończenie"), lambda o: format_date(o.end_on), lambda o: o.end_on),
            Column(self.tr("Przyczyna"), lambda o: end_reason_text(o.end_reason)),
            Column(self.tr("Wynik po zakończeniu"), lambda o: OUTCOME_LABELS.get(o.kind or "", "")),
            Column(self.tr("Od kiedy"), lambda o: format_date(o.on), lambda o: o.on),
            Column(self.tr("Uwagi"), lambda o: o.note),
        )


class OutcomesTab(QWidget):
    def __init__(
        self, ops: Ops, participant_id: int, may_edit: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.participant_id = participant_id
        self.may_edit = may_edit
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        self.model = OutcomeModel(self)
        self.table = make_table(self.model, "participant_outcomes", self, sortable=False)
        self.table.doubleClicked.connect(lambda _i: self.edit_outcome())
        layout.addWidget(self.table, 2)
        self.followups_label = QLabel(self.tr("Kontakty kontrolne wybranego okresu"))
        layout.addWidget(self.followups_label)
        self.followups = FollowUpHistoryModel(self)
        self.followup_table = make_table(
            self.followups, "participant_followups", self, sortable=False
        )
        self.followup_table.doubleClicked.connect(lambda _i: self.record_contact())
        layout.addWidget(self.followup_table, 2)
        buttons = QHBoxLayout()
        self.outcome_button = QPushButton(self.tr("Zmień wynik…"), self)
        self.contact_button = QPushButton(self.tr("Zapisz kontakt…"), self)
        self.outcome_button.clicked.connect(self.edit_outcome)
        self.contact_button.clicked.connect(self.record_contact)
        buttons.addWidget(self.outcome_button)
        buttons.addWidget(self.contact_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.empty = QLabel(
            self.tr(
                "Wynik i kontakty kontrolne pojawiają się po zakończeniu okresu uczestnictwa. "
                "Wynik wypełnia się z przyczyny zakończenia; można go zmienić, a kontakt "
                "„pracuje” zmienia go sam."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(INFO_STYLE)
        layout.addWidget(self.empty)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_selected())
        self.followup_table.selectionModel().currentRowChanged.connect(
            lambda *_a: self._update_buttons()
        )

    def reload(self) -> None:
        pid = self.participant_id
        chosen = self.selected()
        rows = [o for o in self.ops.read(lambda s: outcomes_of(s, pid)) if o.end_on is not None]
        self.model.set_rows(rows)
        fit_columns(self.table, force=True)
        if rows:
            ids = [o.participation_id for o in rows]
            keep = chosen.participation_id if chosen is not None else None
            self.table.selectRow(ids.index(keep) if keep in ids else len(rows) - 1)
        self.empty.setVisible(not rows)
        self._show_selected()

    def selected(self) -> PeriodOutcome | None:
        return self.model.row_at(self.table.currentIndex())

    def _show_selected(self) -> None:
        outcome = self.selected()
        self.followups.set_rows(list(outcome.followups) if outcome is not None else [])
        fit_columns(self.followup_table, force=True)
        first_open = next((i for i, f in enumerate(self.followups.rows()) if not f.done), None)
        if first_open is not None:
            self.followup_table.selectRow(first_open)
        self._update_buttons()

    def _update_buttons(self) -> None:
        outcome = self.selected()
        self.outcome_button.setEnabled(self.may_edit and outcome is not None)
        contact = self.followups.row_at(self.followup_table.currentIndex())
        self.contact_button.setEnabled(self.may_edit and contact is not None)

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(self.reload)
        dialog.open()

    def edit_outcome(self) -> None:
        outcome = self.selected()
        if outcome is not None and self.may_edit:
            self._show(OutcomeDialog(self.ops, outcome, self))

    def record_contact(self) -> None:
        contact = self.followups.row_at(self.followup_table.currentIndex())
        if contact is not None and self.may_edit:
            self._show(FollowUpDialog(self.ops, contact, self))
