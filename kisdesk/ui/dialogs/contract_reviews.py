"""The reviews sheet of the contract window: the reviews held, with progress per goal, and the
planned dates not held yet (docs/participant-path.md)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kisdesk.rules.reviews import OVERDUE, PlannedState
from kisdesk.services import contracts
from kisdesk.services.reviews import ReviewRow
from kisdesk.services.settings import get_setting
from kisdesk.ui.dialogs.review_dialog import ReviewDialog, ReviewModel, review_lines
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.participant_fields import INFO_STYLE
from kisdesk.ui.widgets.participant_labels import fmt_date
from kisdesk.ui.widgets.table import fit_columns, make_table


class ReviewsSheet(QGroupBox):
    """Reviews held and planned; a held one is corrected with Popraw… or a double click."""

    saved = Signal(str)  # what was written, for the window's message line

    def __init__(
        self, ops: Ops, period_id: int, may_edit: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Przeglądy realizacji"))
        self.ops, self.period_id, self.may_edit = ops, period_id, may_edit
        self.goals: list[contracts.GoalRow] = []
        self.has_contract = False
        self.overdue: list[dt.date] = []
        review_layout = QVBoxLayout(self)
        self.plan_label = QLabel(self)
        self.plan_label.setWordWrap(True)
        self.plan_label.setStyleSheet(INFO_STYLE)
        review_layout.addWidget(self.plan_label)
        self.review_model = ReviewModel(self)
        self.review_table = make_table(self.review_model, "contract_reviews", self, sortable=False)
        self.review_table.doubleClicked.connect(lambda _i: self.correct_review())
        review_layout.addWidget(self.review_table)
        review_buttons = QHBoxLayout()
        self.review_button = QPushButton(self.tr("Dodaj przegląd…"), self)
        self.review_button.clicked.connect(self.add_review)
        self.correct_button = QPushButton(self.tr("Popraw…"), self)
        self.correct_button.setToolTip(self.tr("Popraw zaznaczony przegląd (także dwuklik)"))
        self.correct_button.clicked.connect(self.correct_review)
        review_buttons.addWidget(self.review_button)
        review_buttons.addWidget(self.correct_button)
        review_buttons.addStretch(1)
        review_layout.addLayout(review_buttons)
        self.review_dialog: ReviewDialog | None = None
        self.review_table.selectionModel().currentRowChanged.connect(
            lambda *_a: self._update_review_buttons()
        )

    def fill(
        self,
        view: contracts.ContractView | None,
        held: list[ReviewRow],
        plan: list[PlannedState],
    ) -> None:
        self.has_contract = view is not None
        self.goals = list(view.goals) if view else []
        self.review_model.goal_names = {g.id: self.tr("cel {n}").format(n=g.id) for g in self.goals}
        self.review_model.goal_texts = {g.id: f"{g.id}. {g.text}" for g in self.goals}
        self.review_model.set_rows(review_lines(held, plan))
        fit_columns(self.review_table, force=True)
        self.overdue = [p.planned_on for p in plan if p.state == OVERDUE]
        self.plan_label.setText(
            self.tr("Przeglądy planowane co {n} mies. od początku okresu: {dates}.").format(
                n=self.ops.read(lambda s: get_setting(s, "plan_review_months")),
                dates=", ".join(fmt_date(p.planned_on) for p in plan) or "—",
            )
        )
        self._update_review_buttons()

    def _update_review_buttons(self) -> None:
        line = self.review_model.row_at(self.review_table.currentIndex())
        self.review_button.setEnabled(self.may_edit and self.has_contract)
        self.correct_button.setEnabled(
            self.may_edit and line is not None and line.review is not None
        )

    def _open_review(self, review: ReviewRow | None) -> None:
        dialog = ReviewDialog(self.ops, self.period_id, self.goals, review, self)
        self.review_dialog = dialog

        def saved() -> None:
            self.saved.emit(
                self.tr("Poprawiono przegląd z {d}.").format(d=fmt_date(dialog.held_on.date()))
                if review is not None
                else self.tr("Zapisano przegląd z {d}.").format(d=fmt_date(dialog.held_on.date()))
            )
            self._select_review(dialog.saved_id)

        dialog.accepted.connect(saved)
        dialog.open()

    def _select_review(self, review_id: int | None) -> None:
        for row, line in enumerate(self.review_model.rows()):
            if line.review is not None and line.review.id == review_id:
                self.review_table.selectRow(row)

    def add_review(self) -> None:
        if self.may_edit and self.has_contract:
            self._open_review(None)

    def correct_review(self) -> None:
        line = self.review_model.row_at(self.review_table.currentIndex())
        if self.may_edit and line is not None and line.review is not None:
            self._open_review(line.review)
