"""One object per open database: the engine and units of work (sessions).

Every change runs in `Database.session()`: one transaction, committed when the block ends,
rolled back on any error, so a half-saved record is never visible.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from kisdesk.access import ACTOR_KEY, Actor
from kisdesk.db.engine import READ_ONLY_OPTION, is_sqlite, make_engine
from kisdesk.db.text_guard import check_flush
from kisdesk.errors import ConflictError

if TYPE_CHECKING:
    from kisdesk.db.backup import BackupInfo
    from kisdesk.db.migrate import MigrationPlan


class KisdeskSession(Session):
    """kisdesk's own session class. The services install their listeners on it (the audit
    log, the RODO restriction guard: kisdesk.services.listeners.install), so a plain
    SQLAlchemy session elsewhere in the same process is never touched by them."""


class Database:
    """`path` is the SQLite file (None on a server); `migration` and `pre_upgrade_backup`
    say what kisdesk.db.open.open_database did to bring the file up to date."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.path: Path | None = None
        self.migration: MigrationPlan | None = None
        self.pre_upgrade_backup: BackupInfo | None = None
        self.engine = engine or make_engine(url)
        self._write = sessionmaker(self.engine, class_=KisdeskSession, expire_on_commit=False)
        event.listen(self._write, "before_flush", check_flush)  # no control chars, no overflow
        read_engine = (
            self.engine.execution_options(**{READ_ONLY_OPTION: True})
            if is_sqlite(url)
            else self.engine
        )
        self._read = sessionmaker(read_engine, class_=KisdeskSession, expire_on_commit=False)
        self.actor: Actor = Actor.system()

    @contextmanager
    def session(self, actor: Actor | None = None) -> Iterator[Session]:
        """A unit of work that writes: commit at the end, roll back on any exception."""
        with self._write() as session:
            session.info[ACTOR_KEY] = actor or self.actor
            try:
                with session.begin():
                    yield session
                renewed = session.info.get(ACTOR_KEY)
                # The unit of work rotated the art. 9 data key: the signed-in person goes on
                # with the new one (docs/threat-model.md §3.4).
                if (
                    actor is None
                    and isinstance(renewed, Actor)
                    and renewed is not self.actor
                    and renewed.user_id == self.actor.user_id
                ):
                    self.actor = renewed
            except StaleDataError:
                # Someone else saved the same record since it was loaded (version column).
                raise ConflictError("record.changed_meanwhile") from None
            except IntegrityError:
                # The services check duplicates first, so a constraint that still fails means
                # the same record was added at the same moment elsewhere (another computer).
                raise ConflictError("record.conflict") from None

    @contextmanager
    def read(self, actor: Actor | None = None) -> Iterator[Session]:
        """A unit of work that only reads (never takes the write lock)."""
        with self._read() as session:
            session.info[ACTOR_KEY] = actor or self.actor
            try:
                yield session
            finally:
                session.rollback()

    def dispose(self) -> None:
        self.engine.dispose()
