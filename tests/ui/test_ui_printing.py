"""Printing PDFs (kisdesk.ui.printing): one printer dialog for several files, the files handed
to `lp` (a recording script first on PATH stands in for CUPS) or to ShellExecute "printto"
on Windows (tests/windows_sim.Shell records the call); no printer, a refused job."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
import windows_sim
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QSpinBox

from kisdesk.ui import printing


def fake_lp(folder: Path, monkeypatch: pytest.MonkeyPatch, exit_code: int = 0) -> Path:
    """An `lp` first on PATH that appends its arguments, one call a line, to calls.txt."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(exist_ok=True)
    log = folder / "calls.txt"
    script = bin_dir / "lp"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s|" "$@" >> "{log}"\n'
        f'echo >> "{log}"\n'
        + ('echo "lp: The printer or class does not exist." >&2\n' if exit_code else "")
        + f"exit {exit_code}\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setattr(printing, "windows_shell", None)
    return log


def lp_calls(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    return [line.rstrip("|").split("|") for line in log.read_text("utf-8").splitlines() if line]


def pdfs(folder: Path, *names: str) -> list[Path]:
    made = []
    for name in names:
        path = folder / name
        path.write_bytes(b"%PDF-1.4\n%%EOF\n")
        made.append(path)
    return made


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []

    def record(_parent: Any, title: str, text: str, *_a: Any, **_k: Any) -> Any:
        seen.append((title, text))
        return QMessageBox.StandardButton.Ok

    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, record)
    return seen


@pytest.fixture
def office_printer(monkeypatch: pytest.MonkeyPatch) -> str:
    """The system's printer list (from CUPS or Windows, through Qt) with one printer."""
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["Biuro"]))
    monkeypatch.setattr(QPrinterInfo, "defaultPrinterName", staticmethod(lambda: "Biuro"))
    return "Biuro"


def answer_print_dialog(copies: int | None, seen: dict[str, Any]) -> None:
    """When Qt's print dialog is up: note its title, set the copies, press Enter."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(20, act)
            return
        seen["title"] = dialog.windowTitle()
        if copies is not None:
            spin = dialog.findChild(QSpinBox, "copies")  # Qt's "Liczba kopii"
            spin.setValue(copies)
        QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

    QTimer.singleShot(20, act)


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


def test_windows_hands_each_copy_to_shell_execute_printto(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, office_printer: str, messages: list
) -> None:
    shell = windows_sim.Shell()
    monkeypatch.setattr(printing, "windows_shell", shell)
    (pdf,) = pdfs(tmp_path, "Dziennik_2026-11.pdf")
    answer_print_dialog(2, {})

    assert printing.print_pdfs(None, [pdf], "Dziennik") is True

    call = ("printto", str(pdf), '"Biuro"', str(tmp_path))
    assert shell.calls == [call, call]
    assert messages == []


def test_windows_without_a_pdf_program_says_so(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, office_printer: str, messages: list
) -> None:
    shell = windows_sim.Shell(result=31)  # SE_ERR_NOASSOC
    monkeypatch.setattr(printing, "windows_shell", shell)
    answer_print_dialog(None, {})

    assert printing.print_pdfs(None, pdfs(tmp_path, "a.pdf"), "Dziennik") is False
    assert len(shell.calls) == 1
    assert "„Biuro”" in messages[0][1]
