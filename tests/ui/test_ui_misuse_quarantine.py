"""The GUI start after a damaged office was moved to quarantine: the recovery dialog names the
quarantined file and offers a backup; never the first-start wizard of a new installation."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from kisdesk.db.open import open_database
from kisdesk.services import office
from kisdesk.ui.dialogs import recovery_dialog
from kisdesk.ui.storage_startup import open_for_gui
from tests.ui.shots import shots_dir

SHOTS = shots_dir("trust-input") if os.environ.get("KISDESK_SHOTS") else None


def test_the_second_start_after_quarantine_names_the_file_and_creates_nothing(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "office.sqlite"
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="kis", name="KIS w Zawoni", operator=office.OperatorData(name="Gmina")
            ),
        )
    db.dispose()
    os.truncate(path, path.stat().st_size // 2 + 100)
    seen: list[Any] = []

    def close_program(dialog: Any) -> int:
        seen.append((dialog.heading.text(), dialog.body.text()))
        if SHOTS is not None:
            dialog.grab().save(str(SHOTS / f"recovery-{len(seen)}.png"))
        return 0

    monkeypatch.setattr(recovery_dialog.RecoveryDialog, "exec", close_program)
    assert open_for_gui(f"sqlite:///{path}") is None  # 1st start: damaged, moved aside
    assert open_for_gui(f"sqlite:///{path}") is None  # 2nd start: still no silent new office
    assert not path.exists()
    heading, body = seen[1]
    assert heading == "Baza danych tej placówki jest w kwarantannie."
    assert "quarantine" in body and "office.sqlite" in body and "kopia" in body

    def start_empty(dialog: Any) -> int:
        dialog.start_empty()  # asked once more, answered yes
        return int(dialog.result())

    monkeypatch.setattr(recovery_dialog.RecoveryDialog, "exec", start_empty)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    db = open_for_gui(f"sqlite:///{path}")
    assert db is not None and path.exists()
    db.dispose()
