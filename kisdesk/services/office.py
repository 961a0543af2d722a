"""The office and its operating body: created once (first start / `kisdesk init`), then edited."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.pl import nip as nip_number
from stdnum.pl import regon as regon_number

from kisdesk.access import Permission
from kisdesk.errors import ConflictError, NotFoundError, ValidationError
from kisdesk.models import ActivityForm, Office, Operator
from kisdesk.services.common import check_choice, clean, require

OFFICE_KINDS = frozenset({"kis", "cis"})
LEGAL_FORMS = frozenset(
    {"gmina", "ops", "association", "foundation", "cooperative", "church", "other"}
)

# KIS defaults: art. 18 ust. 2 of the act and the KIS minimum standard (docs/domain.md#participants).
DEFAULT_FORMS: tuple[tuple[str, str], ...] = (
    ("warsztaty psychoedukacyjne", "social"),
    ("grupa wsparcia", "social"),
    ("poradnictwo psychologiczne", "social"),
    ("poradnictwo prawne", "social"),
    ("poradnictwo socjalne", "social"),
    ("doradztwo zawodowe", "vocational"),
    ("zajęcia integracyjne", "social"),
    ("warsztaty edukacji społecznej i zawodowej", "vocational"),
    ("kurs zawodowy", "vocational"),
    ("prace społecznie użyteczne", "vocational"),
    ("roboty publiczne", "vocational"),
    ("staż", "vocational"),
    ("działalność samopomocowa", "social"),
)


@dataclass(frozen=True, slots=True)
class OperatorData:
    """Podmiot prowadzący / instytucja tworząca."""

    name: str
    legal_form: str = "other"
    street: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    nip: str | None = None
    regon: str | None = None
    krs: str | None = None


@dataclass(frozen=True, slots=True)
class OfficeData:
    kind: str
    name: str
    operator: OperatorData
    street: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    created_on: dt.date | None = None
    activity_started_on: dt.date | None = None
    head_name: str = ""
    register_number: str = ""
    register_date: dt.date | None = None
    status_granted_on: dt.date | None = None
    status_expires_on: dt.date | None = None
    closed_on: dt.date | None = None
    version: int | None = field(default=None, compare=False)


def _check_number(value: str | None, module: object, code: str) -> str | None:
    if value is None or not value.strip():
        return None
    compact = module.compact(value)  # type: ignore[attr-defined]
    if not module.is_valid(compact):  # type: ignore[attr-defined]
        raise ValidationError(code, value=value)
    return str(compact)


def _check_krs(value: str | None) -> str | None:
    """KRS: 10 digits, leading zeros kept (python-stdnum has no KRS module; no checksum)."""
    if value is None or not value.strip():
        return None
    digits = "".join(value.split())
    if not digits.isdigit() or len(digits) > 10:
        raise ValidationError("office.bad_krs", value=value)
    return digits.zfill(10)


def _check_office(data: OfficeData) -> OfficeData:
    check_choice(data.kind, OFFICE_KINDS, "office.bad_kind")
    if not clean(data.name):
        raise ValidationError("office.name_required")
    op = data.operator
    if not clean(op.name):
        raise ValidationError("office.operator_name_required")
    check_choice(op.legal_form, LEGAL_FORMS, "office.bad_legal_form")
    checked_op = OperatorData(
        **{
            **asdict(op),
            "name": clean(op.name),
            "nip": _check_number(op.nip, nip_number, "office.bad_nip"),
            "regon": _check_number(op.regon, regon_number, "office.bad_regon"),
            "krs": _check_krs(op.krs),
        }
    )
    if data.created_on and data.activity_started_on and data.activity_started_on < data.created_on:
        raise ValidationError("office.started_before_created")
    return OfficeData(**{**asdict(data), "operator": checked_op, "name": clean(data.name)})


def has_office(session: Session) -> bool:
    return session.scalar(select(Office.id).limit(1)) is not None


def _load(session: Session) -> Office:
    office = session.scalar(select(Office).limit(1))
    if office is None:
        raise NotFoundError("office.missing")
    return office


def get_office(session: Session) -> OfficeData:
    require(session, Permission.READ)
    office = _load(session)
    op = office.operator
    return OfficeData(
        kind=office.kind,
        name=office.name,
        operator=OperatorData(
            name=op.name,
            legal_form=op.legal_form,
            street=op.street,
            postal_code=op.postal_code,
            city=op.city,
            phone=op.phone,
            fax=op.fax,
            email=op.email,
            nip=op.nip,
            regon=op.regon,
            krs=op.krs,
        ),
        street=office.street,
        postal_code=office.postal_code,
        city=office.city,
        phone=office.phone,
        email=office.email,
        created_on=office.created_on,
        activity_started_on=office.activity_started_on,
        head_name=office.head_name,
        register_number=office.register_number,
        register_date=office.register_date,
        status_granted_on=office.status_granted_on,
        status_expires_on=office.status_expires_on,
        closed_on=office.closed_on,
        version=office.version,
    )


def first_year(session: Session) -> int | None:
    """The first calendar year the office existed (its activity start, else its creation date):
    an annual report (art. 18a ust. 6) is due only for years from then on. None when unknown."""
    require(session, Permission.READ)
    row = session.execute(select(Office.activity_started_on, Office.created_on).limit(1)).first()
    if row is None:
        return None
    start = row[0] or row[1]
    return start.year if start is not None else None


def office_kind(session: Session) -> str:
    """ "kis" or "cis"; an office not yet created counts as a KIS."""
    kind = session.scalar(select(Office.kind).limit(1))
    return kind or "kis"


def _apply(office: Office, data: OfficeData) -> None:
    for name in (
        "kind",
        "name",
        "street",
        "postal_code",
        "city",
        "phone",
        "email",
        "created_on",
        "activity_started_on",
        "head_name",
        "register_number",
        "register_date",
        "status_granted_on",
        "status_expires_on",
        "closed_on",
    ):
        value = getattr(data, name)
        setattr(office, name, clean(value) if isinstance(value, str) else value)
    for name, value in asdict(data.operator).items():
        setattr(office.operator, name, clean(value) if isinstance(value, str) else value)


def create_office(session: Session, data: OfficeData) -> None:
    """Create the office (once per database) with the default dictionary of activity forms."""
    require(session, Permission.MANAGE_OFFICE)
    if has_office(session):
        raise ConflictError("office.exists")
    data = _check_office(data)
    office = Office(operator=Operator(name=data.operator.name))
    _apply(office, data)
    session.add(office)
    if session.scalar(select(ActivityForm.id).limit(1)) is None:
        session.add_all(ActivityForm(name=name, area=area) for name, area in DEFAULT_FORMS)
    session.flush()


def update_office(session: Session, data: OfficeData) -> None:
    require(session, Permission.MANAGE_OFFICE)
    office = _load(session)
    if data.version is not None and data.version != office.version:
        raise ConflictError("record.changed_meanwhile")
    _apply(office, _check_office(data))
    session.flush()
