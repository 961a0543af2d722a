"""Authorisations to process personal data (upoważnienia) with the confidentiality
undertaking: art. 8b ust. 4 (CIS) and art. 18f (KIS). Only a person holding a written
authorisation of the administrator, who signed the undertaking, may process the data.

The register keeps one row per authorisation (person, number, date given, scope, date of the
undertaking, date withdrawn); every active account and every staff member on duty should hold
a valid one, and those who do not are listed as a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ConflictError, NotFoundError, ValidationError
from kisdesk.i18n import tr
from kisdesk.models import Authorisation, Staff, User
from kisdesk.services.common import clean, get_or_raise, require
from kisdesk.services.documents_common import Header, audit_print, leader_role, office_header

DEFAULT_SCOPE = tr(
    "przetwarzanie danych osobowych uczestników i kandydatów (w tym danych o stanie zdrowia "
    "w zakresie kategorii z art. 1 ust. 2 ustawy) w zakresie niezbędnym do wykonywania "
    "obowiązków służbowych: ewidencja uczestników, dziennik zajęć, obecności, dokumenty"
)


@dataclass(frozen=True, slots=True)
class AuthorisationRow:
    id: int
    number: str
    person_name: str
    staff_id: int | None
    user_id: int | None
    given_on: dt.date
    scope: str
    undertaking_on: dt.date | None
    withdrawn_on: dt.date | None
    valid: bool  # on the date asked about


@dataclass(frozen=True, slots=True)
class AuthorisationPrint:
    """What the printed authorisation with the undertaking shows (reports/pdf/authorisation)."""

    header: Header
    place: str
    office_kind: str  # kis | cis
    number: str
    person_name: str
    given_on: str  # ISO
    scope: str
    withdrawn_on: str  # ISO or ""
    signatory_name: str
    signatory_role: str


@dataclass(frozen=True, slots=True)
class MissingAuthorisation:
    kind: str  # user | staff
    id: int
    name: str


def is_valid(a: Authorisation, on: dt.date) -> bool:
    """Given by `on`, not withdrawn by then, and the undertaking signed (art. 8b ust. 4)."""
    return (
        a.given_on <= on
        and (a.withdrawn_on is None or a.withdrawn_on > on)
        and a.undertaking_on is not None
        and a.undertaking_on <= on
    )


def _row(a: Authorisation, on: dt.date) -> AuthorisationRow:
    return AuthorisationRow(
        a.id,
        a.number,
        a.person_name,
        a.staff_id,
        a.user_id,
        a.given_on,
        a.scope,
        a.undertaking_on,
        a.withdrawn_on,
        is_valid(a, on),
    )


def add_authorisation(
    session: Session,
    given_on: dt.date,
    *,
    user_login: str | None = None,
    staff_id: int | None = None,
    person_name: str = "",
    scope: str = "",
    undertaking_on: dt.date | None = None,
) -> AuthorisationRow:
    """Register an authorisation (numbered UPO n/year) for an account, a staff member or a
    named person; the undertaking date may follow later."""
    require(session, Permission.MANAGE_USERS)
    user = None
    if user_login:
        user = session.scalar(select(User).where(User.login == user_login.strip().lower()))
        if user is None:
            raise NotFoundError("authorisation.user_not_found", login=user_login)
    staff = get_or_raise(session, Staff, staff_id, "staff.not_found") if staff_id else None
    name = clean(person_name) or (
        (user.full_name or user.login) if user else (staff.full_name if staff else "")
    )
    if not name:
        raise ValidationError("authorisation.person_required")
    if undertaking_on is not None and undertaking_on < given_on - dt.timedelta(days=365):
        raise ValidationError("authorisation.undertaking_long_before")
    seq = int(
        session.scalar(
            select(func.count(Authorisation.id)).where(
                func.extract("year", Authorisation.given_on) == given_on.year
            )
        )
        or 0
    )
    row = Authorisation(
        person_name=name,
        number=f"{seq + 1}/{given_on.year}",
        given_on=given_on,
        scope=clean(scope) or DEFAULT_SCOPE,
        undertaking_on=undertaking_on,
        user_id=user.id if user else None,
        staff_id=staff.id if staff else (user.staff_id if user else None),
    )
    session.add(row)
    session.flush()
    return _row(row, given_on)


def withdraw(session: Session, authorisation_id: int, on: dt.date) -> AuthorisationRow:
    require(session, Permission.MANAGE_USERS)
    a = get_or_raise(session, Authorisation, authorisation_id, "authorisation.not_found")
    if a.withdrawn_on is not None:
        raise ConflictError("authorisation.already_withdrawn", on=a.withdrawn_on.isoformat())
    if on < a.given_on:
        raise ValidationError(
            "authorisation.withdrawn_before_given",
            on=on.isoformat(),
            given_on=a.given_on.isoformat(),
        )
    a.withdrawn_on = on
    session.flush()
    return _row(a, on)


def record_undertaking(session: Session, authorisation_id: int, on: dt.date) -> AuthorisationRow:
    """The confidentiality undertaking signed after the authorisation was given: from `on`
    the authorisation allows processing (art. 8b ust. 4)."""
    require(session, Permission.MANAGE_USERS)
    a = get_or_raise(session, Authorisation, authorisation_id, "authorisation.not_found")
    if a.withdrawn_on is not None:
        raise ConflictError("authorisation.already_withdrawn", on=a.withdrawn_on.isoformat())
    if on < a.given_on - dt.timedelta(days=365):
        raise ValidationError("authorisation.undertaking_long_before")
    a.undertaking_on = on
    session.flush()
    return _row(a, max(on, a.given_on))


def authorisation_print(session: Session, authorisation_id: int) -> AuthorisationPrint:
    """The authorisation as printed, with the print logged (kisdesk.services.audit)."""
    require(session, Permission.READ)
    row = get_authorisation(session, authorisation_id)
    office, header = office_header(session)
    audit_print(session, "authorisation", number=row.number)
    return AuthorisationPrint(
        header=header,
        place=header.city,
        office_kind=office.kind,
        number=row.number,
        person_name=row.person_name,
        given_on=row.given_on.isoformat(),
        scope=row.scope,
        withdrawn_on=row.withdrawn_on.isoformat() if row.withdrawn_on else "",
        signatory_name=office.head_name,
        signatory_role=leader_role(office.kind),
    )


def list_authorisations(session: Session, on: dt.date) -> list[AuthorisationRow]:
    require(session, Permission.READ)
    query = select(Authorisation).order_by(Authorisation.given_on, Authorisation.id)
    return [_row(a, on) for a in session.scalars(query)]


def get_authorisation(session: Session, authorisation_id: int) -> AuthorisationRow:
    require(session, Permission.READ)
    a = get_or_raise(session, Authorisation, authorisation_id, "authorisation.not_found")
    return _row(a, a.given_on)


def missing(session: Session, on: dt.date) -> list[MissingAuthorisation]:
    """Active accounts and staff on duty without a valid authorisation on `on`."""
    require(session, Permission.READ)
    valid = [a for a in session.scalars(select(Authorisation)) if is_valid(a, on)]
    users_ok = {a.user_id for a in valid if a.user_id is not None}
    staff_ok = {a.staff_id for a in valid if a.staff_id is not None}
    out = [
        MissingAuthorisation("user", u.id, u.full_name or u.login)
        for u in session.scalars(select(User).where(User.active.is_(True)).order_by(User.login))
        if u.id not in users_ok and (u.staff_id is None or u.staff_id not in staff_ok)
    ]
    staff = session.scalars(
        select(Staff)
        .where(
            or_(Staff.active_from.is_(None), Staff.active_from <= on),
            or_(Staff.active_to.is_(None), Staff.active_to >= on),
        )
        .order_by(Staff.last_name, Staff.first_name)
    )
    out += [MissingAuthorisation("staff", s.id, s.full_name) for s in staff if s.id not in staff_ok]
    return out
