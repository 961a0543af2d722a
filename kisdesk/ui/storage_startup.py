"""What the GUI does about storage: opening at start, automatic backups, restore.

Wiring (kisdesk/ui/application.py and main_window.py):

    db = storage_startup.open_for_gui(url)          # instead of open_database(url)
    if db is None:
        return EXIT_USER_ERROR                       # the user was told why
    ops = Ops(db)
    storage = storage_startup.StorageController(ops)
    storage.start()                                  # backups every 30 min while changed
    window.set_backup(lambda: storage.show_backup_dialog(window))
    ... app.exec() ...
    storage.on_exit()                                # the backup on exit, then
    ops.db.dispose()                                 # ops.db: a restore replaces the object

`open_for_gui` takes the one-writer lock at once (a second copy is told who has the data
open and since when; started again by the same person, it brings the open window forward
instead: kisdesk/ui/second_start.py), and turns a damaged or missing database into the recovery dialog that
offers the newest verified backup. A restore from the backup dialog closes the database,
switches the file and puts the reopened database into `ops.db`, then emits data_changed
with every name, so every page reloads. Turning encryption on or off from the data-protection
page (kisdesk/ui/pages/encryption_section.py) closes and reopens the file the same way
(`reopen_around`).

Every backup (automatic, on exit, before an upgrade, on request) and every restore is written
to the audit log (kisdesk.services.audit); a restore's entry goes into the restored database,
after the restore, which replaced the log with the backup's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from kisdesk.access import Permission
from kisdesk.db import Database
from kisdesk.db.open import open_database
from kisdesk.errors import KisdeskError, StorageError
from kisdesk.messages import describe
from kisdesk.paths import sqlite_path, sqlite_url
from kisdesk.services import storage
from kisdesk.services.common import require
from kisdesk.services.office import get_office, has_office
from kisdesk.services.passphrases import clean
from kisdesk.services.storage import BackupInfo, BackupOptions, BackupScheduler, RestoreResult
from kisdesk.ui import second_start, signals
from kisdesk.ui.ops import Ops

log = logging.getLogger(__name__)

OpenFn = Callable[[str], Database]
RECOVERABLE = {
    "db.damaged",
    "db.damaged_no_backup",
    "db.missing_has_backups",
    "db.missing_quarantined",  # never the first-start wizard in place of a lost office
}
TICK_MS = 60_000
T = TypeVar("T")
_reopening = 0  # reopen_around is under way: no automatic backup starts
_file_closed = 0  # ...and the database file is closed for the change: nothing writes to it


def _exclusive(url: str) -> Database:
    return open_database(url, exclusive=True)


def open_for_gui(
    url: str,
    parent: QWidget | None = None,
    open_fn: OpenFn | None = None,
    restore: Path | None = None,
) -> Database | None:
    """The database for the GUI, or None after telling the user why there is none.

    `open_fn` opens the database (default: open_database(url, exclusive=True)); an
    encrypted database passes its own. Locked, refused places and newer databases end in a
    message; a damaged or lost one in the recovery dialog (restore, another file, empty).
    `restore`: a backup this start was asked to open; when this user's open window holds
    the database, that window gets it (kisdesk/ui/second_start.py)."""
    opener = open_fn or _exclusive
    while True:
        try:
            db = opener(url)
            storage.record_backup(db, db.pre_upgrade_backup)
            return db
        except StorageError as exc:
            if exc.code == "backup.key_locked":  # a backup must precede the upgrade
                if _unlock_backup_key(parent):
                    continue
                return None
            if exc.code == "db.locked" and _hand_over(url, restore, exc.params):
                second_start.bring_forward(exc.params)
                return None  # the open window opens its restore dialog
            if exc.code == "db.locked" and second_start.bring_forward(exc.params):
                return None  # the open window came forward: nothing to explain
            if exc.code not in RECOVERABLE:
                _start_message(parent, exc)
                return None
            choice = _recover(url, exc, parent)
            if choice == "quit":
                return None
            if choice == "restored":  # a restored database is plain, whatever it was
                opener = _exclusive
            if choice == "empty":
                opener = lambda u: open_database(u, exclusive=True, create=True)  # noqa: E731
        except KisdeskError as exc:
            _start_message(parent, exc)
            return None


def _hand_over(url: str, restore: Path | None, owner: Mapping[str, object]) -> bool:
    """The backup double-clicked reaches this user's open window (kisdesk/ui/second_start.py)."""
    path = sqlite_path(url)
    if restore is None or path is None or not second_start.this_session(owner):
        return False
    return second_start.hand_over_restore(path, restore)


