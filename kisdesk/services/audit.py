"""The audit log: append-only and hash-chained (issue 6; docs/threat-model.md §3.3).

Every row stores `hash = sha256(prev_hash + canonical JSON of the row)`; `verify()` walks the
chain and names the first row that was edited, removed or inserted out of order. Rows carry
ids, field names and counts, never personal values or passwords (OWASP logging cheat sheet).

- `record(session, event, …)` writes a change in the caller's transaction, so a change and
  its entry are committed together. Reading events (views, prints, exports, sign-ins) are
  written right after the unit of work ends, in a short write transaction of their own, so
  they are kept although a read-only unit is rolled back.
- `record_after(session, event, …)` is written after the unit of work ends whatever its
  outcome (a failed sign-in is logged although the sign-in raises).
- Changes made through the ORM are logged automatically (kisdesk.services.audit_changes):
  entity, id and which fields changed.

Call sites for other areas: print (`kind`, `records`), export (`kind`, `records`),
backup / restore (`file`), view_sensitive (`record_type`, `record_id`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, text
from sqlalchemy.orm import Session, SessionTransaction

from kisdesk.access import ACTOR_KEY, Actor, Permission, actor_of
from kisdesk.db.database import KisdeskSession
from kisdesk.db.engine import READ_ONLY_OPTION
from kisdesk.errors import PermissionDenied
from kisdesk.models import AuditEntry
from kisdesk.models.audit import GENESIS_HASH
from kisdesk.models.base import utcnow
from kisdesk.services import audit_trust
from kisdesk.services.audit_trust import TrustFinding

log = logging.getLogger(__name__)

EVENTS = frozenset(
    {
        "login",
        "login_failed",
        "logout",
        "lock",
        "view_sensitive",
        "print",
        "export",
        "change",
        "settings_change",
        "role_change",
        "backup",
        "restore",
        "anonymise",
        "encryption",
        "access_denied",
        "demo_data",  # a demo office written in bulk beside the services (kisdesk.demo)
        "migrate",
        "month_close",
        "month_reopen",
        "sensitive_key",  # the art. 9 data key made, sealed, removed, rotated (§3.4)
    }
)
# Events about reading, not changing: written right after the unit of work ends, whatever its
# outcome, so they are kept also where a read-only unit is rolled back (on every backend).
AFTER_EVENTS = frozenset(
    {
        "login",
        "login_failed",
        "logout",
        "lock",
        "view_sensitive",
        "print",
        "export",
        "backup",
        "access_denied",
    }
)
READ_ONLY_INFO = "kisdesk_read_only"  # session.info flag a read-only unit of work may carry
_AFTER_KEY = "kisdesk_after_transaction"
_MAX_TEXT = 200


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: dt.datetime  # UTC
    user_id: int | None
    user_name: str
    event: str
    record_type: str | None
    record_id: int | None
    participant_id: int | None
    details: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AuditCheck:
    """The result of walking the chain: `ok`, or the first broken row and why."""

    ok: bool
    checked: int
    broken_id: int | None = None
    problem: str | None = None  # hash | link | order
    head_hash: str = GENESIS_HASH
    # what the file says that the chain does not: accounts, triggers, the newest backup's
    # head (kisdesk.services.audit_trust); empty when they agree
    findings: tuple[TrustFinding, ...] = ()

    @property
    def trusted(self) -> bool:
        return self.ok and not self.findings


# -- writing ----------------------------------------------------------------------------------
def _clean(value: Any) -> Any:
    """JSON-safe and log-safe: CR/LF neutralised (CWE-117), long text cut."""
    if isinstance(value, str):
        return value.replace("\r", " ").replace("\n", " ")[:_MAX_TEXT]
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [_clean(v) for v in items]
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return _clean(str(value))


def canonical(details: dict[str, Any]) -> str:
    return json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def row_hash(prev_hash: str, values: dict[str, Any]) -> str:
    """sha256(prev_hash + canonical JSON of the row's stored values)."""
    at = values["at"]
    body = {
        "id": values["id"],
        "at": at.isoformat(sep=" ", timespec="microseconds") if at is not None else None,
        "user_id": values["user_id"],
        "user_name": values["user_name"],
        "event": values["event"],
        "record_type": values["record_type"],
        "record_id": values["record_id"],
        "participant_id": values["participant_id"],
        "details": values["details"],
    }
    return hashlib.sha256((prev_hash + canonical(body)).encode("utf-8")).hexdigest()


def entry_values(
    actor: Actor,
    event_name: str,
    *,
    record_type: str | None = None,
    record_id: int | None = None,
    participant_id: int | None = None,
    at: dt.datetime | None = None,
    **details: Any,
) -> dict[str, Any]:
    """The columns of one entry (without id and hashes, given when it joins the chain)."""
    if event_name not in EVENTS:
        raise ValueError(f"unknown audit event {event_name!r}")
    return {
        "at": at or utcnow(),
        "user_id": actor.user_id,
        "user_name": _clean(actor.name),
        "event": event_name,
        "record_type": record_type,
        "record_id": record_id,
        "participant_id": participant_id,
        "details": canonical(_clean(details)),
    }


# PostgreSQL advisory lock held by the transaction that appends to the chain ("kisdaud").
CHAIN_LOCK_KEY = 0x6B69736461756400


def serialise_append(conn: Connection) -> None:
    """Wait until no other transaction is appending to the chain, then hold the turn until
    this one ends. Every save appends an entry after the chain's last one, so two unrelated
    saves at the same moment on PostgreSQL would both link to the same last entry and one
    would be refused as a conflict (prev_hash is unique); in turn, each reads the head the
    other committed (READ COMMITTED: a statement sees what was committed before it began).
    SQLite needs nothing: a writing transaction there begins with BEGIN IMMEDIATE, which
    already lets one writer at a time (kisdesk.db.engine)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})


def append(conn: Connection, entries: list[dict[str, Any]]) -> None:
    """Add entries at the head of the chain (the caller holds the write transaction)."""
    if not entries:
        return
    serialise_append(conn)
    table: Any = AuditEntry.__table__
    head = conn.execute(
        select(table.c.id, table.c.hash).order_by(table.c.id.desc()).limit(1)
    ).first()
    last_id, prev = (head[0], head[1]) if head is not None else (0, GENESIS_HASH)
    rows = []
    for values in entries:
        last_id += 1
        row = {**values, "id": last_id, "prev_hash": prev}
        row["hash"] = prev = row_hash(row["prev_hash"], row)
        rows.append(row)
    conn.execute(insert(table), rows)


def is_read_only(session: Session) -> bool:
    if session.info.get(READ_ONLY_INFO):
        return True
    bind = session.get_bind()
    return bool(bind.get_execution_options().get(READ_ONLY_OPTION, False))


def record(
    session: Session,
    event_name: str,
    *,
    record_type: str | None = None,
    record_id: int | None = None,
    participant_id: int | None = None,
    **details: Any,
) -> None:
    """Log an event for the session's actor (in its transaction, or right after a read)."""
    values = entry_values(
        actor_of(session),
        event_name,
        record_type=record_type,
        record_id=record_id,
        participant_id=participant_id,
        **details,
    )
    if event_name in AFTER_EVENTS or is_read_only(session):
        after_transaction(session, lambda s: append(s.connection(), [values]))
    else:
        append(session.connection(), [values])


def record_after(
    session: Session,
    event_name: str,
    *,
    actor: Actor | None = None,
    record_type: str | None = None,
    record_id: int | None = None,
    participant_id: int | None = None,
    **details: Any,
) -> None:
    """Log an event after the unit of work ends, whether it commits or rolls back."""
    values = entry_values(
        actor or actor_of(session),
        event_name,
        record_type=record_type,
        record_id=record_id,
        participant_id=participant_id,
        **details,
    )
    after_transaction(session, lambda s: append(s.connection(), [values]))


# -- work that must outlive the caller's transaction -------------------------------------------
def after_transaction(session: Session, fn: Callable[[Session], None]) -> None:
    """Run `fn(session)` in its own write transaction once this unit of work has ended."""
    session.connection()  # make sure a transaction exists, so its end is noticed
    session.info.setdefault(_AFTER_KEY, []).append(fn)


def _writable(bind: Engine | Connection) -> Engine:
    engine = bind.engine if isinstance(bind, Connection) else bind
    return engine.execution_options(**{READ_ONLY_OPTION: False})


def run_after_transaction(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None or not session.info.get(_AFTER_KEY):
        return
    work = session.info.pop(_AFTER_KEY)
    actor = session.info.get(ACTOR_KEY)
    try:
        with KisdeskSession(_writable(session.get_bind())) as own:
            own.info[ACTOR_KEY] = actor
            with own.begin():
                for fn in work:
                    fn(own)
    except Exception:  # the view already happened; never hide it behind a crash
        log.exception("could not write the audit entries kept for after the transaction")


# -- permissions ---------------------------------------------------------------------------
def require(session: Session, permission: Permission, code: str = "access.denied") -> None:
    """Refuse the call unless the current actor's role allows `permission` (`code`: the
    message, where the generic one would not say what was refused). Every refusal is
    logged (OWASP logging cheat sheet), after the unit of work ends."""
    actor = actor_of(session)
    if not actor.can(permission):
        record_after(session, "access_denied", permission=permission.value)
        raise PermissionDenied(code, permission=permission.value, role=actor.role.value)


# -- reading and checking ------------------------------------------------------------------
def _rows(session: Session, query: Any) -> Iterator[AuditEntry]:
    yield from session.scalars(query.execution_options(yield_per=500))


def verify(session: Session) -> AuditCheck:
    """Walk the whole chain; the first row whose link or hash does not match is reported,
    and whatever in the file disagrees with the chain (kisdesk.services.audit_trust)."""
    require(session, Permission.VIEW_AUDIT)
    found = tuple(audit_trust.findings(session, database_file(session)))
    check = _walk(session)
    return AuditCheck(
        check.ok, check.checked, check.broken_id, check.problem, check.head_hash, found
    )


def database_file(session: Session) -> Path | None:
    """The SQLite file behind the session (its backups anchor the chain), or None."""
    url = session.get_bind().engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))


