"""Open a database for use: connect, check, migrate to the newest revision."""

from __future__ import annotations

from kisdesk.db.database import Database
from kisdesk.db.migrate import upgrade
from kisdesk.paths import sqlite_path


def open_database(url: str) -> Database:
    """A ready Database at `url` (created when missing), migrated to the newest revision."""
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(url)
    try:
        upgrade(db.engine)
    except BaseException:
        db.dispose()
        raise
    return db
