"""Printing PDFs (kisdesk.ui.printing): one printer dialog for several files, the files handed
to `lp` (a recording script first on PATH stands in for CUPS); no printer, a refused job; the
"document ready" dialog driven with keys. Windows' ShellExecute: tests/windows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel

from kisdesk.ui import files, printing
from tests.ui.printing_seed import (
    answer_print_dialog,
    fake_lp,
    lp_calls,
    one_printer,
    pdfs,
    record_messages,
)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    return record_messages(monkeypatch)


@pytest.fixture
def office_printer(monkeypatch: pytest.MonkeyPatch) -> str:
    return one_printer(monkeypatch)


def test_lp_gets_printer_copies_and_each_file_once(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, office_printer: str, messages: list
) -> None:
    log = fake_lp(tmp_path, monkeypatch)
    files = pdfs(tmp_path, "Lista_obecnosci_2026-11.pdf", "Dziennik_2026-11.pdf")
    seen: dict[str, Any] = {}
    answer_print_dialog(2, seen)

    assert printing.print_pdfs(None, files, "Koniec miesiąca") is True

    assert lp_calls(log) == [
        ["-d", "Biuro", "-n", "2", str(files[0])],
        ["-d", "Biuro", "-n", "2", str(files[1])],
    ]
    assert "Koniec miesiąca" in seen["title"] and "2 dokumentów" in seen["title"]
    assert messages == []


def test_cancelled_print_dialog_prints_nothing(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, office_printer: str
) -> None:
    log = fake_lp(tmp_path, monkeypatch)

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(20, cancel)
            return
        dialog.reject()

    QTimer.singleShot(20, cancel)
    assert printing.print_pdfs(None, pdfs(tmp_path, "a.pdf"), "Dziennik") is False
    assert lp_calls(log) == []


def test_refused_job_names_the_printer_and_the_folder_and_keeps_the_pdf(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, office_printer: str, messages: list
) -> None:
    log = fake_lp(tmp_path, monkeypatch, exit_code=1)
    (pdf,) = pdfs(tmp_path, "Zaswiadczenie_1-2026.pdf")
    answer_print_dialog(None, {})

    assert printing.print_pdfs(None, [pdf], "Zaświadczenie") is False

    assert len(lp_calls(log)) == 1
    ((title, text),) = messages
    assert title == "Nie wydrukowano"
    assert "„Biuro”" in text and str(tmp_path) in text and "Zaswiadczenie_1-2026.pdf" in text
    assert pdf.exists()


def test_no_printer_installed_says_so_and_where_the_pdf_is(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list
) -> None:
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: []))
    log = fake_lp(tmp_path, monkeypatch)

    assert printing.print_pdfs(None, pdfs(tmp_path, "a.pdf"), "Dziennik") is False

    ((title, text),) = messages
    assert title == "Brak drukarki"
    assert "nie ma zainstalowanej drukarki" in text and str(tmp_path) in text
    assert lp_calls(log) == []


def test_missing_lp_is_a_refused_job_not_a_crash(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, office_printer: str, messages: list
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(printing, "windows_shell", None)
    answer_print_dialog(None, {})
    assert printing.print_pdfs(None, pdfs(tmp_path, "a.pdf"), "Dziennik") is False
    assert messages and messages[0][0] == "Nie wydrukowano"


# -- the "document ready" dialog (kisdesk.ui.files.offer_document) --------------------------------
def when_shown(kind: type, act: Any) -> None:
    """Run act(widget) once a modal `kind` is up (the dialogs run their own event loop)."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            act(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


@pytest.fixture
def real_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dialog's own event loop, driven by keys (tests/ui/conftest.py answers it)."""
    monkeypatch.setattr(files.DocumentChoice, "exec", QDialog.exec)


def a_pdf(tmp_path: Path) -> Path:
    temp = tmp_path / "temp"
    temp.mkdir()
    return pdfs(temp, "dokument.pdf")[0]


