"""What every printed document shares: the office header, Polish dates, labels, snapshots.

The data of a document is a frozen dataclass of plain values (text, numbers, tuples), so it
can be stored as JSON in the register of issued documents and revived unchanged for a
reprint (docs/domain.md#participants "Documents issued"), and `render(data, path)` only draws it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from kisdesk.i18n import tr
from kisdesk.messages.core import month_name_genitive
from kisdesk.services import audit
from kisdesk.services.office import OfficeData, get_office

T = TypeVar("T")

# The consolidated text in force (obwieszczenie Marszałka Sejmu of 10.01.2025), as amended
# from 1 June 2025 by art. 390 of the URP.
ACT = tr("ustawy z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym (Dz.U. z 2025 r. poz. 83)")
# The act that replaced the repealed 2004 act o promocji zatrudnienia (in force 1.06.2025):
# every reference to labour-market law points here (docs/participant-path.md).
URP = tr(
    "ustawy z dnia 20 marca 2025 r. o rynku pracy i służbach zatrudnienia (Dz.U. z 2025 r. poz. 620)"
)
URP_SHORT = tr("ustawy o rynku pracy i służbach zatrudnienia")

# Kontrakt socjalny / IPZS (docs/domain.md#kontrakt-ipzs)
CONTRACT_STATE_LABELS = {
    "in_progress": tr("w realizacji"),
    "realised": tr("zrealizowany"),
    "not_realised": tr("niezrealizowany"),
    "terminated": tr("rozwiązany"),
}
GOAL_STATE_LABELS = {
    "in_progress": tr("w toku"),
    "achieved": tr("osiągnięty"),
    "not_achieved": tr("nieosiągnięty"),
}


def short_date(value: dt.date | str | None) -> str:
    """15.03.2027 – the form Polish offices use in tables and periods."""
    if value is None or value == "":
        return ""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d.%m.%Y")


def long_date(value: dt.date | str) -> str:
    """15 marca 2027 r. – the date under a letter or a certificate."""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {month_name_genitive(day.month)} {day.year} r."


def leader_role(kind: str) -> str:
    if kind == "kis":
        return tr("Kierownik Klubu Integracji Społecznej")
    return tr("Kierownik Centrum Integracji Społecznej")


AREA_LABELS = {
    "social": tr("Reintegracja społeczna"),
    "vocational": tr("Reintegracja zawodowa"),
}

END_REASON_LABELS = {
    "completed": tr("ukończenie programu (upływ zaplanowanego okresu)"),
    "employment": tr("podjęcie zatrudnienia"),
    "cooperative": tr("założenie lub przystąpienie do spółdzielni socjalnej"),
    "business": tr("podjęcie działalności gospodarczej"),
    "resigned": tr("rezygnacja uczestnika"),
    "removed": tr("skreślenie z listy uczestników (decyzja kierownika)"),
    "moved_to_cis": tr("przejście do centrum integracji społecznej"),
    "other": tr("inna przyczyna"),
}

EMPLOYMENT_BASIS_LABELS = {
    "employment": tr("umowa o pracę"),
    "civil_contract": tr("umowa cywilnoprawna"),
    "volunteer": tr("wolontariat"),
    "other": tr("inna"),
    "unknown": tr("(nie podano)"),
}

MARK_LABELS = {
    "present": tr("obecny"),
    "excused": tr("nieobecność usprawiedliwiona"),
    "absent": tr("nieobecność nieusprawiedliwiona"),
    "partial": tr("obecność częściowa"),
}


@dataclass(frozen=True, slots=True)
class Header:
    """The office's letterhead: operating body, office, address and contacts."""

    operator_name: str
    office_name: str
    address: str
    contact: str
    city: str


def _address(street: str, postal_code: str, city: str) -> str:
    town = " ".join(part for part in (postal_code, city) if part)
    return ", ".join(part for part in (street, town) if part)


def _contact(phone: str, email: str) -> str:
    parts = []
    if phone:
        parts.append(tr("tel. {phone}").format(phone=phone))
    if email:
        parts.append(tr("e-mail: {email}").format(email=email))
    return ", ".join(parts)


def header_of(office: OfficeData) -> Header:
    operator = office.operator.name
    return Header(
        operator_name="" if operator.strip().lower() == office.name.strip().lower() else operator,
        office_name=office.name,
        address=_address(office.street, office.postal_code, office.city),
        contact=_contact(office.phone, office.email),
        city=office.city or office.operator.city,
    )


def office_header(session: Session) -> tuple[OfficeData, Header]:
    office = get_office(session)
    return office, header_of(office)


def operator_address(office: OfficeData) -> str:
    op = office.operator
    return _address(op.street, op.postal_code, op.city)


def office_address(office: OfficeData) -> str:
    return _address(office.street, office.postal_code, office.city)


def audit_print(
    session: Session,
    kind: str,
    *,
    document_id: int | None = None,
    participant_id: int | None = None,
    **details: Any,
) -> None:
    """Every document printed goes to the audit log: its kind and counts, never its content
    (kisdesk.services.audit: "print (kind, records)")."""
    audit.record(
        session,
        "print",
        record_type="issued_document" if document_id is not None else None,
        record_id=document_id,
        participant_id=participant_id,
        kind=kind,
        **details,
    )


def to_dict(data: Any) -> dict[str, Any]:
    """A document's data as JSON-ready values (for the register's snapshot)."""
    return dataclasses.asdict(data)


def revive(cls: type[T], value: Any) -> T:
    """Rebuild a document dataclass from its JSON snapshot (nested dataclasses, tuples)."""
    return typing.cast(T, _revive(cls, value))


def _revive(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        fields = {f.name for f in dataclasses.fields(tp)}
        return tp(**{k: _revive(hints[k], v) for k, v in value.items() if k in fields})
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _revive(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_revive(args[0], v) for v in value)
        return tuple(_revive(a, v) for a, v in zip(args, value, strict=True))
    if origin is list:
        return [_revive(args[0], v) for v in value]
    return value
