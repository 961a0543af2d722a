"""Does the file still agree with its audit chain? (issue 12; docs/threat-model.md)

The chain (kisdesk.services.audit) proves that its own rows were not edited. These checks
extend that proof to what someone holding the file could change around it:

- accounts: every change of an account writes the account's resulting state into the chain
  (`account_state`: login, role, active, health-category grant, staff link and a fingerprint
  of the password hash). The accounts table is compared with the newest state the chain
  holds for each account: a role raised, a grant given, an account added or deleted, or a
  password hash swapped by editing the file is reported;
- the append-only triggers of the log must exist (dropping them is the first step of
  cutting rows off);
- the chain against the newest backup of the file: the backup's header recorded the head
  of the log (id and hash) when it was made; a log that no longer reaches that row, or holds
  a different row there, was cut or rewritten. A restore made after that backup explains a
  shorter log (the restore is itself in the chain).

`accounts_existed()` tells the sign-in code that a file without accounts once had them, so
deleting every account does not open the office to anyone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kisdesk.models import AuditEntry, User

ACCOUNT_FIELDS = ("login", "role", "active", "view_sensitive", "staff_id", "password")
SQLITE_TRIGGERS = ("audit_entry_no_update", "audit_entry_no_delete")
POSTGRES_TRIGGERS = ("audit_entry_append_only",)


@dataclass(frozen=True, slots=True)
class TrustFinding:
    code: str  # a message code (kisdesk.messages.security)
    params: dict[str, Any] = field(default_factory=dict)


def password_fingerprint(phc: str) -> str:
    """Which password hash an account has, without the hash (it stays out of the log)."""
    return hashlib.sha256(b"kisdesk account password v1" + phc.encode()).hexdigest()[:16]


def account_state(user: User | Any) -> dict[str, Any]:
    """What the chain keeps about an account after each change of it (a User, or a row of
    user_account with the same names)."""
    return {
        "login": user.login,
        "role": user.role,
        "active": bool(user.active),
        "view_sensitive": bool(user.view_sensitive),
        "staff_id": user.staff_id,
        "password": password_fingerprint(user.password_hash),
    }


def _details(raw: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _logged_accounts(session: Session, user_id: int | None = None) -> dict[int, dict[str, Any]]:
    """Each account's newest state in the chain (account id -> state)."""
    query = (
        select(AuditEntry.record_id, AuditEntry.details)
        .where(AuditEntry.record_type == "user_account", AuditEntry.record_id.is_not(None))
        .order_by(AuditEntry.id)
    )
    if user_id is not None:
        query = query.where(AuditEntry.record_id == user_id)
    states: dict[int, dict[str, Any]] = {}
    for record_id, raw in session.execute(query):
        if record_id is None:
            continue
        details = _details(raw)
        state = details.get("account")
        if isinstance(state, dict):
            states[record_id] = state
        elif details.get("action") == "deleted":
            states.pop(record_id, None)
    return states


def accounts_existed(session: Session) -> bool:
    """Does the chain say this office had accounts (made, or signed in with)?"""
    made = select(AuditEntry.id).where(AuditEntry.record_type == "user_account").limit(1)
    signed = (
        select(AuditEntry.id)
        .where(AuditEntry.event == "login", AuditEntry.user_id.is_not(None))
        .limit(1)
    )
    return session.scalar(made) is not None or session.scalar(signed) is not None


def sign_in_problem(session: Session, user: User) -> str | None:
    """Why this account must not sign in although its password is right: its row differs
    from the state the chain holds (a role or grant raised, a password hash copied in by
    editing the file), or the chain never saw it made. None: they agree."""
    expected = _logged_accounts(session, user.id).get(user.id)
    if expected is None:
        return "audit.account_not_in_log"
    actual = account_state(user)
    if any(expected.get(f) != actual[f] for f in ACCOUNT_FIELDS):
        return "audit.account_outside_log"
    return None