def test_enter_in_the_ready_dialog_prints_the_copy_kept_in_the_documents_folder(
    real_dialog: None,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    office_printer: str,
    messages: list,
) -> None:
    log = fake_lp(tmp_path, monkeypatch)
    seen: dict[str, Any] = {}

    def press_enter(dialog: files.DocumentChoice) -> None:
        seen["default"] = dialog.print_button.isDefault()
        seen["where"] = dialog.findChild(QLabel, "keptFolder").text()
        answer_print_dialog(3, seen)
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    when_shown(files.DocumentChoice, press_enter)
    choice = files.offer_document(
        None, a_pdf(tmp_path), "Dziennik_2026-11_Grupa_A.pdf", office_name="KIS w Zawoni"
    )

    month = f"{dt.date.today():%Y-%m}"
    kept = files.documents_folder() / "KIS_w_Zawoni" / month / "Dziennik_2026-11_Grupa_A.pdf"
    assert choice.printed and choice.result_path == kept and kept.is_file()
    assert lp_calls(log) == [["-d", "Biuro", "-n", "3", str(kept)]]
    assert seen["default"] and str(kept.parent) in seen["where"]
    assert messages == []


def test_no_printer_leaves_the_choices_open_and_save_as_still_works(
    real_dialog: None, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list
) -> None:
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: []))
    target = tmp_path / "Pulpit" / "lista.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "PDF"))
    )
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    seen: dict[str, Any] = {}

    def try_print_then_save(dialog: files.DocumentChoice) -> None:
        QTest.keyClick(dialog, Qt.Key.Key_Return)  # "Drukuj…": no printer
        seen["open_after_print"] = dialog.isVisible()
        dialog.save_button.click()

    when_shown(files.DocumentChoice, try_print_then_save)
    choice = files.offer_document(None, a_pdf(tmp_path), "lista.pdf", office_name="KIS")

    assert seen["open_after_print"] and not choice.printed
    assert messages[0][0] == "Brak drukarki"
    assert choice.result_path == target and target.read_bytes().startswith(b"%PDF")


def test_escape_closes_and_the_document_stays_in_the_chosen_documents_folder(
    real_dialog: None, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "Udział" / "Dokumenty KIS"
    files.set_documents_folder(chosen)
    when_shown(files.DocumentChoice, lambda d: QTest.keyClick(d, Qt.Key.Key_Escape))
    source = a_pdf(tmp_path)
    first = files.offer_document(None, source, "Lista.pdf", office_name="KIS / CIS")
    when_shown(files.DocumentChoice, lambda d: QTest.keyClick(d, Qt.Key.Key_Escape))
    second = files.offer_document(None, source, "Lista.pdf", office_name="KIS / CIS")

    folder = chosen / "KIS_-_CIS" / f"{dt.date.today():%Y-%m}"
    assert first.result_path == folder / "Lista.pdf"
    assert second.result_path == folder / "Lista_2.pdf"  # made again: the first copy stays
    assert not first.printed and sorted(p.name for p in folder.iterdir()) == [
        "Lista.pdf",
        "Lista_2.pdf",
    ]


def test_a_document_not_to_be_kept_leaves_nothing_in_the_documents_folder(
    qtbot: Any, tmp_path: Path, real_dialog: None
) -> None:
    seen: dict[str, Any] = {}

    def look_and_close(dialog: files.DocumentChoice) -> None:
        seen["open"] = dialog.open_button.isVisible()
        seen["where"] = dialog.findChild(QLabel, "keptFolder").text()
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    when_shown(files.DocumentChoice, look_and_close)
    choice = files.offer_document(None, a_pdf(tmp_path), "Klucz_odzyskiwania_bazy.pdf")

    assert choice.result_path is None and not choice.kept
    assert seen["open"] is False and "nie ma w folderze" in seen["where"]
    assert not files.documents_folder().exists()
