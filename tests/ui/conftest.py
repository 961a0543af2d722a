"""Fixtures the GUI tests share: the op runner run inline, stand-ins for the file dialogs and
message boxes (`desk`), and the offices of the Dokumenty, attendance and journal tests. Their
data and helpers live in documents_seed.py, attendance_seed.py and journal_seed.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from kisdesk.db import Database
from kisdesk.ui import files
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.attendance import AttendancePage
from kisdesk.ui.pages.journal import JournalPage
from tests.ui import attendance_seed, journal_seed
from tests.ui.documents_seed import Desk, Office, make_office


@pytest.fixture
def ops(kis: Database, monkeypatch: pytest.MonkeyPatch) -> Ops:
    """The op runner on the KIS test office, running background work at once."""
    monkeypatch.setattr(Ops, "inline", True)
    return Ops(kis)


class ReadyAnswer:
    """The button pressed in the "document ready" dialog (kisdesk.ui.files.DocumentChoice):
    "save" unless a test says otherwise through its `desk` ("print", "open", "close")."""

    def __init__(self) -> None:
        self.desk: Desk | None = None

    def __call__(self, dialog: files.DocumentChoice) -> int:
        choice = self.desk.choice if self.desk is not None else "save"
        if self.desk is not None and dialog.kept:
            self.desk.kept.append(dialog.path)
        button = {
            "print": dialog.print_button,
            "save": dialog.save_button,
            "open": dialog.open_button,
        }.get(choice, dialog.close_button)
        button.click()
        return int(dialog.result())


@pytest.fixture(autouse=True)
def ready(monkeypatch: pytest.MonkeyPatch) -> ReadyAnswer:
    """Every document made in a GUI test is answered at once (its dialog's event loop would
    wait for a click); tests of the dialog itself put QDialog.exec back."""
    answer = ReadyAnswer()
    monkeypatch.setattr(files.DocumentChoice, "exec", lambda dialog: answer(dialog))
    return answer


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ready: ReadyAnswer) -> Desk:
    folder = tmp_path / "Dokumenty"
    folder.mkdir()
    result = Desk(folder)

    def get_save(parent: Any, title: str, default: str, name_filter: str) -> tuple[str, str]:
        name = Path(default).name
        result.asked.append(name)
        if result.cancel_next:
            result.cancel_next = False
            return "", ""
        target = folder / name
        result.saved.append(target)
        return str(target), name_filter

    def open_url(url: Any) -> bool:
        result.opened.append(Path(url.toLocalFile()))
        return True

    def message(*args: Any, **_kw: Any) -> QMessageBox.StandardButton:
        result.messages.append(str(args[2]) if len(args) > 2 else "")
        return QMessageBox.StandardButton.Ok

    ready.desk = result
    monkeypatch.setattr(files.QFileDialog, "getSaveFileName", get_save)
    monkeypatch.setattr(files.QDesktopServices, "openUrl", open_url)
    for name in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, message)
    return result


@pytest.fixture
def office(kis: Database) -> Office:
    """The Dokumenty tests' office (attendance and journal modules name their own)."""
    return make_office(kis)


@pytest.fixture
def attendance_office(kis: Database) -> dict:
    return attendance_seed.seed_office(kis)


@pytest.fixture
def attendance_page(ops: Ops, attendance_office: dict, qtbot) -> AttendancePage:  # type: ignore[no-untyped-def]
    return attendance_seed.open_page(ops, qtbot)


@pytest.fixture
def journal_office(kis: Database) -> dict:
    return journal_seed.seed_office(kis)


@pytest.fixture
def journal_page(ops: Ops, journal_office: dict, qtbot) -> JournalPage:  # type: ignore[no-untyped-def]
    return journal_seed.open_page(ops, qtbot)


@pytest.fixture
def shot(tmp_path: Path) -> Callable[[QWidget, str], Path]:
    """Save what a widget shows as tmp_path/<name>.png, for a person to look at after a
    run (pytest --basetemp=DIR keeps them); fails when nothing was drawn."""

    def save(widget: QWidget, name: str) -> Path:
        target = tmp_path / f"{name}.png"
        assert widget.grab().save(str(target)), f"{name}: nothing to save"
        return target

    return save
