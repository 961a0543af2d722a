"""Direct DB-API connections to a database file, for the storage code that works below
SQLAlchemy (the start-up probe, the backup API, verification, restore).

A plain SQLite file is opened with the standard `sqlite3` module. An encrypted database
(SQLCipher, issue 6) is not readable that way: its owner registers an opener that claims
such a file and returns a keyed connection, so the probe does not mistake it for a damaged
file and the backup API reads it through the right library.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path, PurePath, PureWindowsPath
from typing import Any, Protocol
from urllib.parse import quote


class Opener(Protocol):
    def handles(self, path: Path) -> bool:
        """True when this file is one this opener must open (e.g. an encrypted database)."""
        ...

    def connect(self, path: Path, read_only: bool) -> Any:
        """A DB-API connection with sqlite3's interface (execute, backup, close)."""
        ...


_openers: list[Opener] = []


def register(opener: Opener) -> None:
    if opener not in _openers:
        _openers.append(opener)


def unregister(opener: Opener) -> None:
    if opener in _openers:
        _openers.remove(opener)


def opener_for(path: Path) -> Opener | None:
    return next((o for o in _openers if o.handles(path)), None)


def read_only_uri(path: PurePath) -> str:
    r"""SQLite's read-only URI for an absolute path (sqlite.org/uri.html).

    Not `Path.as_uri()`: for a UNC path (\\server\share\…, also what a mapped drive resolves
    to) it gives `file://server/share/…`, and SQLite refuses any authority but an empty one
    or "localhost" ("invalid uri authority"), so a healthy database on a share could not
    even be looked at. SQLite's form is `file:////server/share/…`. A long path's `\\?\`
    prefix (`\\?\C:\…`, `\\?\UNC\server\…`) belongs to Win32, not to the path: dropped."""
    text = str(path)
    if isinstance(path, PureWindowsPath):
        text = text.replace("\\", "/")
        if text[:8].upper() == "//?/UNC/":
            text = "//" + text[8:]
        elif text.startswith(("//?/", "//./")):
            text = text[4:]
        if not text.startswith("/"):
            text = "/" + text  # C:/Users/… -> /C:/Users/…
    return "file://" + quote(text, safe="/:") + "?mode=ro"


def connect(path: Path, *, read_only: bool = True, timeout: float = 5.0) -> Any:
    """A connection to `path`; read-only ones can never write it (nor checkpoint on close)."""
    opener = opener_for(path)
    if opener is not None:
        conn = opener.connect(path, read_only)
    elif read_only:
        conn = sqlite3.connect(read_only_uri(path.resolve()), uri=True, timeout=timeout)
    else:
        conn = sqlite3.connect(path, timeout=timeout)
    conn.isolation_level = None
    return conn
