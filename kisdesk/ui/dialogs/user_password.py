"""Change a password: your own (with the current one) or, as the leader, anyone's."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.services import users
from kisdesk.services.encryption import sync_key_slot
from kisdesk.ui.dialogs.user_dialog import PASSWORD_FIELDS
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.forms import FormErrors, note_label, save_cancel_buttons

FIELDS = {"user.wrong_current_password": "current", **PASSWORD_FIELDS}


class PasswordDialog(QDialog):
    def __init__(self, ops: Ops, user_id: int, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.user_id = user_id
        self.login = login
        self.own = ops.db.actor.user_id == user_id
        self.setWindowTitle(self.tr("Zmiana hasła – {login}").format(login=login))
        self.current = QLineEdit()
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        for edit in (self.current, self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = FormErrors()
        form = QFormLayout()
        if self.own:
            form.addRow(self.tr("&Obecne hasło:"), self.errors.add("current", self.current))
        form.addRow(self.tr("&Nowe hasło:"), self.errors.add("password", self.password))
        form.addRow(self.tr("&Powtórz nowe hasło:"), self.errors.add("repeat", self.repeat))
        buttons = save_cancel_buttons(self, self.save, self.tr("Zmień hasło"), self.tr("Anuluj"))
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            note_label(
                self.tr(
                    "Co najmniej 12 znaków; wielkie litery i cyfry nie są wymagane. Hasło łatwe "
                    "do zapamiętania to kilka własnych słów, jak „czajnik gwiżdże na kuchni” "
                    "(ale nie ten przykład)."
                )
            )
        )
        layout.addWidget(buttons)

    def save(self) -> None:
        self.errors.clear()
        if self.password.text() != self.repeat.text():
            self.errors.show("repeat", self.tr("Hasła się różnią."))
            return
        user_id, new = self.user_id, self.password.text()
        current = self.current.text() if self.own else None
        db = self.ops.db

        def work(session: Session) -> None:
            phc = users.change_password(session, user_id, new, old_password=current)
            sync_key_slot(db, users.get_user(session, user_id).login, phc)

        done = self.ops.run(
            self,
            lambda s: work(s),
            on_error=lambda error: self.errors.report(self, error, FIELDS),
        )
        for edit in (self.current, self.password, self.repeat):
            edit.clear()
        if done:
            self.accept()
