"""The storage GUI: the backup dialog, the passphrase and its recovery key, restore from the
running program, and what the start does with a locked, damaged or missing database."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from kisdesk.db import backup as bk
from kisdesk.db import backup_keys as keys
from kisdesk.db.open import open_database
from kisdesk.services import groups, office
from kisdesk.ui import signals
from kisdesk.ui.dialogs import backup_dialog, backup_passphrase, recovery_dialog, restore_dialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.storage_startup import StorageController, open_for_gui

SHOTS = Path(os.environ.get("KISDESK_SHOTS", "")) if os.environ.get("KISDESK_SHOTS") else None
ROOT = Path(__file__).resolve().parents[2]


def shot(widget: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
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
    return path


@pytest.fixture
def ops(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ops]:
    monkeypatch.setattr(Ops, "inline", True)
    db = open_for_gui(f"sqlite:///{db_path}")
    assert db is not None
    ops = Ops(db)
    yield ops
    ops.db.dispose()


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes answered at once; their texts collected."""
    seen: list[str] = []

    def information(_parent: Any, _title: str, text: str, *a: Any) -> Any:
        seen.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "information", information)
    monkeypatch.setattr(QMessageBox, "warning", information)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(
        QMessageBox,
        "exec",
        lambda box: seen.append(box.informativeText() or box.text()) or 0,
    )
    return seen


def group_names(ops: Ops) -> list[str]:
    return [g.name for g in ops.read(groups.list_groups)]


