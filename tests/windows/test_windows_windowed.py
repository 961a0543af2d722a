"""The windowed kisdesk.exe (no stdout, no stderr, as PyInstaller's console=False program has on
Windows) given something that is not a database: a Polish answer, never a crash box."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from kisdesk import app, cli
from kisdesk.db import backup as bk
from kisdesk.db.open import open_database
from kisdesk.paths import default_db_path
from kisdesk.services import groups, office
from kisdesk.ui.dialogs import restore_dialog
from kisdesk.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """crash.install() (called by application.run) replaces the hooks: put them back."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


def windowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """sys.stdout = sys.stderr = None, set in the test itself (pytest's capturing would
    replace streams set by a fixture before the test body runs)."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    return shown


def test_a_command_given_to_the_windowed_program_names_kisdesk_cli(
    qtbot: Any, boxes: list[QMessageBox], monkeypatch: pytest.MonkeyPatch
) -> None:
    windowed(monkeypatch)
    assert app.main(["participant", "list", "--json"]) == 2
    [box] = boxes
    assert box.text() == "Użyj programu kisdesk-cli.exe."
    assert "programem okienkowym" in box.informativeText()
    assert "kisdesk-cli.exe participant list --json" in box.informativeText()
    assert "„kisdesk – wiersz poleceń”" in box.informativeText()  # the installer's entry


def test_a_spreadsheet_opened_with_the_program_is_explained_too(
    qtbot: Any, tmp_path: Path, boxes: list[QMessageBox], monkeypatch: pytest.MonkeyPatch
) -> None:
    windowed(monkeypatch)
    sheet = tmp_path / "lista obecności.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    assert app.main([str(sheet)]) == 2
    assert f'"{sheet}"' in boxes[0].informativeText()


def test_the_command_line_itself_survives_missing_streams(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    windowed(monkeypatch)
    # kisdesk.cli.main called directly in a windowed program: the output is lost, not a crash
    db = str(tmp_path / "biuro.sqlite")
    assert cli.main(["--db", db, "init", "--type", "kis", "--name", "KIS", "--json"]) == 0
    assert cli.main(["--db", db, "group", "add", "Grupa", "--json"]) == 0
    assert cli.main(["--db", db, "group", "add", "Grupa"]) == 2  # the refusal, written nowhere
    with pytest.raises(SystemExit) as refused:
        cli.main(["--db", db, "nie-ma-takiego"])
    assert refused.value.code == 2


def _office_with_two_groups() -> tuple[Path, Path]:
    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="kis",
                name="KIS w Zawoni",
                operator=office.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
            ),
        )
        groups.add_group(s, "Grupa poniedziałkowa")
    db.dispose()
    made = bk.create_backup(path, kind="manual")
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        groups.add_group(s, "Grupa wtorkowa")
    db.dispose()
    return path, made.path


def test_a_backup_opened_with_the_program_opens_its_restore_dialog(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, boxes: list[QMessageBox]
) -> None:
    path, backup = _office_with_two_groups()
    dialogs: list[restore_dialog.RestoreDialog] = []

    def click_restore(dialog: restore_dialog.RestoreDialog) -> int:
        dialogs.append(dialog)
        dialog.run()
        return int(dialog.result())

    monkeypatch.setattr(restore_dialog.RestoreDialog, "exec", click_restore)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(MainWindow, "show", lambda w: qtbot.addWidget(w))
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    windowed(monkeypatch)
    assert app.main([str(backup)]) == 0  # "Otwórz za pomocą → kisdesk" on the .kisbak
    assert len(dialogs) == 1 and "Stan z" in dialogs[0].details.text()
    db = open_database(f"sqlite:///{path}")
    try:
        with db.read() as s:
            assert [g.name for g in groups.list_groups(s)] == ["Grupa poniedziałkowa"]
    finally:
        db.dispose()
    assert boxes == []


def test_a_file_named_kisbak_that_is_no_backup_is_explained(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _office_with_two_groups()
    fake = tmp_path / "kopia.kisbak"
    fake.write_bytes(b"to nie jest kopia")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    monkeypatch.setattr(MainWindow, "show", lambda w: qtbot.addWidget(w))
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    windowed(monkeypatch)
    assert app.main([str(fake)]) == 0
    assert len(warned) == 1 and "kopi" in warned[0]


def test_a_backup_double_clicked_on_a_new_laptop_restores_before_any_wizard(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: list[QMessageBox]
) -> None:
    from kisdesk.db import backup_keys as keys
    from kisdesk.ui import wizard

    _office_with_two_groups()
    keys.set_passphrase(keys.load_keyring(), "zielony rower nad Wartą")
    stick = tmp_path / "E"
    made = bk.create_backup(default_db_path(), out=stick, kind="manual")
    monkeypatch.setenv("KISDESK_DATA_DIR", str(tmp_path / "nowy-laptop"))  # nothing there

    def type_passphrase(dialog: restore_dialog.RestoreDialog) -> int:
        assert dialog.secret.isVisibleTo(dialog)  # the key is not on this laptop
        dialog.secret.setText("zielony rower nad Wartą")
        dialog.run()
        return int(dialog.result())

    monkeypatch.setattr(restore_dialog.RestoreDialog, "exec", type_passphrase)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(wizard.FirstStartWizard, "exec", lambda w: pytest.fail("no wizard"))
    monkeypatch.setattr(MainWindow, "show", lambda w: qtbot.addWidget(w))
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    windowed(monkeypatch)
    assert app.main([str(made.path)]) == 0
    db = open_database(f"sqlite:///{default_db_path()}")
    try:
        with db.read() as s:
            assert office.has_office(s)
            assert [g.name for g in groups.list_groups(s)] == [
                "Grupa poniedziałkowa",
                "Grupa wtorkowa",
            ]
    finally:
        db.dispose()
