"""The crash dialog: any unexpected error becomes a Polish message, never a traceback.

`install()` sets `sys.excepthook` (PySide6 also routes exceptions raised in slots and
overridden Qt methods there) and `threading.excepthook`. The traceback is written to a file
in the log folder and to the log; the user sees "Wystąpił nieoczekiwany błąd…" with the
details folded away, can copy them for whoever helps, and the program keeps running.
"""

from __future__ import annotations

import datetime as dt
import logging
import platform
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from kisdesk import __version__ as _version
from kisdesk.paths import log_dir

log = logging.getLogger(__name__)


def write_report(details: str) -> Path | None:
    """Save the details as crash-<time>.txt in the log folder; None when that fails."""
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = folder / f"crash-{stamp}.txt"
        path.write_text(details, encoding="utf-8")
        return path
    except OSError:
        log.exception("could not write the crash report")
        return None


def describe_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    lines = [
        f"kisdesk {_version}",
        f"Python {platform.python_version()}, {platform.platform()}",
        f"{dt.datetime.now().isoformat(timespec='seconds')}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


class CrashDialog(QDialog):
    def __init__(self, details: str, report: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("kisdesk – nieoczekiwany błąd"))
        self.details = details
        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40)
        )
        where = (
            self.tr("Szczegóły zapisano w pliku:\n{path}").format(path=report)
            if report
            else self.tr("Nie udało się zapisać szczegółów do pliku.")
        )
        message = QLabel(
            self.tr(
                "Wystąpił nieoczekiwany błąd programu. Dane zapisane wcześniej są bezpieczne; "
                "ostatnia zmiana mogła nie zostać zapisana – sprawdź ją.\n\n"
                "Możesz dalej pracować. Jeśli błąd się powtarza, skopiuj szczegóły i przekaż "
                "je osobie, która pomaga przy programie."
            )
        )
        message.setWordWrap(True)
        location = QLabel(where)
        location.setWordWrap(True)
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setVisible(False)
        self.text.setMinimumHeight(220)
        self.toggle = QPushButton(self.tr("Pokaż szczegóły"))
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._toggle)
        self.copy = QPushButton(self.tr("Kopiuj szczegóły"))
        self.copy.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox()
        buttons.addButton(self.toggle, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(self.tr("Zamknij"), QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(message, 1)
        layout.addLayout(head)
        layout.addWidget(location)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(560, 260)

    def _toggle(self, shown: bool) -> None:
        self.text.setVisible(shown)
        self.toggle.setText(self.tr("Ukryj szczegóły") if shown else self.tr("Pokaż szczegóły"))
        self.adjustSize()

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy.setText(self.tr("Skopiowano"))


_showing = threading.local()


def handle(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook: log, save the report, show the dialog; the program keeps running."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    details = describe_exception(exc_type, exc, tb)
    log.error("unexpected error\n%s", details)
    report = write_report(details)
    app = QApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        sys.__excepthook__(exc_type, exc, tb)
        return
    if getattr(_showing, "active", False):
        return  # an error while the dialog is open: logged, not stacked
    _showing.active = True
    try:
        CrashDialog(details, report, QApplication.activeWindow()).exec()
    finally:
        _showing.active = False


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None:
        return
    details = describe_exception(args.exc_type, args.exc_value, args.exc_traceback)
    log.error("unexpected error in a thread\n%s", details)
    write_report(details)


def install() -> None:
    sys.excepthook = handle
    threading.excepthook = _thread_hook
