"""When automatic backups happen: at most every 30 minutes while something changed, on exit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from storage_helpers import new_office

from kisdesk.db import Database
from kisdesk.db import backup as bk
from kisdesk.db.backup_schedule import BackupOptions, BackupScheduler
from kisdesk.db.open import open_database
from kisdesk.db.rotation import RotationPolicy
from kisdesk.services import groups, settings


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += dt.timedelta(minutes=minutes)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = new_office(tmp_path / "office.sqlite")
    yield database
    database.dispose()


def path(db: Database) -> Path:
    return db.path  # type: ignore[attr-defined, no-any-return]


def test_at_most_every_30_minutes_and_only_after_a_change(db: Database) -> None:
    clock = Clock()
    scheduler = BackupScheduler(path(db), clock=clock)
    assert scheduler.dirty  # never backed up: the first check backs up
    first = scheduler.maybe_backup()
    assert first is not None and first.kind == "auto"
    clock.advance(45)
    assert scheduler.maybe_backup() is None  # nothing changed since
    scheduler.note_change()
    clock.advance(-40)  # 5 minutes after the first backup
    assert scheduler.maybe_backup() is None
    clock.advance(25)  # 30 minutes after
    second = scheduler.maybe_backup()
    assert second is not None and second.created_at > first.created_at
    assert len(bk.list_backups(second.path.parent)) == 2


def test_a_backup_on_exit_when_something_changed(db: Database) -> None:
    clock = Clock()
    scheduler = BackupScheduler(path(db), clock=clock)
    scheduler.maybe_backup()
    assert scheduler.on_exit() is None  # nothing new
    scheduler.note_change()
    clock.advance(1)  # even one minute later: the program is closing
    info = scheduler.on_exit()
    assert info is not None and info.kind == "exit"


def test_changes_made_while_nobody_watched_are_noticed_at_start(db: Database) -> None:
    BackupScheduler(path(db)).maybe_backup()
    with db.session() as s:  # the CLI, or a crash before the backup on exit
        groups.add_group(s, "Grupa wtorkowa")
    assert BackupScheduler(path(db)).dirty


def test_a_failed_backup_is_reported_kept_pending_and_retried_later(
    db: Database, tmp_path: Path
) -> None:
    clock = Clock()
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")
    scheduler = BackupScheduler(path(db), BackupOptions(folder=blocked), clock=clock)
    assert scheduler.maybe_backup() is None
    assert scheduler.last_error is not None and scheduler.dirty
    clock.advance(1)
    assert not scheduler.due()  # not hammering a broken stick every minute
    clock.advance(5)
    assert scheduler.due()


def test_options_come_from_the_settings(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        settings.set_setting(s, "backup_interval_minutes", 60)
        settings.set_setting(s, "backup_keep_daily", 5)
        settings.set_setting(s, "backup_folder", str(tmp_path / "kopie"))
    with db.read() as s:
        options = BackupOptions.from_settings(settings.all_settings(s))
    assert options.interval == dt.timedelta(minutes=60)
    assert options.policy == RotationPolicy(recent_days=2, daily=5, weekly=10, monthly=9)
    assert options.folder == tmp_path / "kopie"
    info = BackupScheduler(path(db), options).maybe_backup()
    assert info is not None and info.path.parent == tmp_path / "kopie"
    assert bk.newest_backup(path(db)) == bk.read_info(info.path)  # found again at start


def test_after_a_restore_nothing_is_thinned_until_the_next_start(db: Database) -> None:
    clock = Clock()
    scheduler = BackupScheduler(
        path(db), BackupOptions(policy=RotationPolicy(0, 0, 0, 0)), clock=clock
    )
    first = scheduler.maybe_backup()
    scheduler.pause_rotation()
    scheduler.note_change()
    clock.advance(31)
    scheduler.maybe_backup()
    assert first is not None and first.path.exists()


def test_a_start_without_changes_needs_no_backup_though_the_file_was_written(
    db: Database,
) -> None:
    """The backup's own audit entry, a sign-in or a print write to the file after the
    backup; only a change of the office's data calls for the next one."""
    from kisdesk.services import audit

    first = BackupScheduler(path(db)).backup_now("manual")
    assert first is not None and first.audit_head is not None
    with db.session() as s:  # what the program writes after a backup and at a sign-in
        audit.record(s, "backup", **first.audit_details())
        audit.record(s, "login")
        audit.record(s, "print", kind="journal", records=3)
    assert not BackupScheduler(path(db)).dirty  # the next start
    with db.session() as s:
        groups.add_group(s, "Grupa czwartkowa")
    assert BackupScheduler(path(db)).dirty


def test_after_a_restore_new_work_is_backed_up_though_older_ids_are_lower(
    db: Database,
) -> None:
    """After going back to an older backup, the newest backup is of a longer log whose ids
    the restored log has not reached: an id alone would call the changes made since none."""
    from kisdesk.db.restore import restore_database

    first = BackupScheduler(path(db)).backup_now("manual")
    assert first is not None
    for n in range(5):
        with db.session() as s:
            groups.add_group(s, f"Grupa {n}")
    later = BackupScheduler(path(db)).backup_now("manual")  # the newest: 5 entries more
    assert later is not None and later.audit_head[0] > first.audit_head[0]  # type: ignore[index]
    db.dispose()
    restore_database(path(db), first.path)  # keeps a pre-restore copy: now the newest
    restored = open_database(f"sqlite:///{path(db)}")
    try:
        with restored.session() as s:
            groups.add_group(s, "Grupa po przywróceniu")
        assert BackupScheduler(path(restored)).dirty
    finally:
        restored.dispose()
