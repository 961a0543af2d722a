"""Engine creation and the connection settings that make SQLite durable.

SQLite: WAL with synchronous=FULL (a commit survives a power cut; with NORMAL a committed
row can vanish, see sqlite.org/pragma.html#pragma_synchronous), foreign keys on, a busy
timeout, secure_delete (deleted personal data is overwritten, RODO art. 17; docs/architecture.md#connection). The settings are read back after connecting: a pragma that did not take is an error.

SQLite errors a user can act on (a full disk, a damaged file, a file that cannot be written)
become StorageError with a code, so the GUI and the CLI say so in Polish. A database opened
through kisdesk.db.open gets a write guard: the first writing transaction takes the
one-writer lock (kisdesk.db.lock), so a second copy of the program can read but never write.
"""

from __future__ import annotations

import sqlite3
import sys
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

_SQLITE_IOERR_WRITE = 10 | (3 << 8)  # a write refused by the OS: EFBIG or EIO


def _no_room() -> bool:
    """SQLite reports a write past a file-size limit (ulimit -f, FAT32's 4 GiB) as an I/O
    error; the user needs to hear "no room", as for a full disk (SQLITE_FULL)."""
    try:
        import resource
    except ImportError:  # Windows
        return False
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    return soft != resource.RLIM_INFINITY


_FAILED = "kisdesk_failed_transaction"
_FATAL_TO_TRANSACTION = frozenset({"disk.full", "db.io_error", "db.corrupt", "db.read_only"})


def _again(error: StorageError) -> StorageError:
    return StorageError(error.code, **error.params)


WriteGuard = Callable[[], None]
_write_guards: weakref.WeakKeyDictionary[Engine, WriteGuard] = weakref.WeakKeyDictionary()


def set_write_guard(engine: Engine, guard: WriteGuard | None) -> None:
    """Call `guard()` before every writing transaction of `engine` (it may raise to refuse)."""
    if guard is None:
        _write_guards.pop(engine, None)
    else:
        _write_guards[engine] = guard


def _sqlcipher() -> object | None:
    """The SQLCipher driver module once an encrypted database was opened (issue 6), else None.
    It is a separate build of the sqlite3 module: its exception classes are not sqlite3's, yet
    carry the same result codes. Looked up, never imported: no SQLCipher error can exist
    before, and importing it at start-up would cost time for offices that do not use it."""
    return sys.modules.get("sqlcipher3.dbapi2")


def database_errors() -> tuple[type[Exception], ...]:
    """What `except sqlite3.DatabaseError` must catch when the file may be encrypted."""
    cipher = _sqlcipher()
    errors: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
    return errors if cipher is None else (*errors, cipher.DatabaseError)  # type: ignore[attr-defined]


def is_driver_error(exc: BaseException) -> bool:
    """An error of sqlite3 or of SQLCipher's copy of it (any DB-API Error class)."""
    cipher = _sqlcipher()
    return isinstance(exc, sqlite3.Error) or (
        cipher is not None and isinstance(exc, cipher.Error)  # type: ignore[attr-defined]
    )


def storage_error_for(exc: BaseException) -> StorageError | None:
    """The StorageError for an sqlite3 (or SQLCipher) error the user can act on, or None.

    SQLCipher reports a wrong key and a damaged page as SQLITE_NOTADB or SQLITE_CORRUPT (an
    HMAC per page fails), so both read as a damaged file, as with plain SQLite."""
    if not is_driver_error(exc):
        return None
    if "Could not decode to UTF-8" in str(exc):  # a flipped bit inside a stored text
        return StorageError("db.corrupt", reason=str(exc))
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    kind = _SQLITE_ERRORS.get(code & 0xFF)
    if kind is None:
        return None
    if code == _SQLITE_IOERR_WRITE and _no_room():
        kind = "disk.full"
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
        conn = context.connection
        error = storage_error_for(context.original_exception)
        if error is None:
            failed = conn.info.get(_FAILED) if conn is not None else None
            if failed is not None:  # e.g. "no such savepoint": SQLite rolled back itself
                raise _again(failed) from context.original_exception
            return
        if conn is not None and error.code in _FATAL_TO_TRANSACTION:
            conn.info[_FAILED] = error
        raise error from context.original_exception

    # After a full disk or an I/O error SQLite may have rolled the whole transaction back on
    # its own (sqlite.org/lang_transaction.html, "Response To Errors Within A Transaction"):
    # later statements would then run outside any transaction and be committed one by one.
    # Code that catches an error per row (an import) must not go on writing: every statement
    # but a rollback repeats the error, and the transaction can no longer commit.
    @event.listens_for(engine, "before_cursor_execute")
    def _refuse_after_failure(conn: Any, *_args: Any) -> None:
        failed = conn.info.get(_FAILED)
        statement = str(_args[1]) if len(_args) > 1 else ""
        if failed is not None and not statement.lstrip().upper().startswith("ROLLBACK"):
            raise _again(failed)

    @event.listens_for(engine, "commit")
    def _no_commit_after_failure(conn: Any) -> None:
        failed = conn.info.get(_FAILED)
        if failed is not None:
            raise _again(failed)

    @event.listens_for(engine, "rollback")
    def _forget_failure(conn: Any) -> None:
        conn.info.pop(_FAILED, None)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url` with kisdesk's connection settings.

    SQL parameters never appear in an error or a log line: they hold PESELs and names
    (docs/misuse-cases.md, "Logs")."""
    kwargs.setdefault("hide_parameters", True)
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
