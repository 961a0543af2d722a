"""Setting the backup passphrase, and showing the recovery key once, to be printed.

The recovery key is shown only here, right after it is made; kisdesk stores it nowhere.
The dialog closes only after the user confirms the key is printed or written down. The
database's recovery key (encryption at rest) is shown by the same dialog with its own words
and card (kisdesk/ui/dialogs/recovery_key_dialog.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kisdesk.db import Database
from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import storage
from kisdesk.services.storage import MIN_PASSPHRASE


class PassphraseDialog(QDialog):
    """Set or change the passphrase; `recovery_key` holds a new key to show, if one was made."""

    def __init__(
        self, db: Database | None, changing: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.recovery_key: str | None = None
        self.key_id = ""
        self.setWindowTitle(
            self.tr("Zmiana hasła kopii zapasowych")
            if changing
            else self.tr("Hasło kopii zapasowych")
        )
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Kopie zapasowe są zaszyfrowane. Na tym komputerze program otwiera je sam; na "
                "innym komputerze (po awarii lub kradzieży laptopa) potrzebne będzie to hasło "
                "albo klucz odzyskiwania, który program zaraz pokaże do wydrukowania.\n\n"
                "Najłatwiej zapamiętać kilka słów, np. „zielony rower nad Wartą”. "
                "Co najmniej {n} znaków."
            ).format(n=MIN_PASSPHRASE)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Nowe hasło:"), self.first)
        form.addRow(self.tr("Powtórz hasło:"), self.second)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #8b1a1a;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Ustaw hasło"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Anuluj"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def save(self) -> None:
        if self.first.text() != self.second.text():
            self._error(self.tr("Hasła różnią się. Wpisz je jeszcze raz."))
            return
        try:
            # The same rule as a passphrase file (kisdesk.services.passphrases): whitespace
            # around the words is refused, not silently kept or dropped.
            self.recovery_key, self.key_id = storage.set_passphrase(self.db, self.first.text())
        except KisdeskError as exc:
            self._error(describe(exc))
            return
        self.accept()

    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.first.setFocus()


class RecoveryKeyDialog(QDialog):
    """The new recovery key, large and readable, with a page to print; shown once.

    Subclasses change the words (`window_title`, `intro_text`, `print_text`, `confirm_text`)
    and how the page is made (`save_page`)."""

    def __init__(
        self, recovery_key: str, key_id: str, office: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.window_title())
        self.recovery_key, self.key_id, self.office = recovery_key, key_id, office
        self.saved_page: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.intro_text())
        intro.setObjectName("recoveryIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key_label = QLabel(recovery_key)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(14)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setStyleSheet("border: 2px solid #444; padding: 12px; background: #fff;")
        layout.addWidget(self.key_label)
        self.print_button = QPushButton(self.print_text())
        self.print_button.clicked.connect(lambda: self.save_page())  # not clicked's `checked`
        layout.addWidget(self.print_button)
        self.confirm = QCheckBox(self.confirm_text())
        layout.addWidget(self.confirm)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Gotowe"))
        self.ok.setEnabled(False)
        self.confirm.toggled.connect(self.ok.setEnabled)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(max(640, self.key_label.sizeHint().width() + 60))

    def window_title(self) -> str:
        return self.tr("Klucz odzyskiwania – wydrukuj go teraz")

    def intro_text(self) -> str:
        return self.tr(
            "To jest klucz odzyskiwania kopii zapasowych. Otwiera każdą kopię, nawet gdy "
            "nikt nie pamięta hasła. Program pokazuje go tylko teraz i nigdzie go nie "
            "zapisuje. Wydrukuj stronę z kluczem i schowaj ją do sejfu."
        )

    def print_text(self) -> str:
        return self.tr("Zapisz stronę do wydruku (PDF)…")

    def confirm_text(self) -> str:
        return self.tr("Klucz jest wydrukowany albo przepisany i schowany")

    def reject(self) -> None:  # Esc does not lose the only copy of the key
        if self.confirm.isChecked():
            super().reject()

    def save_page(self, path: Path | None = None) -> Path | None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Strona z kluczem odzyskiwania"),
                str(Path.home() / "kisdesk-klucz-odzyskiwania.pdf"),
                self.tr("PDF (*.pdf)"),
            )
            if not name:
                return None
            path = Path(name)
        try:
            self.saved_page = storage.write_recovery_page(
                path, self.recovery_key, self.key_id, self.office
            )
        except KisdeskError as exc:
            self.print_button.setText(describe(exc))
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved_page)))
        return self.saved_page