def _unlock_backup_key(parent: QWidget | None) -> bool:
    """The data folder came from another computer: the passphrase (or the recovery key)
    unlocks the office's backup key here once; False when the user gives up."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    prompt = QApplication.translate(
        "storage",
        "Przed aktualizacją bazy program robi kopię zapasową, ale klucz kopii nie jest jeszcze "
        "dostępny na tym komputerze. Wpisz hasło kopii zapasowych albo klucz odzyskiwania:",
    )
    while True:
        secret, ok = QInputDialog.getText(parent, "kisdesk", prompt, QLineEdit.EchoMode.Password)
        if not ok or not clean(secret):
            return False
        try:
            storage.unlock_backup_key(secret)
            return True
        except KisdeskError as exc:
            prompt = describe(exc) + "\n\n" + prompt.split("\n\n")[-1]


def _start_message(parent: QWidget | None, error: KisdeskError) -> None:
    box = QMessageBox(parent)
    box.setIcon(
        QMessageBox.Icon.Warning if error.code == "db.locked" else QMessageBox.Icon.Critical
    )
    box.setWindowTitle("kisdesk")
    box.setText(QApplication.translate("storage", "Nie można otworzyć bazy danych."))
    box.setInformativeText(describe(error))
    box.exec()


def _recover(url: str, error: StorageError, parent: QWidget | None) -> str:
    """Run the recovery dialog; "restored", "empty" or "quit"."""
    from kisdesk.ui.dialogs.recovery_dialog import RecoveryDialog

    path = sqlite_path(url)
    assert path is not None
    dialog = RecoveryDialog(path, error, parent)
    dialog.exec()
    return dialog.choice


def restore_file(
    db_path: Path, backup: Path, secret: str | None, other_office: bool = False
) -> RestoreResult:
    """Restore while no connection is open (start-up: nobody signed in yet); the audit
    entry goes into the restored database (kisdesk.services.storage.restore)."""
    return storage.restore(
        sqlite_url(db_path),
        backup,
        actor=None,
        secret=secret,
        other_office_confirmed=other_office,
    ).result


def reopen_around(
    ops: Ops,
    change: Callable[[Path], T],
    key: Callable[[Path], bytes | None] | None = None,
) -> T:
    """Close the GUI's database, let `change` replace or convert its file, and open the file
    again into `ops.db` with the same person signed in, whether `change` worked or not
    (kisdesk.services.storage.reopen_around). No automatic backup starts meanwhile, and one
    under way ends first."""
    global _reopening, _file_closed
    closed = False

    def before_close() -> None:
        nonlocal closed
        global _file_closed
        QThreadPool.globalInstance().waitForDone(60_000)  # a backup under way ends first
        # ...and its "finished" signal, queued meanwhile, is handled now, while the file is
        # still open: later it would write its audit entry into a file being converted.
        QCoreApplication.sendPostedEvents()
        _file_closed += 1
        closed = True

    _reopening += 1
    try:
        if key is None:
            return storage.reopen_around(ops, change, before_close=before_close)
        return storage.reopen_around(ops, change, key, before_close=before_close)
    finally:
        if closed:
            _file_closed -= 1
        _reopening -= 1


def restore_and_reopen(
    ops: Ops, backup: Path, secret: str | None = None, other_office: bool = False
) -> RestoreResult:
    """Close the GUI's database, restore, reopen it into `ops.db`; every page reloads.
    Restored, the file is plain; when the restore fails it reopens as it was."""
    actor = ops.db.actor
    storage.read_backup(backup)  # a wrong file is refused before anything is closed
    url = ops.db.url
    done = reopen_around(
        ops,
        lambda _path: storage.restore(
            url, backup, actor=actor, secret=secret, other_office_confirmed=other_office
        ),
    )
    ops.changed(signals.EVERYTHING)
    return done.result


class StorageController(QObject):
    """Automatic backups of the running program, and the backup dialog's actions."""

    backup_finished = Signal(object)  # BackupInfo | None
    state_changed = Signal()  # a backup was tried, or the backup key changed: banners look

    def __init__(self, ops: Ops, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.scheduler = BackupScheduler(self.db_path, self.options())
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self._running = False
        self.backup_finished.connect(self._finished)

    @property
    def db_path(self) -> Path:
        return storage.database_file(self.ops.db)

    def options(self) -> BackupOptions:
        return storage.backup_options(self.ops.db)

    def start(self) -> None:
        self.ops.signals.data_changed.connect(self._on_change)
        self.timer.start()

    def _on_change(self, names: frozenset[str]) -> None:
        if signals.SETTINGS in names:
            self.scheduler.options = self.options()
        self.scheduler.note_change()

    def tick(self) -> None:
        """Every minute: back up in the background when due (never two at once)."""
        if self._running or _reopening or not self.scheduler.due():
            return
        self._running = True
        self.ops.in_background(self.scheduler.maybe_backup, self.backup_finished.emit)

    def _finished(self, info: object) -> None:
        self._running = False
        if isinstance(info, BackupInfo):
            if _file_closed:  # the file is closed for a conversion: never write into it now
                log.warning("backup %s finished during a reopen; not in the audit log", info)
            else:
                self._record(info)
        if info is None and self.scheduler.last_error is not None:
            log.warning("automatic backup failed: %s", self.scheduler.last_error)
        self.state_changed.emit()  # the main window's banner says it, loudly

    def on_exit(self) -> None:
        """The last backup when the program closes (waits for a running one first)."""
        self.timer.stop()
        QThreadPool.globalInstance().waitForDone(60_000)
        self._record(self.scheduler.on_exit())

    def _record(self, info: BackupInfo | None) -> None:
        """An automatic backup's audit entry, through the op runner; its failure is only
        logged (the backup is made; its entry must not undo that)."""
        if info is not None:
            self.ops.run(
                None,
                lambda s: storage.backup_entry(s, info),
                on_error=lambda e: log.warning("backup not in the audit log: %s", e),
            )

    def _require(self, permission: Permission) -> None:
        self.ops.read(lambda s: require(s, permission))  # a refusal is logged too

    def backup_now(self) -> BackupInfo:
        """A backup on request, into the backup folder (kisdesk.services.storage.backup)."""
        try:
            return storage.backup(self.ops.db, scheduler=self.scheduler).info
        finally:
            self.state_changed.emit()

    def backup_to(self, folder: Path) -> BackupInfo:
        """A backup on a USB stick or in any folder, verified there."""
        return storage.backup(self.ops.db, out=folder).info

    def new_backup_key(self) -> BackupInfo:
        """The backup key is lost for good: a new one, the old file kept, a backup at once."""
        try:
            return storage.new_backup_key(self.ops.db, scheduler=self.scheduler)[1].info
        finally:
            self.state_changed.emit()

    def may_back_up(self) -> bool:
        return self.ops.db.actor.can(Permission.BACKUP)

    def office_name(self) -> str:
        try:
            return str(self.ops.read(lambda s: get_office(s).name if has_office(s) else ""))
        except KisdeskError:
            return ""

    def status_text(self) -> str:
        """For the status bar: when the last backup was made, or what went wrong."""
        if self.scheduler.last_error is not None:
            return QApplication.translate(
                "storage", "Kopia zapasowa nie powiodła się: {error}"
            ).format(error=describe(self.scheduler.last_error))
        last = self.scheduler.last_backup
        if last is None:
            return QApplication.translate("storage", "Nie ma jeszcze kopii zapasowej.")
        return QApplication.translate("storage", "Ostatnia kopia zapasowa: {when}").format(
            when=last.created_local()
        )

    def restore(
        self, backup: Path, secret: str | None = None, other_office: bool = False
    ) -> RestoreResult:
        self._require(Permission.RESTORE)  # replaces every record: the leader only
        QThreadPool.globalInstance().waitForDone(60_000)
        result = restore_and_reopen(self.ops, backup, secret, other_office)
        self.scheduler = BackupScheduler(self.db_path, self.options())
        self.scheduler.pause_rotation()  # Anki: nothing thinned until the next start
        self.state_changed.emit()
        return result

    def show_backup_dialog(self, parent: QWidget | None = None) -> None:
        from kisdesk.ui.dialogs.backup_dialog import BackupDialog

        BackupDialog(self, parent).exec()
