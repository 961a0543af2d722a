"""Start the desktop application on a database URL.

Polish everywhere: the default locale is pl_PL (dates, numbers, the calendar's first day)
and Qt's own Polish translations label the standard buttons and dialogs (kisdesk.ui.qt_polish). High-DPI scaling is Qt 6's
default; fonts follow the system's size (nothing sets a fixed point size), so a user who
enlarged the text in Windows gets larger text here too.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from kisdesk.db import Database
from kisdesk.db.open import open_database
from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services.office import has_office
from kisdesk.ui import crash
from kisdesk.ui.dialogs.login import Unlocked
from kisdesk.ui.dialogs.restore_dialog import offer_restore
from kisdesk.ui.ops import Ops
from kisdesk.ui.qt_polish import install_translations, polish_locale, polish_system_locale
from kisdesk.ui.widgets.icons import app_icon

log = logging.getLogger(__name__)
EXIT_USER_ERROR = 2


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication, configured for Polish users (or the existing one, configured)."""
    existing = QApplication.instance()
    if existing is None:
        polish_system_locale()
        # Fractional scale factors (125 %, 150 %) as Windows sets them, without rounding.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv)
    else:
        app = existing  # type: ignore[assignment]
    QLocale.setDefault(polish_locale())
    app.setApplicationName("kisdesk")
    app.setApplicationDisplayName("kisdesk")
    app.setOrganizationName("kisdesk")
    app.setWindowIcon(app_icon())
    if not app.property("kisdesk_translated"):
        install_translations(app)
        app.setProperty("kisdesk_translated", True)
    return app


def show_start_error(text: str) -> None:
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("kisdesk")
    box.setText(QApplication.translate("application", "Nie można uruchomić programu kisdesk."))
    box.setInformativeText(text)
    box.exec()


def quit_after_env(app: QApplication) -> None:
    """For automated start/stop checks of a built bundle (tests/test_frozen_build.py) and
    the start-up benchmark: KISDESK_QUIT_AFTER_MS=N closes every window after N ms, as a user
    closing the program would (the main window saves its layout), then quits; with 0 that is
    as soon as the event loop runs, the window and its dashboard shown. Before closing it
    prints "kisdesk: ready" (when there is a console), so a caller can time the start apart
    from the closing. Unset in normal use."""
    import os

    from PySide6.QtCore import QTimer

    def close() -> None:
        if sys.stdout is not None:
            sys.stdout.write("kisdesk: ready\n")
            sys.stdout.flush()
        app.closeAllWindows()
        app.quit()

    delay = os.environ.get("KISDESK_QUIT_AFTER_MS", "")
    if delay.isdigit():
        QTimer.singleShot(int(delay), app, close)


def _open(url: str, restore: Path | None = None) -> tuple[Database | None, Unlocked | None]:
    """The database for this session: an encrypted file is unlocked by its user first;
    storage_startup takes the one-writer lock and turns a damaged or missing file into the
    recovery dialog. (None, _) when the user was told why there is no database."""
    from kisdesk.paths import sqlite_path
    from kisdesk.services.encryption import is_encrypted
    from kisdesk.ui import storage_startup
    from kisdesk.ui.dialogs.login import unlock_encrypted

    path = sqlite_path(url)
    unlocked = None
    if path is not None and path.exists() and is_encrypted(path):
        unlocked = unlock_encrypted(path)
        if unlocked is None:
            return None, None
        key = unlocked.key
        return (
            storage_startup.open_for_gui(
                url, open_fn=lambda u: open_database(u, exclusive=True, key=key), restore=restore
            ),
            unlocked,
        )
    return storage_startup.open_for_gui(url, restore=restore), None


def restore_inbox(url: str, window: QWidget, storage: Any) -> QObject | None:
    """A .kisbak double-clicked while this window is open opens its restore dialog here
    (the second start hands it over: kisdesk/ui/second_start.py)."""
    from kisdesk.paths import sqlite_path
    from kisdesk.ui import second_start

    path = sqlite_path(url)
    if path is None:  # PostgreSQL: no file beside which to leave a request
        return None

    def offer(backup: Path) -> None:
        window.showNormal()
        window.raise_()
        window.activateWindow()
        offer_restore(backup, storage.restore, window)

    return second_start.RestoreInbox(path, offer, window)


def run(url: str, restore: Path | None = None) -> int:
    """The desktop application on `url`; `restore`: a backup the program was asked to open
    (the .kisbak file association): its restore dialog follows the sign-in, or comes first
    on a computer with no office yet (the new laptop of README's "Przywracanie danych")."""
    app = create_app()
    crash.install()
    quit_after_env(app)
    try:
        db, unlocked = _open(url, restore)
    except KisdeskError as exc:
        log.warning("cannot open the database %s: %s", url, exc)
        show_start_error(describe(exc))
        return EXIT_USER_ERROR
    except Exception:
        crash.handle(*sys.exc_info())  # type: ignore[arg-type]
        return 1
    if db is None:
        return EXIT_USER_ERROR  # the user was already told why
    ops = Ops(db)
    signed_in = None  # the leader whose account the first-start wizard has just made
    if restore is not None and not ops.read(has_office):
        from kisdesk.ui.storage_startup import restore_and_reopen

        offer_restore(restore, lambda path, secret: restore_and_reopen(ops, path, secret))
        restore = None
    if not ops.read(has_office):
        from kisdesk.ui.wizard import FirstStartWizard

        wizard = FirstStartWizard(ops)
        if wizard.exec() != QDialog.DialogCode.Accepted or not ops.read(has_office):
            ops.db.dispose()
            return 0
        signed_in = wizard.actor
    from kisdesk.ui.dialogs.login import sign_in
    from kisdesk.ui.idle_lock import IdleLock
    from kisdesk.ui.main_window import MainWindow
    from kisdesk.ui.storage_startup import StorageController

    # Named accounts (issue: who may see what): sign in before anything is shown; the same
    # login that unlocked an encrypted file is not asked again.
    actor = signed_in or sign_in(
        ops,
        login=unlocked.login if unlocked else "",
        password=unlocked.password if unlocked else None,
        # opened with the recovery key: that key acts as the leader, no login to ask for
        recovered=unlocked is not None and unlocked.password is None,
    )
    if actor is None:
        ops.db.dispose()
        return 0
    storage = StorageController(ops)
    window = MainWindow(ops)
    window.set_backup(lambda: storage.show_backup_dialog(window))
    from kisdesk.ui.widgets.backup_banner import BackupBanner

    window.add_banner(BackupBanner(storage, window))
    window.show()
    if restore is not None:  # the leader only: StorageController.restore checks the role
        offer_restore(restore, storage.restore, window)
    restore_inbox(url, window, storage)  # backups double-clicked from now on (kept by window)
    storage.start()  # verified backups every 30 minutes while something changed
    idle = IdleLock(ops)  # never locks an installation without accounts
    idle.install()
    window.set_lock(lambda: idle.lock(manual=True))
    try:
        return app.exec()
    finally:
        storage.on_exit()  # the backup on exit
        ops.db.dispose()  # ops.db: a restore may have replaced the database object
