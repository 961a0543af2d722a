"""The windowed kisdesk.exe asked to do a command-line job.

On Windows the desktop program has no console: whatever the command line would print goes
nowhere, and an error would end in PyInstaller's English "Unhandled exception" box. So a
command given to kisdesk.exe (typed after a message, or a file opened with the program that
is neither a database nor a backup) is answered with a Polish message naming the console
program, kisdesk-cli.exe, and the Start menu entry that opens a command prompt next to it
(packaging/windows/kisdesk.iss).
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QMessageBox

from kisdesk.console import command_name

EXIT_USER_ERROR = 2


def command_line_text(argv: Sequence[str]) -> str:
    """What the message says: why nothing happened, and what to type instead."""
    cli = command_name(frozen=True, platform="win32")
    typed = subprocess.list2cmdline([cli, *argv]) if argv else cli
    return QApplication.translate(
        "windowed",
        "Program kisdesk.exe jest programem okienkowym i nie wykonuje poleceń wiersza poleceń "
        "(nie ma gdzie wypisać wyniku).\n\nPolecenia wykonuje {cli} z folderu programu: w menu "
        "Start wybierz „kisdesk – wiersz poleceń” i wpisz:\n{typed}\n\nBazę danych lub kopię "
        "zapasową (.kisbak) można otworzyć w kisdesk.exe, wskazując jej plik.",
    ).format(cli=cli, typed=typed)


def explain_command_line(argv: Sequence[str]) -> int:
    """Show the message (the windowed program's only way to answer); exit status 2."""
    from kisdesk.ui.application import create_app

    create_app()
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("kisdesk")
    box.setText(QApplication.translate("windowed", "Użyj programu kisdesk-cli.exe."))
    box.setInformativeText(command_line_text(argv))
    box.exec()
    return EXIT_USER_ERROR
