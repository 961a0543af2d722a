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

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.db import backup as bk
from kisdesk.db.encryption_files import is_encrypted
from kisdesk.errors import KisdeskError, StorageError, ValidationError
from kisdesk.messages import describe
from kisdesk.paths import sqlite_path
from kisdesk.services import audit, users
from kisdesk.services.common import require
from kisdesk.ui import signals, storage_startup
from kisdesk.ui.dialogs.recovery_key_dialog import DatabaseRecoveryKeyDialog
from kisdesk.ui.ops import Ops, show_error
from kisdesk.ui.widgets.forms import note_label

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Done(QObject):
    done = Signal(object)


class _Work(QRunnable):
    def __init__(self, work: Callable[[], Any], bridge: _Done) -> None:
        super().__init__()
        self.work, self.bridge = work, bridge

    def run(self) -> None:
        try:
            result: Any = self.work()
        except BaseException as exc:  # handed to the GUI thread, raised there
            result = _Failed(exc)
        self.bridge.done.emit(result)


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


class _Busy(QProgressDialog):
    """A conversion cannot be cancelled half-way: no Cancel button, Esc does nothing."""

    def reject(self) -> None:
        return None


def run_waiting(parent: QWidget, title: str, work: Callable[[], T]) -> T:
    """`work()` off the GUI thread while a modal "please wait" is shown; its result, or its
    exception raised here. Tests (Ops.inline) run it at once."""
    if Ops.inline:
        return work()
    bridge = _Done()
    loop = QEventLoop()
    box: dict[str, Any] = {}
    bridge.done.connect(lambda result: (box.__setitem__("result", result), loop.quit()))
    wait = _Busy(title, "", 0, 0, parent)
    wait.setCancelButton(None)  # type: ignore[arg-type]
    wait.setWindowModality(Qt.WindowModality.ApplicationModal)
    wait.setMinimumDuration(0)
    wait.show()
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        QThreadPool.globalInstance().start(_Work(work, bridge))
        if "result" not in box:
            loop.exec()
    finally:
        QGuiApplication.restoreOverrideCursor()
        wait.reset()
        wait.deleteLater()
    result = box["result"]
    if isinstance(result, _Failed):
        raise result.error
    return result  # type: ignore[no-any-return]


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
        self.on_button.clicked.connect(lambda: self.turn_on())
        self.off_button.clicked.connect(lambda: self.turn_off())
        self.recovery_button.clicked.connect(lambda: self.new_recovery_key())
        row = QHBoxLayout()
        for button in (self.on_button, self.off_button, self.recovery_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.note)
        layout.addLayout(row)
        self.refresh()

    def _path(self) -> Path | None:
        return sqlite_path(self.ops.db.url)

    def refresh(self) -> None:
        path = self._path()
        leader = self.ops.db.actor.can(Permission.MANAGE_ENCRYPTION)
        encrypted = path is not None and path.exists() and is_encrypted(path)
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
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        self.on_button.setVisible(leader and path is not None and not encrypted)
        self.off_button.setVisible(leader and encrypted)
        self.recovery_button.setVisible(leader and encrypted)

    # -- the three actions --------------------------------------------------------------------
    def turn_on(self) -> None:
        hashes = self.ops.run(self, users.password_hashes)  # the leader's only; refusal logged
        if hashes is None:
            return
        if not hashes:
            show_error(self, ValidationError("encryption.needs_users"))
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
            ).format(n=len(hashes))
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Zaszyfruj"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Anuluj"))
        if box.exec() != QMessageBox.StandardButton.Yes or not self._log("on"):
            return
        from kisdesk.db.encryption_convert import encrypt_database_with_key

        made: dict[str, bytes] = {}

        def convert(path: Path) -> str:
            recovery, made["key"] = encrypt_database_with_key(path, hashes)
            return recovery

        recovery = self._convert(
            "on",
            self.tr("Szyfrowanie bazy danych…"),
            convert,
            lambda path: made.get("key") or bk.database_key_of(path),
        )
        if recovery is not None:
            DatabaseRecoveryKeyDialog(self.ops, recovery, parent=self).exec()

    def turn_off(self) -> None:
        found = self._key()
        if found is None:
            return
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
        if answer != QMessageBox.StandardButton.Yes or not self._log("off"):
            return
        from kisdesk.db.encryption_convert import decrypt_database

        key = found[1]
        backup = self._convert(
            "off",
            self.tr("Wyłączanie szyfrowania bazy danych…"),
            lambda path: decrypt_database(path, key),
            bk.database_key_of,
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
        found = self._key()
        if found is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Nowy klucz odzyskiwania"),
            self.tr(
                "Dotychczasowy klucz odzyskiwania przestanie otwierać bazę danych. Nowy klucz "
                "program pokaże tylko raz – trzeba go od razu wydrukować i schować w sejfie. "
                "Kontynuować?"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes or not self._log("recovery-key"):
            return
        from kisdesk.db import encryption as enc

        try:
            recovery = enc.replace_recovery_key(found[0], found[1])
        except KisdeskError as exc:
            self._log_failure("recovery-key", exc)
            show_error(self, exc)
            return
        DatabaseRecoveryKeyDialog(self.ops, recovery, replaced=True, parent=self).exec()

    # -- shared steps --------------------------------------------------------------------------
    def _key(self) -> tuple[Path, bytes] | None:
        from kisdesk.db import encryption as enc

        return enc.key_of(self.ops.db.engine)

    def _log(self, state: str) -> bool:
        """The audit entry before the change (as `kisdesk encrypt` writes it); False when
        the actor may not change encryption (the refusal is logged and shown)."""

        def work(session: Session) -> bool:
            require(session, Permission.MANAGE_ENCRYPTION)
            audit.record(session, "encryption", state=state)
            return True

        return bool(self.ops.run(self, work))

    def _log_failure(self, state: str, error: KisdeskError) -> None:
        try:
            with self.ops.db.session() as s:
                audit.record(s, "encryption", state=state, action="failed", reason=error.code)
        except KisdeskError as exc:  # the message to the user matters more than this entry
            log.warning("the failed conversion could not be logged: %s", exc)

    def _convert(
        self,
        state: str,
        title: str,
        change: Callable[[Path], T],
        key: Callable[[Path], bytes | None],
    ) -> T | None:
        """Close, convert off the GUI thread, reopen; None (after a message) on failure."""
        before = self.ops.db
        try:
            return storage_startup.reopen_around(
                self.ops, lambda path: run_waiting(self, title, lambda: change(path)), key
            )
        except Exception as exc:
            if not isinstance(exc, KisdeskError):  # SQLCipher or the disk: a fault, logged
                log.exception("converting the database failed")
                exc = StorageError("encryption.failed", reason=str(exc))
            self._failed(state, exc, reopened=self.ops.db is not before)
            return None
        finally:
            self.ops.changed(signals.EVERYTHING)  # a new database object: every page reloads
            self.refresh()

    def _failed(self, state: str, error: KisdeskError, reopened: bool) -> None:
        if reopened:
            self._log_failure(state, error)
            after = self.tr("Baza danych jest otwarta tak jak przedtem; nic nie zostało zmienione.")
        else:
            after = self.tr(
                "Nie udało się ponownie otworzyć bazy danych. Zamknij program i uruchom go "
                "ponownie."
            )
        QMessageBox.warning(self, self.title(), describe(error) + "\n\n" + after)
