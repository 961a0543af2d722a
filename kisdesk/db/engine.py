"""Engine creation and the connection settings that make SQLite durable.

SQLite: WAL with synchronous=FULL (a commit survives a power cut; with NORMAL a committed
row can vanish, see sqlite.org/pragma.html#pragma_synchronous), foreign keys on, a busy
timeout. The settings are read back after connecting: a pragma that did not take is an error.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from kisdesk.errors import StorageError

BUSY_TIMEOUT_MS = 5000

SQLITE_PRAGMAS: tuple[tuple[str, str, str], ...] = (
    # (pragma, value to set, value expected when read back)
    ("journal_mode", "WAL", "wal"),
    ("synchronous", "FULL", "2"),
    ("foreign_keys", "ON", "1"),
    ("busy_timeout", str(BUSY_TIMEOUT_MS), str(BUSY_TIMEOUT_MS)),
    ("trusted_schema", "OFF", "0"),
)

READ_ONLY_OPTION = "kisdesk_read_only"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _configure_sqlite(engine: Engine, memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin
        # (docs.sqlalchemy.org, "Serializable isolation / Savepoints / Transactional DDL").
        dbapi_conn.isolation_level = None
        # SQLite's lower() folds ASCII only: "Łęcka" would never match a search for "łęc".
        # PostgreSQL's lower() is Unicode-aware already; this makes SQLite agree with it.
        dbapi_conn.create_function("lower", 1, _unicode_lower, deterministic=True)
        cur = dbapi_conn.cursor()
        try:
            for name, value, expected in SQLITE_PRAGMAS:
                if memory and name == "journal_mode":
                    continue  # an in-memory database has no WAL
                cur.execute(f"PRAGMA {name}={value}")
                got = cur.execute(f"PRAGMA {name}").fetchone()
                if got is None or str(got[0]).lower() != expected:
                    raise StorageError("db.pragma_failed", pragma=name, value=got and got[0])
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the lock at BEGIN, so a transaction never fails half-way on a
        # read-to-write upgrade; read-only sessions do not block anybody.
        read_only = conn.get_execution_options().get(READ_ONLY_OPTION, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url` with kisdesk's connection settings."""
    if is_sqlite(url):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        if memory:
            kwargs.setdefault("poolclass", StaticPool)
            kwargs.setdefault("connect_args", {"check_same_thread": False})
        else:
            kwargs.setdefault("connect_args", {"timeout": BUSY_TIMEOUT_MS / 1000})
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine, memory)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)
