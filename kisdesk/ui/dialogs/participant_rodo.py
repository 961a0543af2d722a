"""The RODO parts of the participant form: the restriction banner (art. 18) and the
information clause (art. 13) with the day it was handed over; print_clause serves the
data-protection page too."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
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
from kisdesk.ui import files
from kisdesk.ui.dialogs.certificate import surname_first
from kisdesk.ui.ops import Ops, Progress
from kisdesk.ui.widgets.dates import DateEdit
from kisdesk.ui.widgets.forms import ERROR_COLOUR
from kisdesk.ui.widgets.participant_fields import INFO_STYLE
from kisdesk.ui.widgets.participant_labels import fmt_date


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

        def saved(data: rodo.InformationClause, path: Path | None) -> None:
            if path is not None and self.may_record():
                day = self.ask_handed_over(data.person_name)
                if day is not None:
                    self.record(day)

        print_clause(self, self.ops, pid, saved)

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

        done = self.ops.run(self, work)
        if done.ok and done.value is not None:
            version = self.version = done.value
            self.show_given(day)
            self.recorded.emit(day, version)


def print_clause(
    parent: QWidget,
    ops: Ops,
    participant_id: int,
    on_saved: Callable[[rodo.InformationClause, Path | None], None] | None = None,
) -> None:
    """The information clause (art. 13) drawn off the GUI thread, logged, saved and opened:
    from the participant's form and from the data-protection page alike."""

    def work(session: Session, _progress: Progress, path: Path) -> rodo.InformationClause:
        from kisdesk.reports.rodo import clause

        return clause.produce(session, participant_id, path)

    files.produce(
        parent,
        ops,
        work,
        title=QCoreApplication.translate("ClauseRow", "Tworzenie klauzuli…"),
        name=lambda d: files.file_name("Klauzula_RODO", *surname_first(d.person_name)),
        on_saved=on_saved,
    )
