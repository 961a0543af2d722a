"""The one change signal: every page listens and refreshes what it shows.

Names of what changed (a frozenset of these strings travels with the signal):
office, settings, participants, participations, groups, staff, activities, attendance,
documents, users, benefits. Pages refresh when a name they show is in the set.
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
BENEFITS = "benefits"  # absences, premia, rates, closed months (CIS money)
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
        BENEFITS,
    }
)


class AppSignals(QObject):
    data_changed = Signal(frozenset)
