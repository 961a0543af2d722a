"""The main window says loudly when backups are not safe: a failed automatic backup, a backup
key lost with Windows' DPAPI (simulated through the keyring's protection seam), and no
passphrase yet; and each has its way out."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from kisdesk.db import backup_keys as keys
from kisdesk.db.open import open_database
from kisdesk.services import groups, office, storage
from kisdesk.ui.dialogs import backup_passphrase
from kisdesk.ui.main_window import MainWindow
from kisdesk.ui.ops import Ops
from kisdesk.ui.storage_startup import StorageController, open_for_gui
from kisdesk.ui.widgets.backup_banner import BackupBanner

SHOTS = Path(os.environ["KISDESK_SHOTS"]) if os.environ.get("KISDESK_SHOTS") else None
PASSPHRASE = "zielony rower nad Wartą"


@pytest.fixture
def ops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ops]:
    monkeypatch.setattr(Ops, "inline", True)
    path = tmp_path / "kis.sqlite"
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="kis",
                name="Klub Integracji Społecznej w Zawoni",
                operator=office.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
            ),
        )
        groups.add_group(s, "Grupa poniedziałkowa")
    db.dispose()
    opened = open_for_gui(f"sqlite:///{path}")
    assert opened is not None
    ops = Ops(opened)
    yield ops
    ops.db.dispose()


def lose_the_key_like_dpapi() -> None:
    data = keys.load_keyring().folder
    ring = json.loads((data / keys.KEYRING_FILE).read_text(encoding="utf-8"))
    ring["machine"] = {"method": "dpapi", "data": base64.b64encode(os.urandom(178)).decode()}
    (data / keys.KEYRING_FILE).write_text(json.dumps(ring), encoding="utf-8")
    (data / keys.MACHINE_KEY_FILE).unlink(missing_ok=True)


def shot(widget: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


def typed_passphrase(monkeypatch: pytest.MonkeyPatch, keys_shown: list[str]) -> None:
    def exec_(dialog: Any) -> int:
        dialog.first.setText(PASSPHRASE)
        dialog.second.setText(PASSPHRASE)
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(backup_passphrase.PassphraseDialog, "exec", exec_)
    monkeypatch.setattr(
        backup_passphrase.RecoveryKeyDialog,
        "exec",
        lambda dialog: keys_shown.append(dialog.recovery_key) or 1,
    )


def test_no_passphrase_is_a_visible_nag_that_sets_it(
    qtbot: Any, ops: Ops, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = StorageController(ops)
    window = MainWindow(ops)
    qtbot.addWidget(window)
    banner = BackupBanner(controller, window)
    window.add_banner(banner)
    window.show()
    assert banner.isVisible() and banner.kind == "no_passphrase"
    assert "kopie otworzy tylko ten komputer" in banner.text.text()
    shot(window, "main-window-backup-nag")
    shown: list[str] = []
    typed_passphrase(monkeypatch, shown)
    banner.button.click()
    assert len(shown) == 1 and len(shown[0]) == 44  # the recovery key, shown once
    assert keys.load_keyring().has_passphrase and not banner.isVisible()


def test_a_failed_automatic_backup_turns_the_banner_red(
    qtbot: Any, ops: Ops, tmp_path: Path
) -> None:
    controller = StorageController(ops)
    banner = BackupBanner(controller)
    qtbot.addWidget(banner)
    not_a_folder = tmp_path / "plik"
    not_a_folder.write_text("x", encoding="utf-8")
    controller.scheduler.options = storage.BackupOptions(folder=not_a_folder / "kopie")
    controller.tick()
    assert banner.kind == "failed" and "nie powiodła się" in banner.text.text()
    assert "#b3261e" in banner.styleSheet()
    controller.scheduler.options = storage.BackupOptions()
    controller.scheduler.note_change()
    controller.scheduler._last_attempt = None  # the retry is due
    controller.tick()
    assert banner.kind == "no_passphrase"  # backups work again; the nag stays


def test_a_key_lost_with_dpapi_gets_a_new_key_and_a_backup_at_once(
    qtbot: Any, ops: Ops, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = StorageController(ops)
    assert controller.backup_now() is not None
    lose_the_key_like_dpapi()
    controller.scheduler.note_change()
    controller.scheduler.last_backup = None
    controller.tick()  # the automatic backup fails: the key does not open
    window = MainWindow(ops)
    qtbot.addWidget(window)
    banner = BackupBanner(controller, window)
    window.add_banner(banner)
    window.show()
    assert banner.kind == "lost" and banner.button.text() == "Nowy klucz kopii…"
    assert "nie może już otworzyć klucza kopii" in banner.text.text()
    shot(window, "main-window-backup-key-lost")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(
        backup_passphrase.PassphraseDialog, "exec", lambda d: QDialog.DialogCode.Rejected
    )
    banner.button.click()
    folder = keys.load_keyring().folder
    assert len(list(folder.glob("backup-keys-*-locked.json"))) == 1  # the old file kept
    assert keys.load_keyring().data_key is not None
    newest = controller.scheduler.last_backup
    assert newest is not None and storage.backup_opens_here(newest)
    assert banner.kind == "no_passphrase"  # next: the passphrase, so it cannot happen again


def test_the_passphrase_dialog_refuses_whitespace_around_it(qtbot: Any, ops: Ops) -> None:
    dialog = backup_passphrase.PassphraseDialog(ops.db)
    qtbot.addWidget(dialog)
    for edit in (dialog.first, dialog.second):
        edit.setText(PASSPHRASE + " ")
    dialog.save()
    assert "nie może zaczynać się ani kończyć spacją" in dialog.error.text()
    assert dialog.result() == 0 and not keys.load_keyring().has_passphrase
