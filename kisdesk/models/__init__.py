"""SQLAlchemy ORM models only: no Qt, no I/O, no rules."""

from kisdesk.models.activity import Activity, ActivityForm, Attendance, activity_staff
from kisdesk.models.audit import AuditEntry
from kisdesk.models.base import Base
from kisdesk.models.benefit import BenefitPremium, BenefitRate, MonthClosure
from kisdesk.models.cis import Absence, CisReadiness
from kisdesk.models.contract import (
    Contract,
    ContractAnnex,
    ContractGoal,
    Review,
    ReviewProgress,
)
from kisdesk.models.document import IssuedDocument
from kisdesk.models.follow_up import FollowUp
from kisdesk.models.office import Office, Operator
from kisdesk.models.participant import Participant, ParticipantCategory
from kisdesk.models.participation import Group, Participation
from kisdesk.models.sealing import AccountKey, DataKeySeal
from kisdesk.models.setting import Setting, SettingChange
from kisdesk.models.staff import Authorisation, Staff
from kisdesk.models.user import User

__all__ = [
    "AccountKey",
    "Absence",
    "Activity",
    "ActivityForm",
    "Attendance",
    "AuditEntry",
    "Authorisation",
    "Base",
    "BenefitPremium",
    "BenefitRate",
    "CisReadiness",
    "Contract",
    "DataKeySeal",
    "ContractAnnex",
    "ContractGoal",
    "FollowUp",
    "Group",
    "IssuedDocument",
    "MonthClosure",
    "Office",
    "Operator",
    "Participant",
    "ParticipantCategory",
    "Participation",
    "Review",
    "ReviewProgress",
    "Setting",
    "SettingChange",
    "Staff",
    "User",
    "activity_staff",
]
