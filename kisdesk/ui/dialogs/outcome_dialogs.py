"""Dialogs for what happened after a period (docs/outcomes.md): the outcome, and one
follow-up contact recorded in a few keys (date, working / not working / no contact, the kind
when working)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from kisdesk.messages.outcomes import OUTCOME_LABELS, RESULT_LABELS
from kisdesk.rules.outcomes import OUTCOME_KINDS, WORKING_KINDS
from kisdesk.services import outcomes
from kisdesk.services.outcomes import FollowUpRow, PeriodOutcome
from kisdesk.ui.dialogs.period_dialog import _PeriodBase
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.participant_fields import CodeCombo, OptionalDateEdit
from kisdesk.ui.widgets.participant_labels import fmt_date


class OutcomeDialog(_PeriodBase):
    """The outcome of an ended period: kind, since when, a note."""

    def __init__(self, ops: Ops, outcome: PeriodOutcome, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.outcome = outcome
        self.setWindowTitle(self.tr("Wynik po zakończeniu uczestnictwa"))
        intro = QLabel(
            self.tr(
                "Co osoba robi po zakończeniu uczestnictwa ({end}). Wynik liczy się "
                "w sprawozdaniu rocznym za rok zakończenia, także gdy zapiszesz go później."
            ).format(end=fmt_date(outcome.end_on))
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.kind = CodeCombo({k: OUTCOME_LABELS[k] for k in OUTCOME_KINDS}, self)
        self.kind.set_code(outcome.kind or "unknown")
        self.form.addRow(self.tr("Wynik *"), self.kind)
        self.on = OptionalDateEdit(self, default=outcome.on or outcome.end_on)
        self.on.set_date(outcome.on)
        self.form.addRow(self.tr("Od kiedy"), self.on)
        self.note = QLineEdit(outcome.note, self)
        self.note.setPlaceholderText(self.tr("np. pracodawca, szkoła, nazwa spółdzielni"))
        self.form.addRow(self.tr("Uwagi"), self.note)
        self.finish_layout()

    def save(self) -> None:
        if not self.dates_ok(self.on):
            return
        pid, kind, on, note = self.outcome.participation_id, self.kind.code(), self.on.date(), ""
        note = self.note.text()
        done = self.ops.run(
            self,
            lambda s: outcomes.set_outcome(s, pid, kind, on, note),
            on_error=self.show_error,
        )
        if done:
            self.accept()


class FollowUpDialog(_PeriodBase):
    """One contact: the day, the result, and the kind of work when working."""

    def __init__(
        self,
        ops: Ops,
        row: FollowUpRow,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.row = row
        self.setWindowTitle(self.tr("Kontakt kontrolny – {name}").format(name=row.name))
        intro = QLabel(
            self.tr(
                "{name}, tel. {phone}. Kontakt po {n} mies. od zakończenia ({end}), "
                "termin {due}."
            ).format(
                name=row.name,
                phone=row.phone or self.tr("brak"),
                n=row.checkpoint_months,
                end=fmt_date(row.end_on),
                due=fmt_date(row.due),
            )
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.on = OptionalDateEdit(self, optional=False, default=today or dt.date.today())
        if row.contacted_on:
            self.on.set_date(row.contacted_on)
        self.form.addRow(self.tr("Data kontaktu *"), self.on)
        self.results = QButtonGroup(self)
        box = QWidget(self)
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        self.result_buttons: dict[str, QRadioButton] = {}
        for code, label in RESULT_LABELS.items():
            button = QRadioButton(label, box)
            self.results.addButton(button)
            self.result_buttons[code] = button
            line.addWidget(button)
            button.toggled.connect(lambda _on: self._update_kind())
        line.addStretch(1)
        self.form.addRow(self.tr("Wynik *"), box)
        working = [k for k in OUTCOME_KINDS if k in WORKING_KINDS]
        self.kind = CodeCombo({k: OUTCOME_LABELS[k] for k in working}, self)
        self.kind.set_code(row.kind or "employment")
        self.form.addRow(self.tr("Rodzaj pracy"), self.kind)
        self.note = QLineEdit(row.note, self)
        self.form.addRow(self.tr("Uwagi"), self.note)
        if row.result in self.result_buttons:
            self.result_buttons[row.result].setChecked(True)
        self._update_kind()
        self.finish_layout()

    def _update_kind(self) -> None:
        self.kind.setEnabled(self.result() == "working")
        if self.result():
            self.error.clear_message()

    def result(self) -> str:
        return next((c for c, b in self.result_buttons.items() if b.isChecked()), "")

    def save(self) -> None:
        result = self.result()
        if not result:
            self.error.show_error(
                self.tr("Zaznacz wynik: pracuje, nie pracuje albo brak kontaktu.")
            )
            return
        if not self.dates_ok(self.on):
            return
        on = self.on.date()
        assert on is not None
        kind = self.kind.code() if result == "working" else None
        fid, note = self.row.id, self.note.text()
        done = self.ops.run(
            self,
            lambda s: outcomes.record_followup(s, fid, on, result, kind, note),
            on_error=self.show_error,
        )
        if done:
            self.accept()
