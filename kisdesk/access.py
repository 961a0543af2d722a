"""Who is acting, and what each role may do (docs/domain.md#office).

Every service call checks the current actor through `require()`, not only the GUI. A
database without user accounts acts as the office's leader (single-user installation).
The actor travels with the unit of work in `Session.info`, so service signatures stay
`fn(session, …)`.

The matrix (issue 6; docs/threat-model.md §3, role table):
- kierownik: everything, including users, settings, the audit log, RODO tools, restore.
- kadra: participants, journal, attendance; counselling notes only of the sessions they lead
  (their user account is linked to a Staff member); health categories (RODO art. 9) unless
  the leader withdrew that from the account (`Actor.sensitive`, on by default).
- administracja: the registers read-only, documents, exports, backups; PESEL shown; never
  health categories or counselling notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

ACTOR_KEY = "kisdesk_actor"


class Role(StrEnum):
    LEADER = "kierownik"  # lider / kierownik: everything, users, settings, certificates
    STAFF = "kadra"  # kadra merytoryczna: participants, journal, attendance, own notes
    ADMIN = "administracja"  # administracja: registers, documents, exports; no health data


class Permission(StrEnum):
    READ = "read"  # the ordinary register: names, groups, activities, attendance, hours
    EDIT_PARTICIPANTS = "edit_participants"
    EDIT_JOURNAL = "edit_journal"  # activities and attendance
    VIEW_SENSITIVE = "view_sensitive"  # art. 1 health categories (RODO art. 9)
    VIEW_NOTES = "view_notes"  # counselling notes of the sessions the actor leads
    VIEW_ALL_NOTES = "view_all_notes"  # everyone's counselling notes
    VIEW_PESEL = "view_pesel"
    ISSUE_DOCUMENTS = "issue_documents"
    OVERRIDE_CERTIFICATE = "override_certificate"
    EXPORT = "export"
    MANAGE_SETTINGS = "manage_settings"
    MANAGE_OFFICE = "manage_office"
    MANAGE_USERS = "manage_users"
    BACKUP = "backup"
    RESTORE = "restore"  # replaces every record: the leader only (docs/threat-model.md §3)
    VIEW_AUDIT = "view_audit"
    MANAGE_RODO = "manage_rodo"  # restriction, data pack, retention, anonymisation
    MANAGE_ENCRYPTION = "manage_encryption"
    # `migrate-to` copies every table (health categories, notes, password hashes) out of the
    # office's protection: the leader's decision only (issue 12, docs/threat-model.md)
    MIGRATE = "migrate"
    # Decisions of the head of a CIS: qualification after the trial month (art. 15 ust. 2)
    # and ending an IPZS (art. 13 ust. 4-4b, appealable to the administrative court): the
    # leader's alone, never the administrative worker who prints documents.
    HEAD_DECISIONS = "head_decisions"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.LEADER: frozenset(Permission),
    Role.STAFF: frozenset(
        {
            Permission.READ,
            Permission.EDIT_PARTICIPANTS,
            Permission.EDIT_JOURNAL,
            Permission.VIEW_SENSITIVE,
            Permission.VIEW_NOTES,
            Permission.VIEW_PESEL,
        }
    ),
    Role.ADMIN: frozenset(
        {
            Permission.READ,
            Permission.VIEW_PESEL,
            Permission.ISSUE_DOCUMENTS,
            Permission.EXPORT,
            Permission.BACKUP,
        }
    ),
}


@dataclass(frozen=True, slots=True)
class Actor:
    """The person on whose behalf a unit of work runs."""

    name: str
    role: Role
    user_id: int | None = None
    staff_id: int | None = None  # the Staff member this user is (own counselling notes)
    sensitive: bool = True  # kadra: the leader may withdraw health categories per user
    # The sensitive-data key unwrapped at sign-in with the password, for entitled accounts
    # only (docs/threat-model.md §3.4); never shown, compared or logged.
    data_key: bytes | None = field(default=None, repr=False, compare=False)
    # A recovery key made at this sign-in (the office's first key): shown once, to be printed.
    recovery_key: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def system(cls) -> Actor:
        """The single user of an installation without accounts: acts as the leader."""
        return cls(name="", role=Role.LEADER, user_id=None)

    def can(self, permission: Permission) -> bool:
        if permission is Permission.VIEW_SENSITIVE and self.role is Role.STAFF:
            return self.sensitive and permission in ROLE_PERMISSIONS[self.role]
        return permission in ROLE_PERMISSIONS[self.role]

    def can_read_note(self, staff_ids: Iterable[int]) -> bool:
        """May this actor read the counselling note of a session led by `staff_ids`?"""
        if self.can(Permission.VIEW_ALL_NOTES):
            return True
        return (
            self.can(Permission.VIEW_NOTES)
            and self.staff_id is not None
            and self.staff_id in set(staff_ids)
        )


def actor_of(session: Any) -> Actor:
    """The actor attached to a session (the leader when none was attached)."""
    actor = session.info.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else Actor.system()
