"""Signing in: at start-up, when the screen was locked, and to open an encrypted database.

    actor = sign_in(ops, window)              # None: the user closed the program
    unlocked = unlock_encrypted(path, None)   # before opening an encrypted file

The dialog never says whether the login or the password was wrong (the services answer the
same for both), shows the waiting time after repeated failures, and in lock mode keeps the
login fixed: only the person whose work is on the screen can unlock it (ASVS 7.5.1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.access import Actor, Role
from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import audit, users
from kisdesk.ui.ops import Ops, show_error
from kisdesk.ui.widgets.forms import (
    ERROR_COLOUR,
    FormErrors,
    note_label,
    page_heading,
    save_cancel_buttons,
)

Authenticate = Callable[[str, str], object]


class LoginDialog(QDialog):
    """Login and password; `authenticate(login, password)` decides (raises KisdeskError)."""

    def __init__(
        self,
        authenticate: Authenticate,
        parent: QWidget | None = None,
        *,
        login: str = "",
        locked: bool = False,
        heading: str | None = None,
        note: str | None = None,
        recover: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.authenticate = authenticate
        self.recover = recover
        self.result_value: object = None
        self.locked = locked
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("kisdesk – logowanie"))
        self.setModal(True)
        self.login = QLineEdit(login)
        self.login.setObjectName("login")
        self.login.setReadOnly(locked)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("&Użytkownik:"), self.login)
        form.addRow(self.tr("&Hasło:"), self.password)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            self.tr("Odblokuj") if locked else self.tr("Zaloguj"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.ok_button.setDefault(True)
        if not locked:
            close = buttons.addButton(self.tr("Zamknij"), QDialogButtonBox.ButtonRole.RejectRole)
            close.setAutoDefault(False)
        self.recover_button: QPushButton | None = None
        if recover is not None:
            self.recover_button = buttons.addButton(
                self.tr("Mam klucz odzyskiwania…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.recover_button.setAutoDefault(False)
            self.recover_button.clicked.connect(self._recover)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(heading or self.tr("Zaloguj się")))
        if note:
            layout.addWidget(note_label(note))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if login else self.login).setFocus()
        self.resize(max(self.sizeHint().width(), 420), self.sizeHint().height())

    def try_login(self) -> None:
        try:
            self.result_value = self.authenticate(self.login.text(), self.password.text())
        except KisdeskError as exc:
            self.show_error(describe(exc))
            self.password.selectAll()
            self.password.setFocus()
            return
        self.password.clear()  # not kept in a widget longer than needed
        self.accept()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def _recover(self) -> None:
        assert self.recover is not None
        text, ok = QInputDialog.getText(
            self,
            self.tr("Klucz odzyskiwania"),
            self.tr("Przepisz klucz odzyskiwania z wydruku przechowywanego w sejfie:"),
        )
        if not ok or not text.strip():
            return
        try:
            self.result_value = self.recover(text)
        except KisdeskError as exc:
            self.show_error(describe(exc))
            return
        self.accept()

    def reject(self) -> None:
        if self.locked:
            return  # a locked screen is left only by signing in again
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self.locked and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)


def sign_in(
    ops: Ops,
    parent: QWidget | None = None,
    *,
    login: str = "",
    password: str | None = None,
    recovered: bool = False,
) -> Actor | None:
    """The person using the program, set on `ops.db.actor`. A database without accounts is
    used by the leader alone (no dialog). None when the user closed the dialog.

    `recovered`: the encrypted file was opened with the recovery key because nobody
    remembers a password; a leader's password is set anew first (RecoveryDialog)."""
    try:
        needed = ops.read(users.sign_in_needed)
    except KisdeskError as exc:  # accounts deleted outside the program: nobody works here
        show_error(parent, exc)
        return None
    if not needed:
        return Actor.system()
    if recovered:
        reset = RecoveryDialog(ops, parent)
        if reset.exec() != QDialog.DialogCode.Accepted:
            return None
        login, password = reset.login, reset.new_password

    def authenticate(name: str, secret: str) -> Actor:
        return ops.read(lambda s: users.login(s, name, secret))

    actor: Actor | None = None
    if login and password is not None:
        try:
            actor = authenticate(login, password)  # the same login that opened the file
        except KisdeskError:
            actor = None
    if actor is None:
        dialog = LoginDialog(authenticate, parent, login=login)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        actor = dialog.result_value  # type: ignore[assignment]
    assert isinstance(actor, Actor)
    ops.db.actor = actor
    if actor.recovery_key:  # this sign-in sealed the art. 9 data (docs/threat-model.md §3.4)
        from kisdesk.ui.dialogs.recovery_key_dialog import show_sensitive_recovery_key

        show_sensitive_recovery_key(ops, actor.recovery_key, parent)
    return actor


