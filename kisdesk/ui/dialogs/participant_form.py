"""The participant form (karta uczestnika): a dialog with tabs.

A new person is saved together with the first participation period in one transaction
(services.participant_history.register_participant). The form starts at the PESEL: once it is
complete and valid the cursor moves on to the first name, completed as typed from the frequent
names of the sex it gives (kisdesk.rules.first_names). A PESEL already on file is noticed as
soon as it is complete, and the existing record is offered instead of a duplicate.
An edit sends back the loaded `version`, so a change made meanwhile is refused, not lost.
A person whose processing is restricted (art. 18 RODO) opens read-only under a banner; the
information clause (art. 13) is printed from the bottom row and its hand-over date recorded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kisdesk.access import Permission
from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.messages.core import participant_statuses
from kisdesk.rules.periods import current_period, participation_status
from kisdesk.rules.pesel import PeselInfo
from kisdesk.services import participants, rodo, sensitive
from kisdesk.services.documents_data import graduate_opens
from kisdesk.services.groups import list_groups
from kisdesk.services.office import office_kind
from kisdesk.services.participant_history import register_participant
from kisdesk.services.settings import all_settings
from kisdesk.ui import signals
from kisdesk.ui.dialogs.participant_closing import ClosingGuard
from kisdesk.ui.dialogs.participant_history_tabs import DocumentsTab, HoursTab, PeriodsTab
from kisdesk.ui.dialogs.participant_next import Carryover, NextPerson
from kisdesk.ui.dialogs.participant_outcomes_tab import OutcomesTab
from kisdesk.ui.dialogs.participant_personal import PersonalTab
from kisdesk.ui.dialogs.participant_rodo import ClauseRow, RestrictionBanner
from kisdesk.ui.dialogs.participant_tabs import CategoriesTab, FormTab, ReferralTab
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.forms import install_form_keys
from kisdesk.ui.widgets.participant_fields import FieldMessage, check_dates
from kisdesk.ui.widgets.participant_labels import fmt_date

# Errors of enrol() carry no field name: they belong to the first-period editors.
FIELD_OF_CODE = {
    "period.planned_end_before_start": "planned_end_on",
    "group.not_found": "group_id",
    "participant.document_required": "id_document",
}
TAB_PERSONAL, TAB_REFERRAL, TAB_CATEGORIES, TAB_PERIODS, TAB_HOURS, TAB_DOCUMENTS = range(6)


class ParticipantDialog(NextPerson, ClosingGuard, QDialog):
    open_existing = Signal(int)  # the user chose the record already on file
    saved = Signal(int)  # participant id
    add_next = Signal(object)  # Carryover: "Zapisz i dodaj następnego" saved this person

    def __init__(
        self,
        ops: Ops,
        participant_id: int | None = None,
        parent: QWidget | None = None,
        carry: Carryover | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.participant_id = participant_id
        self.version: int | None = None
        self.loaded_pesel: str | None = None
        self.existing_id: int | None = None
        self.dirty = False
        self._listening = False
        actor = ops.db.actor
        self.restriction = (
            ops.read(lambda s: rodo.restriction_of(s, participant_id))
            if participant_id is not None
            else None
        )
        restricted = self.restriction is not None and self.restriction.restricted
        self.may_edit = actor.can(Permission.EDIT_PARTICIPANTS) and not restricted
        kind, settings, groups, names = ops.read(
            lambda s: (
                office_kind(s),
                all_settings(s),
                list_groups(s),
                {sex: participants.first_names_on_file(s, sex) for sex in (None, "K", "M")},
            )
        )
        self.setWindowTitle(
            self.tr("Nowy uczestnik") if participant_id is None else self.tr("Karta uczestnika")
        )
        self.resize(920, 660)
        layout = QVBoxLayout(self)
        self.header = QLabel(self.tr("Nowy uczestnik"), self)
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.header.setFont(font)
        layout.addWidget(self.header)
        self.subheader = QLabel(self)
        self.subheader.setStyleSheet("color: #444;")
        layout.addWidget(self.subheader)
        self.subheader.setVisible(participant_id is not None)
        self.restricted_banner = RestrictionBanner(self)
        self.restricted_banner.show_state(self.restriction)
        layout.addWidget(self.restricted_banner)

        self.duplicate = QFrame(self)
        self.duplicate.setStyleSheet(
            "QFrame { background: #fff4d1; border: 1px solid #e0b84a; border-radius: 4px; }"
            "QLabel { border: none; }"
        )
        banner = QHBoxLayout(self.duplicate)
        self.duplicate_text = QLabel(self.duplicate)
        self.duplicate_text.setWordWrap(True)
        banner.addWidget(self.duplicate_text, 1)
        self.open_existing_button = QPushButton(self.tr("Otwórz kartę tej osoby"), self.duplicate)
        self.open_existing_button.clicked.connect(self._open_existing)
        banner.addWidget(self.open_existing_button)
        self.duplicate.hide()
        layout.addWidget(self.duplicate)

        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        self.personal = PersonalTab(self, new_person=participant_id is None)
        self.personal.offer_names(names)
        self.referral = ReferralTab(self, office_kind=kind)
        # The art. 1 ust. 3 statement is made at enrolment: the first period of a new person.
        self.referral.statement.setVisible(participant_id is None)
        # the health categories need the role and, in an office with accounts, the key
        # unwrapped at sign-in (docs/threat-model.md §3.4)
        may_see = ops.read(sensitive.may_see_health)
        self.categories = CategoriesTab(
            self, may_see, sealed=actor.can(Permission.VIEW_SENSITIVE) and not may_see
        )
        self.form_tabs: list[FormTab] = [self.personal, self.referral, self.categories]
        self.tabs.addTab(self.personal, self.tr("Dane osobowe"))
        self.tabs.addTab(self.referral, self.tr("Skierowanie i rodzaj"))
        self.tabs.addTab(self.categories, self.tr("Kategorie"))
        if participant_id is None:
            self.personal.group.set_items([(g.id, g.name) for g in groups if g.end_on is None])
            if self.personal.group.count() > 1:
                self.personal.group.setCurrentIndex(1)  # the office's (first) group
        self.periods: PeriodsTab | None = None
        self.hours: HoursTab | None = None
        self.documents: DocumentsTab | None = None
        self.outcomes: OutcomesTab | None = None
        if participant_id is not None:
            self.periods = PeriodsTab(
                ops,
                participant_id,
                cis=kind == "cis",
                programme_months=settings["programme_min_months"],
                may_edit=self.may_edit,
                parent=self,
                graduate_months=settings["graduate_months"],
            )
            self.hours = HoursTab(ops, participant_id, settings["hour_minutes"], self)
            self.documents = DocumentsTab(ops, participant_id, self)
            self.tabs.addTab(self.periods, self.tr("Okresy uczestnictwa"))
            self.tabs.addTab(self.hours, self.tr("Obecności i godziny"))
            self.tabs.addTab(self.documents, self.tr("Dokumenty"))
            self.outcomes = OutcomesTab(ops, participant_id, self.may_edit, self)
            self.tabs.addTab(self.outcomes, self.tr("Po zakończeniu"))
            ops.signals.data_changed.connect(self._on_data_changed)
            self._listening = True

        self.error = FieldMessage(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Zapisz i zamknij"))
        self.ok_button.setEnabled(self.may_edit)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Anuluj"))
        self.cancel_button = cancel
        self.sex: str | None = None
        # The current period's ending is saved at once (Okresy uczestnictwa): with nothing else
        # edited there is nothing to save or cancel, so the card only offers "Zamknij".
        self.period_ended = False
        self.buttons.accepted.connect(lambda: self.save(close=True))
        self.buttons.rejected.connect(self.reject)
        self.next_button: QPushButton | None = None
        if participant_id is None:
            self.next_button = self.buttons.addButton(
                self.tr("Zapisz i dodaj &następnego"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.next_button.setToolTip(
                self.tr(
                    "Zapisuje tę osobę i otwiera formularz następnej z tą samą datą początku, "
                    "grupą, skierowaniem i kategoriami do sprawdzenia"
                )
            )
            self.next_button.setEnabled(self.may_edit)
            self.next_button.clicked.connect(self.save_and_add_next)
        if restricted:
            self.ok_button.setToolTip(self.tr("Przetwarzanie ograniczone: tylko do odczytu"))
        self.clause = ClauseRow(ops, self)
        self.clause.recorded.connect(self._clause_recorded)
        bottom = QHBoxLayout()
        bottom.addWidget(self.clause)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        # A new person's form closes when saved (Ctrl+S too); a card stays open on Ctrl+S.
        install_form_keys(
            self,
            lambda: self.save(close=False),
            (lambda: self.save(close=True)) if participant_id is not None else None,
            button=None if restricted else self.ok_button,
        )

        for tab in self.form_tabs:
            tab.changed.connect(self._mark_dirty)
            tab.setEnabled(self.may_edit)
            if not self.may_edit:  # a greyed-out hint like "00-000" reads as a stored value
                for kind in (QLineEdit, QPlainTextEdit):
                    for edit in tab.findChildren(kind):
                        edit.setPlaceholderText("")
        self.personal.pesel.parsed.connect(self._pesel_parsed)
        self._moved_on = False  # the cursor went to the first name by itself, no key since
        self.personal.editors["first_name"].installEventFilter(self)
        if participant_id is not None:
            self.load()
        if carry is not None and participant_id is None:
            self.offer(carry)
        # A new person starts from the PESEL (PersonalTab); the card opens at the first name.
        (
            self.personal.pesel if participant_id is None else self.personal.editors["first_name"]
        ).setFocus()

    # -- loading ------------------------------------------------------------------------------
    def load(self) -> None:
        assert self.participant_id is not None
        pid = self.participant_id
        data = self.ops.read(lambda s: participants.get_participant(s, pid))
        for tab in self.form_tabs:
            tab.load(data)  # type: ignore[attr-defined]
        self.version, self.loaded_pesel = data.version, data.pesel
        restricted = self.restriction is not None and self.restriction.restricted
        self.clause.set_participant(pid, data.version, data.rodo_clause_given_on, restricted)
        self.sex = data.sex
        self.header.setText(f"{data.first_name} {data.last_name}")
        self.setWindowTitle(self.tr("Karta uczestnika: {name}").format(name=self.header.text()))
        self._reload_history()
        self.dirty = False
        self._update_buttons()

    def _reload_history(self) -> None:
        if self.periods is None or self.hours is None or self.documents is None:
            return
        self.periods.reload()
        self.hours.reload()
        self.documents.reload()
        if self.outcomes is not None:
            self.outcomes.reload()
        rows = self.periods.model.rows()
        text = self.tr("Brak okresu uczestnictwa")
        today = dt.date.today()
        if rows:
            ordered = sorted(rows, key=lambda p: p.start_on)
            current = current_period(ordered, today, lambda p: (p.start_on, p.end_on)) or rows[-1]
            span = (current.start_on, current.end_on)
            status = participant_statuses(self.sex)[participation_status(span, today)]
            text = self.tr("{status} · od {start}{end} · {group}").format(
                status=status,
                start=fmt_date(current.start_on),
                end=f" do {fmt_date(current.end_on)}" if current.end_on else "",
                group=current.group or self.tr("bez grupy"),
            )
        self.period_ended = bool(rows) and current.end_on is not None and current.end_on <= today
        text, tip = self._with_graduate_status(text)
        self.subheader.setText(text)
        self.subheader.setToolTip(tip)
        self._update_buttons()

    def _with_graduate_status(self, text: str) -> tuple[str, str]:
        """The header says when the person is a graduate today (art. 2 pkt 1a/1b), and its
        tooltip what the status opens at the labour office: it stood only in a column of the
        periods' list, off to the side."""
        assert self.periods is not None
        graduate = [st for st in self.periods.model.statuses.values() if st.graduate]
        if not graduate:
            return text, ""
        cis = self.periods.cis
        words = (
            self.tr("absolwent CIS (art. 2 pkt 1a)")
            if cis
            else self.tr("absolwent KIS (art. 2 pkt 1b)")
        )
        until = max((st.graduate_until for st in graduate if st.graduate_until), default=None)
        if until is not None:
            words += self.tr(" do {d}").format(d=fmt_date(until))
        tip = self.tr("Status absolwenta uprawnia do ubiegania się w powiatowym urzędzie pracy o:")
        tip += "\n" + "\n".join(f"• {line}" for line in graduate_opens())
        return f"{text} · {words}", tip

    def _update_buttons(self) -> None:
        only_close = self.period_ended and not self.dirty
        self.ok_button.setVisible(not only_close)
        self.cancel_button.setText(self.tr("Zamknij") if only_close else self.tr("Anuluj"))

    def _clause_recorded(self, day: dt.date, version: int) -> None:
        """The day recorded by the clause button is in the form too (not an unsaved edit)."""
        dirty = self.dirty
        self.version = version
        self.referral.editors["rodo_clause_given_on"].set_date(day)  # type: ignore[attr-defined]
        self.dirty = dirty

    def _on_data_changed(self, names: frozenset[str]) -> None:
        if names & {signals.PARTICIPATIONS, signals.ATTENDANCE, signals.DOCUMENTS}:
            self._reload_history()

    def show_tab(self, index: int) -> None:
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    # -- duplicates ---------------------------------------------------------------------------
    def _pesel_parsed(self, info: PeselInfo | None) -> None:
        self.existing_id = None
        if info is not None and info.pesel != self.loaded_pesel:
            found = self.ops.read(lambda s: participants.find_by_pesel(s, info.pesel))
            if found is not None and found != self.participant_id:
                self.existing_id = found
                person = self.ops.read(lambda s: participants.get_participant(s, found))
                self.duplicate_text.setText(
                    self.tr(
                        "<b>Ta osoba jest już w ewidencji:</b> {name}, ur. {born}. "
                        "Nie zakładaj drugiej karty – otwórz istniejącą i dodaj tam nowy "
                        "okres uczestnictwa."
                    ).format(
                        name=f"{person.first_name} {person.last_name}",
                        born=fmt_date(person.birth_date),
                    )
                )
        self.duplicate.setVisible(self.existing_id is not None)
        first_name = self.personal.editors["first_name"]
        assert isinstance(first_name, QLineEdit)
        if info is not None and self.existing_id is None and not first_name.text():
            # the number is complete and new: on to the name (its sex now narrows the names
            # offered). A person already on file keeps the focus here, at the offer above.
            first_name.setFocus()
            self._moved_on = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # The Tab typed out of habit after the PESEL's last digit, when the cursor has
        # already moved on by itself, is dropped: it would send the first name into the
        # surname, the surname into the education list (a letter there picks a level).
        if watched is self.personal.editors["first_name"] and self._moved_on:
            if event.type() == QEvent.Type.FocusOut:
                self._moved_on = False
            elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                self._moved_on = False
                empty = not self.personal.first_name.text()
                if event.key() == Qt.Key.Key_Tab and not event.modifiers() and empty:
                    return True
        return super().eventFilter(watched, event)

    def _open_existing(self) -> None:
        if self.existing_id is not None:
            existing = self.existing_id
            self.dirty = False
            super().reject()
            self.open_existing.emit(existing)

    # -- saving -------------------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        self.dirty = True
        self._update_buttons()

    def collect(self) -> participants.ParticipantData:
        values: dict[str, Any] = {}
        for tab in self.form_tabs:
            values.update(tab.values())  # type: ignore[attr-defined]
        return participants.ParticipantData(**values, version=self.version)

    def save(self, close: bool = True) -> bool:
        if not self.may_edit:
            return False
        for tab in self.form_tabs:
            tab.clear_messages()
        self.error.clear_message()
        for index, tab in enumerate(self.form_tabs):
            wrong = check_dates(tab.date_fields())
            if wrong is not None:
                self.tabs.setCurrentIndex(index)
                tab.editors[wrong].setFocus()
                return False
        data = self.collect()
        if self.participant_id is None:
            start = self.personal.start_on.date()
            assert start is not None  # check_dates: a required date is there
            group_id = self.personal.group.current_id()
            planned = self.personal.planned_end.date()
            entitled = self.referral.entitlements()
            new_id = self.ops.run(
                self,
                lambda s: register_participant(s, data, start, group_id, planned, entitled),
                on_error=self.show_error,
            )
            if not new_id:
                return False
            self.participant_id = new_id.value
        else:
            pid = self.participant_id
            done = self.ops.run(
                self,
                lambda s: participants.update_participant(s, pid, data),
                on_error=self.show_error,
            )
            if not done:
                return False
        self.dirty = False
        self.saved.emit(self.participant_id)
        if close or self.periods is None:
            self.accept()
        else:
            self.load()
            self.error.show_ok(self.tr("Zapisano."))
        return True

    def show_error(self, error: KisdeskError) -> None:
        """Next to the field the service named, on its tab; else at the bottom."""
        field = error.params.get("field") or FIELD_OF_CODE.get(error.code)
        text = describe(error)
        for index, tab in enumerate(self.form_tabs):
            if field in tab.messages:
                tab.messages[field].show_error(text)
                self.tabs.setCurrentIndex(index)
                tab.editors.get(field, tab).setFocus()
                return
        self.error.show_error(text)
