"""The CIS head's decisions on an IPZS, the last sheet of the contract window: qualified or
not after the trial month (art. 15 ust. 2) and the end of the IPZS (art. 13 ust. 4–4b), each
printed as its letter when saved."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from kisdesk.messages import describe
from kisdesk.services import contracts, reviews
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.participant_fields import INFO_STYLE, CodeCombo, OptionalDateEdit
from kisdesk.ui.widgets.participant_labels import fmt_date


class DecisionsSheet(QGroupBox):
    """What the head decided, and the two decisions with their dates."""

    saved = Signal(str)  # what was written, for the window's message line
    failed = Signal(str)  # why nothing was written

    def __init__(
        self, ops: Ops, period_id: int, may_edit: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Decyzje kierownika Centrum"))
        self.ops, self.period_id = ops, period_id
        dform = QFormLayout(self)
        self.trial_decision = CodeCombo(
            {
                "qualified": self.tr("zakwalifikowany(-a) po okresie próbnym"),
                "not_qualified": self.tr("niezakwalifikowany(-a)"),
            },
            self,
        )
        self.trial_on = OptionalDateEdit(self, today_button=True)
        self.trial_button = QPushButton(self.tr("Zapisz i drukuj zawiadomienie OPS…"))
        self.trial_button.clicked.connect(self.save_trial)
        self.decided = QLabel(self)
        self.decided.setWordWrap(True)
        self.decided.setStyleSheet(INFO_STYLE)
        dform.addRow(self.decided)
        dform.addRow(self.tr("Po okresie próbnym (art. 15 ust. 2)"), self.trial_decision)
        dform.addRow(self.tr("Data decyzji"), self.trial_on)
        dform.addRow("", self.trial_button)
        self.end_ground = CodeCombo(
            {
                "breach": self.tr("uporczywe naruszanie programu (decyzja)"),
                "leaving": self.tr("trwałe opuszczenie zajęć (decyzja)"),
                "statement": self.tr("oświadczenie uczestnika"),
            },
            self,
        )
        self.end_on = OptionalDateEdit(self, today_button=True)
        self.end_reason = QLineEdit(self)
        self.end_reason.setPlaceholderText(self.tr("Uzasadnienie decyzji"))
        self.end_button = QPushButton(self.tr("Zakończ IPZS i drukuj decyzję…"))
        self.end_button.clicked.connect(self.end_ipzs)
        dform.addRow(self.tr("Zakończenie IPZS (art. 13 ust. 4)"), self.end_ground)
        dform.addRow(self.tr("Z dniem"), self.end_on)
        dform.addRow(self.tr("Uzasadnienie"), self.end_reason)
        dform.addRow("", self.end_button)
        for widget in (self.trial_button, self.end_button):
            widget.setEnabled(may_edit)

    def fill(self, view: contracts.ContractView | None) -> None:
        if view is not None and view.trial_decision:
            self.trial_decision.set_code(view.trial_decision)
            self.trial_on.set_date(view.trial_decision_on)
        if view is not None and view.end_ground:
            self.end_ground.set_code(view.end_ground)
            self.end_on.set_date(view.status_on)
            self.end_reason.setText(view.end_justification)
        self.decided.setText(self._decided_text(view))

    def _decided_text(self, view: contracts.ContractView | None) -> str:
        """What the head has already decided (each button prints its letter again)."""
        parts = []
        if view is not None and view.trial_decision:
            parts.append(
                self.tr("Po okresie próbnym: {what} ({d}).").format(
                    what=self.trial_decision.itemText(self.trial_decision.currentIndex()),
                    d=fmt_date(view.trial_decision_on),
                )
            )
        if view is not None and view.end_ground:
            parts.append(
                self.tr("IPZS zakończony z dniem {d}: {what}.").format(
                    d=fmt_date(view.status_on),
                    what=self.end_ground.itemText(self.end_ground.currentIndex()),
                )
            )
        return " ".join(parts) or self.tr("Kierownik nie podjął jeszcze decyzji.")

    def _print_letter(self, kind: str, decision: str, on: dt.date, text: str) -> None:
        from kisdesk.reports.pdf import path_letters
        from kisdesk.services.documents_path import path_letter
        from kisdesk.ui import files

        pid = self.period_id

        def work(session, _progress, path):  # type: ignore[no-untyped-def]
            data = path_letter(session, kind, pid, decision, on, text)
            path_letters.render(data, path)
            return data

        prefix = "Zawiadomienie_OPS" if kind == "trial_notice" else "Decyzja_IPZS"
        files.produce(
            self, self.ops, work, title=self.tr("Tworzenie pisma…"),
            name=lambda d: files.file_name(prefix, d.person_name), on_saved=None,
        )  # fmt: skip

    def save_trial(self) -> None:
        pid, decision, on = self.period_id, self.trial_decision.code(), self.trial_on.date()
        if on is None:
            self.failed.emit(self.tr("Podaj datę decyzji."))
            return
        done = self.ops.run(
            self,
            lambda s: reviews.set_trial_decision(s, pid, decision, on),
            on_error=lambda error: self.failed.emit(describe(error)),
        )
        if done:
            self.saved.emit(self.tr("Zapisano decyzję po okresie próbnym."))
            self._print_letter("trial_notice", decision, on, "")

    def end_ipzs(self) -> None:
        pid, ground, on = self.period_id, self.end_ground.code(), self.end_on.date()
        text = self.end_reason.text()
        if on is None:
            self.failed.emit(self.tr("Podaj datę zakończenia."))
            return
        done = self.ops.run(
            self,
            lambda s: reviews.end_ipzs(s, pid, ground, on, text),
            on_error=lambda error: self.failed.emit(describe(error)),
        )
        if done:
            self.saved.emit(self.tr("Zakończono realizację IPZS."))
            if ground != "statement":  # a decision only for breach or leaving (ust. 4a)
                self._print_letter("ipzs_decision", ground, on, text)
