"""Szyfrowanie bazy danych: the data-protection page's section for encryption at rest.

Where the laptop's disk is not encrypted (Windows Home has no BitLocker), the leader turns on
SQLCipher here (docs/threat-model.md §3.2), the same conversion as
`kisdesk encrypt on|off|recovery-key` (kisdesk/cli/security_cmds.py cmd_encrypt):

- on: a verified backup first, then the file is converted (kisdesk.db.encryption_convert);
  each person then opens the program with their own password, and a recovery key, shown
  once and printed for the safe, opens the data when nobody remembers a password;
- off: an encrypted backup first, then the file is plain again;
- a new recovery key: the old one stops opening the database.

The program holds the database open and locked, so a conversion closes it, converts the file
off the GUI thread and reopens it with its key (kisdesk.ui.storage_startup.reopen_around),
with the same person signed in. Whatever fails, the database is reopened as it was and
the leader is told in Polish. Each attempt is written to the audit log first, like the
command line does; a failed one gets a second entry with the error's code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import encryption, sensitive, users
from kisdesk.ui import signals, storage_startup
from kisdesk.ui.dialogs.recovery_key_dialog import DatabaseRecoveryKeyDialog
from kisdesk.ui.ops import Ops, run_waiting, show_error
from kisdesk.ui.widgets.forms import note_label

log = logging.getLogger(__name__)
T = TypeVar("T")


class EncryptionSection(QGroupBox):
    """The state of the database file and, for the leader, the buttons that change it."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setTitle(self.tr("Szyfrowanie bazy danych"))
        self.state = QLabel()
        self.state.setObjectName("encryptionState")
        font = self.state.font()
        font.setBold(True)
        self.state.setFont(font)
        self.note = note_label()
        self.on_button = QPushButton(self.tr("Włącz szyfrowanie…"))
        self.off_button = QPushButton(self.tr("Wyłącz szyfrowanie…"))
        self.recovery_button = QPushButton(self.tr("Nowy klucz odzyskiwania…"))
        # the leader's seal lost (every entitled password forgotten and reset): the printed
        # recovery key of the art. 9 data gives the key back (docs/threat-model.md §3.4)
        self.health_button = QPushButton(self.tr("Odzyskaj dostęp do danych zastrzeżonych…"))
        self.health_button.clicked.connect(lambda: self.recover_health())
        self.on_button.clicked.connect(lambda: self.turn_on())
        self.off_button.clicked.connect(lambda: self.turn_off())
        self.recovery_button.clicked.connect(lambda: self.new_recovery_key())
        row = QHBoxLayout()
        for button in (
            self.on_button,
            self.off_button,
            self.recovery_button,
            self.health_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.note)
        layout.addLayout(row)
        self.refresh()

    def _path(self) -> Path | None:
        return self.ops.db.path

    def refresh(self) -> None:
        path = self._path()
        leader = self.ops.db.actor.can(Permission.MANAGE_ENCRYPTION)
        encrypted = encryption.database_is_encrypted(self.ops.db)
        notes: list[str] = []
        if path is None:
            self.state.setText(self.tr("Baza na serwerze – szyfrowanie zapewnia serwer."))
        elif encrypted:
            self.state.setText(self.tr("Baza danych: zaszyfrowana"))
            notes.append(
                self.tr(
                    "Każda osoba otwiera program własnym hasłem. Gdy nikt nie pamięta hasła, "
                    "bazę otwiera wydrukowany klucz odzyskiwania, schowany w sejfie."
                )
            )
        else:
            self.state.setText(self.tr("Baza danych: niezaszyfrowana"))
            notes.append(
                self.tr(
                    "Plik bazy może odczytać każdy, kto ma dostęp do tego komputera albo wyjmie "
                    "z niego dysk."
                )
            )
            if leader:
                notes.append(
                    self.tr(
                        "Jeśli dysk laptopa nie jest zaszyfrowany (BitLocker), włącz "
                        "szyfrowanie bazy."
                    )
                )
        if path is not None and not leader:
            notes.append(self.tr("Szyfrowanie bazy włącza i wyłącza kierownik."))
        health = self._health_state()
        notes.append(self._health_note(health))
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        self.on_button.setVisible(leader and path is not None and not encrypted)
        self.off_button.setVisible(leader and encrypted)
        self.recovery_button.setVisible(leader and encrypted)
        self.health_button.setVisible(health == "lost")

    def _health_state(self) -> str:
        """Where the health categories and notes stand (docs/threat-model.md §3.4), read
        once: "lost" (sealed, and the signed-in leader has no key to them), "sealed",
        "waiting" (accounts, to be sealed at the leader's next sign-in) or "plain"."""
        leader = self.ops.db.actor.can(Permission.MANAGE_USERS)

        def state(s: Session) -> str:
            if sensitive.office_sealed(s):
                return "lost" if leader and not sensitive.may_see_health(s) else "sealed"
            return "waiting" if users.has_users(s) else "plain"

        return self.ops.read(state)

    def _health_note(self, state: str) -> str:
        if state == "lost":
            return self.tr(
                "Kategorie zdrowotne i notatki z poradnictwa są zaszyfrowane, ale Twoje konto "
                "nie ma do nich klucza (np. po zresetowaniu hasła). Wpisz wydrukowany klucz "
                "odzyskiwania danych zastrzeżonych."
            )
        if state == "sealed":
            return self.tr(
                "Kategorie zdrowotne i notatki z poradnictwa są zaszyfrowane osobnym kluczem, "
                "który otwierają tylko hasła kierownika i kadry z dostępem do tych kategorii."
            )
        if state == "waiting":
            return self.tr(
                "Kategorie zdrowotne i notatki z poradnictwa zaszyfrują się przy najbliższym "
                "zalogowaniu kierownika."
            )
        return self.tr(
            "Kategorie zdrowotne i notatki z poradnictwa są zapisane bez szyfrowania, bo "
            "biuro nie ma kont użytkowników: załóż konto kierownika, aby widziały je tylko "
            "osoby uprawnione."
        )

    # -- the three actions --------------------------------------------------------------------
    def turn_on(self) -> None:
        try:
            accounts = encryption.accounts_for_encryption(self.ops.db)
        except KisdeskError as exc:  # not the leader (the refusal is logged), or no accounts
            show_error(self, exc)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Włączenie szyfrowania bazy danych"),
            self.tr("Zaszyfrować bazę danych na tym komputerze?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            self.tr(
                "1. Program najpierw zrobi i sprawdzi kopię zapasową bazy.\n"
                "2. Potem zaszyfruje plik bazy – to może potrwać kilka minut; nie wyłączaj "
                "komputera.\n"
                "3. Od tej chwili każda osoba otwiera program własnym hasłem "
                "(kont: {n}). Bez hasła danych nie da się odczytać.\n"
                "4. Na koniec program pokaże JEDEN RAZ klucz odzyskiwania. Trzeba go "
                "wydrukować i schować w sejfie: otwiera dane, gdy nikt nie pamięta hasła."
            ).format(n=accounts)
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Zaszyfruj"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Anuluj"))
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        turned = self._convert(
            lambda reopen: encryption.turn_on(self.ops, reopen),
            self.tr("Szyfrowanie bazy danych…"),
        )
        if turned is not None:
            DatabaseRecoveryKeyDialog(self.ops, turned.recovery_key, parent=self).exec()

    def turn_off(self) -> None:
        answer = QMessageBox.warning(
            self,
            self.tr("Wyłączenie szyfrowania bazy danych"),
            self.tr(
                "Po wyłączeniu szyfrowania plik bazy będzie mógł odczytać każdy, kto ma dostęp "
                "do tego komputera. Wyłącz je tylko wtedy, gdy dysk laptopa jest zaszyfrowany "
                "(BitLocker).\n\nNajpierw program zrobi kopię bazy (zaszyfrowaną, otwiera ją "
                "dotychczasowe hasło albo klucz odzyskiwania). Logowanie do programu się nie "
                "zmienia. Wyłączyć szyfrowanie?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        backup = self._convert(
            lambda reopen: encryption.turn_off(self.ops, reopen),
            self.tr("Wyłączanie szyfrowania bazy danych…"),
        )
        if backup is not None:
            QMessageBox.information(
                self,
                self.tr("Wyłączenie szyfrowania bazy danych"),
                self.tr(
                    "Baza danych nie jest już szyfrowana. Kopia sprzed zmiany: {name}\n"
                    "(w folderze {folder})"
                ).format(name=backup.name, folder=backup.parent),
            )

    def new_recovery_key(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Nowy klucz odzyskiwania"),
            self.tr(
                "Dotychczasowy klucz odzyskiwania przestanie otwierać bazę danych. Nowy klucz "
                "program pokaże tylko raz – trzeba go od razu wydrukować i schować w sejfie. "
                "Kontynuować?"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            recovery = encryption.new_recovery_key(self.ops.db)
        except KisdeskError as exc:
            show_error(self, exc)
            return
        DatabaseRecoveryKeyDialog(self.ops, recovery, replaced=True, parent=self).exec()

    def recover_health(self) -> None:
        """The printed recovery key seals the data key to the signed-in leader again."""
        key, ok = QInputDialog.getText(
            self,
            self.tr("Klucz odzyskiwania danych zastrzeżonych"),
            self.tr(
                "Wpisz klucz odzyskiwania z wydrukowanej karty danych zastrzeżonych\n"
                "(9 grup po 4 znaki, myślniki można pominąć):"
            ),
        )
        if not ok or not key.strip():
            return
        done = self.ops.run(self, lambda s: sensitive.recover(s, key.strip()))
        if done:
            QMessageBox.information(
                self,
                self.tr("Dostęp odzyskany"),
                self.tr(
                    "Klucz danych zastrzeżonych odzyskany: kategorie zdrowotne i notatki "
                    "z poradnictwa znów otwiera Twoje hasło."
                ),
            )
        self.refresh()

    # -- shared steps --------------------------------------------------------------------------
    def _convert(self, use_case: Callable[[encryption.Reopen], T], title: str) -> T | None:
        """Close, convert off the GUI thread, reopen (kisdesk.services.encryption writes the
        audit entries); None (after a message) on failure."""
        before = self.ops.db

        def reopen(change: Callable[[Path], Any], key: encryption.KeyOf) -> Any:
            return storage_startup.reopen_around(
                self.ops, lambda path: run_waiting(self, title, lambda: change(path)), key
            )

        try:
            return use_case(reopen)
        except KisdeskError as exc:
            self._failed(exc, reopened=self.ops.db is not before)
            return None
        finally:
            if self.ops.db is not before:
                self.ops.changed(signals.EVERYTHING)  # a new database object: pages reload
            self.refresh()

    def _failed(self, error: KisdeskError, reopened: bool) -> None:
        if reopened:
            after = self.tr("Baza danych jest otwarta tak jak przedtem; nic nie zostało zmienione.")
        else:
            after = self.tr(
                "Nie udało się ponownie otworzyć bazy danych. Zamknij program i uruchom go "
                "ponownie."
            )
        QMessageBox.warning(self, self.title(), describe(error) + "\n\n" + after)
