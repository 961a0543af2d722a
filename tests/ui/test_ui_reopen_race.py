"""An automatic backup that ends just before the database is closed for a conversion writes
its audit entry before the file is closed, never into the file being converted."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from kisdesk.db import backup as bk
from kisdesk.db.open import open_database
from kisdesk.services import groups, office
from kisdesk.ui import storage_startup
from kisdesk.ui.ops import Ops
from kisdesk.ui.storage_startup import StorageController, reopen_around


def _office(path: Path) -> None:
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


def _backups_logged(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM audit_entry WHERE event = 'backup'").fetchone()[0]
    finally:
        conn.close()


def test_a_finished_backup_is_logged_before_the_file_is_closed(qapp: Any, tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    _office(path)
    ops = Ops(open_database(f"sqlite:///{path}", exclusive=True))
    controller = StorageController(ops)
    info = bk.create_backup(path, kind="auto")
    seen_during_change: list[int] = []

    def change(file: Path) -> None:
        seen_during_change.append(_backups_logged(file))

    controller._running = True
    _post_finished(controller, info)
    try:
        reopen_around(ops, change)
        assert seen_during_change == [1]  # logged before the close, not during the change
        assert _backups_logged(path) == 1
        assert not controller._running
    finally:
        ops.db.dispose()
    assert storage_startup._reopening == 0


def _post_finished(controller: StorageController, info: bk.BackupInfo) -> None:
    """Emit the signal from another thread, as the backup job does: it is queued."""
    import threading

    done = threading.Event()

    def emit() -> None:
        controller.backup_finished.emit(info)
        done.set()

    threading.Thread(target=emit).start()
    done.wait(5)
