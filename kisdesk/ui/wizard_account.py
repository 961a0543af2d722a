"""The first-start wizard's last step: the leader's account (issue: named accounts only; the
first one, the leader's, is made in the first-start wizard).

Login, password and the password repeated. The password rule is the service's own
(kisdesk.rules.passwords: at least 12 characters, no composition rules, not a very common
password, not mostly the login or name — NIST SP 800-63B, OWASP ASVS V6), checked as the user
types with a Polish sentence under the field; the page is complete, and "Zakończ" enabled,
only when the password passes and the repeat agrees. The account itself is made by
FirstStartWizard in the transaction that creates the office.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from kisdesk.errors import ValidationError
from kisdesk.messages import describe
from kisdesk.rules import passwords
from kisdesk.ui.dialogs import user_dialog
from kisdesk.ui.widgets.forms import ERROR_COLOUR, FormErrors, note_label

ACCOUNT_FIELDS = frozenset({"login", "password", "repeat"})
# Error codes of services.users → the account page's field they concern (the same map as
# the user dialog's).
ACCOUNT_ERRORS = user_dialog.ACCOUNT_ERROR_FIELDS
OK_COLOUR = "#1e6b2f"


def suggest_login(full_name: str) -> str:
    """ "Renata Kowalczyk-Łuczak" → "renata.kowalczyk-luczak": a login easy to type on any
    keyboard (the service accepts Polish letters too; this is only a suggestion)."""
    folded = unicodedata.normalize("NFKD", full_name.replace("ł", "l").replace("Ł", "L"))
    ascii_only = "".join(c for c in folded if c.isascii() and (c.isalnum() or c in " .-"))
    return ".".join(ascii_only.lower().split())[:60]


class AccountPage(QWizardPage):
    """The leader's account: login, password and the password repeated.

    NIST SP 800-63B / OWASP ASVS (kisdesk.rules.passwords): at least 12 characters and no
    composition rules; the same check the service makes is shown as the user types."""

    def __init__(self, head_name: QLineEdit) -> None:
        super().__init__()
        self.head_name = head_name  # the leader's name, asked on the previous step
        self._suggested = ""
        self.setTitle(self.tr("Konto kierownika"))
        self.setSubTitle(
            self.tr(
                "Każda osoba pracuje w programie na własnym koncie. Pierwsze konto należy do "
                "osoby kierującej; konta dla administracji i kadry założysz potem w menu "
                "Użytkownicy."
            )
        )
        self.person = QLabel()
        self.person.setObjectName("accountPerson")
        self.person.setWordWrap(True)
        self.login = QLineEdit()
        self.login.setObjectName("accountLogin")
        self.login.setMaxLength(60)
        self.password = QLineEdit()
        self.password.setObjectName("accountPassword")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("accountRepeat")
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(passwords.MAX_LENGTH)
        self.show_password = QCheckBox(self.tr("Pokaż hasło"))
        self.show_password.toggled.connect(self._show_password)
        self.password_hint = self._hint("passwordHint")
        self.repeat_hint = self._hint("repeatHint")
        self.errors = FormErrors()
        form = QFormLayout()
        form.addRow(self.tr("Osoba:"), self.person)
        login_note = note_label(self.tr("np. imię.nazwisko; bez spacji."))
        form.addRow(self.tr("&Login:"), self._field("login", self.login, login_note))
        form.addRow(self.tr("&Hasło:"), self._field("password", self.password, self.password_hint))
        form.addRow(
            self.tr("&Powtórz hasło:"), self._field("repeat", self.repeat, self.repeat_hint)
        )
        form.addRow("", self.show_password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(
            note_label(
                self.tr(
                    "Hasło: co najmniej {n} znaków. Wielkie litery, cyfry ani znaki specjalne "
                    "nie są wymagane – najłatwiej zapamiętać kilka własnych słów, jak „jabłoń "
                    "za płotem sąsiada” (ale nie ten przykład). Login i hasło będą potrzebne "
                    "przy każdym uruchomieniu "
                    "programu: zapisz je i schowaj w bezpiecznym miejscu."
                ).format(n=passwords.MIN_LENGTH)
            )
        )
        layout.addStretch(1)
        self.login.textEdited.connect(lambda _t: self._edited("login"))
        self.password.textChanged.connect(lambda _t: self._edited("password"))
        self.repeat.textChanged.connect(lambda _t: self._edited("repeat"))
        self._update_hints()

    def _field(self, name: str, edit: QLineEdit, hint: QLabel) -> QWidget:
        """The editor, its error line (FormErrors) and the live hint right under it."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(self.errors.add(name, edit))
        layout.addWidget(hint)
        box.setFocusProxy(edit)
        return box

    def _hint(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        return label

    def _show_password(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for edit in (self.password, self.repeat):
            edit.setEchoMode(mode)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        name = self.head_name.text().strip()
        self.person.setText(
            self.tr("<b>{name}</b> – kierownik (wszystkie uprawnienia)").format(
                name=name.replace("&", "&amp;").replace("<", "&lt;")
            )
            if name
            else self.tr(
                "Imię i nazwisko osoby kierującej nie zostało wpisane w poprzednim kroku – "
                "konto będzie opisane samym loginem."
            )
        )
        # Suggest a login from the name until the user types their own.
        if not self.login.text() or self.login.text() == self._suggested:
            self._suggested = suggest_login(name)
            self.login.setText(self._suggested)
        self._update_hints()

    # -- the live check ---------------------------------------------------------------------------
    def problem(self) -> str | None:
        """The error code the password breaks now (the service's own rule), or None."""
        text = self.password.text()
        return passwords.password_problem(text, self.login.text(), self.head_name.text())

    def _edited(self, field: str) -> None:
        entry = self.errors.widget(field)
        if entry is not None and self.errors.message(field):
            self.errors.clear()  # a refused value is being corrected
        self._update_hints()

    def _set_hint(self, label: QLabel, text: str, colour: str) -> None:
        label.setText(text)
        label.setStyleSheet(f"color: {colour};")
        label.setVisible(bool(text))

    def _update_hints(self) -> None:
        password, repeat = self.password.text(), self.repeat.text()
        code = self.problem()
        if not password:
            self._set_hint(self.password_hint, "", OK_COLOUR)
        elif code == "password.too_short":
            self._set_hint(
                self.password_hint,
                self.tr("Hasło jest za krótkie: {k} z co najmniej {n} znaków.").format(
                    k=len(passwords.normalise(password)), n=passwords.MIN_LENGTH
                ),
                ERROR_COLOUR,
            )
        elif code is not None:
            error = ValidationError(code, min=passwords.MIN_LENGTH)
            self._set_hint(self.password_hint, describe(error), ERROR_COLOUR)
        else:
            self._set_hint(self.password_hint, self.tr("✓ Hasło spełnia wymagania."), OK_COLOUR)
        if not repeat:
            self._set_hint(self.repeat_hint, "", OK_COLOUR)
        elif repeat == password:
            self._set_hint(self.repeat_hint, self.tr("✓ Hasła są takie same."), OK_COLOUR)
        elif len(repeat) >= len(password) or not password.startswith(repeat):
            # not while the repeat is still being typed and agrees so far
            self._set_hint(self.repeat_hint, self.tr("Hasła się różnią."), ERROR_COLOUR)
        else:
            self._set_hint(self.repeat_hint, "", OK_COLOUR)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        login = self.login.text().strip()
        return (
            len(login) >= 2
            and not any(c.isspace() for c in login)
            and self.problem() is None
            and self.repeat.text() == self.password.text()
        )

    def clear_passwords(self) -> None:
        """Not kept in a widget longer than needed."""
        self.password.clear()
        self.repeat.clear()
