"""Keeping, printing, saving and opening the documents kisdesk makes.

Every document and workbook is made in two steps: a background job draws it into a
temporary file (`produce`), then it is handed to the user. The name is only known after
the work (a certificate's number is given when it is issued), which is why that comes
second.

A PDF is first kept in the office's documents folder under a readable name
(<folder>/<office>/<YYYY-MM>/<name>.pdf, `keep_document`), then a small dialog offers
"Drukuj…" (the default: Qt's print dialog, then the system prints it, kisdesk.ui.printing),
"Zapisz jako…" (a copy where the user wants it) and "Otwórz" (the system's PDF viewer)
(docs/architecture.md#printing). A workbook goes straight to the save
dialog: it is edited, not printed. The last save folder is remembered in the UI state
(QSettings), so the next document lands next to the previous one; the documents folder is a
setting of this computer (Ustawienia → Dokumenty).

Tests replace `QFileDialog.getSaveFileName` and `QDesktopServices.openUrl`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.db import files as disk
from kisdesk.errors import KisdeskError
from kisdesk.paths import default_documents_dir

# File names follow one rule in the desktop app and the command line (kisdesk print
# month-end); the pages keep asking files.file_name for theirs.
from kisdesk.reports.file_names import file_name as file_name
from kisdesk.reports.file_names import free_path, safe_part
from kisdesk.services import office
from kisdesk.ui import printing, state
from kisdesk.ui.ops import Ops, Progress, show_error

log = logging.getLogger(__name__)
T = TypeVar("T")

LAST_FOLDER_KEY = "files/last_folder"
DOCUMENTS_FOLDER_KEY = "files/documents_folder"
PRINTED_TEMP_KEPT_MS = 5 * 60 * 1000
PDF_FILTER = "Dokument PDF (*.pdf)"
XLSX_FILTER = "Skoroszyt programu Excel (*.xlsx)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("files", text)


# -- folders ------------------------------------------------------------------------------------
def default_folder() -> Path:
    """The folder the save dialog opens in: the last one used, else Documents."""
    remembered = state.value(LAST_FOLDER_KEY)
    if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def remember_folder(folder: Path) -> None:
    state.set_value(LAST_FOLDER_KEY, str(folder))


def documents_folder() -> Path:
    """The office's documents folder on this computer: the one the leader chose in
    Ustawienia → Dokumenty, else Documents/kisdesk (kisdesk.paths.default_documents_dir)."""
    chosen = state.value(DOCUMENTS_FOLDER_KEY)
    if isinstance(chosen, str) and chosen:
        return Path(chosen)
    return default_documents_dir()


def set_documents_folder(folder: Path | None) -> None:
    """Choose the documents folder (None: back to the default)."""
    state.set_value(DOCUMENTS_FOLDER_KEY, str(folder) if folder is not None else "")


def month_folder(root: Path, office_name: str, year: int, month: int) -> Path:
    """<root>/<office>/<YYYY-MM>: a month's papers together, per office (one computer may
    keep the books of a KIS and a CIS). Pure, so a background job may call it with the
    root read on the GUI thread."""
    return root / (safe_part(office_name) or "kisdesk") / f"{year:04d}-{month:02d}"


def kept_folder(office_name: str, day: dt.date | None = None) -> Path:
    """Where a document made on `day` (today) is kept in the documents folder."""
    day = day or dt.date.today()
    return month_folder(documents_folder(), office_name, day.year, day.month)


def keep_document(parent: QWidget | None, source: Path, name: str, office_name: str) -> Path | None:
    """Copy a finished PDF into the documents folder; None (after saying why) when that
    folder cannot be written, and the document is still offered from its temporary file."""
    try:
        folder = kept_folder(office_name)
        folder.mkdir(parents=True, exist_ok=True)
        return copy_into_place(source, free_path(folder, name))
    except (OSError, KisdeskError) as exc:
        log.warning("could not keep %s in the documents folder: %s", name, exc)
        QMessageBox.warning(
            parent,
            _tr("Folder dokumentów"),
            _tr(
                "Nie udało się zachować dokumentu w folderze dokumentów {folder}. Sprawdź, czy "
                "folder istnieje i można w nim zapisywać (Ustawienia → Dokumenty). Dokument "
                "możesz teraz wydrukować albo zapisać w innym miejscu."
            ).format(folder=documents_folder()),
        )
        return None


def new_temp_file(suffix: str) -> Path:
    """A path in a fresh private temporary folder (removed by `discard`)."""
    folder = Path(tempfile.mkdtemp(prefix="kisdesk-"))
    return folder / f"dokument{suffix}"


def discard(temp: Path) -> None:
    """Remove a temporary file made by `new_temp_file`, and its folder."""
    with contextlib.suppress(OSError):
        if temp.parent.name.startswith("kisdesk-"):
            shutil.rmtree(temp.parent)
        else:
            temp.unlink()


def _finished(title: str) -> str:
    """The progress title ("Przygotowanie listy…") is not the ready dialog's title."""
    return "" if title.endswith(("…", "...")) else title


