"""At start: the database file is damaged (already moved aside, unchanged) or missing.

Firefox's way: the damaged file is kept, the newest verified backup is offered. The user can
restore it, pick another backup file (a USB stick), deliberately start with an empty
database, or close the program. Nothing here happens without the user's click.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kisdesk.errors import KisdeskError, StorageError
from kisdesk.services import storage
from kisdesk.services.storage import BackupInfo
from kisdesk.ui.dialogs.restore_dialog import RestoreDialog, summary
from kisdesk.ui.storage_startup import restore_file


class RecoveryDialog(QDialog):
    def __init__(self, db_path: Path, error: StorageError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("kisdesk – baza danych wymaga uwagi"))
        self.db_path = db_path
        self.error = error
        self.choice = "quit"
        self.newest: BackupInfo | None = None
        backup = error.params.get("backup")
        if backup:
            try:
                self.newest = storage.read_backup(Path(str(backup)))
            except KisdeskError:
                self.newest = None
        layout = QVBoxLayout(self)
        self.heading = QLabel(self._heading())
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        layout.addWidget(self.heading)
        self.body = QLabel(self._body())
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.body)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("Przywróć tę kopię"))
        self.restore_button.setDefault(True)
        self.restore_button.setVisible(self.newest is not None)
        self.restore_button.clicked.connect(self.restore_newest)
        self.other_button = QPushButton(self.tr("Wybierz inny plik kopii…"))
        self.other_button.clicked.connect(self.restore_other)
        self.empty_button = QPushButton(self.tr("Zacznij od pustej bazy"))
        self.empty_button.clicked.connect(self.start_empty)
        self.quit_button = QPushButton(self.tr("Zamknij program"))
        self.quit_button.clicked.connect(self.reject)
        for button in (self.restore_button, self.other_button, self.empty_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        layout.addLayout(buttons)
        self.setMinimumWidth(620)

    def _heading(self) -> str:
        if self.error.code == "db.missing_has_backups":
            return self.tr("Nie znaleziono pliku bazy danych.")
        if self.error.code == "db.missing_quarantined":
            return self.tr("Baza danych tej placówki jest w kwarantannie.")
        return self.tr("Plik bazy danych jest uszkodzony.")

    def _body(self) -> str:
        parts = []
        folder = self.error.params.get("quarantine")
        kept = self.error.params.get("quarantined")
        if kept:
            parts.append(
                self.tr(
                    "Plik bazy danych {path} był uszkodzony i przy wcześniejszym uruchomieniu "
                    "został przeniesiony bez zmian do kwarantanny:\n{kept}\nProgram nie "
                    "zakłada w jego miejsce nowej, pustej bazy bez Twojej decyzji."
                ).format(path=self.db_path, kept=kept)
            )
        elif folder:
            parts.append(
                self.tr(
                    "Program niczego nie usunął: uszkodzone pliki przeniósł bez zmian do "
                    "folderu\n{folder}\n(może się przydać informatykowi)."
                ).format(folder=folder)
            )
        else:
            parts.append(
                self.tr("Plik {path} zniknął, choć są jego kopie zapasowe.").format(
                    path=self.db_path
                )
            )
        if self.newest is not None:
            parts.append(
                self.tr("Najnowsza sprawdzona kopia zapasowa:") + "\n" + summary(self.newest)
            )
            parts.append(
                self.tr(
                    "Po jej przywróceniu trzeba ponownie wpisać to, co zmieniono od tamtej pory."
                )
            )
        else:
            parts.append(
                self.tr(
                    "Na tym komputerze nie ma kopii zapasowej. Jeśli kopia jest na pendrive "
                    "albo na dysku sieciowym, wskaż jej plik (.kisbak)."
                )
            )
        return "\n\n".join(parts)

    def _restore(self, backup: Path) -> None:
        dialog = RestoreDialog(
            backup,
            lambda path, secret, other=False: restore_file(self.db_path, path, secret, other),
            self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.choice = "restored"
            self.accept()

    def restore_newest(self) -> None:
        if self.newest is not None:
            self._restore(self.newest.path)

    def restore_other(self) -> None:
        folder = str(self.newest.path.parent) if self.newest else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Plik kopii zapasowej"),
            folder,
            self.tr("Kopie zapasowe kisdesk (*.kisbak)"),
        )
        if name:
            self._restore(Path(name))

    def start_empty(self) -> None:
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr(
                "Założyć nową, pustą bazę danych? Dane z kopii zapasowych nie zostaną do niej "
                "wczytane (można je przywrócić później z okna „Kopia zapasowa”)."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.choice = "empty"
            self.accept()
