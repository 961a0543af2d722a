"""Issuing a numbered certificate for one participation period (docs/domain.md#documents).

The dialog shows who and which period, the kind (ending / graduate), the date (today by
default) and, for a CIS, the skills the certificate must confirm (art. 13 ust. 5a). A
graduate certificate for a period that does not give the status is refused with the reason;
only a role allowed to override (the leader) sees a box for the written justification,
which is stored in the register and the audit log. On "Wystaw" the certificate is issued
and drawn in one transaction, then saved where the user wants and opened.

From the participant form's Okresy tab:

    issue_certificate_for(self, self.ops, period.id)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import KisdeskError, NotFoundError
from kisdesk.messages import describe
from kisdesk.rules.graduate import CERTIFICATE, CONTRACT, MONTHS, GraduateStatus
from kisdesk.services.documents import IssuedRow, issue_certificate, list_documents
from kisdesk.services.documents_data import ENDING, GRADUATE
from kisdesk.services.graduates import GraduateRow, graduate_check, graduates
from kisdesk.services.office import office_kind
from kisdesk.services.participations import PeriodRow, periods_of
from kisdesk.services.settings import get_setting
from kisdesk.ui import files
from kisdesk.ui.ops import Ops, Progress
from kisdesk.ui.widgets.forms import install_form_keys
from kisdesk.ui.widgets.participant_fields import INFO_STYLE, FieldMessage, OptionalDateEdit
from kisdesk.ui.widgets.participant_labels import contract_statuses, end_reasons, fmt_date


@dataclass(frozen=True)
class PeriodInfo:
    participation_id: int
    participant_id: int
    name: str  # "Jan Nowak"
    period: PeriodRow
    cis: bool
    graduate_months: int
    issued: dict[str, IssuedRow]  # kind -> the certificate already issued (not cancelled)


def _owner(session: Session, participation_id: int) -> GraduateRow:
    """Whose period this is. `graduates` lists only periods started by its date, so a
    period planned to start later is looked up with a date far enough ahead."""
    today = dt.date.today()
    for as_of in (today, today + dt.timedelta(days=3660)):
        rows = graduates(session, as_of, participation_id=participation_id).rows
        if rows:
            return rows[0]
    raise NotFoundError("participation.not_found", id=participation_id)


def load_period(session: Session, participation_id: int) -> PeriodInfo:
    row = _owner(session, participation_id)
    period = next(p for p in periods_of(session, row.participant_id) if p.id == participation_id)
    issued = {
        d.kind: d
        for d in list_documents(session, participant_id=row.participant_id)
        if d.participation_id == participation_id and d.cancelled_at is None
    }
    return PeriodInfo(
        participation_id,
        row.participant_id,
        row.name,
        period,
        office_kind(session) == "cis",
        int(get_setting(session, "graduate_months")),
        issued,
    )


def surname_first(full_name: str) -> list[str]:
    """["Nowak", "Anna", "Maria"] from "Anna Maria Nowak" (for a file name: the surname is
    the last word; double surnames are joined with a hyphen in Polish)."""
    words = full_name.split()
    return words[-1:] + words[:-1]


def certificate_file_name(row: IssuedRow, duplicate: bool = False) -> str:
    """e.g. "Zaswiadczenie_1-2027_Nowak_Jan.pdf"."""
    return files.file_name(
        "Zaswiadczenie",
        row.number,
        *surname_first(row.person_name),
        "DUPLIKAT" if duplicate else None,
    )


class CertificateDialog(QDialog):
    """Issue a certificate for one participation period."""

    issued = Signal(object)  # IssuedRow, after the certificate was issued

    def __init__(
        self,
        ops: Ops,
        participation_id: int,
        parent: QWidget | None = None,
        kind: str | None = None,
        issued_on: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.info = ops.read(lambda s: load_period(s, participation_id))
        self.may_override = ops.db.actor.can(Permission.OVERRIDE_CERTIFICATE)
        self.result_row: IssuedRow | None = None
        self.saved_path: Path | None = None
        self._check_cache: dict[dt.date, GraduateStatus] = {}
        self.setWindowTitle(self.tr("Wystaw zaświadczenie"))
        self.setMinimumWidth(520)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        person = QLabel(f"<b>{_escape(self.info.name)}</b>")
        form.addRow(self.tr("Uczestnik"), person)
        form.addRow(self.tr("Okres uczestnictwa"), QLabel(self._period_text()))
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("o zakończeniu uczestnictwa"), ENDING)
        self.kind.addItem(self.tr("o uzyskaniu statusu absolwenta"), GRADUATE)
        form.addRow(self.tr("Rodzaj zaświadczenia"), self.kind)
        self.date = OptionalDateEdit(
            self, optional=False, today_button=True, default=issued_on or dt.date.today()
        )
        form.addRow(self.tr("Data wydania"), self.date)
        self.skills: QPlainTextEdit | None = None
        self.skills_message = FieldMessage(self)
        if self.info.cis:
            self.skills = QPlainTextEdit(self)
            self.skills.setPlaceholderText(
                self.tr("np. obsługa kosy spalinowej, podstawy pracy w zespole, pisanie CV")
            )
            self.skills.setTabChangesFocus(True)
            self.skills.setFixedHeight(self.fontMetrics().height() * 5)
            form.addRow(self.tr("Nabyte umiejętności *"), self.skills)
            form.addRow("", self.skills_message)
        self.status = FieldMessage(self)
        layout.addWidget(self.status)

        self.override_label = QLabel(
            self.tr("Uzasadnienie wydania mimo braku statusu absolwenta *"), self
        )
        self.override = QPlainTextEdit(self)
        self.override.setTabChangesFocus(True)
        self.override.setFixedHeight(self.fontMetrics().height() * 4)
        self.override.setPlaceholderText(
            self.tr("Dlaczego zaświadczenie jest wydawane mimo niespełnienia warunków?")
        )
        self.override_note = QLabel(
            self.tr(
                "Uzasadnienie zostanie zapisane w rejestrze zaświadczeń i w dzienniku zdarzeń, "
                "z Twoim nazwiskiem."
            ),
            self,
        )
        self.override_note.setWordWrap(True)
        self.override_note.setStyleSheet(INFO_STYLE)
        self.override_message = FieldMessage(self)
        for widget in (
            self.override_label,
            self.override,
            self.override_message,
            self.override_note,
        ):
            layout.addWidget(widget)

        self.buttons = QDialogButtonBox(self)
        # the next step offers printing first and saving second (files.DocumentChoice)
        self.issue_button = self.buttons.addButton(
            self.tr("Wystaw…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.issue_button.setToolTip(
            self.tr(
                "Nadaje zaświadczeniu kolejny numer; potem wydrukuj je albo zapisz (Enter; "
                "z pola umiejętności Ctrl+Enter)"
            )
        )
        close = self.buttons.addButton(self.tr("Zamknij"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAutoDefault(False)
        self.buttons.accepted.connect(self.issue)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        default_kind = kind or (ENDING if self.info.period.end_on is not None else GRADUATE)
        self.kind.setCurrentIndex(max(self.kind.findData(default_kind), 0))
        self.kind.currentIndexChanged.connect(lambda _i: self.update_state())
        self.date.date_changed.connect(lambda _d: self.update_state())
        self.update_state()
        # Enter issues it: after an ending nothing needs changing (the kind and today's date
        # are offered), so the button has the keyboard; a CIS certificate first needs the
        # skills typed (art. 13 ust. 5a), so the cursor waits there.
        self.issue_button.setDefault(True)
        (self.skills if self.skills is not None else self.issue_button).setFocus()
        # the form rule (Ctrl+Enter saves and closes): from the skills, where Enter is a new line
        install_form_keys(self, self.issue)

    # -- what the dialog shows ----------------------------------------------------------------
    def _period_text(self) -> str:
        p = self.info.period
        text = f"{fmt_date(p.start_on)} – {fmt_date(p.end_on) if p.end_on else self.tr('trwa')}"
        if p.end_on is not None and p.end_reason:
            text += f" ({end_reasons().get(p.end_reason, p.end_reason)})"
        if p.group:
            text += "\n" + self.tr("Grupa: {group}").format(group=p.group)
        return text

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def _graduate(self, day: dt.date) -> GraduateStatus:
        if day not in self._check_cache:
            pid = self.info.participation_id
            self._check_cache[day] = self.ops.read(lambda s: graduate_check(s, pid, day).status)
        return self._check_cache[day]

    def _basis(self) -> str:
        return self.tr("art. 2 pkt 1a") if self.info.cis else self.tr("art. 2 pkt 1b")

    def refusal_text(self, st: GraduateStatus) -> str:
        """Which condition of art. 2 pkt 1a/1b is missing (docs/participant-path.md), in plain
        Polish, with what to do about each."""
        end = self.info.period.end_on
        texts = {
            MONTHS: self.tr(
                "{n} mies. uczestnictwa w jednym okresie (co najmniej do {date})"
            ).format(n=self.info.graduate_months, date=fmt_date(st.completes_on))
            + (
                self.tr(" – uczestnictwo zakończyło się {end}").format(end=fmt_date(end))
                if end is not None and end < st.completes_on
                else ""
            ),
            CERTIFICATE: self.tr(
                "ważne zaświadczenie o zakończeniu uczestnictwa – wystaw je najpierw"
            ),
            CONTRACT: self.tr(
                "zrealizowany kontrakt socjalny (teraz: {state}) – stan zapisuje się w oknie "
                "„Kontrakt socjalny…” na karcie uczestnika"
            ).format(
                state=contract_statuses().get(st.contract_status or "", self.tr("brak kontraktu"))
            ),
        }
        if st.missing:
            text = self.tr("Brakuje warunków statusu absolwenta ({basis}): {what}.").format(
                basis=self._basis(), what="; ".join(texts[m] for m in st.missing)
            )
        elif st.graduate_until is not None and not st.graduate:
            text = self.tr("Status absolwenta CIS wygasł {date} ({basis}).").format(
                date=fmt_date(st.graduate_until), basis=self._basis()
            )
        else:
            text = ""
        if st.blocking and st.months_below_minimum:
            months = ", ".join(_month_label(m) for m in st.months_below_minimum)
            text += " " + self.tr(
                "Miesiące poniżej wymaganego minimum godzin, które blokują status: {months}."
            ).format(months=months)
        return text.strip()

    def ok_text(self, st: GraduateStatus) -> str:
        met = [
            self.tr("{n} mies. uczestnictwa (od {date})").format(
                n=self.info.graduate_months, date=fmt_date(st.completes_on)
            ),
            self.tr("zaświadczenie o zakończeniu nr {n}").format(n=st.ending_certificate),
        ]
        if st.contract_required:
            met.append(self.tr("zrealizowany kontrakt socjalny"))
        text = self.tr("Warunki statusu absolwenta ({basis}) spełnione: {what}.").format(
            basis=self._basis(), what=", ".join(met)
        )
        if st.graduate_until is not None:
            text += " " + self.tr("Status trwa do {date}.").format(date=fmt_date(st.graduate_until))
        return text

    def update_state(self) -> None:
        """Say at once whether this certificate can be issued, and why not."""
        kind, day = self.current_kind(), self.date.date()
        period = self.info.period
        need_override = False
        blocked = ""
        ok = ""
        existing = self.info.issued.get(kind)
        if existing is not None:
            blocked = self.tr(
                "Dla tego okresu wydano już to zaświadczenie: nr {number} z dnia {date}. "
                "Wydrukuj je ponownie albo jako duplikat w zakładce „Rejestr” strony Dokumenty."
            ).format(number=existing.number, date=fmt_date(existing.issued_on))
        elif day is None:
            blocked = self.tr("Podaj datę wydania, np. {date}.").format(
                date=fmt_date(dt.date.today())
            )
        elif day < period.start_on:
            blocked = self.tr(
                "Data wydania nie może być wcześniejsza niż początek uczestnictwa ({date})."
            ).format(date=fmt_date(period.start_on))
        elif kind == ENDING and (period.end_on is None or period.end_on > day):
            blocked = self.tr(
                "Uczestnictwo nie jest zakończone w dniu wydania. Najpierw zakończ "
                "uczestnictwo (przycisk „Zakończ uczestnictwo…” na karcie uczestnika)."
            )
        elif kind == GRADUATE:
            result = self._graduate(day)
            if result.eligible:
                ok = self.ok_text(result)
            elif self.may_override:
                need_override = True
                blocked = self.tr("Brak statusu absolwenta. {why}").format(
                    why=self.refusal_text(result)
                )
            else:
                blocked = (
                    self.tr("Nie można wydać zaświadczenia o uzyskaniu statusu absolwenta. {why}")
                    + " "
                    + self.tr(
                        "Wydać je mimo to może tylko kierownik, podając pisemne uzasadnienie."
                    )
                ).format(why=self.refusal_text(result))
        if blocked:
            self.status.show_error(blocked)
        elif ok:
            self.status.show_ok(ok)
        else:
            self.status.clear_message()
        for widget in (self.override_label, self.override, self.override_note):
            widget.setVisible(need_override)
        if not need_override:
            self.override_message.clear_message()
        self.issue_button.setEnabled(not blocked or need_override)
        self.adjustSize()

    def override_visible(self) -> bool:
        return not self.override.isHidden()

    # -- issuing ------------------------------------------------------------------------------
    def issue(self) -> None:
        kind, day = self.current_kind(), self.date.date()
        if day is None or not self.issue_button.isEnabled():
            return
        skills = self.skills.toPlainText().strip() if self.skills is not None else ""
        if self.skills is not None and not skills:
            self.skills_message.show_error(
                self.tr("Wpisz umiejętności nabyte w centrum (art. 13 ust. 5a ustawy).")
            )
            self.skills.setFocus()
            return
        self.skills_message.clear_message()
        override = None
        if self.override_visible():
            override = self.override.toPlainText().strip()
            if len(override) < 10:
                self.override_message.show_error(
                    self.tr("Napisz uzasadnienie (co najmniej jedno pełne zdanie).")
                )
                self.override.setFocus()
                return
        pid = self.info.participation_id

        def work(session: Session, progress: Progress, path: Path) -> IssuedRow:
            progress(0, 1, self.tr("Wystawianie zaświadczenia…"))
            row = issue_certificate(session, pid, kind, day, override, skills or None)
            # reportlab is loaded when a PDF is drawn, not with every page that can open
            # this dialog (docs/architecture.md#reads)
            from kisdesk.reports.pdf import certificate as certificate_pdf

            certificate_pdf.render(row.data, path)
            return row

        self.issue_button.setEnabled(False)
        files.produce(
            self,
            self.ops,
            work,
            title=self.tr("Wystawianie zaświadczenia…"),
            name=lambda row: certificate_file_name(row),
            write=True,
            on_saved=self._saved,
            on_error=self._failed,
        )

    def _failed(self, error: KisdeskError) -> None:
        self.status.show_error(describe(error))
        self.issue_button.setEnabled(True)

    def _saved(self, row: IssuedRow, path: Path | None) -> None:
        self.result_row, self.saved_path = row, path
        self.issued.emit(row)
        if path is None:
            QMessageBox.information(
                self,
                self.tr("Zaświadczenie wydane"),
                self.tr(
                    "Zaświadczenie nr {number} zostało wydane i zapisane w rejestrze, ale pliku "
                    "PDF nie zapisano. Wydrukujesz je w każdej chwili w zakładce „Rejestr” "
                    "strony Dokumenty."
                ).format(number=row.number),
            )
        self.accept()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _month_label(value: str) -> str:
    """ "2027-03" → "03.2027"."""
    year, _, month = value.partition("-")
    return f"{month}.{year}" if month else value


def issue_certificate_for(
    parent: QWidget | None, ops: Ops, participation_id: int, kind: str | None = None
) -> CertificateDialog:
    """Open the certificate dialog for a participation period (window-modal, returns at once).

    The dialog is kept as a child of `parent` until it closes."""
    dialog = CertificateDialog(ops, participation_id, parent, kind)
    dialog.setObjectName("certificate_dialog")
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.open()
    return dialog


__all__ = ["CertificateDialog", "certificate_file_name", "issue_certificate_for"]