# -- saving and opening -------------------------------------------------------------------------
def ask_save_path(parent: QWidget | None, default_name: str, title: str = "") -> Path | None:
    """The save dialog, in the remembered folder with a suggested name; None when cancelled."""
    suffix = Path(default_name).suffix.lower()
    name_filter = _tr(XLSX_FILTER) if suffix == ".xlsx" else _tr(PDF_FILTER)
    chosen, _selected = QFileDialog.getSaveFileName(
        parent,
        title or _tr("Zapisz jako"),
        str(default_folder() / default_name),
        name_filter,
    )
    if not chosen:
        return None
    path = Path(chosen)
    if suffix and path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    return path


def open_in_viewer(path: Path) -> bool:
    """Open the file in the program the system uses for it (a PDF viewer, Excel)."""
    opened = bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
    if not opened:
        log.warning("the system could not open %s", path)
    return opened


def copy_into_place(source: Path, target: Path) -> Path:
    """Copy `source` to `target` atomically (a half-copied file never has the real name)."""

    def write(handle: Any) -> None:
        with open(source, "rb") as src:
            shutil.copyfileobj(src, handle, 1024 * 1024)

    return disk.atomic_write(target, write)


def save_and_open(
    parent: QWidget | None,
    source: Path,
    default_name: str,
    *,
    title: str = "",
    open_after: bool = True,
) -> Path | None:
    """Ask where to save `source`, copy it there, open it. None when the user cancelled.

    A file that cannot be written (open in a PDF viewer on Windows, a read-only folder, a
    full disk) is said in Polish and the dialog is offered again.
    """
    while True:
        target = ask_save_path(parent, default_name, title)
        if target is None:
            return None
        try:
            copy_into_place(source, target)
        except KisdeskError as exc:
            if exc.code == "file.not_writable" and target.exists():
                exc = KisdeskError("document.file_in_use", path=str(target))
            show_error(parent, exc)
            default_name = target.name
            continue
        remember_folder(target.parent)
        if open_after and not open_in_viewer(target):
            QMessageBox.information(
                parent,
                _tr("Zapisano"),
                _tr("Zapisano plik {path}. Nie udało się go otworzyć – otwórz go ręcznie.").format(
                    path=target
                ),
            )
        return target


