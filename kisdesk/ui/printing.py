"""Printing finished PDFs on a printer the user picks, without opening a viewer first.

One printer dialog (Qt's own, in Polish; on Windows the system's) serves any number of
PDFs: the user picks a printer and a number of copies once, then every file is handed to
the operating system, which prints PDFs with the program registered for them:

- Windows: ShellExecute with the verb "printto" and the printer's name (the PDF reader
  registered for .pdf prints it there and closes); the verb has no copies, so a file is
  handed over once per copy;
- elsewhere: CUPS, `lp -d PRINTER -n COPIES FILE`.

The dialog offers no page setup, range or "print to file": the PDF is already laid out
(docs/architecture.md#printing). The printed files stay where they are (in the office's
documents folder, kisdesk.ui.files), so a failed print can be repeated from there.
"""

from __future__ import annotations

import ctypes
import logging
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

log = logging.getLogger(__name__)

LP_TIMEOUT_S = 60
SW_HIDE = 0
# ShellExecuteW returns a value above 32 on success, an error code otherwise (Win32 API).
SHELL_EXECUTE_OK = 32

# A ShellExecute call: (verb, file, parameters, folder) -> the call's result.
ShellExecute = Callable[[str, str, str, str], int]


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


class PrintFailed(Exception):
    """The operating system did not take the job; `detail` is what it said, for the log."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class PrintChoice:
    printer: str
    copies: int


def _windows_shell_execute(verb: str, file: str, parameters: str, folder: str) -> int:
    shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
    return int(shell32.ShellExecuteW(None, verb, file, parameters, folder, SW_HIDE))


# The Windows seam: the real ShellExecuteW on Windows, None elsewhere (lp is used then).
# tests/windows_sim.Shell stands in for it to record the call.
windows_shell: ShellExecute | None = _windows_shell_execute if sys.platform == "win32" else None


def printer_names() -> list[str]:
    """The printers the system knows (installed in Windows, queues in CUPS)."""
    return [name for name in QPrinterInfo.availablePrinterNames() if name]


def send_to_printer(path: Path, printer: str, copies: int = 1) -> None:
    """Hand one PDF to the system's print spooler; PrintFailed when it refuses."""
    copies = max(1, copies)
    shell = windows_shell
    if shell is not None:
        for _copy in range(copies):
            result = shell("printto", str(path), f'"{printer}"', str(path.parent))
            if result <= SHELL_EXECUTE_OK:
                raise PrintFailed(f"ShellExecute printto returned {result}")
        return
    command = ["lp", "-d", printer, "-n", str(copies), str(path)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=LP_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise PrintFailed(f"{command[0]}: {exc}") from exc
    if done.returncode != 0:
        raise PrintFailed(f"lp exited with {done.returncode}: {done.stderr.strip()}")


def choose_printer(parent: QWidget | None, title: str, count: int) -> PrintChoice | None:
    """Qt's print dialog for a printer and the number of copies; None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    default = QPrinterInfo.defaultPrinterName()
    if default:
        printer.setPrinterName(default)
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    caption = _tr("Drukowanie: {title}").format(title=title)
    if count > 1:
        caption += " " + _tr("({count} dokumentów)").format(count=count)
    dialog.setWindowTitle(caption)
    # Only the printer and copies: the PDF's pages and paper are fixed already.
    dialog.setOptions(QAbstractPrintDialog.PrintDialogOption(0))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.printer()
    name = chosen.printerName() or QPrinterInfo.defaultPrinterName()
    if not name:
        names = printer_names()
        name = names[0] if names else ""
    if not name:
        return None
    return PrintChoice(name, max(1, chosen.copyCount()))


def print_pdfs(parent: QWidget | None, paths: list[Path], title: str) -> bool:
    """Print the PDFs on one printer chosen once. True when all were handed to the printer.

    No printer installed, a cancelled dialog or a refused job: False, after a Polish
    message saying what happened and where the PDFs are, so the caller can offer
    "Zapisz jako…" or "Otwórz" instead.
    """
    if not paths:
        return False
    if not printer_names():
        QMessageBox.information(
            parent,
            _tr("Brak drukarki"),
            _tr(
                "W systemie nie ma zainstalowanej drukarki. Dodaj drukarkę w ustawieniach "
                "systemu albo zapisz lub otwórz dokument i wydrukuj go później.\n\n"
                "Dokument jest w folderze: {folder}"
            ).format(folder=paths[0].parent),
        )
        return False
    choice = choose_printer(parent, title, len(paths))
    if choice is None:
        return False
    for path in paths:
        try:
            send_to_printer(path, choice.printer, choice.copies)
        except PrintFailed as exc:
            log.warning("printing %s on %s failed: %s", path, choice.printer, exc.detail)
            QMessageBox.warning(
                parent,
                _tr("Nie wydrukowano"),
                _tr(
                    "Drukarka „{printer}” nie przyjęła dokumentu {name}. Sprawdź, czy jest "
                    "włączona i podłączona, i spróbuj ponownie.\n\n"
                    "Dokument pozostał w folderze: {folder}"
                ).format(printer=choice.printer, name=path.name, folder=path.parent),
            )
            return False
    log.info("sent %d document(s) to %s, %d cop(ies)", len(paths), choice.printer, choice.copies)
    return True
