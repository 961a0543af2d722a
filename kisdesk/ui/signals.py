"""The one change signal: every page listens and refreshes what it shows.

Names of what changed (a frozenset of these strings travels with the signal):
office, settings, participants, participations, groups, staff, activities, attendance,
documents, users. Pages refresh when a name they show is in the set. The op runner
(kisdesk/ui/ops.py) names them from the tables the unit of work wrote (`from_tables`), never
from a list each caller keeps by hand.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

OFFICE = "office"
SETTINGS = "settings"
PARTICIPANTS = "participants"
PARTICIPATIONS = "participations"
GROUPS = "groups"
STAFF = "staff"
ACTIVITIES = "activities"
ATTENDANCE = "attendance"
DOCUMENTS = "documents"
USERS = "users"
EVERYTHING = frozenset(
    {
        OFFICE,
        SETTINGS,
        PARTICIPANTS,
        PARTICIPATIONS,
        GROUPS,
        STAFF,
        ACTIVITIES,
        ATTENDANCE,
        DOCUMENTS,
        USERS,
    }
)

# Table (as the audit listener reports it: kisdesk.services.audit_changes) -> what changed.
TABLES = {
    "office": OFFICE,
    "operator": OFFICE,
    "setting": SETTINGS,
    "participant": PARTICIPANTS,
    "participant_category": PARTICIPANTS,
    "participation": PARTICIPATIONS,
    "group": GROUPS,
    "staff": STAFF,
    "activity": ACTIVITIES,
    "activity_form": ACTIVITIES,
    "attendance": ATTENDANCE,
    "issued_document": DOCUMENTS,
    "user_account": USERS,
}


def from_tables(tables: frozenset[str]) -> frozenset[str]:
    """The names pages listen for, from the tables a unit of work wrote."""
    return frozenset(TABLES[t] for t in tables if t in TABLES)


class AppSignals(QObject):
    data_changed = Signal(frozenset)
