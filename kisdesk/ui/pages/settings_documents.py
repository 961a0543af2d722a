"""Ustawienia → Dokumenty: the folder where every PDF kisdesk makes is kept
(<folder>/<office>/<YYYY-MM>/, kisdesk.ui.files). A setting of this computer, not of the
database: on a network database each computer keeps its own folder
(docs/architecture.md#printing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kisdesk.ui import files
from kisdesk.ui.widgets.forms import note_label


class DocumentsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = QLineEdit()
        self.folder.setObjectName("documentsFolder")
        self.folder.setReadOnly(True)
        self.change = QPushButton(self.tr("&Zmień folder…"))
        self.default = QPushButton(self.tr("&Przywróć domyślny"))
        self.show_folder = QPushButton(self.tr("&Otwórz folder"))
        self.change.clicked.connect(self.choose)
        self.default.clicked.connect(self.reset)
        self.show_folder.clicked.connect(self.open_folder)
        buttons = QHBoxLayout()
        for button in (self.change, self.default, self.show_folder):
            buttons.addWidget(button)
        buttons.addStretch(1)
        heading = QLabel(self.tr("&Folder dokumentów:"))
        heading.setBuddy(self.folder)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.folder)
        layout.addLayout(buttons)
        layout.addWidget(
            note_label(
                self.tr(
                    "Każdy dokument PDF, który program przygotuje (listy, dziennik, "
                    "zaświadczenia, wnioski), jest też zachowywany w tym folderze, w podfolderze "
                    "placówki i miesiąca, np. „Klub/2026-11/Dziennik_2026-11.pdf”. Po "
                    "przygotowaniu dokumentu pierwszy przycisk to „Drukuj…”, drugi „Zapisz "
                    "jako…”. Folder jest ustawieniem tego komputera. Karta z kluczem "
                    "odzyskiwania i kopia danych osoby (RODO) nie są tu zachowywane."
                )
            )
        )
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        self.folder.setText(str(files.documents_folder()))

    def choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Folder dokumentów"), str(files.documents_folder())
        )
        if chosen:
            self.set_folder(Path(chosen))

    def set_folder(self, folder: Path) -> None:
        files.set_documents_folder(folder)
        self.load()

    def reset(self) -> None:
        files.set_documents_folder(None)
        self.load()

    def open_folder(self) -> None:
        folder = files.documents_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            QMessageBox.warning(
                self,
                self.tr("Folder dokumentów"),
                self.tr("Nie można utworzyć folderu {folder}. Wybierz inny folder.").format(
                    folder=folder
                ),
            )
            return
        files.open_in_viewer(folder)
