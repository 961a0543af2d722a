"""Read-mostly parts of the participant form: periods (with their actions), hours, documents,
and the RODO ones: the restriction banner (art. 18) and the information clause (art. 13)."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ConflictError
from kisdesk.services import participants, rodo
from kisdesk.services.participant_history import documents_of, month_history
from kisdesk.services.participations import PeriodRow, periods_of
from kisdesk.services.settings import where_to_change
from kisdesk.ui import files, signals
from kisdesk.ui.dialogs.certificate import surname_first
from kisdesk.ui.dialogs.period_dialog import EndPeriodDialog, PeriodDialog
from kisdesk.ui.ops import Ops, Progress
from kisdesk.ui.table_models.participant_history import (
    DocumentModel,
    MonthHoursModel,
    PeriodModel,
)
from kisdesk.ui.widgets.dates import DateEdit
from kisdesk.ui.widgets.forms import ERROR_COLOUR
from kisdesk.ui.widgets.participant_fields import INFO_STYLE
from kisdesk.ui.widgets.participant_labels import fmt_date
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
        buttons.addStretch(1)
        # Certificates are issued where the period is (SPEC §5 items 1–2); the dialog checks
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
        rows, self.restricted = self.ops.read(
            lambda s: (periods_of(s, pid), rodo.is_restricted(s, pid))
        )
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
        refusal = self.certificate_refusal()
        self.certificate_button.setEnabled(period is not None and not refusal)
        self.certificate_button.setToolTip(
            refusal
            or self.tr("Zaświadczenie o zakończeniu uczestnictwa albo o statusie absolwenta")
        )

    def certificate_refusal(self) -> str:
        """Why no certificate can be issued here, or "": the services refuse kadra
        (Permission.ISSUE_DOCUMENTS, SPEC §1) and any new document for a restricted
        record (art. 18 RODO: kisdesk.services.rodo)."""
        actor = self.ops.db.actor
        if not actor.can(Permission.ISSUE_DOCUMENTS):
            return self.tr(
                "Twoja rola ({role}) nie pozwala wystawiać zaświadczeń – robi to kierownik "
                "albo administracja."
            ).format(role=actor.role.value)
        if self.restricted:
            return self.tr(
                "Przetwarzanie danych tej osoby jest ograniczone (art. 18 RODO) – nie "
                "wystawia się jej nowych dokumentów. Ograniczenie zdejmuje kierownik."
            )
        return ""

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(self.reload)
        dialog.open()

    def issue_certificate(self) -> None:
        from kisdesk.ui.dialogs.certificate import issue_certificate_for

        period = self.selected()
        if period is not None and not self.certificate_refusal():
            self.dialog = issue_certificate_for(self, self.ops, period.id)

    def new_period(self) -> None:
        self._show(PeriodDialog(self.ops, self.participant_id, None, self))

    def edit_selected(self) -> None:
        period = self.selected()
        if period is not None and self.may_edit:
            self._show(PeriodDialog(self.ops, self.participant_id, period, self))

    def end_selected(self) -> None:
        period = self.selected()
        if period is not None and period.end_on is None and self.may_edit:
            self._show(EndPeriodDialog(self.ops, period, self))


class HoursTab(QWidget):
    """Attended vs required hours per month (SPEC §4.1)."""

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


class RestrictionBanner(QFrame):
    """Art. 18 RODO: while processing is restricted the record is read-only (the services
    refuse every change, kisdesk.services.rodo); the leader lifts it on the Ochrona danych
    page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restrictionBanner")
        self.setStyleSheet(
            f"QFrame#restrictionBanner {{ background: #fde8e6; border: 1px solid {ERROR_COLOUR};"
            " border-radius: 4px; }"
        )
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        QHBoxLayout(self).addWidget(self.text)
        self.hide()

    def show_state(self, state: rodo.Restriction | None) -> None:
        if state is None or not state.restricted:
            self.hide()
            return
        self.text.setText(
            self.tr(
                "<b>Przetwarzanie danych ograniczone od {since} – powód: {reason}; zapis jest "
                "tylko do odczytu.</b> Ograniczenie może zdjąć kierownik na stronie "
                "„Ochrona danych (RODO)”."
            ).format(since=fmt_date(state.since) or "—", reason=html.escape(state.reason or "—"))
        )
        self.show()


