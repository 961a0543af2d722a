"""The kontrakt socjalny (KIS, art. 18 ust. 4) / IPZS (CIS, art. 12–13) of one participation
period (docs/domain.md#kontrakt-ipzs): the contract, its goals, the reviews with progress per goal, and where the
period stands against the graduate conditions of art. 2 pkt 1a–1b."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import contracts, reviews
from kisdesk.services.graduates import graduate_check
from kisdesk.services.participations import PeriodRow
from kisdesk.ui.dialogs.contract_decisions import DecisionsSheet
from kisdesk.ui.dialogs.contract_goals import GoalsSheet
from kisdesk.ui.dialogs.contract_reviews import ReviewsSheet
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.forms import install_form_keys
from kisdesk.ui.widgets.participant_fields import CodeCombo, OptionalDateEdit
from kisdesk.ui.widgets.participant_labels import contract_statuses, fmt_date

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b6e20;"


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

        box = QGroupBox(
            self.tr("Indywidualny program zatrudnienia socjalnego (art. 12–13 ustawy)")
            if cis
            else self.tr("Kontrakt socjalny (art. 18 ust. 4 ustawy – warunek uczestnictwa)"),
            self,
        )
        form = QFormLayout(box)
        self.number = QLineEdit(box)
        self.signed_on = OptionalDateEdit(box)
        self.institution = QLineEdit(box)
        self.institution.setPlaceholderText(self.tr("np. GOPS w Zawoni"))
        self.worker = QLineEdit(box)
        self.from_on, self.to_on = OptionalDateEdit(box), OptionalDateEdit(box)
        span = QWidget(box)
        row = QHBoxLayout(span)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("od")))
        row.addWidget(self.from_on)
        row.addWidget(QLabel(self.tr("do")))
        row.addWidget(self.to_on)
        row.addStretch(1)
        self.status = CodeCombo(contract_statuses(), box)
        self.status_on = OptionalDateEdit(box, today_button=True)
        form.addRow(self.tr("Numer"), self.number)
        form.addRow(self.tr("Data zawarcia"), self.signed_on)
        form.addRow(self.tr("Ośrodek pomocy społecznej"), self.institution)
        form.addRow(self.tr("Pracownik socjalny"), self.worker)
        form.addRow(self.tr("Okres obowiązywania"), span)
        form.addRow(self.tr("Stan"), self.status)
        form.addRow(self.tr("Data stanu"), self.status_on)
        self.save_button = QPushButton(self.tr("Zapisz kontrakt"), box)
        self.save_button.clicked.connect(self.save_contract)
        form.addRow("", self.save_button)
        # One window, four sheets: it fits a 768-pixel laptop screen.
        self.tabs = QTabWidget(self)
        self.tabs.addTab(box, self.tr("IPZS") if cis else self.tr("Kontrakt"))
        layout.addWidget(self.tabs, 1)

        self.goals = GoalsSheet(ops, period.id, may_edit, self)
        self.goals.saved.connect(self._ok)
        self.tabs.addTab(self.goals, self.tr("Cele i aneksy"))

        self.review_box = ReviewsSheet(ops, period.id, may_edit, self)
        self.review_box.saved.connect(self._ok)
        self.tabs.addTab(self.review_box, self.tr("Przeglądy"))

        # CIS only: the head's decisions (art. 15 ust. 2; art. 13 ust. 4–4b).
        self.decisions = DecisionsSheet(ops, period.id, may_edit, self)
        self.decisions.saved.connect(self._ok)
        self.decisions.failed.connect(self._fail_text)
        if cis:
            self.tabs.addTab(self.decisions, self.tr("Decyzje kierownika"))
        else:
            self.decisions.hide()

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
        self.save_button.setEnabled(may_edit)
        # the form rule: Ctrl+S saves the contract, Ctrl+Enter saves and closes, Esc closes
        install_form_keys(self, self.save_contract, self.save_and_close, self.save_button)
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
        view, held, plan, check = self.ops.read(
            lambda s: (
                contracts.contract_of(s, pid),
                reviews.reviews_of(s, pid),
                reviews.plan_states(s, pid, today),
                graduate_check(s, pid, today).status,
            )
        )
        self.view = view
        if view is not None:
            self.number.setText(view.number)
            self.signed_on.set_date(view.signed_on)
            self.institution.setText(view.institution)
            self.worker.setText(view.social_worker)
            self.from_on.set_date(view.from_on)
            self.to_on.set_date(view.to_on)
            self.status.set_code(view.status)
            self.status_on.set_date(view.status_on)
        self.decisions.fill(view)
        self.goals.fill(view)
        self.review_box.fill(view, held, plan)
        tab = self.tabs.indexOf(self.review_box)
        self.tabs.setTabText(
            tab,
            self.tr("Przeglądy – zaległy!") if self.review_box.overdue else self.tr("Przeglądy"),
        )
        self.status_line.setText(self._status_text(view is not None, check))

    def _status_text(self, has_contract: bool, check: object) -> str:
        from kisdesk.rules.graduate import GraduateStatus

        assert isinstance(check, GraduateStatus)
        missing = {
            "months": self.tr("6 miesięcy uczestnictwa"),
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

    def _fail(self, error: KisdeskError) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(describe(error))

    def _ok(self, text: str) -> None:
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(text)
        self.reload()

    # -- actions ------------------------------------------------------------------------------
    def _fail_text(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)

    def print_card(self) -> None:
        from kisdesk.ui.dialogs.print import print_advisory_card

        print_advisory_card(self, self.ops, self.period.id)

    def save_contract(self) -> bool:
        pid = self.period.id
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
            on_error=self._fail,
        )
        if done:
            self._ok(self.tr("Zapisano kontrakt."))
        return bool(done)

    def save_and_close(self) -> None:
        if not self.may_edit or self.save_contract():
            self.accept()
