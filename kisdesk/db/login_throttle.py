"""Waiting after wrong passwords at an encrypted database's key file.

An encrypted database cannot count a wrong password itself: it is not open yet (its key
is what the password unwraps). So the failures per database and login are kept in this
computer's data folder, and the same rule as a sign-in applies (kisdesk.rules.passwords:
five free attempts, then 30 s doubling up to 15 minutes; reliability goal "Failed logins").
Whoever can edit the data folder can reset it, as he could copy the key file and guess
offline: the Argon2id cost of every guess is what protects it then (docs/storage.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from typing import Any

from kisdesk.db.files import atomic_write
from kisdesk.errors import PermissionDenied, StorageError
from kisdesk.paths import data_dir
from kisdesk.rules import passwords

STATE_FILE = "login-throttle.json"


def _load() -> dict[str, Any]:
    try:
        state = json.loads((data_dir() / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _save(state: dict[str, Any]) -> None:
    with contextlib.suppress(StorageError, OSError):  # never a reason to refuse a sign-in
        data_dir().mkdir(parents=True, exist_ok=True)
        atomic_write(data_dir() / STATE_FILE, json.dumps(state).encode("utf-8"))


def _entry(state: dict[str, Any], name: str) -> tuple[int, dt.datetime | None]:
    entry = state.get(name) or {}
    try:
        failures = int(entry.get("failures", 0))
        last = entry.get("last_failed_at")
        return failures, dt.datetime.fromisoformat(last) if last else None
    except (TypeError, ValueError, AttributeError):
        return 0, None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def check(database: str, login: str, now: dt.datetime | None = None) -> None:
    """Refuse an attempt made before the waiting time after earlier failures is over."""
    failures, last = _entry(_load(), f"{database}:{login}")
    wait = passwords.seconds_to_wait(failures, last, now or _now())
    if wait > 0:
        raise PermissionDenied("auth.wait", seconds=wait)


def failed(database: str, login: str, now: dt.datetime | None = None) -> None:
    """Count a wrong password; raise the waiting time once it applies."""
    state = _load()
    name = f"{database}:{login}"
    failures = _entry(state, name)[0] + 1
    when = now or _now()
    state[name] = {"failures": failures, "last_failed_at": when.isoformat()}
    _save(state)
    wait = passwords.delay_seconds(failures)
    if wait:
        raise PermissionDenied("auth.bad_credentials_wait", seconds=wait)


def succeeded(database: str, login: str) -> None:
    state = _load()
    if state.pop(f"{database}:{login}", None) is not None:
        _save(state)