def _walk(session: Session) -> AuditCheck:
    prev, expected_id, checked = GENESIS_HASH, 1, 0
    for entry in _rows(session, select(AuditEntry).order_by(AuditEntry.id)):
        values = {c.name: getattr(entry, c.name) for c in AuditEntry.__table__.columns}
        if entry.id != expected_id:
            return AuditCheck(False, checked, entry.id, "order", prev)
        if entry.prev_hash != prev:
            return AuditCheck(False, checked, entry.id, "link", prev)
        if row_hash(entry.prev_hash, values) != entry.hash:
            return AuditCheck(False, checked, entry.id, "hash", prev)
        prev, expected_id, checked = entry.hash, entry.id + 1, checked + 1
    return AuditCheck(True, checked, head_hash=prev)


def _row(entry: AuditEntry) -> AuditRow:
    try:
        details = json.loads(entry.details)
    except ValueError:
        details = {"raw": entry.details}
    return AuditRow(
        entry.id,
        entry.at,
        entry.user_id,
        entry.user_name,
        entry.event,
        entry.record_type,
        entry.record_id,
        entry.participant_id,
        details if isinstance(details, dict) else {"raw": details},
    )


def list_entries(
    session: Session,
    *,
    event_name: str | None = None,
    user_name: str | None = None,
    participant_id: int | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = 500,
    before_id: int | None = None,
) -> list[AuditRow]:
    """The newest entries first (the leader's audit page and `kisdesk audit list`)."""
    require(session, Permission.VIEW_AUDIT)
    return _entries(session, event_name, user_name, participant_id, since, until, limit, before_id)


def entries_about(session: Session, participant_id: int) -> list[AuditRow]:
    """Every entry concerning one participant, oldest first (the art. 15 data pack)."""
    require(session, Permission.MANAGE_RODO)
    query = (
        select(AuditEntry)
        .where(AuditEntry.participant_id == participant_id)
        .order_by(AuditEntry.id)
    )
    return [_row(e) for e in _rows(session, query)]


def _entries(
    session: Session,
    event_name: str | None,
    user_name: str | None,
    participant_id: int | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    limit: int,
    before_id: int | None,
) -> list[AuditRow]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if event_name:
        query = query.where(AuditEntry.event == event_name)
    if user_name:
        query = query.where(AuditEntry.user_name == user_name)
    if participant_id is not None:
        query = query.where(AuditEntry.participant_id == participant_id)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at < until)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    return [_row(e) for e in session.scalars(query)]


def head(session: Session) -> tuple[int, str]:
    """The newest row's id and hash: printed on reports and kept with backups, so cutting
    rows off the end of the log is noticed too."""
    row = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))
