"""Printing in GUI tests: an `lp` that records its arguments first on PATH (standing in for
CUPS), the system's printer list, and Qt's print dialog answered with keys once it is up."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
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


def pdfs(folder: Path, *names: str) -> list[Path]:
    made = []
    for name in names:
        path = folder / name
        path.write_bytes(b"%PDF-1.4\n%%EOF\n")
        made.append(path)
    return made


def record_messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Message boxes answered at once; their (title, text) kept."""
    seen: list[tuple[str, str]] = []

    def record(_parent: Any, title: str, text: str, *_a: Any, **_k: Any) -> Any:
        seen.append((title, text))
        return QMessageBox.StandardButton.Ok

    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, record)
    return seen


def one_printer(monkeypatch: pytest.MonkeyPatch, name: str = "Biuro") -> str:
    """The system's printer list (CUPS or Windows, as Qt reads it) with one printer."""
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: [name]))
    monkeypatch.setattr(QPrinterInfo, "defaultPrinterName", staticmethod(lambda: name))
    return name
