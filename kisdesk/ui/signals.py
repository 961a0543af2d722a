"""The one change signal: every page listens and refreshes what it shows.

Names of what changed (a frozenset of these strings travels with the signal):
office, settings, participants, participations, groups, staff, activities, attendance,
documents, users, benefits. Pages refresh when a name they show is in the set. The op runner
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

# Table (as the audit listener reports it: kisdesk.services.audit_changes) -> what changed.
TABLES: dict[str, frozenset[str]] = {
    "office": frozenset({OFFICE}),
    "operator": frozenset({OFFICE}),
    "setting": frozenset({SETTINGS}),
    "participant": frozenset({PARTICIPANTS}),
    "participant_category": frozenset({PARTICIPANTS}),
    "participation": frozenset({PARTICIPATIONS}),
    "group": frozenset({GROUPS}),
    "staff": frozenset({STAFF}),
    "activity": frozenset({ACTIVITIES}),
    "activity_form": frozenset({ACTIVITIES}),
    "attendance": frozenset({ATTENDANCE}),
    "issued_document": frozenset({DOCUMENTS}),
    "user_account": frozenset({USERS}),
    "follow_up": frozenset({PARTICIPATIONS}),
    "cis_readiness": frozenset({PARTICIPATIONS}),
    # an absence changes what the attendance grid shows, and the benefit (CIS money)
    "absence": frozenset({ATTENDANCE, BENEFITS}),
    "benefit_rate": frozenset({BENEFITS}),
    "benefit_premium": frozenset({BENEFITS}),
    # the participant's path: the periods list and the dashboard show contracts and reviews
    "contract": frozenset({PARTICIPATIONS}),
    "contract_goal": frozenset({PARTICIPATIONS}),
    "contract_annex": frozenset({PARTICIPATIONS}),
    "review": frozenset({PARTICIPATIONS}),
    "review_progress": frozenset({PARTICIPATIONS}),
    # the register of authorisations is on the users page; the dashboard warns
    "authorisation": frozenset({USERS}),
    # a closed (or reopened) month is read-only on every page that shows it
    "month_closure": EVERYTHING,
}


def from_tables(tables: frozenset[str]) -> frozenset[str]:
    """The names pages listen for, from the tables a unit of work wrote."""
    return frozenset(name for t in tables for name in TABLES.get(t, ()))


class AppSignals(QObject):
    data_changed = Signal(frozenset)
