"""Restoring one backup: what it holds, the key when it comes from another computer, and a
clear warning that today's data are replaced (after a copy of them is saved)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.messages.core import plural
from kisdesk.services import storage
from kisdesk.services.passphrases import clean
from kisdesk.services.storage import BackupInfo, RestoreResult

# restorer(backup, secret) or restorer(backup, secret, True): the user confirmed that a
# backup of another office replaces this one (kisdesk.services.storage.restore)
Restorer = Callable[..., RestoreResult]


key_is_here = storage.backup_opens_here
locked_by_database = storage.locked_by_database


def summary(info: BackupInfo) -> str:
    people = info.row_counts.get("participant", 0)
    activities = info.row_counts.get("activity", 0)

    def tr(text: str) -> str:
        return QApplication.translate("restore", text)

    return tr("Stan z {when}: {people} {p}, {activities} {a}, razem {records} {r}.").format(
        when=info.created_local(),
        people=people,
        p=plural(people, tr("uczestnik"), tr("uczestników"), tr("uczestników")),
        activities=activities,
        a=plural(activities, tr("zajęcia"), tr("zajęcia"), tr("zajęć")),
        records=info.records,
        r=plural(info.records, tr("zapis"), tr("zapisy"), tr("zapisów")),
    )


def result_text(result: RestoreResult) -> str:
    text = QApplication.translate("restore", "Przywrócono dane z kopii z {when}.").format(
        when=result.restored.created_local()
    )
    if result.safety_backup is not None:
        text += " " + QApplication.translate(
            "restore", "Dane sprzed przywrócenia zachowano w kopii z {when}."
        ).format(when=result.safety_backup.created_local())
    if result.was_encrypted:
        text += "\n\n" + QApplication.translate(
            "restore",
            "Uwaga: przywrócona baza nie jest zaszyfrowana. Włącz szyfrowanie ponownie "
            "w ustawieniach bezpieczeństwa.",
        )
    return text


class SecretField(QLineEdit):
    """The backup passphrase or the recovery key from the printed page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setPlaceholderText(self.tr("hasło kopii albo klucz odzyskiwania"))
        self.setAccessibleName(self.tr("Hasło kopii zapasowych albo klucz odzyskiwania"))

    def secret(self) -> str | None:
        return clean(self.text()) or None


class RestoreDialog(QDialog):
    def __init__(self, backup: Path, restorer: Restorer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Przywracanie kopii zapasowej"))
        self.backup = backup
        self.restorer = restorer
        self.result_: RestoreResult | None = None
        layout = QVBoxLayout(self)
        self.info = storage.read_backup(backup)
        title = QLabel(self.tr("<b>Przywrócić dane z tej kopii?</b>"))
        layout.addWidget(title)
        self.details = QLabel(summary(self.info) + "\n" + str(backup))
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        warning = QLabel(
            self.tr(
                "Obecne dane w programie zostaną zastąpione zawartością kopii. Wszystko, co "
                "wpisano po jej wykonaniu, zniknie z programu – ale przed przywróceniem "
                "program zapisze sprawdzoną kopię obecnych danych, więc można do nich wrócić."
            )
        )
        warning.setWordWrap(True)
        layout.addWidget(warning)
        form = QFormLayout()
        self.secret = SecretField(self)
        self.secret_label = QLabel(self.tr("Hasło lub klucz:"))
        form.addRow(self.secret_label, self.secret)
        layout.addLayout(form)
        self.needs_key = not key_is_here(self.info)
        self.secret.setVisible(self.needs_key)
        self.secret_label.setVisible(self.needs_key)
        if self.needs_key:
            note = QLabel(
                self.tr(
                    "Ta kopia pochodzi z innego komputera (albo klucz tego komputera się "
                    "zmienił). Wpisz hasło kopii zapasowych albo klucz odzyskiwania."
                )
            )
            if locked_by_database(self.info):
                note.setText(describe(KisdeskError("backup.needs_database_key")))
            note.setWordWrap(True)
            layout.addWidget(note)
            self.key_note = note
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8b1a1a;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(
            self.tr("Przywróć"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Anuluj"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def run(self) -> None:
        if self.needs_key and not self.secret.secret():
            self.show_error(self.tr("Wpisz hasło kopii zapasowych albo klucz odzyskiwania."))
            self.secret.setFocus()
            return
        try:
            self.result_ = self._restore()
            if self.result_ is None:
                return
        except KisdeskError as exc:
            self.show_error(describe(exc))
            if exc.code in (
                "backup.needs_key",
                "backup.needs_database_key",
                "backup.wrong_key",
                "recovery_key.invalid",
            ):
                self.needs_key = True
                self.secret.show()
                self.secret_label.show()
                self.secret.selectAll()
                self.secret.setFocus()
            return
        QMessageBox.information(self, self.windowTitle(), result_text(self.result_))
        self.accept()

    def _restore(self) -> RestoreResult | None:
        """The restore; a backup of another office only after the user confirms it, in a
        question that names both offices (None: not confirmed)."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return self.restorer(self.backup, self.secret.secret())
        except KisdeskError as exc:
            if exc.code != "restore.other_office":
                raise
            refusal = exc
        finally:
            QApplication.restoreOverrideCursor()
        if not self.confirm_other_office(describe(refusal)):
            self.show_error(describe(refusal))
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return self.restorer(self.backup, self.secret.secret(), True)
        finally:
            QApplication.restoreOverrideCursor()

    def confirm_other_office(self, text: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Kopia innej placówki"),
            text.split(" Jeśli na pewno")[0],
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            self.tr(
                "Przywrócić mimo to? Przed przywróceniem program zachowa kopię obecnych "
                "danych, więc można do nich wrócić."
            )
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Przywróć kopię innej placówki"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Anuluj"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


def offer_restore(backup: Path, restorer: Restorer, parent: QWidget | None = None) -> bool:
    """The restore dialog for one backup file; a file that is not a kisdesk backup (or
    cannot be read) is explained in a message instead. True when the data were restored."""
    try:
        dialog = RestoreDialog(backup, restorer, parent)
    except KisdeskError as exc:
        QMessageBox.warning(parent, "kisdesk", describe(exc))
        return False
    return dialog.exec() == QDialog.DialogCode.Accepted
