"""Staff (kadra): who leads the classes; counted in the annual report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ConflictError, NotFoundError, ValidationError
from kisdesk.models import Staff
from kisdesk.services.common import check_choice, clean, get_or_raise, require

# "unknown": a leader named on a class from the command line (`activity add --staff`) before
# the staff page was filled in; the annual report says "(nie podano)" rather than a contract
# nobody stated (art. 18a ust. 6)
EMPLOYMENT_BASES = frozenset({"employment", "civil_contract", "volunteer", "other", "unknown"})


@dataclass(frozen=True, slots=True)
class StaffData:
    first_name: str
    last_name: str
    role: str = ""
    employment_basis: str = "employment"
    working_time: str = ""
    active_from: dt.date | None = None
    active_to: dt.date | None = None


@dataclass(frozen=True, slots=True)
class StaffRow:
    id: int
    first_name: str
    last_name: str
    role: str
    employment_basis: str
    working_time: str
    active_from: dt.date | None
    active_to: dt.date | None
    version: int

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _check(data: StaffData) -> None:
    if not clean(data.last_name):
        raise ValidationError("staff.name_required")
    check_choice(data.employment_basis, EMPLOYMENT_BASES, "staff.bad_basis")
    if data.active_from and data.active_to and data.active_to < data.active_from:
        raise ValidationError("staff.end_before_start")


def _apply(staff: Staff, data: StaffData) -> None:
    staff.first_name, staff.last_name = clean(data.first_name), clean(data.last_name)
    staff.role, staff.working_time = clean(data.role), clean(data.working_time)
    staff.employment_basis = data.employment_basis
    staff.active_from, staff.active_to = data.active_from, data.active_to


def add_staff(session: Session, data: StaffData) -> int:
    require(session, Permission.MANAGE_OFFICE)
    _check(data)
    staff = Staff()
    _apply(staff, data)
    session.add(staff)
    session.flush()
    return staff.id


def update_staff(
    session: Session, staff_id: int, data: StaffData, expected_version: int | None = None
) -> None:
    require(session, Permission.MANAGE_OFFICE)
    staff = get_or_raise(session, Staff, staff_id, "staff.not_found")
    if expected_version is not None and expected_version != staff.version:
        raise ConflictError("record.changed_meanwhile")
    _check(data)
    _apply(staff, data)
    session.flush()


def _row(s: Staff) -> StaffRow:
    return StaffRow(
        s.id,
        s.first_name,
        s.last_name,
        s.role,
        s.employment_basis,
        s.working_time,
        s.active_from,
        s.active_to,
        s.version,
    )


def list_staff(session: Session, active_on: dt.date | None = None) -> list[StaffRow]:
    require(session, Permission.READ)
    query = select(Staff).order_by(Staff.last_name, Staff.first_name)
    if active_on is not None:
        query = query.where(
            or_(Staff.active_from.is_(None), Staff.active_from <= active_on),
            or_(Staff.active_to.is_(None), Staff.active_to >= active_on),
        )
    return [_row(s) for s in session.scalars(query)]


def staff_id_by_name(session: Session, name: str, create: bool = False) -> int:
    """Find a staff member by "First Last" (case-insensitive); optionally create them."""
    require(session, Permission.READ)
    name = clean(name)
    full = func.lower(Staff.first_name + " " + Staff.last_name)
    found = session.scalar(select(Staff.id).where(full == name.lower()))
    if found is not None:
        return found
    if not create:
        raise NotFoundError("staff.unknown", name=name)
    first, _, last = name.rpartition(" ")
    return add_staff(
        session, StaffData(first_name=first, last_name=last, employment_basis="unknown")
    )
