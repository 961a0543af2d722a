"""The strip above the pages that says when backups are not safe, loudly, not in a log.

- red: the last automatic backup failed (the office has no fresh copy); when the backup
  key is lost for good (Windows' DPAPI after a password reset or a copied profile, with no
  passphrase or recovery key), its button makes a new key, keeps the old file and backs up
  at once (kisdesk.services.storage.new_backup_key);
- amber: no backup passphrase yet, so only this computer opens the backups: its button sets
  the passphrase and shows the recovery key to print (the nag the backup dialog alone was
  too quiet for);
- hidden when all is well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import storage

if TYPE_CHECKING:
    from kisdesk.ui.storage_startup import StorageController

RED = "background: #fbe3e3; border-bottom: 2px solid #b3261e; color: #5c0f0b;"
AMBER = "background: #fff4d6; border-bottom: 2px solid #b26a00; color: #4d3000;"


class BackupBanner(QFrame):
    def __init__(self, controller: StorageController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupBanner")
        self.controller = controller
        self.kind = ""  # "failed" | "lost" | "no_passphrase" | ""
        self.text = QLabel()
        self.text.setObjectName("backupBannerText")
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.clicked.connect(self.act)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        controller.state_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        error = self.controller.scheduler.last_error
        try:
            ring = storage.keyring_state()
        except KisdeskError as exc:  # the key file itself is damaged: that is a failure too
            ring, error = None, error or exc
        may = self.controller.may_back_up()
        if ring is not None and ring.dead_end and may:
            self._show(
                "lost", RED, describe(KisdeskError("backup.key_lost")), self.tr("Nowy klucz kopii…")
            )
        elif error is not None:
            text = self.tr(
                "Automatyczna kopia zapasowa nie powiodła się: {error} Dane nie mają "
                "aktualnej kopii."
            ).format(error=describe(error))
            self._show("failed", RED, text, self.tr("Kopia zapasowa…") if may else "")
        elif ring is not None and ring.only_this_computer and may:
            text = self.tr(
                "Nie ustawiono hasła kopii zapasowych: kopie otworzy tylko ten komputer. Po "
                "awarii laptopa, zmianie hasła Windows albo przeniesieniu profilu nie da się "
                "ich odczytać. Ustaw hasło i wydrukuj klucz odzyskiwania."
            )
            self._show("no_passphrase", AMBER, text, self.tr("Ustaw hasło kopii…"))
        else:
            self.kind = ""
            self.hide()

    def _show(self, kind: str, style: str, text: str, button: str) -> None:
        self.kind = kind
        self.setStyleSheet(f"#backupBanner {{ {style} }}")
        self.text.setText(text)
        self.button.setText(button)
        self.button.setVisible(bool(button))
        self.show()

    def act(self) -> None:
        if self.kind == "lost":
            self.new_key()
        elif self.kind == "no_passphrase":
            self.set_passphrase()
        else:
            self.controller.show_backup_dialog(self.window())
        self.refresh()

    def new_key(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Nowy klucz kopii zapasowych"),
            self.tr(
                "Utworzyć nowy klucz kopii zapasowych? Dotychczasowe kopie otworzy już tylko "
                "komputer i konto, na których je zrobiono; stary plik klucza zostanie zachowany. "
                "Program od razu zrobi nową kopię, a potem poprosi o hasło kopii."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.controller.new_backup_key()
        except KisdeskError as exc:
            QMessageBox.warning(self, self.tr("Kopia zapasowa"), describe(exc))
            return
        self.set_passphrase()

    def set_passphrase(self) -> None:
        from kisdesk.ui.dialogs.backup_passphrase import PassphraseDialog, RecoveryKeyDialog

        dialog = PassphraseDialog(self.controller.ops.db, False, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.recovery_key:
            RecoveryKeyDialog(
                dialog.recovery_key, dialog.key_id, self.controller.office_name(), self
            ).exec()
        self.controller.state_changed.emit()
