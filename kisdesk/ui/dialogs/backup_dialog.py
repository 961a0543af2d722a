"""Plik → Kopia zapasowa…: the backups, a backup now or to a USB stick, the passphrase,
and restoring any backup."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import storage
from kisdesk.services.office import get_office, has_office
from kisdesk.services.storage import BackupInfo
from kisdesk.ui.dialogs.backup_passphrase import PassphraseDialog, RecoveryKeyDialog
from kisdesk.ui.dialogs.restore_dialog import RestoreDialog

if TYPE_CHECKING:
    from kisdesk.ui.storage_startup import StorageController

WHEN, KIND, RECORDS, SIZE, WHERE = range(5)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def kind_label(kind: str) -> str:
    labels = {
        "auto": QApplication.translate("backup", "automatyczna"),
        "exit": QApplication.translate("backup", "przy zamknięciu"),
        "manual": QApplication.translate("backup", "na żądanie"),
        "pre-upgrade": QApplication.translate("backup", "przed aktualizacją"),
        "pre-restore": QApplication.translate("backup", "przed przywróceniem"),
    }
    return labels.get(kind, kind)


class BackupTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[BackupInfo] = []

    def set_rows(self, rows: list[BackupInfo]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            self.tr("Stan z"),
            self.tr("Rodzaj"),
            self.tr("Zapisów"),
            self.tr("Rozmiar"),
            self.tr("Folder"),
        ][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (RECORDS, SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            WHEN: row.created_local(),
            KIND: kind_label(row.kind),
            RECORDS: f"{row.records:,}".replace(",", "\u00a0"),
            SIZE: f"{max(1, row.size // 1024):,} kB".replace(",", "\u00a0"),
            WHERE: self._where(row.path.parent),
        }[index.column()]

    def _where(self, folder: Path) -> str:
        if folder == storage.known_folders()[0]:
            return self.tr("folder programu ({path})").format(path=folder)
        return str(folder)


class BackupDialog(QDialog):
    def __init__(self, controller: StorageController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Kopia zapasowa"))
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.key_status = QLabel()
        self.key_status.setWordWrap(True)
        layout.addWidget(self.key_status)
        self.model = BackupTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.horizontalHeader().setSectionResizeMode(WHERE, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout.addWidget(self.table, 1)
        grid = QGridLayout()
        self.now_button = QPushButton(self.tr("Zrób kopię teraz"))
        self.now_button.clicked.connect(self.backup_now)
        self.stick_button = QPushButton(self.tr("Zapisz kopię na pendrive…"))
        self.stick_button.clicked.connect(lambda: self.backup_to())
        self.restore_button = QPushButton(self.tr("Przywróć wybraną…"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button = QPushButton(self.tr("Przywróć z pliku…"))
        self.file_button.clicked.connect(lambda: self.restore_from())
        self.passphrase_button = QPushButton()
        self.passphrase_button.clicked.connect(self.set_passphrase)
        self.recovery_button = QPushButton(self.tr("Nowy klucz odzyskiwania…"))
        self.recovery_button.clicked.connect(self.new_recovery_key)
        self.new_key_button = QPushButton(self.tr("Nowy klucz kopii…"))
        self.new_key_button.clicked.connect(self.new_backup_key)
        for n, button in enumerate(
            (
                self.now_button,
                self.stick_button,
                self.passphrase_button,
                self.restore_button,
                self.file_button,
                self.recovery_button,
                self.new_key_button,
            )
        ):
            grid.addWidget(button, n // 3, n % 3)
        layout.addLayout(grid)
        bottom = QHBoxLayout()
        folder = QPushButton(self.tr("Otwórz folder kopii"))
        folder.clicked.connect(self.open_folder)
        close = QPushButton(self.tr("Zamknij"))
        close.clicked.connect(self.accept)
        bottom.addWidget(folder)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.resize(760, 480)
        self.refresh()

    # -- what is shown ------------------------------------------------------------------------
    def refresh(self) -> None:
        self.model.set_rows(
            storage.list_backups(self.controller.db_path, self.controller.scheduler.options)
        )
        for column in (WHEN, KIND, RECORDS, SIZE):
            self.table.resizeColumnToContents(column)
        if self.model.rows:
            self.table.selectRow(0)
        self.status.setText(self.controller.status_text())
        ring = storage.keyring_state()
        if ring.has_passphrase:
            self.key_status.setText(
                self.tr(
                    "Hasło kopii jest ustawione: kopie otworzy też inny komputer (hasłem albo "
                    "kluczem odzyskiwania z wydruku)."
                )
            )
            self.key_status.setStyleSheet("")
            self.passphrase_button.setText(self.tr("Zmień hasło kopii…"))
        elif ring.has_database_recovery:  # the database is encrypted: its card opens them
            self.key_status.setText(
                self.tr(
                    "Kopie otworzy też inny komputer – kluczem odzyskiwania bazy danych (z "
                    "wydruku). Można też ustawić osobne hasło kopii."
                )
            )
            self.key_status.setStyleSheet("")
            self.passphrase_button.setText(self.tr("Ustaw hasło kopii…"))
        else:
            self.key_status.setText(
                self.tr(
                    "Nie ustawiono hasła kopii: kopie da się przywrócić tylko na tym komputerze. "
                    "Ustaw hasło i wydrukuj klucz odzyskiwania."
                )
            )
            self.key_status.setStyleSheet("color: #8a3a00; font-weight: bold;")
            self.passphrase_button.setText(self.tr("Ustaw hasło kopii…"))
        self.recovery_button.setEnabled(ring.has_passphrase and ring.unlocked)
        self.new_key_button.setVisible(ring.dead_end)
        if ring.dead_end:
            self.key_status.setText(describe(KisdeskError("backup.key_lost")))
            self.key_status.setStyleSheet("color: #8b1a1a; font-weight: bold;")

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def _office(self) -> str:
        try:
            return str(
                self.controller.ops.read(lambda s: get_office(s).name if has_office(s) else "")
            )
        except KisdeskError:
            return ""

    def _fail(self, error: KisdeskError) -> None:
        QMessageBox.warning(self, self.windowTitle(), describe(error))

    # -- actions ------------------------------------------------------------------------------
    def backup_now(self) -> BackupInfo | None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            info = self.controller.backup_now()
        except KisdeskError as exc:
            self._fail(exc)
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.refresh()
        return info

    def backup_to(self, folder: Path | None = None) -> BackupInfo | None:
        """A backup on a USB stick or any folder, read back and verified there."""
        if folder is None:
            name = QFileDialog.getExistingDirectory(self, self.tr("Gdzie zapisać kopię?"))
            if not name:
                return None
            folder = Path(name)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            info = self.controller.backup_to(folder)
        except KisdeskError as exc:
            QApplication.restoreOverrideCursor()
            self._fail(exc)
            return None
        QApplication.restoreOverrideCursor()
        QMessageBox.information(
            self,
            self.windowTitle(),
            self.tr(
                "Kopia zapisana i sprawdzona po odczytaniu z nośnika:\n{path}\n\nPrzed wyjęciem "
                "pendrive’a użyj „Bezpieczne usuwanie sprzętu”."
            ).format(path=info.path),
        )
        return info

    def restore_selected(self) -> None:
        info = self.selected()
        if info is not None:
            self.restore_from(info.path)

    def restore_from(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, self.tr("Plik kopii zapasowej"), "", self.tr("Kopie kisdesk (*.kisbak)")
            )
            if not name:
                return
            path = Path(name)
        try:
            dialog = RestoreDialog(path, self.controller.restore, self)
        except KisdeskError as exc:
            self._fail(exc)
            return
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def set_passphrase(self) -> None:
        ring = storage.keyring_state()
        if not ring.unlocked:
            self._fail(KisdeskError("backup.key_locked"))
            return
        dialog = PassphraseDialog(self.controller.ops.db, ring.has_passphrase, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.recovery_key:
            RecoveryKeyDialog(dialog.recovery_key, ring.key_id, self._office(), self).exec()
        self.refresh()

    def new_backup_key(self) -> None:
        from kisdesk.ui.widgets.backup_banner import BackupBanner

        banner = BackupBanner(self.controller, self)  # the same question and steps
        banner.hide()
        banner.new_key()
        banner.deleteLater()
        self.refresh()

    def new_recovery_key(self) -> None:
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr(
                "Utworzyć nowy klucz odzyskiwania? Nowe kopie otworzy tylko nowy klucz; stary "
                "(z poprzedniego wydruku) nadal otwiera kopie wykonane wcześniej."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            key, key_id = storage.new_recovery_key(self.controller.ops.db)
        except KisdeskError as exc:
            self._fail(exc)
            return
        RecoveryKeyDialog(key, key_id, self._office(), self).exec()

    def open_folder(self) -> None:
        folder = storage.known_folders()[0]
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
