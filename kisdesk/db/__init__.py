"""Engine and sessions, connection settings, Alembic migrations."""

from kisdesk.db.database import Database

__all__ = ["Database"]
