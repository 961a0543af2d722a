"""The register of authorisations to process personal data with the confidentiality
undertakings (art. 8b ust. 4 for a CIS, art. 18f for a KIS; docs/participant-path.md), shown on
the users page: who holds one and until when, who does not, and the printed authorisation.

The leader adds, records the undertaking signed later, withdraws; everyone may print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.services import authorisations, staff, users
from kisdesk.services.authorisations import AuthorisationRow, MissingAuthorisation
from kisdesk.ui.ops import Ops
from kisdesk.ui.table_models.base import Column, RowTableModel
from kisdesk.ui.widgets.forms import FormDialog, note_label
from kisdesk.ui.widgets.participant_fields import OptionalDateEdit
from kisdesk.ui.widgets.participant_labels import fmt_date
from kisdesk.ui.widgets.table import fit_columns, make_table

RED = QColor("#b3261e")
GREY = QColor("#8a8f94")
WARNING_STYLE = "color: #b00020;"

FIELDS = {
    "authorisation.person_required": "name",
    "authorisation.user_not_found": "person",
    "staff.not_found": "person",
    "authorisation.undertaking_long_before": "undertaking_on",
    "authorisation.withdrawn_before_given": "on",
    "authorisation.already_withdrawn": "on",
}


class AuthorisationModel(RowTableModel[AuthorisationRow]):
    def __init__(self, parent: QWidget | None = None) -> None:
        t = self.tr
        self.today = dt.date.today()
        super().__init__(
            [
                Column(t("Nr"), lambda r: r.number),
                Column(t("Osoba"), lambda r: r.person_name),
                Column(
                    t("Kto"),
                    lambda r: t("konto") if r.user_id else t("kadra") if r.staff_id else t("inna"),
                ),
                Column(t("Nadane"), lambda r: fmt_date(r.given_on), sort=lambda r: r.given_on),
                Column(
                    t("Zobowiązanie"),
                    lambda r: fmt_date(r.undertaking_on) or "—",
                    sort=lambda r: r.undertaking_on or dt.date.min,
                ),
                Column(
                    t("Stan"),
                    self.state_text,
                    foreground=lambda r: (
                        GREY
                        if r.withdrawn_on is not None and r.withdrawn_on <= self.today
                        else RED
                        if r.undertaking_on is None
                        else None
                    ),
                ),
                Column(t("Zakres"), lambda r: r.scope, tooltip=lambda r: r.scope),
            ],
            parent,
        )

    def state_text(self, row: AuthorisationRow) -> str:
        t, today = self.tr, self.today
        if row.withdrawn_on is not None and row.withdrawn_on <= today:
            return t("odwołane {d}").format(d=fmt_date(row.withdrawn_on))
        if row.undertaking_on is None:
            return t("nieważne – brak zobowiązania do tajemnicy")
        if row.given_on > today or row.undertaking_on > today:
            return t("od {d}").format(d=fmt_date(max(row.given_on, row.undertaking_on)))
        if row.withdrawn_on is not None:
            return t("ważne do {d}").format(d=fmt_date(row.withdrawn_on - dt.timedelta(days=1)))
        return t("ważne")


class AuthorisationDialog(FormDialog):
    """A new authorisation: for an account, a staff member or another named person."""

    def __init__(
        self,
        ops: Ops,
        people: list[tuple[str, Any, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, self.tr("Nowe upoważnienie do przetwarzania danych"), None, parent)
        self.person = QComboBox(self)
        for kind, key, label in people:
            self.person.addItem(label, (kind, key))
        self.person.addItem(self.tr("inna osoba – wpisz imię i nazwisko"), ("name", None))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Imię i nazwisko"))
        self.given_on = OptionalDateEdit(self, today_button=True)
        self.given_on.set_date(dt.date.today())
        self.undertaking_on = OptionalDateEdit(self, today_button=True)
        self.undertaking_on.set_date(dt.date.today())
        self.scope = QLineEdit(self)
        self.scope.setPlaceholderText(
            self.tr("zakres zwykły: ewidencja uczestników, dziennik, obecności, dokumenty")
        )
        self.add_row(self.tr("&Dla kogo"), "person", self.person)
        self.add_row(self.tr("&Imię i nazwisko"), "name", self.name)
        self.add_row(self.tr("&Data upoważnienia"), "given_on", self.given_on)
        self.add_row(self.tr("&Zobowiązanie do tajemnicy"), "undertaking_on", self.undertaking_on)
        self.add_row(self.tr("&Zakres"), "scope", self.scope)
        self.person.currentIndexChanged.connect(lambda _i: self._person_changed())
        self._person_changed()
        self.finish(
            self.tr(
                "Upoważnienie pozwala przetwarzać dane od dnia nadania, gdy osoba podpisała "
                "zobowiązanie do zachowania tajemnicy; zostaw datę zobowiązania pustą, jeśli "
                "podpisze je później. Po zapisaniu wydrukuj upoważnienie do podpisu."
            ),
            min_width=560,
            save_text=self.tr("Zapisz upoważnienie"),
        )

    def _person_changed(self) -> None:
        kind, _key = self.person.currentData()
        self.name.setEnabled(kind == "name")
        if kind != "name":
            self.name.clear()

    def save(self) -> None:
        self.errors.clear()
        given, undertaking = self.given_on.date(), self.undertaking_on.date()
        if given is None:
            self.errors.show("given_on", self.tr("Podaj datę upoważnienia (DD.MM.RRRR)."))
            return
        if not self.undertaking_on.is_valid():
            self.errors.show(
                "undertaking_on", self.tr("Wpisz datę jako DD.MM.RRRR albo zostaw puste.")
            )
            return
        kind, key = self.person.currentData()
        if kind == "name" and not self.name.text().strip():
            self.errors.show("name", self.tr("Wpisz imię i nazwisko osoby upoważnianej."))
            return
        name, scope = self.name.text(), self.scope.text()
        self.submit(
            lambda s: authorisations.add_authorisation(
                s,
                given,
                user_login=key if kind == "user" else None,
                staff_id=key if kind == "staff" else None,
                person_name=name if kind == "name" else "",
                scope=scope,
                undertaking_on=undertaking,
            ).id,
            FIELDS,
        )


class AuthorisationDateDialog(FormDialog):
    """One date for one authorisation: its withdrawal, or the undertaking signed later."""

    def __init__(
        self,
        ops: Ops,
        title: str,
        label: str,
        note: str,
        work: Callable[[Session, dt.date], AuthorisationRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, title, None, parent)
        self.work = work
        self.on = OptionalDateEdit(self, today_button=True)
        self.on.set_date(dt.date.today())
        self.add_row(label, "on", self.on)
        self.finish(note, min_width=460)

    def save(self) -> None:
        self.errors.clear()
        on = self.on.date()
        if on is None:
            self.errors.show("on", self.tr("Podaj datę (DD.MM.RRRR)."))
            return
        work = self.work
        self.submit(lambda s: work(s, on).id, FIELDS)


class AuthorisationsSection(QGroupBox):
    """The register with its actions and the warning about whoever has no valid one."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Upoważnienia do przetwarzania danych osobowych (art. 8b ust. 4, art. 18f)"),
            parent,
        )
        self.ops = ops
        self.dialog: FormDialog | None = None
        self.missing: list[MissingAuthorisation] = []
        layout = QVBoxLayout(self)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.model = AuthorisationModel(self)
        self.table = make_table(self.model, "authorisations", self, sortable=False)
        self.table.doubleClicked.connect(lambda _i: self.print_selected())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Dodaj upoważnienie…"), self)
        self.undertaking_button = QPushButton(self.tr("Zobowiązanie podpisane…"), self)
        self.undertaking_button.setToolTip(
            self.tr("Zapisz datę podpisania zobowiązania do zachowania tajemnicy")
        )
        self.withdraw_button = QPushButton(self.tr("Wycofaj…"), self)
        self.withdraw_button.setToolTip(self.tr("Odwołaj zaznaczone upoważnienie z podanym dniem"))
        self.print_button = QPushButton(self.tr("Drukuj upoważnienie"), self)
        self.print_button.setToolTip(
            self.tr("Upoważnienie z zobowiązaniem do zachowania tajemnicy (PDF, do podpisu)")
        )
        for button in (
            self.add_button,
            self.undertaking_button,
            self.withdraw_button,
            self.print_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(
            note_label(
                self.tr(
                    "Dane uczestników przetwarza tylko osoba z pisemnym upoważnieniem, która "
                    "podpisała zobowiązanie do zachowania tajemnicy – każde konto i każda osoba "
                    "z kadry powinny je mieć."
                )
            )
        )
        self.add_button.clicked.connect(self.add)
        self.undertaking_button.clicked.connect(self.record_undertaking)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.print_button.clicked.connect(self.print_selected)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    def selected(self) -> AuthorisationRow | None:
        return self.model.row_at(self.table.currentIndex())

    def refresh(self) -> None:
        today = dt.date.today()
        chosen = self.selected()
        rows, self.missing = self.ops.read(
            lambda s: (
                authorisations.list_authorisations(s, today),
                authorisations.missing(s, today),
            )
        )
        self.model.today = today
        self.model.set_rows(rows)
        fit_columns(self.table, force=True)
        if chosen is not None:
            self.select(chosen.id)
        self.warning.setStyleSheet(WARNING_STYLE if self.missing else "")
        self.warning.setText(
            self.tr(
                "Bez ważnego upoważnienia: {names}. Dodaj upoważnienie i wydrukuj je do podpisu."
            ).format(
                names=", ".join(
                    f"{m.name} ({self.tr('konto') if m.kind == 'user' else self.tr('kadra')})"
                    for m in self.missing
                )
            )
            if self.missing
            else self.tr("Każde konto i każda osoba z kadry mają ważne upoważnienie.")
        )
        self._update_buttons()

    def select(self, authorisation_id: int | None) -> None:
        for r, row in enumerate(self.model.rows()):
            if row.id == authorisation_id:
                self.table.selectRow(r)
                return

    def _update_buttons(self) -> None:
        row = self.selected()
        manage = self.ops.db.actor.can(Permission.MANAGE_USERS)
        self.add_button.setEnabled(manage)
        open_row = row is not None and row.withdrawn_on is None
        self.withdraw_button.setEnabled(manage and open_row)
        self.undertaking_button.setEnabled(
            manage and open_row and row is not None and row.undertaking_on is None
        )
        self.print_button.setEnabled(row is not None)
        if not manage:
            self.add_button.setToolTip(
                self.tr("Upoważnienia nadaje i odwołuje kierownik (administrator danych).")
            )

    def _people(self, session: Session) -> list[tuple[str, Any, str]]:
        """Those without a valid authorisation first (they are the point), then the rest."""
        today = dt.date.today()
        lacking = {(m.kind, m.id) for m in authorisations.missing(session, today)}
        accounts = [u for u in users.list_users(session) if u.active]
        people = [
            ("user", u.login, u.id, self.tr("konto: {name} ({login})").format(
                name=u.full_name or u.login, login=u.login))
            for u in accounts
        ]  # fmt: skip
        people += [
            ("staff", s.id, s.id, self.tr("kadra: {name}").format(name=s.full_name))
            for s in staff.list_staff(session)
            if s.active_to is None or s.active_to >= today
        ]
        ordered = sorted(people, key=lambda p: ((p[0], p[2]) not in lacking, p[3]))
        return [
            (kind, key, label + (self.tr(" – brak upoważnienia") if (kind, i) in lacking else ""))
            for kind, key, i, label in ordered
        ]

    def _open(self, dialog: FormDialog) -> None:
        self.dialog = dialog

        def saved() -> None:
            self.refresh()
            self.select(dialog.saved_id)

        dialog.accepted.connect(saved)
        dialog.open()

    def add(self) -> None:
        if self.ops.db.actor.can(Permission.MANAGE_USERS):
            self._open(AuthorisationDialog(self.ops, self.ops.read(self._people), self))

    def withdraw(self) -> None:
        row = self.selected()
        if row is None or row.withdrawn_on is not None:
            return
        rid = row.id
        self._open(
            AuthorisationDateDialog(
                self.ops,
                self.tr("Wycofanie upoważnienia {n}").format(n=row.number),
                self.tr("&Odwołane z dniem"),
                self.tr(
                    "{name} od tego dnia nie może przetwarzać danych uczestników. Wyłącz też "
                    "konto tej osoby, jeśli już nie pracuje."
                ).format(name=row.person_name),
                lambda s, on: authorisations.withdraw(s, rid, on),
                self,
            )
        )

    def record_undertaking(self) -> None:
        row = self.selected()
        if row is None or row.undertaking_on is not None:
            return
        rid = row.id
        self._open(
            AuthorisationDateDialog(
                self.ops,
                self.tr("Zobowiązanie do tajemnicy – upoważnienie {n}").format(n=row.number),
                self.tr("&Podpisane dnia"),
                self.tr("Od tego dnia upoważnienie pozwala przetwarzać dane."),
                lambda s, on: authorisations.record_undertaking(s, rid, on),
                self,
            )
        )

    def print_selected(self) -> None:
        from kisdesk.reports.pdf import authorisation as pdf
        from kisdesk.ui import files

        row = self.selected()
        if row is None:
            return
        rid = row.id

        def work(session: Session, _progress: Any, path: Any) -> authorisations.AuthorisationPrint:
            data = authorisations.authorisation_print(session, rid)
            pdf.render(data, path)
            return data

        files.produce(
            self,
            self.ops,
            work,
            title=self.tr("Tworzenie upoważnienia…"),
            name=lambda d: files.file_name("Upowaznienie", d.number, d.person_name),
        )