def account_findings(session: Session) -> list[TrustFinding]:
    logged = _logged_accounts(session)
    findings: list[TrustFinding] = []
    for user in session.scalars(select(User).order_by(User.id)):
        expected = logged.pop(user.id, None)
        if expected is None:
            findings.append(TrustFinding("audit.account_not_in_log", {"login": user.login}))
            continue
        actual = account_state(user)
        changed = [f for f in ACCOUNT_FIELDS if expected.get(f) != actual[f]]
        if changed:
            findings.append(
                TrustFinding(
                    "audit.account_outside_log",
                    {"login": user.login, "fields": ", ".join(changed)},
                )
            )
    for state in logged.values():
        findings.append(TrustFinding("audit.account_deleted", {"login": state.get("login", "")}))
    return findings


def trigger_findings(session: Session) -> list[TrustFinding]:
    dialect = session.get_bind().dialect.name
    wanted: tuple[str, ...]
    if dialect == "sqlite":
        query = text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        wanted = SQLITE_TRIGGERS
    elif dialect == "postgresql":
        # a disabled trigger (ALTER TABLE … DISABLE TRIGGER) guards nothing either
        query = text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'")
        wanted = POSTGRES_TRIGGERS
    else:
        return []
    present = {str(row[0]) for row in session.execute(query)}
    missing = [name for name in wanted if name not in present]
    if not missing:
        return []
    return [TrustFinding("audit.triggers_missing", {"names": ", ".join(missing)})]


def backup_findings(
    session: Session, backup_head: tuple[int, str] | None, backup_at: dt.datetime | None
) -> list[TrustFinding]:
    """The chain against the head recorded in the newest backup (made at `backup_at`, UTC)."""
    if backup_head is None or backup_at is None or backup_head[0] <= 0:
        return []
    head_id, head_hash = backup_head
    when = backup_at.astimezone().strftime("%d.%m.%Y %H:%M")
    restored = session.scalar(
        select(AuditEntry.id)
        .where(
            AuditEntry.event == "restore",
            AuditEntry.at >= backup_at.astimezone(dt.UTC).replace(tzinfo=None),
        )
        .limit(1)
    )
    if restored is not None:
        return []  # the office was put back to an older backup since: logged, not a cut
    found = session.scalar(select(AuditEntry.hash).where(AuditEntry.id == head_id))
    if found is None:
        last = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
        return [
            TrustFinding(
                "audit.shorter_than_backup",
                {"id": int(last or 0), "backup_id": head_id, "when": when},
            )
        ]
    if found != head_hash:
        return [TrustFinding("audit.differs_from_backup", {"backup_id": head_id, "when": when})]
    return []


def newest_backup_head(db_path: Path | None) -> tuple[tuple[int, str] | None, dt.datetime | None]:
    """(audit head, made at) of the newest backup of this file; (None, None) when none."""
    if db_path is None:
        return None, None
    from kisdesk.db import backup as bk
    from kisdesk.errors import KisdeskError

    try:
        newest = bk.newest_backup(db_path)
    except (KisdeskError, OSError, ValueError, TypeError):
        return None, None
    if newest is None:
        return None, None
    return newest.audit_head, newest.created_at


def findings(session: Session, db_path: Path | None) -> list[TrustFinding]:
    """Everything the file says that its chain does not (empty: they agree)."""
    head, at = newest_backup_head(db_path)
    return [
        *account_findings(session),
        *trigger_findings(session),
        *backup_findings(session, head, at),
    ]


def file_findings(db_path: Path) -> list[TrustFinding]:
    """`kisdesk check`: the same comparison on a file opened read-only, nobody signed in
    (it reports what disagrees, no personal data). Empty for a file that is not a kisdesk
    database yet or cannot be read: the check reports those itself."""
    from sqlalchemy import create_engine, inspect

    from kisdesk.db.backup_snapshot import connect_read_only
    from kisdesk.db.engine import database_errors

    engine = create_engine("sqlite://", creator=lambda: connect_read_only(db_path))
    try:
        with Session(engine) as session:
            tables = set(inspect(session.connection()).get_table_names())
            if not {"audit_entry", "user_account"} <= tables:
                return []
            return findings(session, db_path)
    except database_errors():
        return []
    finally:
        engine.dispose()
