"""Where kisdesk keeps its files: data, backups, logs, documents (platformdirs), and bundled
resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

APP_NAME = "kisdesk"
DB_FILENAME = "kisdesk.sqlite"
DB_ENV = "KISDESK_DB"
DATA_DIR_ENV = "KISDESK_DATA_DIR"


def data_dir() -> Path:
    """The user's data folder; KISDESK_DATA_DIR moves everything (development, tests)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_path(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def backup_dir() -> Path:
    return data_dir() / "backups"


def log_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override) / "logs"
    return Path(platformdirs.user_log_path(APP_NAME, appauthor=False))


def default_documents_dir() -> Path:
    """Where the office's documents are kept unless the leader chose another folder:
    Documents/kisdesk. platformdirs asks Windows for the Documents known folder
    (SHGetFolderPath), so a Documents redirected to OneDrive is followed, as Explorer does;
    KISDESK_DATA_DIR (development, tests) keeps them beside the data instead."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override) / "Dokumenty"
    return Path(platformdirs.user_documents_path()) / APP_NAME


def resource_path(*parts: str) -> Path:
    """A file under resources/, from the source tree or from a frozen (PyInstaller) build."""
    base = getattr(sys, "_MEIPASS", None)
    root = Path(base) if base else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)


def resolve_db_url(value: str | None) -> str:
    """`--db` / KISDESK_DB: a path to an SQLite file or any SQLAlchemy URL.

    Nothing given means the default SQLite file in the user's data folder.
    """
    value = value or os.environ.get(DB_ENV) or None
    if value is None:
        path = default_db_path()
    elif "://" in value:
        return value
    else:
        path = Path(value).expanduser()
    return sqlite_url(path.resolve())


def sqlite_url(path: Path | str) -> str:
    """The URL of an SQLite file, built by SQLAlchemy, never by string formatting: a `%41`,
    `?`, `#` or space in a name stays part of the file name, so the data, the lock, backups,
    restore and `check` all reach one file (docs/misuse-cases.md, "Files and paths")."""
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for another database or an in-memory one.
    Parsed as SQLAlchemy parses it, so this is the file the engine opens."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:":
        return None
    return Path(database)
