"""The goals sheet of the contract window: the contract's goals with the actions agreed for
each, and its annexes (aneksy, art. 13 ust. 3) (docs/domain.md#kontrakt-ipzs)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QGroupBox, QPushButton, QVBoxLayout, QWidget

from kisdesk.services import contracts
from kisdesk.ui.dialogs.contract_forms import AnnexDialog, AnnexModel, GoalDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.table_models.base import Column, RowTableModel
from kisdesk.ui.widgets.participant_labels import activity_areas, fmt_date, goal_statuses
from kisdesk.ui.widgets.table import fit_columns, make_table


class GoalModel(RowTableModel[contracts.GoalRow]):
    def __init__(self, parent: QWidget | None = None) -> None:
        areas, states = activity_areas(), goal_statuses()
        super().__init__(
            [
                Column(self.tr("Nr"), lambda g: g.id),
                Column(self.tr("Cel"), lambda g: g.text, tooltip=lambda g: g.text),
                Column(self.tr("Stan"), lambda g: states.get(g.status, g.status)),
                Column(self.tr("Termin"), lambda g: fmt_date(g.due_on) or "—"),
                Column(self.tr("Odpowiada"), lambda g: g.responsible or "—"),
                Column(self.tr("Obszar"), lambda g: areas.get(g.area, "—")),
                Column(
                    self.tr("Uzgodnione działania"),
                    lambda g: g.actions or "—",
                    tooltip=lambda g: g.actions or None,
                ),
            ],
            parent,
        )


class GoalsSheet(QWidget):
    """Goals over annexes; both are added only once the contract is saved."""

    saved = Signal(str)  # what was written, for the window's message line

    def __init__(
        self, ops: Ops, period_id: int, may_edit: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops, self.period_id, self.may_edit = ops, period_id, may_edit
        self.has_contract = False
        layout = QVBoxLayout(self)
        goals = QGroupBox(self.tr("Cele i uzgodnione działania"), self)
        goals_layout = QVBoxLayout(goals)
        self.goal_model = GoalModel(self)
        self.goal_table = make_table(self.goal_model, "contract_goals", goals, sortable=False)
        goals_layout.addWidget(self.goal_table)
        self.goal_button = QPushButton(self.tr("Dodaj cel…"), goals)
        self.goal_button.clicked.connect(self.add_goal)
        goals_layout.addWidget(self.goal_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(goals, 2)
        annexes = QGroupBox(self.tr("Aneksy (zmiany, art. 13 ust. 3 ustawy)"), self)
        annex_layout = QVBoxLayout(annexes)
        self.annex_model = AnnexModel(self)
        self.annex_table = make_table(self.annex_model, "contract_annexes", annexes, sortable=False)
        annex_layout.addWidget(self.annex_table)
        self.annex_button = QPushButton(self.tr("Dodaj aneks…"), annexes)
        self.annex_button.clicked.connect(self.add_annex)
        annex_layout.addWidget(self.annex_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(annexes, 1)
        for button in (self.goal_button, self.annex_button):
            button.setEnabled(may_edit)
        self.form_dialog: QDialog | None = None

    def fill(self, view: contracts.ContractView | None) -> None:
        self.goal_model.set_rows(list(view.goals) if view else [])
        fit_columns(self.goal_table, force=True)
        self.has_contract = view is not None
        self.goal_button.setEnabled(self.may_edit and self.has_contract)
        self.annex_button.setEnabled(self.may_edit and self.has_contract)
        self.annex_model.set_rows(list(view.annexes) if view else [])
        fit_columns(self.annex_table, force=True)

    def _open_form(self, dialog: QDialog, done: str) -> None:
        self.form_dialog = dialog
        dialog.accepted.connect(lambda: self.saved.emit(done))
        dialog.open()

    def add_goal(self) -> None:
        if self.may_edit and self.has_contract:
            self._open_form(GoalDialog(self.ops, self.period_id, self), self.tr("Dodano cel."))

    def add_annex(self) -> None:
        if self.may_edit and self.has_contract:
            self._open_form(AnnexDialog(self.ops, self.period_id, self), self.tr("Zapisano aneks."))
