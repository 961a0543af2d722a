"""Dialogs for one participation period: new / edit, and ending it with a reason, followed by
the certificate of ending (`end_participation`: the card's periods tab and the participants
list open the same flow)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kisdesk.access import Actor, Permission
from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import participations
from kisdesk.services.groups import list_groups
from kisdesk.services.participations import PeriodRow
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.forms import install_form_keys
from kisdesk.ui.widgets.participant_fields import (
    CodeCombo,
    FieldMessage,
    IdCombo,
    OptionalDateEdit,
    check_dates,
)
from kisdesk.ui.widgets.participant_labels import end_reasons, fmt_date


def _tr(text: str) -> str:
    return QCoreApplication.translate("period_dialog", text)


class _PeriodBase(QDialog):
    def __init__(self, ops: Ops, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = FieldMessage(self)
        self.layout_.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Zapisz"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Anuluj"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        install_form_keys(
            self,
            lambda: self.save(),  # the subclass's save
            button=self.buttons.button(QDialogButtonBox.StandardButton.Ok),
        )
        self.setMinimumWidth(440)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.buttons)
        # The buttons were made before the fields, so they would take the keyboard first:
        # the cursor starts in the first field (a date field selects its text on entry, so
        # the date typed replaces the one offered).
        first = self.form.itemAt(0, QFormLayout.ItemRole.FieldRole)
        if first is not None and first.widget() is not None:
            first.widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, error: KisdeskError) -> None:
        self.error.show_error(describe(error))

    def dates_ok(self, *editors: OptionalDateEdit | None) -> bool:
        fields = {str(i): (e, self.error) for i, e in enumerate(editors) if e is not None}
        wrong = check_dates(fields)
        if wrong is not None:
            fields[wrong][0].setFocus()
        return wrong is None

    def save(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class PeriodDialog(_PeriodBase):
    """A new period (enrol) or changes to an existing one (dates, group, end)."""

    def __init__(
        self,
        ops: Ops,
        participant_id: int,
        period: PeriodRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.participant_id = participant_id
        self.period = period
        self.setWindowTitle(
            self.tr("Nowy okres uczestnictwa")
            if period is None
            else self.tr("Okres uczestnictwa od {date}").format(date=fmt_date(period.start_on))
        )
        self.start_on = OptionalDateEdit(self, optional=False, default=dt.date.today())
        self.form.addRow(self.tr("Początek *"), self.start_on)
        self.planned_end = OptionalDateEdit(self)
        self.form.addRow(self.tr("Planowany koniec"), self.planned_end)
        self.group = IdCombo(self, none_text=self.tr("— bez grupy —"))
        groups = ops.read(lambda s: list_groups(s))
        self.group.set_items([(g.id, g.name) for g in groups])
        self.form.addRow(self.tr("Grupa"), self.group)
        self.end_on: OptionalDateEdit | None = None
        if period is not None:
            self.start_on.set_date(period.start_on)
            self.planned_end.set_date(period.planned_end_on)
            self.group.set_current_id(period.group_id)
            if period.end_on is not None:
                self.end_on = OptionalDateEdit(self, optional=False)
                self.end_on.set_date(period.end_on)
                self.form.addRow(self.tr("Koniec"), self.end_on)
                self.reason = CodeCombo(end_reasons(), self)
                self.reason.set_code(period.end_reason)
                self.form.addRow(self.tr("Przyczyna zakończenia"), self.reason)
                self.note = QLineEdit(period.end_note, self)
                self.form.addRow(self.tr("Uwagi"), self.note)
        else:
            groups_with_members = [g for g in groups if g.end_on is None]
            if len(groups_with_members) == 1:
                self.group.set_current_id(groups_with_members[0].id)
        self.finish_layout()

    def save(self) -> None:
        if not self.dates_ok(self.start_on, self.planned_end, self.end_on):
            return
        start = self.start_on.date()
        assert start is not None
        planned, group_id = self.planned_end.date(), self.group.current_id()
        if self.period is None:
            pid = self.participant_id
            result = self.ops.run(
                self,
                lambda s: participations.enroll(s, pid, start, planned, group_id),
                on_error=self.show_error,
            )
        else:
            period = self.period
            end = self.end_on.date() if self.end_on is not None else None
            reason = self.reason.code() if self.end_on is not None else None
            note = self.note.text() if self.end_on is not None else ""
            result = self.ops.run(
                self,
                lambda s: (
                    participations.update_period(
                        s,
                        period.id,
                        start,
                        planned,
                        group_id,
                        end,
                        reason,
                        note,
                        expected_version=period.version,
                    )
                ),
                on_error=self.show_error,
            )
        if result:
            self.accept()


class EndPeriodDialog(_PeriodBase):
    """End a running period: the date and one of the reasons of docs/domain.md#participants."""

    def __init__(
        self,
        ops: Ops,
        period: PeriodRow,
        parent: QWidget | None = None,
        offer_certificate: bool = False,
        name: str = "",
    ) -> None:
        """`name`: whose period, said when the dialog is opened without the card (from the
        list, where a search's first match is taken)."""
        super().__init__(ops, parent)
        self.period = period
        self.setWindowTitle(
            self.tr("Zakończenie uczestnictwa – {name}").format(name=name)
            if name
            else self.tr("Zakończenie uczestnictwa")
        )
        intro = QLabel(
            (f"<b>{html.escape(name)}</b><br>" if name else "")
            + html.escape(
                self.tr(
                    "Okres od {start}. Po zakończeniu należy wydać zaświadczenie o zakończeniu "
                    "uczestnictwa (art. 18 ust. 5a ustawy)."
                ).format(start=fmt_date(period.start_on))
            )
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        default = dt.date.today()
        if period.planned_end_on and period.start_on <= period.planned_end_on < default:
            default = period.planned_end_on
        self.end_on = OptionalDateEdit(self, optional=False, default=default)
        self.form.addRow(self.tr("Data zakończenia *"), self.end_on)
        reasons = {"": self.tr("— wybierz przyczynę —"), **end_reasons()}
        self.reason = CodeCombo(reasons, self)
        self.form.addRow(self.tr("Przyczyna *"), self.reason)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("np. nazwa pracodawcy, numer decyzji"))
        self.form.addRow(self.tr("Uwagi"), self.note)
        # The certificate of ending is due after every ending (art. 18 ust. 5a): its dialog is
        # the default next step, offered to who may issue it (`offer_certificate`).
        self.certificate_next = QCheckBox(
            self.tr("Po zapisaniu wystaw zaświadczenie o zakończeniu"), self
        )
        self.certificate_next.setChecked(offer_certificate)
        self.certificate_next.setVisible(offer_certificate)
        if offer_certificate:
            self.form.addRow("", self.certificate_next)
        self.finish_layout()

    def save(self) -> None:
        if not self.reason.code():
            self.error.show_error(self.tr("Wybierz przyczynę zakończenia uczestnictwa."))
            self.reason.setFocus()
            return
        if not self.dates_ok(self.end_on):
            return
        end = self.end_on.date()
        assert end is not None
        period_id, reason, note = self.period.id, self.reason.code(), self.note.text()
        done = self.ops.run(
            self,
            lambda s: participations.end_period(s, period_id, end, reason, note),
            on_error=self.show_error,
        )
        if done:
            self.accept()


