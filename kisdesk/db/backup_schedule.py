"""When to back up: at most every 30 minutes while something changed, and on exit (Anki).

A plain object the GUI drives from a QTimer (`maybe_backup()` every minute), tells about
changes (`note_change()` on AppSignals.data_changed) and calls `on_exit()` when closing.
It never raises: a failed automatic backup is kept in `last_error` for the status bar and
retried after `RETRY_AFTER`, and the change stays pending.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kisdesk.db import backup as bk
from kisdesk.db import rawconn
from kisdesk.db.backup_keys import Keyring
from kisdesk.db.rotation import RotationPolicy
from kisdesk.errors import KisdeskError

log = logging.getLogger(__name__)

RETRY_AFTER = dt.timedelta(minutes=5)
# Audit events that change the office's data (kisdesk.services.audit). A sign-in, a print or
# the backup's own entry also write to the file, but do not call for another backup: by the
# file's time alone every start would end in a backup of an unchanged office.
DATA_EVENTS = (
    "change",
    "settings_change",
    "role_change",
    "restore",
    "anonymise",
    "encryption",
    "month_close",
    "month_reopen",
)


def _data_changed_after(db_path: Path, head: tuple[int, str]) -> bool | None:
    """Whether the audit log has a data-changing entry newer than `head` (its newest entry,
    id and hash, when the backup was taken); None when the file cannot tell (then its time
    decides). A log whose entry `head[0]` is not that entry is another log than the backup's
    (a restore put an older one in place): then everything may have changed."""
    marks = ", ".join("?" for _ in DATA_EVENTS)
    try:
        conn = rawconn.connect(db_path)
        try:
            if head[0]:  # 0: the log was empty then, nothing to compare
                same = conn.execute(
                    "SELECT hash FROM audit_entry WHERE id = ?", (head[0],)
                ).fetchone()
                if same is None or same[0] != head[1]:
                    return True
            row = conn.execute(
                f"SELECT EXISTS (SELECT 1 FROM audit_entry WHERE id > ? AND event IN ({marks}))",
                (head[0], *DATA_EVENTS),
            ).fetchone()
        finally:
            conn.close()
    except Exception as exc:  # noqa: BLE001 (sqlite3's, SQLCipher's or the file's error)
        log.info("changes since the last backup read from the file's time: %s", exc)
        return None
    return bool(row[0])


@dataclass(frozen=True, slots=True)
class BackupOptions:
    interval: dt.timedelta = dt.timedelta(minutes=30)
    policy: RotationPolicy = field(default_factory=RotationPolicy)
    folder: Path | None = None  # None: the data folder's backups/

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> BackupOptions:
        """From kisdesk.services.settings.all_settings(session)."""
        folder = str(values.get("backup_folder") or "").strip()
        return cls(
            interval=dt.timedelta(minutes=int(values.get("backup_interval_minutes", 30))),
            policy=RotationPolicy(
                recent_days=int(values.get("backup_keep_recent_days", 2)),
                daily=int(values.get("backup_keep_daily", 12)),
                weekly=int(values.get("backup_keep_weekly", 10)),
                monthly=int(values.get("backup_keep_monthly", 9)),
            ),
            folder=Path(folder).expanduser() if folder else None,
        )


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class BackupScheduler:
    def __init__(
        self,
        db_path: Path,
        options: BackupOptions | None = None,
        *,
        keyring: Keyring | None = None,
        clock: Callable[[], dt.datetime] = _utcnow,
    ) -> None:
        self.db_path = db_path
        self.options = options or BackupOptions()
        self.keyring = keyring
        self.clock = clock
        self.rotate = True
        self.last_error: KisdeskError | None = None
        self.last_backup: bk.BackupInfo | None = bk.newest_backup(db_path, self._folders())
        self._last_attempt: dt.datetime | None = None
        self.dirty = self._changed_since(self.last_backup)

    def _folders(self) -> list[Path]:
        folders = bk.known_folders()
        if self.options.folder is not None:
            folders.append(self.options.folder)
        return folders

    def _changed_since(self, backup: bk.BackupInfo | None) -> bool:
        """Changes made while no scheduler was watching (the CLI, a crash before exit)."""
        if backup is None:
            return True
        if backup.audit_head is not None:
            changed = _data_changed_after(self.db_path, backup.audit_head)
            if changed is not None:
                return changed
        stamps = []
        for path in (self.db_path, self.db_path.with_name(self.db_path.name + "-wal")):
            try:
                stat = path.stat()
            except OSError:
                continue
            if stat.st_size:  # an empty -wal is left by a read-only connection
                stamps.append(dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC))
        return any(stamp > backup.created_at for stamp in stamps)

    def note_change(self) -> None:
        self.dirty = True

    def pause_rotation(self) -> None:
        """After a restore nothing is thinned until the next start (Anki's rule): the
        restored, older data must not push newer backups out of the rotation."""
        self.rotate = False

    def due(self, now: dt.datetime | None = None) -> bool:
        now = now or self.clock()
        if not self.dirty:
            return False
        failed_recently = (
            self._last_attempt is not None
            and self.last_error is not None
            and now - self._last_attempt < RETRY_AFTER
        )
        if failed_recently:
            return False
        last = self.last_backup.created_at if self.last_backup else None
        return last is None or now - last >= self.options.interval or now < last

    def maybe_backup(self, now: dt.datetime | None = None) -> bk.BackupInfo | None:
        """Back up when due; returns the new backup, or None (not due, or failed)."""
        now = now or self.clock()
        if not self.due(now):
            return None
        return self._run("auto", now)

    def backup_now(self, kind: str = "manual") -> bk.BackupInfo | None:
        return self._run(kind, self.clock())

    def on_exit(self) -> bk.BackupInfo | None:
        """The last backup when the program closes, if anything changed since the last one."""
        if not self.dirty:
            return None
        return self._run("exit", self.clock())

    def _run(self, kind: str, now: dt.datetime) -> bk.BackupInfo | None:
        self._last_attempt = now
        self.dirty = False  # changes made while the backup runs set it again
        try:
            info = bk.create_backup(
                self.db_path,
                folder=self.options.folder,
                kind=kind,
                keyring=self.keyring,
                policy=self.options.policy if self.rotate else None,
                now=now,
            )
        except KisdeskError as exc:
            self.dirty = True
            self.last_error = exc
            log.warning("automatic backup failed: %s", exc)
            return None
        self.last_error = None
        self.last_backup = info
        return info
