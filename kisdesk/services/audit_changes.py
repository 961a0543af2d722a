"""Every change made through the ORM is logged: entity, id and which fields (never values).

One listener on every Session (`after_flush`) turns the flushed objects into audit entries in
the same transaction, so a change and its entry are committed, or rolled back, together. This
covers every service, including ones written later, without a call in each of them.

What is special:
- a participant's categories are logged as the participant's field "categories" (a category
  number is health data, RODO art. 9, so it never enters the log);
- settings are `settings_change` with the key; the value history lives in `setting_change`;
- a user's role, health-category grant or active flag is `role_change`; the password is the
  field "password"; sign-in bookkeeping (failure counter, last sign-in) is not a change, the
  `login` / `login_failed` events cover it. Every entry about an account also carries the
  account's resulting state (kisdesk.services.audit_trust.account_state: role, grant, a
  fingerprint of the password hash), so `audit verify` and `check` notice an account
  changed by editing the file (issue 12).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from kisdesk.access import actor_of
from kisdesk.models import (
    AuditEntry,
    Participant,
    ParticipantCategory,
    Setting,
    SettingChange,
    User,
)
from kisdesk.services import audit
from kisdesk.services.audit_trust import account_state

IGNORED_FIELDS = frozenset({"version", "created_at", "updated_at"})
USER_BOOKKEEPING = frozenset({"failed_logins", "last_failed_at", "last_login_at"})
USER_ROLE_FIELDS = frozenset({"role", "view_sensitive", "active", "staff_id"})
SKIPPED_TYPES: tuple[type, ...] = (AuditEntry, SettingChange)
CHANGED_KEY = "kisdesk_changed_tables"


def changed_tables(session: Session) -> frozenset[str]:
    """The tables whose rows this session's flushes created, changed or deleted."""
    return frozenset(session.info.get(CHANGED_KEY, ()))


def _changed_fields(obj: Any) -> set[str]:
    state = inspect(obj)
    fields = set()
    for attr in state.attrs:
        if attr.key in IGNORED_FIELDS:
            continue
        if attr.history.has_changes():
            fields.add(attr.key)
    return fields


def _identity(obj: Any) -> tuple[Any, ...]:
    identity = inspect(obj).identity
    if identity is None:
        mapper = inspect(obj).mapper
        identity = tuple(getattr(obj, c.key) for c in mapper.primary_key)
    return tuple(identity)


def _subject(obj: Any) -> int | None:
    """Which participant the record concerns (the art. 15 data pack lists these entries)."""
    if isinstance(obj, Participant):
        return obj.id
    value = getattr(obj, "participant_id", None)
    return value if isinstance(value, int) else None


def log_flushed_changes(session: Session, _context: Any) -> None:
    # (entity, id-tuple, action) -> (fields, participant id, event)
    found: dict[tuple[str, tuple[Any, ...], str], tuple[set[str], int | None, str]] = {}

    def add(
        key: tuple[str, tuple[Any, ...], str], fields: set[str], subject: int | None, kind: str
    ) -> None:
        known = found.get(key)
        if known is None:
            found[key] = (set(fields), subject, kind)
        else:
            known[0].update(fields)

    new_participants = {p.id for p in session.new if isinstance(p, Participant)}
    accounts: dict[tuple[str, tuple[Any, ...], str], dict[str, Any]] = {}
    for action, objects in (
        ("created", session.new),
        ("updated", session.dirty),
        ("deleted", session.deleted),
    ):
        for obj in objects:
            if isinstance(obj, SKIPPED_TYPES):
                continue
            if isinstance(obj, ParticipantCategory):
                pid = obj.participant_id
                act = "created" if pid in new_participants else "updated"
                add(("participant", (pid,), act), {"categories"}, pid, "change")
                continue
            fields = _changed_fields(obj) if action != "deleted" else set()
            if action == "updated" and not fields:
                continue
            entity = inspect(obj).mapper.local_table.name
            kind = "change"
            if isinstance(obj, Setting):
                kind = "settings_change"
            elif isinstance(obj, User):
                if "password_hash" in fields:
                    fields = (fields - {"password_hash"}) | {"password"}
                fields -= USER_BOOKKEEPING
                if action == "updated" and not fields:
                    continue
                if fields & USER_ROLE_FIELDS and action == "updated":
                    kind = "role_change"
                if action != "deleted":
                    accounts[(entity, _identity(obj), action)] = account_state(obj)
            add((entity, _identity(obj), action), fields, _subject(obj), kind)
    if not found:
        return
    # What the unit of work changed, by table: the GUI's op runner tells the pages
    # (kisdesk/ui/ops.py), as Anki's backend reports OpChanges from what was written.
    session.info.setdefault(CHANGED_KEY, set()).update(entity for entity, _, _ in found)
    actor = actor_of(session)
    entries = []
    for (entity, identity, action), (fields, subject, kind) in found.items():
        record_id = identity[0] if len(identity) == 1 and isinstance(identity[0], int) else None
        details: dict[str, Any] = {"action": action, "fields": sorted(fields)}
        if record_id is None:
            details["key"] = list(identity)
        state = accounts.get((entity, identity, action))
        if state is not None:
            details["account"] = state
        entries.append(
            audit.entry_values(
                actor,
                kind,
                record_type=entity,
                record_id=record_id,
                participant_id=subject,
                **details,
            )
        )
    audit.append(session.connection(), entries)