class DocumentChoice(QDialog):
    """A document is ready: "Drukuj…" (default, Enter), "Zapisz jako…", "Otwórz", "Zamknij".

    `path` is the kept copy in the documents folder (or, when it could not be kept, the
    temporary file, which is removed after the dialog). `result_path` is where the document
    can be found afterwards: the file saved with "Zapisz jako…", else the kept copy, else
    None. A failed print or a cancelled save dialog leaves the choices open.
    """

    def __init__(
        self,
        parent: QWidget | None,
        path: Path,
        name: str,
        title: str,
        kept: bool,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentChoice")
        self.setWindowTitle(title or _tr("Dokument gotowy"))
        self.path, self.name, self.kept = path, name, kept
        self.result_path: Path | None = path if kept else None
        self.printed = False
        heading = QLabel(_tr("Dokument jest gotowy: {name}").format(name=name))
        heading.setWordWrap(True)
        where = QLabel(
            _tr("Kopia jest w folderze dokumentów:\n{folder}").format(folder=path.parent)
            if kept
            else _tr("Tego dokumentu nie ma w folderze dokumentów: zapisz go albo wydrukuj.")
        )
        where.setObjectName("keptFolder")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.print_button = QPushButton(_tr("&Drukuj…"))
        self.save_button = QPushButton(_tr("&Zapisz jako…"))
        self.open_button = QPushButton(_tr("&Otwórz"))
        self.close_button = QPushButton(_tr("Zamknij"))
        self.print_button.setToolTip(_tr("Wybierz drukarkę i liczbę kopii (Enter)"))
        self.save_button.setToolTip(_tr("Zapisz kopię dokumentu w wybranym miejscu"))
        self.open_button.setToolTip(_tr("Otwórz dokument w przeglądarce PDF"))
        for button, role in (
            (self.print_button, QDialogButtonBox.ButtonRole.ActionRole),
            (self.save_button, QDialogButtonBox.ButtonRole.ActionRole),
            (self.open_button, QDialogButtonBox.ButtonRole.ActionRole),
            (self.close_button, QDialogButtonBox.ButtonRole.RejectRole),
        ):
            buttons.addButton(button, role)
        # a document not kept lives in a temporary file removed when this dialog closes:
        # a viewer opening it then would find nothing ("Zapisz jako…" saves and opens it)
        self.open_button.setVisible(kept)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.open_button.clicked.connect(self.open_document)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(where)
        layout.addWidget(buttons)
        self.print_button.setFocus()

    def print_document(self) -> None:
        if printing.print_pdfs(self, [self.path], self.name):
            self.printed = True
            self.accept()

    def save_document(self) -> None:
        saved = save_and_open(self, self.path, self.name)
        if saved is not None:
            self.result_path = saved
            self.accept()

    def open_document(self) -> None:
        if not open_in_viewer(self.path):
            QMessageBox.information(
                self,
                _tr("Nie otwarto"),
                _tr("Nie udało się otworzyć pliku {path} – otwórz go ręcznie.").format(
                    path=self.path
                ),
            )
            return
        self.accept()


def offer_document(
    parent: QWidget | None,
    source: Path,
    name: str,
    *,
    title: str = "",
    office_name: str | None = None,
) -> DocumentChoice:
    """Keep the PDF in the documents folder (unless `office_name` is None: a document that
    must not be left on disk, like the recovery key card), then offer print, save, open.
    The answered dialog tells where the document is afterwards (`result_path`)."""
    kept = keep_document(parent, source, name, office_name) if office_name is not None else None
    dialog = DocumentChoice(parent, kept or source, name, title, kept is not None)
    dialog.exec()
    return dialog


def _office_name(session: Session) -> str:
    return office.get_office(session).name if office.has_office(session) else ""


def produce(
    parent: QWidget | None,
    ops: Ops,
    work: Callable[[Session, Progress, Path], T],
    *,
    title: str,
    name: str | Callable[[T], str],
    suffix: str = ".pdf",
    write: bool = False,
    keep: bool = True,
    on_saved: Callable[[T, Path | None], None] | None = None,
    on_error: Callable[[KisdeskError], None] | None = None,
) -> None:
    """Draw a document off the GUI thread into a temporary file, then hand it to the user.

    `work(session, progress, temp_path)` draws the file (and, with `write=True`, registers
    it in the same transaction: a drawing that fails leaves no number taken). `name` is the
    suggested file name, or a function of the work's result. A PDF is kept in the documents
    folder (not with `keep=False`) and offered for printing (`offer_document`); a workbook
    goes to the save dialog. `on_saved(result, path)` gets where the file is afterwards, or
    None when it exists nowhere but in the temporary folder (the user cancelled).
    """
    temp = new_temp_file(suffix)
    as_pdf = suffix.lower() == ".pdf"

    def job(session: Session, progress: Progress) -> tuple[T, str | None]:
        try:
            result = work(session, progress, temp)
            return result, (_office_name(session) if keep and as_pdf else None)
        except BaseException:
            discard(temp)
            raise

    def done(packed: tuple[T, str | None]) -> None:
        result, office_name = packed
        keep_temp = False
        try:
            suggested = name(result) if callable(name) else name
            if not temp.exists():
                saved = None
            elif as_pdf:
                choice = offer_document(
                    parent, temp, suggested, title=_finished(title), office_name=office_name
                )
                saved = choice.result_path
                # ShellExecute "printto" returns before the PDF reader has opened the file:
                # a temporary file printed on Windows stays a while before it is removed.
                keep_temp = (
                    choice.printed and not choice.kept and printing.windows_shell is not None
                )
            else:
                saved = save_and_open(parent, temp, suggested)
        finally:
            if keep_temp:
                QTimer.singleShot(PRINTED_TEMP_KEPT_MS, lambda: discard(temp))
            else:
                discard(temp)
        if on_saved is not None:
            on_saved(result, saved)

    ops.run_background(
        parent,
        job,
        title=title,
        on_success=done,
        on_error=on_error,
        write=write,
    )
