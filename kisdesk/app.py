"""The one place that wires things: arguments, paths, logging, the database, the GUI.

`kisdesk` with a command runs the command line (kisdesk.cli); without one it starts the
desktop application on the database given by --db / KISDESK_DB or the default file.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING

from kisdesk import __version__
from kisdesk.cli.names import COMMANDS
from kisdesk.console import prepare_streams
from kisdesk.log_format import PrivateFormatter
from kisdesk.paths import log_dir, resolve_db_url

BACKUP_SUFFIX = ".kisbak"  # kisdesk.db.backup.SUFFIX, not imported: the start stays light

if TYPE_CHECKING:
    from kisdesk.db import Database


LOG_BYTES = 1_000_000  # per file; with LOG_FILES old ones at most 6 MB on an office laptop
LOG_FILES = 5


class RotatingLog(RotatingFileHandler):
    """kisdesk.log, then kisdesk.log.1 … .5. On Windows a second copy of the program (the
    command line beside the window) keeps the file open and renaming it fails: the log then
    grows a little longer and rotates at a later message, instead of printing an error."""

    def doRollover(self) -> None:
        with contextlib.suppress(OSError):
            super().doRollover()


def setup_logging() -> None:
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingLog(
            folder / "kisdesk.log", maxBytes=LOG_BYTES, backupCount=LOG_FILES, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def _gui_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The desktop application's own options, or None when `argv` is for the command line.

    A command name or -h goes to kisdesk.cli, and so does an option the window does not
    know (the command line explains it). A single file name opens that database, as when a
    file is dropped on the program's icon or opened with it. Deciding this must not build
    the command-line parser: that imports every command's module and cost the window most
    of a second at each start."""
    values = {"--db", "--user"}  # options whose next word is a value, never a command
    words = list(argv)
    for i, word in enumerate(words):
        if (word in COMMANDS or word in ("-h", "--help")) and (
            i == 0 or words[i - 1] not in values
        ):
            return None
    parser = argparse.ArgumentParser(prog="kisdesk", add_help=False)
    parser.add_argument("--db")
    parser.add_argument("--version", action="store_true")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("file", nargs="?")
    args, rest = parser.parse_known_args(words)
    args.restore = None
    if not rest and args.file and Path(args.file).suffix.casefold() == BACKUP_SUFFIX:
        # a backup opened with the program ("Otwórz za pomocą", or the .kisbak file
        # association the installer registers): the restore dialog, on this office's data
        args.restore, args.file = Path(args.file), None
        return args
    if rest or (args.file and (args.db or not _is_database_file(Path(args.file)))):
        return None  # the command line says what is wrong (an unknown command, say)
    if args.file:
        args.db = args.file
    return args


def _is_database_file(path: Path) -> bool:
    """An existing SQLite file, plain or encrypted with its key file beside it: a spreadsheet
    or a backup dropped on the icon must not be opened (a damaged database is set aside)."""
    from kisdesk.db.encryption_files import PLAIN_MAGIC, is_encrypted, keyfile_path

    try:
        with open(path, "rb") as handle:
            head = handle.read(len(PLAIN_MAGIC))
    except OSError:
        return False
    return head == PLAIN_MAGIC or (is_encrypted(path) and keyfile_path(path).is_file())


def main(argv: Sequence[str]) -> int:
    windowed = sys.stdout is None  # the windowed kisdesk.exe on Windows: no console at all
    prepare_streams()  # before anything is written (kisdesk/console.py)
    setup_logging()
    from kisdesk.services import listeners

    listeners.install()  # the audit log and the RODO guard, before any database is opened
    args = _gui_arguments(argv)
    if args is None:
        if windowed:  # the command line's output would go nowhere: say where it works
            from kisdesk.ui.windowed import explain_command_line

            return explain_command_line(argv)
        from kisdesk import cli

        return cli.main(argv)
    if args.version:
        sys.stdout.write(f"kisdesk {__version__}\n")
        return 0
    if args.self_test:
        from kisdesk import selftest

        return selftest.main(gui_check=gui_self_check)
    return run_gui(resolve_db_url(args.db), restore=args.restore)


def gui_self_check(db: Database) -> str:
    """`--self-test`: Qt starts with its plugins (platform, SVG icons, Polish texts) and
    every page of the main window opens on the test office, without showing anything."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from kisdesk.ui.application import create_app
    from kisdesk.ui.help import help_html
    from kisdesk.ui.main_window import MainWindow
    from kisdesk.ui.ops import Ops
    from kisdesk.ui.page_list import PAGES, page_class
    from kisdesk.ui.widgets.icons import app_icon

    app = create_app()
    problems = []
    if app_icon().pixmap(32, 32).isNull():
        problems.append("ikony SVG")
    if QCoreApplication.translate("QFileDialog", "Look in:") != "Szukaj w:":
        problems.append("polskie teksty Qt")
    try:  # the print dialog (kisdesk.ui.printing)
        from PySide6.QtPrintSupport import QPrintDialog  # noqa: F401
    except ImportError:
        problems.append("drukowanie (QtPrintSupport)")
    if "F1" not in help_html():
        problems.append("strona pomocy")
    with Ops.running_inline():  # no worker threads outliving the test office
        ops = Ops(db)
        for entry in PAGES:  # built directly: a failure is reported here, not in a dialog
            cls = page_class(entry)
            if cls is None:
                problems.append(f"strona {entry.module}")
                continue
            cls(ops, lambda *_a, **_k: None).deleteLater()
        window = MainWindow(ops)
        if window.grab().isNull():
            problems.append("okno główne")
        window.deleteLater()
        app.processEvents()
    if problems:
        raise RuntimeError("brak: " + ", ".join(problems))
    return f"{app.platformName()}, {len(PAGES)} stron, ikony, polskie teksty Qt, pomoc"


def load_core() -> None:
    """Import what the window needs from outside Qt before PySide6 is imported.

    PySide6 hooks the import statement and, for every module imported after it, reads and
    compiles the module's source to look for `from __feature__ import …`; that doubled the
    cost of importing SQLAlchemy, the models and the services (about 0.4 s of each start).
    Imported first, they are never inspected. The holidays of the years around today come
    from the copy kept between starts, or are computed here, still before Qt."""
    from kisdesk import holiday_cache

    holiday_cache.warm()
    import kisdesk.db.open  # noqa: F401
    import kisdesk.services.dashboard  # noqa: F401
    import kisdesk.services.office  # noqa: F401


def run_gui(url: str, restore: Path | None = None) -> int:
    load_core()
    from kisdesk.ui.application import run

    return run(url, restore=restore)
