"""Użytkownicy: the office's accounts, for the leader (docs/domain.md#office; issue 6).

Add, edit (role, staff link, health categories), change a password, deactivate a leaver
(never delete: the audit log keeps naming them), unlock after repeated failed sign-ins. In
an encrypted database the key file follows every change; turning encryption on or off and a
new recovery key are on the data-protection page, which this page links to.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QPushButton
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.services import users
from kisdesk.services.encryption import database_is_encrypted, sync_key_slot
from kisdesk.services.users import UserRow
from kisdesk.ui import signals
from kisdesk.ui.dialogs.user_dialog import UserDialog
from kisdesk.ui.dialogs.user_password import PasswordDialog
from kisdesk.ui.pages.audit import local_time
from kisdesk.ui.pages.users_authorisations import AuthorisationsSection
from kisdesk.ui.table_models.base import RIGHT, Column, RowTableModel
from kisdesk.ui.widgets.list_page import ListPage
from kisdesk.ui.widgets.table import selected_row

ROLE_SHORT = {"kierownik": "kierownik", "kadra": "kadra", "administracja": "administracja"}
GREY = QColor("#8a8f94")
RED = QColor("#b3261e")


def _state(row: UserRow) -> str:
    if not row.active:
        return "wyłączone"
    if row.locked:
        return "zablokowane"
    return "aktywne"


class UserModel(RowTableModel[UserRow]):
    def __init__(self, parent: Any = None) -> None:
        t = self.tr
        super().__init__(
            (
                Column(t("Użytkownik"), lambda r: r.login),
                Column(t("Imię i nazwisko"), lambda r: r.full_name),
                Column(t("Rola"), lambda r: ROLE_SHORT.get(r.role, r.role)),
                Column(t("Osoba z kadry"), lambda r: r.staff_name or "—"),
                Column(
                    t("Kategorie zdrowotne"),
                    lambda r: r.view_sensitive and r.role != "administracja",
                    header_tip=t("Czy konto widzi kategorie 2–4 i 8 (art. 9 RODO)"),
                ),
                Column(
                    t("Konto"),
                    _state,
                    foreground=lambda r: GREY if not r.active else (RED if r.locked else None),
                ),
                Column(
                    t("Ostatnie logowanie"),
                    lambda r: local_time(r.last_login_at) if r.last_login_at else "—",
                    sort=lambda r: r.last_login_at.isoformat() if r.last_login_at else "",
                ),
                Column(t("Nieudane próby"), lambda r: r.failed_logins or "", align=RIGHT),
            ),
            parent,
        )


class UsersPage(ListPage):
    name = "users"
    listens = frozenset({signals.USERS, signals.STAFF})
    open_key = "user_id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.password_button = QPushButton(self.tr("Zmień hasło…"))
        self.password_button.clicked.connect(self.change_password)
        self.active_button = QPushButton(self.tr("Wyłącz konto"))
        self.active_button.clicked.connect(self.toggle_active)
        self.unlock_button = QPushButton(self.tr("Odblokuj"))
        self.unlock_button.clicked.connect(self.unlock)
        for i, button in enumerate((self.password_button, self.active_button, self.unlock_button)):
            self.toolbar.insertWidget(2 + i, button)
        # Encryption and its recovery key are the data-protection page's (one place for both).
        self.encryption = QLabel()
        self.encryption.setTextFormat(Qt.TextFormat.RichText)
        self.encryption.linkActivated.connect(lambda _link: self.navigate("rodo"))
        self.layout().addWidget(self.encryption)
        # Art. 8b ust. 4 / art. 18f: only people with a written authorisation process data;
        # the register sits under the accounts it concerns.
        self.authorisations = AuthorisationsSection(self.ops, self)
        self.layout().addWidget(self.authorisations, 1)
        self.hint.setText(
            self.tr(
                "Każda osoba ma własne konto. Osoby, które odeszły, wyłącz – nie usuwaj: "
                "dziennik zdarzeń nadal je wskazuje. Po 100 nieudanych logowaniach konto "
                "odblokowuje kierownik."
            )
        )
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self._update_actions()

    def title(self) -> str:
        return self.tr("Użytkownicy")

    def new_button_text(self) -> str:
        return self.tr("Nowe konto…")

    def make_model(self) -> UserModel:
        return UserModel(self)

    def load_rows(self, session: Session) -> list[UserRow]:
        if not self.ops.db.actor.can(Permission.MANAGE_USERS):
            return []
        return users.list_users(session)

    def refresh(self) -> None:
        super().refresh()
        allowed = self.ops.db.actor.can(Permission.MANAGE_USERS)
        self.new_button.setEnabled(allowed)
        state = (
            ""
            if self.ops.db.path is None
            else self.tr("Baza danych jest zaszyfrowana.")
            if database_is_encrypted(self.ops.db)
            else self.tr("Baza danych nie jest szyfrowana.")
        )
        if hasattr(self, "authorisations"):  # refresh() runs once before it is built
            self.authorisations.refresh()
        self.encryption.setText(
            state
            + " "
            + self.tr(
                'Szyfrowanie bazy i klucz odzyskiwania: strona <a href="rodo">Ochrona danych</a>.'
            )
        )
        self._update_actions()

    def open(self, **kwargs: Any) -> None:
        """`authorisations=True` (the dashboard's warning): the register, keyboard in it."""
        super().open(**kwargs)
        if kwargs.get("authorisations"):
            self.authorisations.refresh()
            self.authorisations.table.setFocus()

    def _update_actions(self, *_args: Any) -> None:
        row = selected_row(self.table)
        me = self.ops.db.actor
        allowed = me.can(Permission.MANAGE_USERS)
        self.password_button.setEnabled(row is not None and (allowed or row.id == me.user_id))
        self.active_button.setEnabled(row is not None and allowed)
        self.unlock_button.setEnabled(row is not None and allowed and row.failed_logins > 0)
        if row is not None:
            self.active_button.setText(
                self.tr("Wyłącz konto") if row.active else self.tr("Włącz konto")
            )

    def new_item(self) -> None:
        dialog = UserDialog(self.ops, None, self)
        if dialog.exec():
            self.refresh()
            self.select(dialog.saved_id)

    def edit_item(self, row: UserRow) -> None:
        dialog = UserDialog(self.ops, row, self)
        if dialog.exec():
            self.refresh()
            self.select(dialog.saved_id)

    def change_password(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            PasswordDialog(self.ops, row.id, row.login, self).exec()

    def toggle_active(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        active = not row.active
        db = self.ops.db

        def work(session: Session) -> None:
            users.set_active(session, row.id, active)
            sync_key_slot(
                db, row.login, users.password_hashes(session)[row.login] if active else None
            )

        self.ops.run(self, work)

    def unlock(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.ops.run(self, lambda s: users.unlock(s, row.id))