def test_the_backup_dialog_backs_up_to_a_stick_and_sets_the_passphrase(
    qtbot: Any, ops: Ops, tmp_path: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = StorageController(ops)
    dialog = backup_dialog.BackupDialog(controller)
    qtbot.addWidget(dialog)
    assert "Nie ustawiono hasła kopii" in dialog.key_status.text()
    qtbot.mouseClick(dialog.now_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 1
    assert dialog.model.data(dialog.model.index(0, 1)) == "na żądanie"
    assert "Ostatnia kopia zapasowa" in dialog.status.text()
    stick = tmp_path / "PENDRIVE"
    stick.mkdir()
    info = dialog.backup_to(stick)
    assert info is not None and info.path.parent == stick
    assert "sprawdzona po odczytaniu z nośnika" in messages[-1]

    shown: list[Any] = []

    def fill_and_save(passphrase_dialog: Any) -> int:
        passphrase_dialog.first.setText("zielony rower nad Wartą")
        passphrase_dialog.second.setText("zielony rower nad Wartą")
        passphrase_dialog.save()
        return int(passphrase_dialog.result())

    monkeypatch.setattr(backup_passphrase.PassphraseDialog, "exec", fill_and_save)
    monkeypatch.setattr(backup_passphrase.RecoveryKeyDialog, "exec", lambda d: shown.append(d) or 1)
    dialog.set_passphrase()
    assert len(shown) == 1 and len(shown[0].recovery_key) == 44
    assert keys.load_keyring().has_passphrase
    assert "Hasło kopii jest ustawione" in dialog.key_status.text()
    shot(dialog, "backup-dialog")


def test_the_recovery_key_dialog_closes_only_after_confirmation(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup_passphrase.QDesktopServices, "openUrl", lambda url: True)
    dialog = backup_passphrase.RecoveryKeyDialog(
        "7K2M-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789", "abcdef0123456789", "KIS w Zawoni"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok.isEnabled()
    dialog.reject()  # Esc
    assert dialog.isVisible()
    page = dialog.save_page(tmp_path / "klucz.pdf")
    assert page is not None and page.read_bytes().startswith(b"%PDF")
    dialog.confirm.setChecked(True)
    assert dialog.ok.isEnabled()
    shot(dialog, "recovery-key")


def test_a_short_or_mistyped_passphrase_is_explained(qtbot: Any, ops: Ops) -> None:
    dialog = backup_passphrase.PassphraseDialog(ops.db)
    qtbot.addWidget(dialog)
    dialog.first.setText("krótkie")
    dialog.second.setText("krótkie")
    dialog.save()
    assert "co najmniej 10 znaków" in dialog.error.text()
    dialog.first.setText("zielony rower nad Wartą")
    dialog.second.setText("zielony rower nad Odrą")
    dialog.save()
    assert "różnią się" in dialog.error.text() and dialog.result() == 0


def test_restore_from_the_running_program_reloads_every_page(
    qtbot: Any, ops: Ops, messages: list[str]
) -> None:
    controller = StorageController(ops)
    backup = controller.backup_now()
    assert backup is not None
    ops.run(None, lambda s: groups.add_group(s, "Grupa po kopii"))
    changed: list[frozenset[str]] = []
    ops.signals.data_changed.connect(changed.append)
    old = ops.db
    dialog = restore_dialog.RestoreDialog(backup.path, controller.restore)
    qtbot.addWidget(dialog)
    assert "0 uczestników" in dialog.details.text() and str(backup.path) in dialog.details.text()
    assert not dialog.secret.isVisible()  # this computer's own backup: no key asked
    shot(dialog, "restore-dialog")
    dialog.run()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ops.db is not old and group_names(ops) == ["Grupa poniedziałkowa"]
    assert changed[-1] == signals.EVERYTHING
    assert "Przywrócono dane z kopii z" in messages[-1] and "sprzed przywrócenia" in messages[-1]
    assert not controller.scheduler.rotate  # nothing thinned until the next start


def test_a_backup_from_another_computer_asks_for_the_key(
    qtbot: Any, ops: Ops, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    ring = keys.load_keyring()
    recovery = keys.set_passphrase(ring, "zielony rower nad Wartą")
    backup = bk.create_backup(ops.db.path)  # type: ignore[attr-defined]
    monkeypatch.setenv("KISDESK_DATA_DIR", str(tmp_path / "new-laptop"))
    restored: list[str | None] = []
    dialog = restore_dialog.RestoreDialog(
        backup.path, lambda path, secret: restored.append(secret) or _fake_result(backup)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.secret.isVisible()
    dialog.run()
    assert "Wpisz hasło" in dialog.error.text() and restored == []
    dialog.secret.setText(recovery or "")
    dialog.run()
    assert restored == [recovery]


def _fake_result(backup: bk.BackupInfo) -> Any:
    from kisdesk.db.restore import RestoreResult

    return RestoreResult(backup.path, backup, None, None)


def test_a_damaged_database_at_start_offers_the_newest_backup(
    qtbot: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    bk.create_backup(db_path)
    db_path.write_bytes(b"\0" * 4096 * 3)
    seen: list[Any] = []

    def click_restore(dialog: Any) -> int:
        seen.append(dialog)
        shot(dialog, "recovery-dialog")
        dialog.restore_newest()
        return int(dialog.result())

    monkeypatch.setattr(recovery_dialog.RecoveryDialog, "exec", click_restore)
    monkeypatch.setattr(restore_dialog.RestoreDialog, "exec", lambda d: d.run() or d.result())
    db = open_for_gui(f"sqlite:///{db_path}")
    assert db is not None
    try:
        assert [g.name for g in Ops(db).read(groups.list_groups)] == ["Grupa poniedziałkowa"]
    finally:
        db.dispose()
    dialog = seen[0]
    assert dialog.newest is not None and dialog.choice == "restored"
    assert dialog.heading.text() == "Plik bazy danych jest uszkodzony."
    assert (
        "niczego nie usunął" in dialog.body.text() and "Najnowsza sprawdzona" in dialog.body.text()
    )
    assert len(seen) == 1  # opened at the second try, after the restore


def test_a_damaged_database_without_backups_can_start_empty_only_on_request(
    qtbot: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    db_path.write_bytes(b"to nie jest baza")
    choices: list[Any] = []

    def click_empty(dialog: Any) -> int:
        choices.append(dialog)
        assert not dialog.restore_button.isVisibleTo(dialog)
        dialog.start_empty()
        return int(dialog.result())

    monkeypatch.setattr(recovery_dialog.RecoveryDialog, "exec", click_empty)
    db = open_for_gui(f"sqlite:///{db_path}")
    assert db is not None and len(choices) == 1
    db.dispose()


HOLDER = """
import sys, time
from kisdesk.db.open import open_database
db = open_database(sys.argv[1], exclusive=True)
print("OPEN", flush=True)
time.sleep(60)
"""


def test_a_second_copy_of_the_program_says_who_has_the_data(
    qtbot: Any, db_path: Path, messages: list[str]
) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, f"sqlite:///{db_path}"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "OPEN"
        assert open_for_gui(f"sqlite:///{db_path}") is None
    finally:
        child.kill()
        child.wait(timeout=30)
    assert "jest już otwarta" in messages[-1] and os.uname().nodename in messages[-1]


def test_automatic_backups_follow_changes_and_the_interval(
    qtbot: Any, ops: Ops, messages: list[str]
) -> None:
    controller = StorageController(ops)
    controller.start()
    assert controller.timer.isActive()
    controller.tick()  # never backed up: at once
    first = controller.scheduler.last_backup
    assert first is not None
    ops.run(None, lambda s: groups.add_group(s, "Grupa wtorkowa"))
    controller.tick()  # changed, but not 30 minutes yet
    assert controller.scheduler.last_backup == first and controller.scheduler.dirty
    controller.on_exit()  # closing: the change is backed up
    assert controller.scheduler.last_backup is not None
    assert controller.scheduler.last_backup.kind == "exit"
    assert not controller.timer.isActive()


def test_an_upgrade_on_a_new_computer_asks_for_the_backup_passphrase_first(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from PySide6.QtWidgets import QInputDialog

    keys.set_passphrase(keys.load_keyring(), "zielony rower nad Wartą")
    (tmp_path / "kisdesk-data" / keys.MACHINE_KEY_FILE).unlink()  # folder moved to a new PC
    old = tmp_path / "old.sqlite"
    old.write_bytes((ROOT / "tests" / "fixtures" / "db" / "rev_0001.sqlite").read_bytes())
    answers = iter([("zła odpowiedź", True), ("zielony rower nad Wartą", True)])
    prompts: list[str] = []

    def ask(_parent: Any, _title: str, prompt: str, *_a: Any) -> tuple[str, bool]:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", ask)
    db = open_for_gui(f"sqlite:///{old}")
    assert db is not None
    try:
        assert db.pre_upgrade_backup is not None  # type: ignore[attr-defined]
    finally:
        db.dispose()
    assert len(prompts) == 2 and "niepoprawny" in prompts[1]
