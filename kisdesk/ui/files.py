"""Saving a document where the user wants it, and opening it in the system viewer.

Every document and workbook is made in two steps: a background job draws it into a
temporary file (`produce`), then the user picks a place and a name in the save dialog and
the file is copied there atomically and opened (`save_and_open`). The name is only known
after the work (a certificate's number is given when it is issued), which is why the save
dialog comes second. The last folder is remembered in the UI state (QSettings), so the
next document lands next to the previous one.

Tests replace `QFileDialog.getSaveFileName` and `QDesktopServices.openUrl`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from sqlalchemy.orm import Session

from kisdesk.db import files as disk
from kisdesk.errors import KisdeskError
from kisdesk.ui import state
from kisdesk.ui.ops import Ops, Progress, show_error

log = logging.getLogger(__name__)
T = TypeVar("T")

LAST_FOLDER_KEY = "files/last_folder"
PDF_FILTER = "Dokument PDF (*.pdf)"
XLSX_FILTER = "Skoroszyt programu Excel (*.xlsx)"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10))}
_RESERVED |= {f"lpt{i}" for i in range(1, 10)}


def _tr(text: str) -> str:
    return QCoreApplication.translate("files", text)


# -- names --------------------------------------------------------------------------------------
def safe_part(text: str | int | dt.date | None) -> str:
    """One part of a file name: no slashes or characters Windows refuses, spaces as "_",
    Polish letters kept ("1/2027" → "1-2027", "Nowak Jan" → "Nowak_Jan")."""
    if text is None:
        return ""
    if isinstance(text, dt.date):
        text = text.isoformat()
    value = unicodedata.normalize("NFC", str(text)).replace("/", "-").replace("\\", "-")
    value = _UNSAFE.sub("", value)
    value = "_".join(value.split())
    return value.strip("._-")


def file_name(*parts: str | int | dt.date | None, suffix: str = ".pdf") -> str:
    """A file name from its parts, e.g. file_name("Zaswiadczenie", "1/2027", "Nowak", "Jan")
    → "Zaswiadczenie_1-2027_Nowak_Jan.pdf". At most 120 characters before the suffix."""
    name = "_".join(p for p in (safe_part(part) for part in parts) if p) or "dokument"
    name = name[:120].rstrip("._-") or "dokument"
    if name.lower() in _RESERVED:  # Windows opens the device, also for "CON.pdf"
        name += "_plik"  # (checked after trimming: a bare "_" would be stripped again)
    return name + suffix


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


def produce(
    parent: QWidget | None,
    ops: Ops,
    work: Callable[[Session, Progress, Path], T],
    *,
    title: str,
    name: str | Callable[[T], str],
    suffix: str = ".pdf",
    write: bool = False,
    on_saved: Callable[[T, Path | None], None] | None = None,
    on_error: Callable[[KisdeskError], None] | None = None,
) -> None:
    """Draw a document off the GUI thread into a temporary file, then save it and open it.

    `work(session, progress, temp_path)` draws the file (and, with `write=True`, registers
    it in the same transaction: a drawing that fails leaves no number taken). `name` is the
    suggested file name, or a function of the work's result. `on_saved(result, path)` gets
    the saved path, or None when the user cancelled the save dialog.
    """
    temp = new_temp_file(suffix)

    def job(session: Session, progress: Progress) -> T:
        try:
            return work(session, progress, temp)
        except BaseException:
            discard(temp)
            raise

    def done(result: T) -> None:
        try:
            suggested = name(result) if callable(name) else name
            saved = save_and_open(parent, temp, suggested) if temp.exists() else None
        finally:
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
