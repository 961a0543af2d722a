"""Add or edit a user account (the leader): login, name, role, staff link, health categories.

A new account gets its password here (typed twice). In an encrypted database every account
change also updates the key file (kisdesk.db.encryption), inside the same transaction.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.access import Role
from kisdesk.services import staff, users
from kisdesk.services.encryption import sync_key_slot
from kisdesk.services.users import UserRow
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.forms import FormErrors, note_label, save_cancel_buttons

# Error codes of services.users → the field they concern: one map for every form that sets
# a login or a password (this dialog, the password dialog, the first-start wizard's account).
PASSWORD_FIELDS = {
    "password.too_short": "password",
    "password.too_long": "password",
    "password.too_common": "password",
    "password.contains_name": "password",
    "password.example": "password",
}
ACCOUNT_ERROR_FIELDS = {"user.bad_login": "login", "user.exists": "login", **PASSWORD_FIELDS}
FIELDS = {**ACCOUNT_ERROR_FIELDS, "user.last_leader": "role"}


def role_names() -> dict[str, str]:
    from PySide6.QtCore import QCoreApplication

    t = QCoreApplication.translate
    return {
        Role.LEADER.value: t("users", "kierownik – wszystko, także konta i ustawienia"),
        Role.STAFF.value: t("users", "kadra – uczestnicy, dziennik, obecności, swoje notatki"),
        Role.ADMIN.value: t("users", "administracja – rejestry, dokumenty, eksport"),
    }


class UserDialog(QDialog):
    def __init__(self, ops: Ops, row: UserRow | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.row = row
        self.saved_id: int | None = row.id if row else None
        self.setWindowTitle(self.tr("Konto użytkownika") if row else self.tr("Nowe konto"))
        self.login = QLineEdit(row.login if row else "")
        self.login.setReadOnly(row is not None)  # the audit log names people by it
        self.full_name = QLineEdit(row.full_name if row else "")
        self.role = QComboBox()
        for key, text in role_names().items():
            self.role.addItem(text, key)
        self.role.setCurrentIndex(max(self.role.findData(row.role if row else "kadra"), 0))
        self.staff = QComboBox()
        self.staff.addItem(self.tr("— nie prowadzi zajęć —"), None)
        for s in ops.read(staff.list_staff):
            self.staff.addItem(s.full_name, s.id)
        self.staff.setCurrentIndex(max(self.staff.findData(row.staff_id if row else None), 0))
        self.sensitive = QCheckBox(self.tr("widzi kategorie zdrowotne uczestników (art. 9 RODO)"))
        self.sensitive.setChecked(row.view_sensitive if row else True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = FormErrors()
        form = QFormLayout()
        form.addRow(self.tr("&Nazwa użytkownika:"), self.errors.add("login", self.login))
        form.addRow(self.tr("&Imię i nazwisko:"), self.errors.add("full_name", self.full_name))
        form.addRow(self.tr("&Rola:"), self.errors.add("role", self.role))
        form.addRow(self.tr("&Osoba z kadry:"), self.errors.add("staff", self.staff))
        form.addRow("", self.sensitive)
        if row is None:
            form.addRow(self.tr("&Hasło:"), self.errors.add("password", self.password))
            form.addRow(self.tr("&Powtórz hasło:"), self.errors.add("repeat", self.repeat))
        buttons = save_cancel_buttons(self, self.save, self.tr("Zapisz"), self.tr("Anuluj"))
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            note_label(
                self.tr(
                    "Hasło: co najmniej 12 znaków, najlepiej kilka zwykłych słów. Osoba z kadry: "
                    "kadra czyta notatki tylko z zajęć, które sama prowadzi. Administracja nigdy "
                    "nie widzi kategorii zdrowotnych ani notatek."
                )
            )
        )
        layout.addWidget(buttons)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        self.resize(max(self.sizeHint().width(), 520), self.sizeHint().height())

    def _role_changed(self, *_args: object) -> None:
        role = self.role.currentData()
        self.sensitive.setEnabled(role == Role.STAFF.value)
        if role == Role.LEADER.value:
            self.sensitive.setChecked(True)
        elif role == Role.ADMIN.value:
            self.sensitive.setChecked(False)

    def save(self) -> None:
        self.errors.clear()
        row = self.row
        if row is None and self.password.text() != self.repeat.text():
            self.errors.show("repeat", self.tr("Hasła się różnią."))
            return
        login, name = self.login.text(), self.full_name.text()
        role, staff_id = str(self.role.currentData()), self.staff.currentData()
        sensitive, password = self.sensitive.isChecked(), self.password.text()
        db = self.ops.db

        def work(session: Session) -> int:
            if row is None:
                user_id = users.add_user(session, login, name, role, password, staff_id, sensitive)
                new_login = users.get_user(session, user_id).login
                sync_key_slot(db, new_login, users.password_hashes(session)[new_login])
                return user_id
            users.update_user(session, row.id, name, role, sensitive, staff_id, row.version)
            return row.id

        result = self.ops.run(
            self,
            work,
            on_error=lambda error: self.errors.report(self, error, FIELDS),
        )
        if result:
            self.saved_id = result.value
            self.password.clear()
            self.repeat.clear()
            self.accept()
