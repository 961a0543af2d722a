"""Engine creation and the connection settings that make SQLite durable.

SQLite: WAL with synchronous=FULL (a commit survives a power cut; with NORMAL a committed
row can vanish, see sqlite.org/pragma.html#pragma_synchronous), foreign keys on, a busy
timeout, secure_delete (deleted personal data is overwritten, RODO art. 17; reliability.md
§3.5). The settings are read back after connecting: a pragma that did not take is an error.

SQLite errors a user can act on (a full disk, a damaged file, a file that cannot be written)
become StorageError with a code, so the GUI and the CLI say so in Polish. A database opened
through kisdesk.db.open gets a write guard: the first writing transaction takes the
one-writer lock (kisdesk.db.lock), so a second copy of the program can read but never write.
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
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
    ("secure_delete", "ON", "1"),
)

READ_ONLY_OPTION = "kisdesk_read_only"

# SQLite primary result codes (sqlite.org/rescode.html) -> what the user is told.
_SQLITE_ERRORS = {
    5: "db.busy",  # SQLITE_BUSY
    8: "db.read_only",  # SQLITE_READONLY
    10: "db.io_error",  # SQLITE_IOERR
    11: "db.corrupt",  # SQLITE_CORRUPT
    13: "disk.full",  # SQLITE_FULL
    14: "db.cannot_open_file",  # SQLITE_CANTOPEN
    26: "db.corrupt",  # SQLITE_NOTADB
}

WriteGuard = Callable[[], None]
_write_guards: weakref.WeakKeyDictionary[Engine, WriteGuard] = weakref.WeakKeyDictionary()


def set_write_guard(engine: Engine, guard: WriteGuard | None) -> None:
    """Call `guard()` before every writing transaction of `engine` (it may raise to refuse)."""
    if guard is None:
        _write_guards.pop(engine, None)
    else:
        _write_guards[engine] = guard


def storage_error_for(exc: BaseException) -> StorageError | None:
    """The StorageError for an sqlite3 error the user can act on, or None."""
    if not isinstance(exc, sqlite3.Error):
        return None
    if "Could not decode to UTF-8" in str(exc):  # a flipped bit inside a stored text
        return StorageError("db.corrupt", reason=str(exc))
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    kind = _SQLITE_ERRORS.get(code & 0xFF)
    if kind is None:
        return None
    if kind == "disk.full":
        return StorageError(kind, path="")
    return StorageError(kind, reason=str(exc))


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
        if not read_only:
            guard = _write_guards.get(engine)
            if guard is not None:
                guard()
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> None:
        error = storage_error_for(context.original_exception)
        if error is not None:
            raise error from context.original_exception


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
