"""Starting kisdesk a second time (a double double-click) brings the open window forward
instead of saying that the database is already open (the desktop simulated: `Desktop`)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from windows_sim import Desktop

from kisdesk.db.lock import read_owner
from kisdesk.db.open import open_database
from kisdesk.ui import second_start
from kisdesk.ui.storage_startup import open_for_gui

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys, time
from kisdesk.db.open import open_database
db = open_database(sys.argv[1], exclusive=True)
print("OPEN", flush=True)
time.sleep(60)
"""


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box.informativeText()) or 0)
    return seen


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[str, int]]:
    """kisdesk holding the database in another process of this user on this computer."""
    url = f"sqlite:///{tmp_path / 'office.sqlite'}"
    open_database(url).dispose()
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, url], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "OPEN"
        yield url, child.pid
    finally:
        child.kill()
        child.wait(timeout=30)


def test_the_open_window_comes_forward(
    qtbot: Any, running: tuple[str, int], monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    url, pid = running
    desktop = Desktop({pid: [0x1A2B], 4242: [0x9999]})
    monkeypatch.setattr(second_start, "windows", lambda: desktop)
    assert open_for_gui(url) is None
    assert desktop.raised == [0x1A2B] and messages == []


def test_a_colleagues_copy_is_still_named(
    qtbot: Any,
    running: tuple[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    url, pid = running
    desktop = Desktop({pid: [0x1A2B]})
    monkeypatch.setattr(second_start, "windows", lambda: desktop)
    owner = read_owner(tmp_path / "office.sqlite")
    assert owner is not None and owner.pid == pid
    # the lock names another computer (the database on a share, opened by a colleague)
    assert not second_start.bring_forward({**owner.error().params, "host": "LAPTOP-ANNA"})
    monkeypatch.setattr(second_start, "windows", lambda: Desktop({}))  # the command line
    assert open_for_gui(url) is None
    assert desktop.raised == [] and "jest już otwarta" in messages[-1]
    assert os.uname().nodename in messages[-1]