def certificate_refusal(actor: Actor, restricted: bool) -> str:
    """Why no certificate can be issued for this person, or "": the services refuse kadra
    (Permission.ISSUE_DOCUMENTS, docs/domain.md#office) and any new document for a restricted
    record (art. 18 RODO: kisdesk.services.rodo)."""
    if not actor.can(Permission.ISSUE_DOCUMENTS):
        return _tr(
            "Twoja rola ({role}) nie pozwala wystawiać zaświadczeń – robi to kierownik "
            "albo administracja."
        ).format(role=actor.role.value)
    if restricted:
        return _tr(
            "Przetwarzanie danych tej osoby jest ograniczone (art. 18 RODO) – nie "
            "wystawia się jej nowych dokumentów. Ograniczenie zdejmuje kierownik."
        )
    return ""


def end_participation(
    parent: QWidget,
    ops: Ops,
    period: PeriodRow,
    refusal: str,
    shown: Callable[[QDialog], None],
    finished: Callable[[], None] | None = None,
    name: str = "",
) -> EndPeriodDialog:
    """Ending a running period, then at once its certificate of ending (art. 18 ust. 5a:
    issued without delay) unless unticked or `refusal` says it cannot be issued here.

    `shown` gets each dialog as it opens (the ending, then the certificate); `finished` is
    called once the whole step is over: cancelled, saved without a certificate, or the
    certificate's dialog closed. `name` is shown when the card is not open."""
    dialog = EndPeriodDialog(ops, period, parent, offer_certificate=not refusal, name=name)

    def closed(result: int) -> None:
        if result == QDialog.DialogCode.Accepted.value and dialog.certificate_next.isChecked():
            # reportlab is loaded when a certificate is drawn (docs/architecture.md#reads)
            from kisdesk.ui.dialogs.certificate import issue_certificate_for

            certificate = issue_certificate_for(parent, ops, period.id)
            if finished is not None:
                certificate.finished.connect(lambda _r: finished())
            shown(certificate)
        elif finished is not None:
            finished()

    dialog.finished.connect(closed)
    shown(dialog)
    dialog.open()
    return dialog
