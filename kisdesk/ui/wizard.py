"""First start: set up the office (KIS or CIS, its data, the operating body, the leader) and
the leader's account, or open a demo office with realistic fictitious data to look around first.

Every value is checked by kisdesk.services.office and kisdesk.services.users when "Zakończ" is
pressed; a problem is shown in Polish next to its field, on the step where the field is, and
nothing is written until everything is right: the office and the account are made in one
transaction (issue: named accounts only, the first one made here). The password's length and
the repeat are checked on the page as they are typed (kisdesk.rules.passwords), and "Zakończ"
stays disabled until both are right. Afterwards the program goes on signed in as that leader
(`FirstStartWizard.actor`). The demo office makes no account, so it opens without signing in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy.orm import Session

from kisdesk.access import Actor
from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import office, sensitive, users
from kisdesk.ui.dialogs.recovery_key_dialog import show_sensitive_recovery_key
from kisdesk.ui.ops import Ops, Progress
from kisdesk.ui.pages.settings_office import FIELDS, OfficeFields
from kisdesk.ui.widgets.forms import note_label
from kisdesk.ui.widgets.icons import app_icon
from kisdesk.ui.wizard_account import ACCOUNT_ERRORS, ACCOUNT_FIELDS, AccountPage

WELCOME, OFFICE, OPERATOR, DATES, ACCOUNT = range(5)
OFFICE_FIELDS = frozenset({"name", "street", "postal_code", "city", "phone", "email"})
DEMO_PARTICIPANTS, DEMO_YEARS, DEMO_SEED = 60, 1, 1


def step_of(field: str) -> int:
    """The wizard step that holds a field of OfficeFields or of the account page."""
    if field in ACCOUNT_FIELDS:
        return ACCOUNT
    if field == "kind":
        return WELCOME
    if field.startswith("op_"):
        return OPERATOR
    return OFFICE if field in OFFICE_FIELDS else DATES


class FirstStartWizard(QWizard):
    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.demo_summary: Any = None
        self.actor: Actor | None = None  # the leader signed in by the account step
        self._busy = False
        # An installation that somehow has accounts already (made from the command line)
        # gets no second "first" account: its users sign in as usual afterwards.
        self.with_account = not ops.read(users.has_users)
        self.setObjectName("first_start")
        self.setWindowTitle(self.tr("kisdesk – pierwsze uruchomienie"))
        self.setWindowIcon(app_icon())
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        for button, text in (
            (QWizard.WizardButton.BackButton, self.tr("< &Wstecz")),
            (QWizard.WizardButton.NextButton, self.tr("&Dalej >")),
            (QWizard.WizardButton.FinishButton, self.tr("&Zakończ i załóż placówkę")),
            (QWizard.WizardButton.CancelButton, self.tr("Anuluj")),
        ):
            self.setButtonText(button, text)
        self.fields = OfficeFields(self)
        self.fields.setVisible(False)  # only its boxes are shown, one step each
        self.setPage(WELCOME, self._welcome())
        self.setPage(
            OFFICE,
            self._step(
                self.tr("Placówka"),
                self.tr(
                    "Pełna nazwa i adres klubu lub centrum – tak, jak mają stać na zaświadczeniach."
                ),
                self.fields.office_box,
            ),
        )
        self.setPage(
            OPERATOR,
            self._step(
                self.tr("Podmiot prowadzący"),
                self.tr(
                    "Kto prowadzi placówkę (gmina, OPS, stowarzyszenie…). Dane trafiają do "
                    "zgłoszenia do rejestru wojewody. NIP, REGON i KRS można uzupełnić później."
                ),
                self.fields.operator_box,
            ),
        )
        self.setPage(
            DATES,
            self._step(
                self.tr("Daty i osoba kierująca"),
                self.tr(
                    "Osoba kierująca podpisuje zaświadczenia. Daty utworzenia i rozpoczęcia "
                    "działalności są w zgłoszeniu do rejestru; wszystko można zmienić w Ustawieniach."
                ),
                self.fields.dates_box,
            ),
        )
        self.account = AccountPage(self.fields.head_name)
        if self.with_account:
            self.setPage(ACCOUNT, self.account)
        self.setStartId(WELCOME)
        self.resize(max(self.sizeHint().width(), 700), max(self.sizeHint().height(), 560))

    # -- steps ----------------------------------------------------------------------------------------
    def _welcome(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(self.tr("Witaj w programie kisdesk"))
        page.setSubTitle(
            self.tr(
                "kisdesk prowadzi ewidencję uczestników, zajęć i obecności klubu lub centrum "
                "integracji społecznej, liczy godziny i przygotowuje zaświadczenia."
            )
        )
        self.demo_button = QPushButton(self.tr("Otwórz biuro demonstracyjne"))
        self.demo_button.setObjectName("demo")
        self.demo_button.setMinimumHeight(self.demo_button.sizeHint().height() + 10)
        self.demo_button.clicked.connect(self.open_demo)
        demo_note = note_label(
            self.tr(
                "Wymyślony klub z 60 uczestnikami, zajęciami i obecnościami z ostatniego roku – "
                "żeby obejrzeć program przed wpisaniem prawdziwych danych. Dane demonstracyjne "
                "trafią do tej bazy; do prawdziwej pracy użyj potem nowej, pustej bazy."
            )
        )
        start = QLabel(
            self.tr("Aby założyć własną placówkę, wybierz jej rodzaj i naciśnij „Dalej”.")
        )
        start.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.fields.kind_box)
        layout.addWidget(start)
        layout.addSpacing(16)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(demo_note)
        layout.addStretch(1)
        return page

    def _step(self, title: str, subtitle: str, box: QWidget) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(title)
        page.setSubTitle(subtitle)
        layout = QVBoxLayout(page)
        box.setTitle("")
        box.setFlat(True)
        layout.addWidget(box)
        layout.addStretch(1)
        return page

    # -- creating the office ------------------------------------------------------------------------
    def show_field_error(self, field: str, message: str) -> None:
        """Go to the step with `field` and show the problem there."""
        target = step_of(field)
        while self.currentId() > target:
            self.back()
        while self.currentId() < target:
            self.next()
        errors = self.account.errors if field in ACCOUNT_FIELDS else self.fields.errors
        errors.show(field, message)

    def accept(self) -> None:
        if self._busy:
            return  # "Zakończ" pressed again while the office is being made
        self.fields.errors.clear()
        self.account.errors.clear()
        bad = self.fields.invalid_date()
        if bad is not None:
            self.show_field_error(bad, self.fields.errors.message(bad))
            return
        account = self.account
        if self.with_account and account.password.text() != account.repeat.text():
            self.show_field_error("repeat", self.tr("Hasła się różnią."))
            return
        data = self.fields.data()
        login, password = account.login.text(), account.password.text()

        def work(session: Session, _progress: Progress) -> Actor | None:
            # One transaction: an account refused leaves no office behind, and the reverse.
            office.create_office(session, data)
            if not self.with_account:
                return None
            users.create_first_leader(session, login, data.head_name, password)
            recovery = sensitive.take_new_recovery_key(session)  # the art. 9 data's key
            # Signed in as any sign-in is: checked against the stored hash, in the audit log.
            return replace(users.login(session, login, password), recovery_key=recovery)

        def finished(actor: Actor | None) -> None:
            self._busy = False
            if actor is not None:
                self.actor = actor
                self.ops.db.actor = actor
                # the first leader's account sealed the art. 9 data: their recovery key, once
                show_sensitive_recovery_key(self.ops, actor.recovery_key, None)
            account.clear_passwords()
            QWizard.accept(self)

        def failed(error: KisdeskError) -> None:
            self._busy = False
            field = FIELDS.get(error.code) or ACCOUNT_ERRORS.get(error.code)
            if field is None:
                self.fields.errors.report(self, error, {})
                return
            self.show_field_error(field, describe(error))

        self._busy = True
        # Argon2 takes a noticeable moment on an old laptop: off the GUI thread.
        self.ops.run_background(
            self,
            work,
            title=self.tr("Zakładam placówkę i konto kierownika…"),
            on_success=finished,
            on_error=failed,
        )

    # -- the demo office ------------------------------------------------------------------------------
    def open_demo(self) -> None:
        try:
            from kisdesk.demo import generator as demo
        except ModuleNotFoundError as exc:
            if exc.name != "kisdesk.demo.generator":
                raise
            QMessageBox.information(
                self,
                self.tr("Biuro demonstracyjne"),
                self.tr("Ta wersja programu nie ma jeszcze biura demonstracyjnego."),
            )
            return
        today = dt.date.today()
        kind = self.fields.kind()
        phases = getattr(demo, "PHASES", {})

        def work(session: Session, progress: Progress) -> Any:
            def report(done: int, total: int, phase: str) -> None:
                progress(done, total, phases.get(phase, phase))

            return demo.generate(
                session,
                participants=DEMO_PARTICIPANTS,
                years=DEMO_YEARS,
                seed=DEMO_SEED,
                today=today,
                progress=report,
                office_kind=kind,
            )

        self.demo_button.setEnabled(False)

        def finished(summary: Any) -> None:
            self.demo_summary = summary
            self.done(QDialog.DialogCode.Accepted)

        def failed(error: KisdeskError) -> None:
            self.demo_button.setEnabled(True)
            self.fields.errors.report(self, error, {})

        self.ops.run_background(
            self,
            work,
            title=self.tr("Przygotowuję biuro demonstracyjne…"),
            on_success=finished,
            on_error=failed,
        )
