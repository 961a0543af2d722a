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

import ast
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect, text

from kisdesk.db.engine import READ_ONLY_OPTION
from kisdesk.errors import StorageError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(
    connection: Connection | None = None, migrations_dir: Path | None = None
) -> Config:
    from alembic.config import Config

    cfg = Config()
    # Alembic keeps options in a ConfigParser, whose interpolation reads "%" as the start of
    # a reference: a program unpacked to "…\kisdesk 100%\" could create or upgrade no
    # database (ValueError: invalid interpolation syntax). "%%" is ConfigParser's "%".
    location = str(migrations_dir or MIGRATIONS_DIR).replace("%", "%%")
    cfg.set_main_option("script_location", location)
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def script_directory(migrations_dir: Path | None = None) -> ScriptDirectory:
    # Read once per process: the revision files do not change while the program runs.
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(migrations_dir=migrations_dir))


@cache
def _chain(migrations_dir: Path | None = None) -> tuple[str, ...]:
    """Revision ids oldest first, read from the scripts' `revision` / `down_revision` lines.

    Every start asks "is this database at the newest revision?"; importing Alembic to answer
    took a quarter of a second, so Alembic is loaded only when a migration actually runs."""
    links: dict[Any, str] = {}
    for path in sorted(((migrations_dir or MIGRATIONS_DIR) / "versions").glob("*.py")):
        values: dict[str, Any] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                    values[target.id] = ast.literal_eval(node.value)
        if "revision" in values:
            links[values.get("down_revision")] = values["revision"]
    chain: list[str] = []
    current = links.get(None)
    while current is not None:
        chain.append(current)
        current = links.get(current)
    return tuple(chain)


def head_revision(migrations_dir: Path | None = None) -> str:
    chain = _chain(migrations_dir)
    assert chain, "no migration scripts found"
    return chain[-1]


def revisions(migrations_dir: Path | None = None) -> list[str]:
    """Every revision id, oldest first."""
    return list(_chain(migrations_dir))


def _read_only(engine: Engine) -> Engine:
    # Looking is not writing: no BEGIN IMMEDIATE, no write lock, no one-writer lock taken.
    return engine.execution_options(**{READ_ONLY_OPTION: True})


def current_revision(engine: Engine) -> str | None:
    """The database's revision (Alembic's alembic_version table), read with plain SQL."""
    with _read_only(engine).connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows: list[str] = list(
            conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        )
        return rows[0] if rows else None


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
        return migration  # the everyday start: no Alembic import (a quarter of a second)
    from alembic import command as alembic_command

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
                    alembic_command.upgrade(alembic_config(conn, migrations_dir), revision)
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