class HandedOverDialog(QDialog):
    """After printing the clause: on which day was it handed over (today by default)?"""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Przekazanie klauzuli informacyjnej"))
        self.day = DateEdit(dt.date.today(), self)
        question = QLabel(
            self.tr(
                "Klauzula dla: <b>{name}</b><br>Jeśli uczestnik otrzymał klauzulę i podpisał "
                "potwierdzenie, zapisz dzień przekazania – zwykle dzisiejszy."
            ).format(name=html.escape(name))
        )
        question.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.hide()
        buttons = QDialogButtonBox(self)
        save = buttons.addButton(
            self.tr("Zapisz datę przekazania"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        save.setDefault(True)
        buttons.addButton(self.tr("Nie teraz"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Data przekazania:")))
        row.addWidget(self.day)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())

    def _check(self) -> None:
        day = self.day.date()
        if day is None or day > dt.date.today():
            self.message.setText(
                self.tr("Wpisz dzisiejszą albo wcześniejszą datę, np. {example}.").format(
                    example=fmt_date(dt.date.today() - dt.timedelta(days=7))
                )
            )
            self.message.show()
            return
        self.accept()


class ClauseRow(QWidget):
    """The information clause (art. 13 RODO): printed through the one document path
    (kisdesk.ui.files.produce), then the day it was handed over is recorded
    (rodo.record_clause_given) and shown here."""

    recorded = Signal(object, int)  # the day recorded, the participant's new version

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.participant_id: int | None = None
        self.version: int | None = None  # the form's: an edit made meanwhile is not adopted
        self.restricted = False
        self.button = QPushButton(self.tr("Klauzula informacyjna…"), self)
        self.button.setObjectName("clauseButton")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.print_clause)
        self.status = QLabel(self)
        self.status.setObjectName("clauseStatus")
        self.status.setStyleSheet(INFO_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.status)
        self.show_given(None)

    def set_participant(
        self, participant_id: int, version: int | None, given_on: dt.date | None, restricted: bool
    ) -> None:
        self.participant_id, self.version, self.restricted = participant_id, version, restricted
        self.show_given(given_on)

    def show_given(self, given_on: dt.date | None) -> None:
        if self.participant_id is None:
            self.button.setEnabled(False)
            self.button.setToolTip(self.tr("Klauzulę wydrukujesz po zapisaniu karty."))
            self.status.setText("")
            return
        self.button.setEnabled(True)
        self.button.setToolTip(self.tr("Wydruk klauzuli (art. 13 RODO) do podpisu uczestnika"))
        self.status.setText(
            self.tr("Klauzula przekazana {date}").format(date=fmt_date(given_on))
            if given_on
            else self.tr("Klauzula jeszcze nie przekazana")
        )

    def may_record(self) -> bool:
        actor = self.ops.db.actor
        allowed = actor.can(Permission.EDIT_PARTICIPANTS) or actor.can(Permission.ISSUE_DOCUMENTS)
        return allowed and not self.restricted  # a restricted record takes no new date

    def ask_handed_over(self, name: str) -> dt.date | None:
        """The day it was handed over, or None (tests replace this instead of the dialog)."""
        dialog = HandedOverDialog(name, self)
        return dialog.day.date() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def print_clause(self) -> None:
        pid = self.participant_id
        if pid is None:
            return

        def work(session: Session, _progress: Progress, path: Path) -> rodo.InformationClause:
            from kisdesk.reports.rodo import clause

            return clause.produce(session, pid, path)

        def saved(data: rodo.InformationClause, path: Path | None) -> None:
            if path is not None and self.may_record():
                day = self.ask_handed_over(data.person_name)
                if day is not None:
                    self.record(day)

        files.produce(
            self,
            self.ops,
            work,
            title=self.tr("Tworzenie klauzuli…"),
            name=lambda d: files.file_name("Klauzula_RODO", *surname_first(d.person_name)),
            on_saved=saved,
        )

    def record(self, day: dt.date) -> None:
        pid, expected = self.participant_id, self.version
        assert pid is not None

        def work(session: Session) -> int:
            if (
                expected is not None
                and participants.get_participant(session, pid).version != expected
            ):
                raise ConflictError("record.changed_meanwhile")
            rodo.record_clause_given(session, pid, day)
            return participants.get_participant(session, pid).version or 0

        version = self.ops.run(self, work, changes={signals.PARTICIPANTS})
        if version is not None:
            self.version = version
            self.show_given(day)
            self.recorded.emit(day, version)
