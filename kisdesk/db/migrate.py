"""Alembic migrations run from code at start-up.

The revision scripts live inside the package (kisdesk/db/migrations/versions), so a frozen
build carries them. A database written by a newer kisdesk is refused without writing.

Each revision runs in its own transaction (env.py: transaction_per_migration). SQLite's DDL
is transactional once the sqlite3 module stops committing behind our back (engine.py sets
isolation_level=None and emits BEGIN itself), so a power cut mid-upgrade leaves the last
whole revision, never half of one (tests/db/test_db_migrations.py proves it). The caller
(kisdesk.db.open) takes a verified backup first through `before`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from kisdesk.db.engine import READ_ONLY_OPTION
from kisdesk.errors import StorageError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(
    connection: Connection | None = None, migrations_dir: Path | None = None
) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir or MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def script_directory(migrations_dir: Path | None = None) -> ScriptDirectory:
    # Read once per process: the revision files do not change while the program runs.
    return ScriptDirectory.from_config(alembic_config(migrations_dir=migrations_dir))


def head_revision(migrations_dir: Path | None = None) -> str:
    head = script_directory(migrations_dir).get_current_head()
    assert head is not None
    return head


def revisions(migrations_dir: Path | None = None) -> list[str]:
    """Every revision id, oldest first."""
    return [r.revision for r in reversed(list(script_directory(migrations_dir).walk_revisions()))]


def _read_only(engine: Engine) -> Engine:
    # Looking is not writing: no BEGIN IMMEDIATE, no write lock, no one-writer lock taken.
    return engine.execution_options(**{READ_ONLY_OPTION: True})


def current_revision(engine: Engine) -> str | None:
    with _read_only(engine).connect() as conn:
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


def plan(engine: Engine, migrations_dir: Path | None = None) -> MigrationPlan:
    """What an upgrade would do; refuses a database kisdesk cannot safely open."""
    current = current_revision(engine)
    head = head_revision(migrations_dir)
    if current is None:
        with _read_only(engine).connect() as conn:
            tables = set(inspect(conn).get_table_names())
        if tables - {"alembic_version"}:
            raise StorageError("db.not_kisdesk")
    elif current != head:
        known = set(revisions(migrations_dir))
        if current not in known:
            raise StorageError("db.newer_than_program", revision=current)
    return MigrationPlan(current=current, head=head)


def pending(current: str | None, migrations_dir: Path | None = None) -> list[str]:
    """The revisions an upgrade from `current` applies, oldest first."""
    script = script_directory(migrations_dir)
    steps = script.iterate_revisions("heads", current or "base")
    return [r.revision for r in reversed(list(steps)) if r.revision != current]


def upgrade(
    engine: Engine,
    *,
    before: Callable[[MigrationPlan], object] | None = None,
    migrations_dir: Path | None = None,
) -> MigrationPlan:
    """Bring the database to the newest revision, each revision in its own transaction.

    `before(plan)` runs first when an existing database is about to change (the backup).

    On SQLite, foreign keys are off while revisions run: batch mode recreates a table by
    copy, drop and rename, and with foreign keys on, DROP TABLE deletes every row that
    references the table through ON DELETE CASCADE (participations, attendance: all gone;
    tests/db/test_db_migrations.py caught exactly that). `PRAGMA foreign_key_check` then
    runs inside each revision's transaction, so a revision that breaks a link is rolled
    back whole (alembic "batch" docs; sqlite.org/lang_altertable.html §5).
    """
    migration = plan(engine, migrations_dir)
    if not migration.needed:
        return migration
    if before is not None and not migration.fresh:
        before(migration)
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        try:
            if sqlite:  # outside any transaction: the pragma is a no-op inside one
                raw = conn.connection.driver_connection
                assert raw is not None
                raw.execute("PRAGMA foreign_keys=OFF")
            for revision in pending(migration.current, migrations_dir):
                with conn.begin():  # alembic sees an outer transaction and leaves it to us
                    command.upgrade(alembic_config(conn, migrations_dir), revision)
                    if sqlite:
                        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                        if broken:
                            raise StorageError(
                                "db.upgrade_broke_links", revision=revision, count=len(broken)
                            )
        finally:
            if sqlite:
                conn.invalidate()  # never hand a connection without foreign keys back
    return migration
