"""Why the target of `migrate-to` could not be opened, without echoing the driver's text.

A driver's error names the host, the user and often the whole connection string, password
included (psycopg's connection error carries it), so the user is told only which of a few
things failed and the detail goes to the log with the password masked (docs/misuse-cases.md,
"Moving to another database"). psycopg 3 gives a failed connection no SQLSTATE, so when it has
none the kind is found by what can still be reached: the server's port, then the server's
own `postgres` database with the same login.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
import sqlite3

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

log = logging.getLogger(__name__)

UNREACHABLE = "transfer.target_unreachable"  # no server answers at that address
LOGIN = "transfer.target_login_failed"  # the server refused the user or the password
MISSING = "transfer.target_database_missing"  # the server has no such database
FILE = "transfer.target_file"  # a SQLite file that cannot be created or opened
OTHER = "transfer.target_failed"

_SQLSTATE = {"28P01": LOGIN, "28000": LOGIN, "3D000": MISSING}
PROBE_SECONDS = 5


def masked(detail: str, url: URL) -> str:
    """The driver's text with the password (as given and any `password=…`) replaced."""
    if url.password:
        detail = detail.replace(str(url.password), "***")
    return re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", detail, flags=re.IGNORECASE)


def _driver_error(exc: BaseException) -> BaseException:
    return getattr(exc, "orig", None) or exc


def _port_answers(url: URL) -> bool:
    host = url.host or "localhost"
    if host.startswith("/"):  # a Unix socket folder: only connecting tells
        return True
    try:
        with socket.create_connection((host, url.port or 5432), timeout=PROBE_SECONDS):
            return True
    except OSError:
        return False


def _login_works(url: URL) -> bool:
    """Does the same login open the server's maintenance database?"""
    probe = create_engine(
        url.set(database="postgres"),
        hide_parameters=True,
        connect_args={"connect_timeout": PROBE_SECONDS},
    )
    try:
        with probe.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:  # refused for any reason: not a proof the database is missing
        return False
    finally:
        probe.dispose()


def classify(exc: BaseException, target_url: str) -> str:
    """The message code for a target that could not be opened; the detail is logged."""
    url = make_url(target_url)
    error = _driver_error(exc)
    log.warning(
        "migrate-to: the target could not be opened (%s): %s",
        type(error).__name__,
        masked(str(error), url),
    )
    if isinstance(error, sqlite3.Error) or url.get_backend_name() == "sqlite":
        return FILE
    state = getattr(error, "sqlstate", None)
    if state in _SQLSTATE:
        return _SQLSTATE[state]
    if url.get_backend_name() != "postgresql":
        return OTHER
    if not _port_answers(url):
        return UNREACHABLE
    with contextlib.suppress(Exception):
        if url.database != "postgres" and _login_works(url):
            return MISSING
    return LOGIN
