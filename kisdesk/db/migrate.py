"""Alembic migrations run from code at start-up.

The revision scripts live inside the package (kisdesk/db/migrations/versions), so a frozen
build carries them. A database written by a newer kisdesk is refused without writing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from kisdesk.errors import StorageError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@dataclass(frozen=True, slots=True)
class MigrationPlan:
    current: str | None  # None: an empty, new database
    head: str

    @property
    def needed(self) -> bool:
        return self.current != self.head

    @property
    def fresh(self) -> bool:
        return self.current is None


def plan(engine: Engine) -> MigrationPlan:
    """What an upgrade would do; refuses a database kisdesk cannot safely open."""
    current = current_revision(engine)
    head = head_revision()
    if current is None:
        tables = set(inspect(engine).get_table_names())
        if tables - {"alembic_version"}:
            raise StorageError("db.not_kisdesk")
    elif current != head:
        known = {rev.revision for rev in script_directory().walk_revisions()}
        if current not in known:
            raise StorageError("db.newer_than_program", revision=current)
    return MigrationPlan(current=current, head=head)


def upgrade(engine: Engine) -> MigrationPlan:
    """Bring the database to the newest revision, each revision in its own transaction."""
    migration = plan(engine)
    if migration.needed:
        with engine.connect() as conn:
            command.upgrade(alembic_config(conn), "head")
            conn.commit()
    return migration
