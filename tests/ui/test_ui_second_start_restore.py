"""A backup double-clicked while kisdesk is open: the second start hands it to the open
window, which opens its restore dialog there (kisdesk/ui/second_start.py), instead of only
saying that the database is open or only raising the window."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from kisdesk.cli import main
from kisdesk.db.open import open_database
from kisdesk.ui import second_start
from kisdesk.ui.application import restore_inbox
from kisdesk.ui.dialogs.restore_dialog import RestoreDialog
from kisdesk.ui.storage_startup import open_for_gui

ROOT = Path(__file__).resolve().parents[2]
# The open kisdesk in another process of this user: it holds the database and takes requests.
WINDOW = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer
from kisdesk.db.open import open_database
from kisdesk.ui.second_start import RestoreInbox
app = QCoreApplication([])
db = open_database(sys.argv[1], exclusive=True)
inbox = None
if sys.argv[3] == "window":
    inbox = RestoreInbox(Path(sys.argv[2]), lambda b: print("RESTORE", b, flush=True))
print("OPEN", flush=True)
QTimer.singleShot(60_000, app.quit)
app.exec()
"""


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """An office and a backup of it (what the user double-clicks)."""
    monkeypatch.setenv("KISDESK_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "biuro.sqlite"
    assert main(["--db", str(path), "init", "--type", "kis", "--name", "KIS w Zawoni"]) == 0
    backup = tmp_path / "kopia.kisbak"
    assert main(["--db", str(path), "backup", "--out", str(backup)]) == 0
    return path, backup


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box.informativeText()) or 0)
    return seen


def _holder(path: Path, kind: str) -> Iterator[subprocess.Popen[str]]:
    child = subprocess.Popen(
        [sys.executable, "-c", WINDOW, f"sqlite:///{path}", str(path), kind],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "OPEN"
        yield child
    finally:
        child.kill()
        child.wait(timeout=30)


def _requests_left(path: Path) -> list[str]:
    folder = second_start.requests_folder(path)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_the_second_start_hands_the_backup_to_the_open_window(
    qapp: Any, office: tuple[Path, Path], messages: list[str]
) -> None:
    path, backup = office
    for child in _holder(path, "window"):
        assert open_for_gui(f"sqlite:///{path}", restore=backup) is None
        assert messages == []  # no "the database is open" for the second start
        assert child.stdout is not None
        assert child.stdout.readline().strip() == f"RESTORE {backup.resolve()}"
    assert _requests_left(path) == []


def test_without_an_open_window_the_request_is_withdrawn(
    qapp: Any, office: tuple[Path, Path], messages: list[str]
) -> None:
    # a command-line run holds the database: nobody takes the request (waited for 4 s)
    path, backup = office
    for _child in _holder(path, "command"):
        assert open_for_gui(f"sqlite:///{path}", restore=backup) is None
    assert len(messages) == 1 and "otwarta" in messages[0]
    assert _requests_left(path) == []


def test_a_stale_request_is_never_acted_on(tmp_path: Path) -> None:
    path = tmp_path / "biuro.sqlite"
    request = second_start.post_restore(path, tmp_path / "stara.kisbak")
    body = json.loads(request.read_text(encoding="utf-8"))
    body["at"] = time.time() - second_start.REQUEST_MAX_AGE_S - 5
    request.write_text(json.dumps(body), encoding="utf-8")
    assert second_start.take_requests(path) == []
    assert not request.exists()


def test_the_open_window_shows_its_restore_dialog(
    qtbot: Any, office: tuple[Path, Path], tmp_path: Path
) -> None:
    path, backup = office
    db = open_database(f"sqlite:///{path}", exclusive=True)  # this process is the open kisdesk
    try:
        window = QWidget()
        window.setWindowTitle("kisdesk")
        qtbot.addWidget(window)
        window.show()
        asked: list[Path] = []
        storage = SimpleNamespace(restore=lambda *a, **k: asked.append(a[0]))
        restore_inbox(f"sqlite:///{path}", window, storage)
        shown: list[RestoreDialog] = []

        def look() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, RestoreDialog):
                QTimer.singleShot(50, look)
                return
            shown.append(dialog)
            dialog.grab().save(str(tmp_path / "restore-from-second-start.png"))
            dialog.reject()

        QTimer.singleShot(50, look)
        assert second_start.hand_over_restore(path, backup)  # what the second start does
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
        (dialog,) = shown
        assert dialog.parent() is window and dialog.backup == backup.resolve()
        assert str(backup.resolve()) in dialog.details.text()
        assert asked == []  # shown, not restored without the user's yes
    finally:
        db.dispose()
