"""Restoring another office's backup from the running program asks first, naming both."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from kisdesk.db.open import open_database
from kisdesk.services import groups, office, storage
from kisdesk.ui.dialogs import restore_dialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.storage_startup import StorageController, open_for_gui

SHOTS = Path(os.environ["KISDESK_SHOTS"]) if os.environ.get("KISDESK_SHOTS") else None


def make_office(path: Path, kind: str, name: str) -> None:
    db = open_database(f"sqlite:///{path}")
    try:
        with db.session() as s:
            office.create_office(
                s,
                office.OfficeData(
                    kind=kind,
                    name=name,
                    operator=office.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
                ),
            )
            groups.add_group(s, "Grupa poniedziałkowa" if kind == "kis" else "Warsztat")
    finally:
        db.dispose()


@pytest.fixture
def ops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ops]:
    monkeypatch.setattr(Ops, "inline", True)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    make_office(tmp_path / "kis.sqlite", "kis", "Klub Integracji Społecznej w Zawoni")
    db = open_for_gui(f"sqlite:///{tmp_path / 'kis.sqlite'}")
    assert db is not None
    ops = Ops(db)
    yield ops
    ops.db.dispose()


@pytest.fixture
def other_backup(tmp_path: Path) -> Path:
    path = tmp_path / "cis.sqlite"
    make_office(path, "cis", "Centrum Integracji Społecznej w Innym Mieście")
    db = open_database(f"sqlite:///{path}")
    try:
        return storage.backup(db, out=tmp_path / "cis.kisbak").info.path
    finally:
        db.dispose()


def office_name(ops: Ops) -> str:
    return str(ops.read(lambda s: office.get_office(s).name))


@pytest.mark.parametrize("answer", [False, True])
def test_another_offices_backup_is_restored_only_when_confirmed(
    qtbot: Any, ops: Ops, other_backup: Path, monkeypatch: pytest.MonkeyPatch, answer: bool
) -> None:
    asked: list[str] = []

    def confirm(self: Any, text: str) -> bool:
        asked.append(text)
        if SHOTS is not None:
            SHOTS.mkdir(parents=True, exist_ok=True)
            self.grab().save(str(SHOTS / "restore-other-office.png"))
        return answer

    monkeypatch.setattr(restore_dialog.RestoreDialog, "confirm_other_office", confirm)
    controller = StorageController(ops)
    dialog = restore_dialog.RestoreDialog(other_backup, controller.restore)
    qtbot.addWidget(dialog)
    dialog.run()
    assert len(asked) == 1
    assert "„Klub Integracji Społecznej w Zawoni”" in asked[0]
    assert "„Centrum Integracji Społecznej w Innym Mieście”" in asked[0]
    if answer:
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert office_name(ops) == "Centrum Integracji Społecznej w Innym Mieście"
    else:
        assert dialog.result() == 0 and "innej placówki" in dialog.error.text()
        assert office_name(ops) == "Klub Integracji Społecznej w Zawoni"
        assert [g.name for g in ops.read(groups.list_groups)] == ["Grupa poniedziałkowa"]


def test_the_question_names_both_offices_and_defaults_to_cancel(
    qtbot: Any, ops: Ops, other_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        seen.append(box)
        if SHOTS is not None:
            SHOTS.mkdir(parents=True, exist_ok=True)
            box.grab().save(str(SHOTS / "restore-other-office-question.png"))
        return int(QMessageBox.StandardButton.Cancel)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    dialog = restore_dialog.RestoreDialog(other_backup, StorageController(ops).restore)
    qtbot.addWidget(dialog)
    dialog.run()
    box = seen[0]
    assert "„Centrum Integracji Społecznej w Innym Mieście”" in box.text()
    assert "„Klub Integracji Społecznej w Zawoni”" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert office_name(ops) == "Klub Integracji Społecznej w Zawoni"
