"""The kontrakt socjalny (KIS, art. 18 ust. 4) / IPZS (CIS, art. 12–13) of one participation
period (docs/domain.md#kontrakt-ipzs): the contract, its goals, the reviews with progress per goal, and where the
period stands against the graduate conditions of art. 2 pkt 1a–1b. Each sheet is its own module
(contract_sheet, contract_goals, contract_reviews, contract_decisions); this window puts them
together, reads the period once for all of them and says what was saved or refused."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kisdesk.messages.core import plural
from kisdesk.rules.graduate import GraduateStatus
from kisdesk.services import contracts, reviews
from kisdesk.services.graduates import graduate_check
from kisdesk.services.participations import PeriodRow
from kisdesk.services.settings import get_setting
from kisdesk.ui.dialogs.contract_decisions import DecisionsSheet
from kisdesk.ui.dialogs.contract_goals import GoalsSheet
from kisdesk.ui.dialogs.contract_reviews import ReviewsSheet
from kisdesk.ui.dialogs.contract_sheet import ContractSheet
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.forms import install_form_keys
from kisdesk.ui.widgets.participant_fields import ERROR_STYLE, OK_STYLE
from kisdesk.ui.widgets.participant_labels import fmt_date


class ContractDialog(QDialog):
    """Kontrakt / IPZS of one period: edit it, add goals, record a review."""

    def __init__(
        self, ops: Ops, period: PeriodRow, cis: bool, may_edit: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops, self.period, self.cis = ops, period, cis
        name = self.tr("IPZS") if cis else self.tr("Kontrakt socjalny")
        self.setWindowTitle(
            self.tr("{name} – okres od {start}").format(name=name, start=fmt_date(period.start_on))
        )
        self.resize(860, 640)  # fits a 1366×768 laptop screen with its taskbar
        layout = QVBoxLayout(self)
        self.status_line = QLabel(self)
        self.status_line.setWordWrap(True)
        layout.addWidget(self.status_line)
        # The sheets are made in the order of their tabs, the tab bar after the first one, as
        # Tab moves in the order widgets are made (Qt, QWidget::setTabOrder).
        self.contract = ContractSheet(ops, period.id, cis, may_edit, self)
        # One window, four sheets: it fits a 768-pixel laptop screen.
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.contract, self.tr("IPZS") if cis else self.tr("Kontrakt"))
        layout.addWidget(self.tabs, 1)
        self.goals = GoalsSheet(ops, period.id, may_edit, self)
        self.tabs.addTab(self.goals, self.tr("Cele i aneksy"))
        self.review_box = ReviewsSheet(ops, period.id, may_edit, self)
        self.tabs.addTab(self.review_box, self.tr("Przeglądy"))
        # CIS only: the head's decisions (art. 15 ust. 2; art. 13 ust. 4–4b).
        self.decisions = DecisionsSheet(ops, period.id, may_edit, self)
        if cis:
            self.tabs.addTab(self.decisions, self.tr("Decyzje kierownika"))
        else:
            self.decisions.hide()
        for sheet in (self.contract, self.goals, self.review_box, self.decisions):
            sheet.saved.connect(self._ok)
        for sheet in (self.contract, self.decisions):
            sheet.failed.connect(self._fail)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.card_button = QPushButton(self.tr("Karta usług doradczych (PDF)…"), self)
        self.card_button.setToolTip(
            self.tr("Kontrakt, cele, udzielone wsparcie, przeglądy i efekt po zakończeniu")
        )
        self.card_button.clicked.connect(self.print_card)
        buttons.addButton(self.card_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Zamknij"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.may_edit = may_edit
        # the form rule: Ctrl+S saves the contract, Ctrl+Enter saves and closes, Esc closes
        install_form_keys(self, self.save_contract, self.save_and_close, self.contract.save_button)
        self.reload()

    def show_sheet(self, sheet: str | None) -> None:
        """Bring one sheet to the front: "goals", "reviews" or "decisions" (CIS)."""
        pages = {
            "goals": self.goals,
            "reviews": self.review_box,
            "decisions": self.decisions,
        }
        page = pages.get(sheet or "")
        if page is not None and self.tabs.indexOf(page) >= 0:
            self.tabs.setCurrentWidget(page)

    # -- data ---------------------------------------------------------------------------------
    def reload(self) -> None:
        pid = self.period.id
        today = dt.date.today()
        view, held, plan, check, months = self.ops.read(
            lambda s: (
                contracts.contract_of(s, pid),
                reviews.reviews_of(s, pid),
                reviews.plan_states(s, pid, today),
                graduate_check(s, pid, today).status,
                int(get_setting(s, "graduate_months")),
            )
        )
        self.contract.fill(view)
        self.decisions.fill(view)
        self.goals.fill(view)
        self.review_box.fill(view, held, plan)
        tab = self.tabs.indexOf(self.review_box)
        self.tabs.setTabText(
            tab,
            self.tr("Przeglądy – zaległy!") if self.review_box.overdue else self.tr("Przeglądy"),
        )
        self.status_line.setText(self._status_text(view is not None, check, months))

    def _status_text(self, has_contract: bool, check: GraduateStatus, months: int) -> str:
        # the months the office's setting requires (art. 2 pkt 1a/1b; Ustawienia), as the
        # certificate dialog and the periods' list say it
        missing = {
            "months": self.tr("{n} {months} uczestnictwa").format(
                n=months,
                months=plural(months, self.tr("miesiąc"), self.tr("miesiące"), self.tr("miesięcy")),
            ),
            "certificate": self.tr("zaświadczenie o zakończeniu"),
            "contract": self.tr("zrealizowany kontrakt socjalny"),
        }
        parts = []
        overdue = self.review_box.overdue
        if overdue:
            parts.append(self.tr("Zaległy przegląd z {d}.").format(d=fmt_date(overdue[-1])))
        if not has_contract and self.period.contract_missing:
            parts.append(
                self.tr("Brak zapisanego kontraktu – warunek uczestnictwa w KIS (art. 18 ust. 4).")
                if not self.cis
                else self.tr("Brak zapisanego IPZS (art. 12 ust. 4, art. 13).")
            )
        if check.graduate:
            text = self.tr("Status absolwenta: tak")
            if check.graduate_until is not None:
                text += self.tr(" (do {d})").format(d=fmt_date(check.graduate_until))
            parts.append(text + ".")
        else:
            parts.append(
                self.tr("Status absolwenta (art. 2 pkt {p}): brakuje – {what}.").format(
                    p="1a" if self.cis else "1b",
                    what=", ".join(missing[m] for m in check.missing) or self.tr("status wygasł"),
                )
            )
        return " ".join(parts)

    def _fail(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)

    def _ok(self, text: str) -> None:
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(text)
        self.reload()

    # -- actions ------------------------------------------------------------------------------
    def print_card(self) -> None:
        from kisdesk.ui.dialogs.print import print_advisory_card

        print_advisory_card(self, self.ops, self.period.id)

    def save_contract(self) -> bool:
        return self.contract.save()

    def save_and_close(self) -> None:
        if not self.may_edit or self.save_contract():
            self.accept()