class RecoveryDialog(QDialog):
    """After opening with the recovery key: a new password for a leader's account."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.login = ""
        self.new_password = ""
        self.setWindowTitle(self.tr("Klucz odzyskiwania przyjęty"))
        leaders = [
            u for u in ops.read(users.list_users) if u.role == Role.LEADER.value and u.active
        ]
        self.account = QComboBox()
        for u in leaders:
            self.account.addItem(f"{u.login} – {u.full_name}", (u.id, u.login))
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = FormErrors()
        form = QFormLayout()
        form.addRow(self.tr("&Konto kierownika:"), self.account)
        form.addRow(self.tr("&Nowe hasło:"), self.errors.add("password", self.password))
        form.addRow(self.tr("&Powtórz hasło:"), self.errors.add("repeat", self.repeat))
        buttons = save_cancel_buttons(self, self.save, self.tr("Ustaw hasło"), self.tr("Zamknij"))
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.tr("Ustaw nowe hasło")))
        layout.addWidget(
            note_label(
                self.tr(
                    "Baza została otwarta kluczem odzyskiwania. Ustaw nowe hasło kierownika; "
                    "zostanie to zapisane w dzienniku zdarzeń."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        from kisdesk.services.encryption import sync_key_slot
        from kisdesk.ui.dialogs.user_dialog import FIELDS

        self.errors.clear()
        if self.password.text() != self.repeat.text():
            self.errors.show("repeat", self.tr("Hasła się różnią."))
            return
        choice = self.account.currentData()
        if choice is None:
            return
        user_id, login = choice
        new, db = self.password.text(), self.ops.db
        actor = Actor(self.tr("klucz odzyskiwania"), Role.LEADER)

        def work(session: Session) -> bool:
            audit.record_after(session, "login", actor=actor, method="recovery_key")
            sync_key_slot(db, login, users.change_password(session, user_id, new))
            return True

        if self.ops.run(self, work, on_error=lambda error: self.errors.report(self, error, FIELDS)):
            self.login, self.new_password = login, new
            self.accept()


@dataclass(frozen=True)
class Unlocked:
    """The key of an encrypted database and who opened it (to sign in without asking again)."""

    key: bytes
    login: str
    password: str | None  # None when opened with the recovery key


def unlock_encrypted(path: Path, parent: QWidget | None = None) -> Unlocked | None:
    """Ask for a login and password (or the recovery key) that open the encrypted file."""
    from kisdesk.services import encryption

    def authenticate(name: str, secret: str) -> Unlocked:
        return Unlocked(encryption.unlock(path, name, secret), name, secret)

    def recover(text: str) -> Unlocked:
        return Unlocked(encryption.unlock_with_recovery(path, text), "", None)

    dialog = LoginDialog(
        authenticate,
        parent,
        heading=QCoreApplication.translate("LoginDialog", "Zaszyfrowana baza danych"),
        note=QCoreApplication.translate(
            "LoginDialog", "Baza danych jest zaszyfrowana. Zaloguj się, aby ją otworzyć."
        ),
        recover=recover,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    result = dialog.result_value
    return result if isinstance(result, Unlocked) else None
