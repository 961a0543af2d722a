"""Qt's own texts in Polish: the translation Qt ships (qtbase_pl.qm), what it lacks, and
Polish dates and sizes in Qt's file dialog.

qtbase_pl.qm translates most of the standard dialogs, but not the labels with keyboard
accelerators of the non-native file dialog ("&Look in:", "Files of &type:") nor the
double-sided and page-set options of the print dialog. Those few are translated in
resources/translations/qt_extra_pl.ts, compiled to qt_extra_pl.qm with
`pyside6-lrelease resources/translations/qt_extra_pl.ts` and installed after Qt's file,
so they are asked first and everything else still comes from Qt's own translation.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from kisdesk.paths import resource_path

EXTRA = "qt_extra_pl"


def polish_locale() -> QLocale:
    return QLocale(QLocale.Language.Polish, QLocale.Country.Poland)


def qt_translation_folders() -> list[Path]:
    """Where qtbase_pl.qm may be: Qt's own folder, then the two layouts of a frozen build
    (PySide6/Qt/translations on Linux, PySide6/translations on Windows)."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    return [
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        package / "Qt" / "translations",
        package / "translations",
    ]


def install_translations(app: QApplication) -> list[QTranslator]:
    """Qt's Polish texts for standard dialogs and buttons, then kisdesk's additions."""
    loaded: list[QTranslator] = []
    for folder in qt_translation_folders():
        translator = QTranslator(app)
        if translator.load(polish_locale(), "qtbase", "_", str(folder)):
            app.installTranslator(translator)
            loaded.append(translator)
            break
    extra = QTranslator(app)
    if extra.load(EXTRA, str(resource_path("translations"))):
        app.installTranslator(extra)
        loaded.append(extra)
    return loaded


def polish_system_locale(env: MutableMapping[str, str] | None = None) -> None:
    """Qt's file dialog writes dates and file sizes in the system's locale (not in
    QLocale's default); on Linux that is the environment's, often English or "C"
    ("7 12 2026", "0 bytes"). Before the QApplication exists, ask for Polish ones there,
    unless the user set LC_ALL. Windows and macOS take the system's regional settings."""
    env = os.environ if env is None else env
    if sys.platform in ("win32", "darwin") or env.get("LC_ALL"):
        return
    for name in ("LC_TIME", "LC_MESSAGES"):
        if not (env.get(name) or env.get("LANG") or "").startswith("pl"):
            env[name] = "pl_PL.UTF-8"
