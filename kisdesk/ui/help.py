"""F1: a short Polish help page (resources/help/pl.html) in a window that can stay open."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kisdesk import __version__
from kisdesk.paths import data_dir, resource_path, sqlite_path
from kisdesk.ui import state


def help_html() -> str:
    path = resource_path("help", "pl.html")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


class HelpDialog(QDialog):
    _instance: HelpDialog | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help")
        self.setWindowTitle(self.tr("Pomoc – kisdesk"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        html = help_html()
        self.browser.setHtml(
            html or self.tr("<p>Nie znaleziono pliku pomocy (resources/help/pl.html).</p>")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Zamknij"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        if not state.restore_geometry(self):
            self.resize(720, 640)

    def done(self, result: int) -> None:
        state.save_geometry(self)
        super().done(result)

    @classmethod
    def show_for(cls, parent: QWidget | None) -> HelpDialog:
        """Show the one help window (raise it when already open)."""
        instance = cls._instance
        if instance is None or not shiboken6.isValid(instance) or instance.parent() is not parent:
            cls._instance = cls(parent)
        cls._instance.show()
        cls._instance.raise_()
        cls._instance.activateWindow()
        return cls._instance


def show_about(parent: QWidget | None, db_url: str) -> None:
    """Pomoc → O programie: version, licence, where the data is (for whoever helps)."""
    path = sqlite_path(db_url)
    t = QCoreApplication.translate
    QMessageBox.about(
        parent,
        t("about", "O programie kisdesk"),
        t(
            "about",
            "<h3>kisdesk {version}</h3>"
            "<p>Ewidencja uczestników, zajęć i obecności dla klubu (KIS) lub centrum (CIS) "
            "integracji społecznej.</p>"
            "<p>Licencja: GNU GPL w wersji 3 lub późniejszej.</p>"
            "<p>Baza danych: {db}<br>Folder danych: {folder}</p>",
        ).format(
            version=__version__,
            db=str(path) if path else db_url.split("@")[-1],
            folder=str(data_dir()),
        ),
    )
