"""Qt's own dialogs read Polish: the non-native file dialog (as on a Linux desktop) and the
print dialog, with Qt's translation and the texts it lacks (kisdesk.ui.qt_polish)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QGroupBox, QLabel

from kisdesk.paths import resource_path
from kisdesk.ui import qt_polish


@pytest.fixture
def polish(qapp: QApplication) -> Iterator[None]:
    installed = qt_polish.install_translations(qapp)
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


def texts(widget: Any) -> set[str]:
    found = {label.text() for label in widget.findChildren(QLabel)}
    found |= {button.text() for button in widget.findChildren(QAbstractButton)}
    return found | {box.title() for box in widget.findChildren(QGroupBox)}


def test_the_save_dialog_reads_polish(polish: None, qtbot: Any, tmp_path: Path) -> None:
    (tmp_path / "Lista.pdf").write_bytes(b"%PDF")
    dialog = QFileDialog(None, "Zapisz jako", str(tmp_path), "Dokument PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()

    shown = texts(dialog)
    assert {"&Szukaj w:", "Nazwa &pliku:", "Pliki &rodzaju:", "&Zachowaj", "Anuluj"} <= shown
    assert not {"&Look in:", "Files of &type:", "&Save", "Cancel"} & shown


def test_the_print_dialog_reads_polish(polish: None, qtbot: Any) -> None:
    printer = QPrinter()  # kept: the dialog only points at it
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()

    shown = texts(dialog)
    assert {"Drukarka", "Liczba kopii:", "Wy&drukuj", "Anuluj", "Druk dwustronny"} <= shown
    assert not {"Print", "Copies:", "Cancel", "Double Sided Printing", "Off"} & shown


def test_dates_in_the_file_dialog_follow_polish_rules_on_linux(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(qt_polish.sys, "platform", "linux")
    english = {"LANG": "en_US.UTF-8"}
    qt_polish.polish_system_locale(english)
    assert english["LC_TIME"] == "pl_PL.UTF-8" and english["LC_MESSAGES"] == "pl_PL.UTF-8"
    chosen = {"LANG": "en_US.UTF-8", "LC_ALL": "en_GB.UTF-8"}
    qt_polish.polish_system_locale(chosen)  # the user's explicit choice stays
    assert chosen == {"LANG": "en_US.UTF-8", "LC_ALL": "en_GB.UTF-8"}


def test_the_compiled_additions_match_their_source(polish: None) -> None:
    """qt_extra_pl.qm is rebuilt from qt_extra_pl.ts (pyside6-lrelease) after every change."""
    from PySide6.QtCore import QCoreApplication

    source = resource_path("translations", "qt_extra_pl.ts")
    for context in ElementTree.parse(source).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            text = message.findtext("source") or ""
            wanted = message.findtext("translation")
            assert QCoreApplication.translate(name, text) == wanted, (name, text)
