"""RODO tools: the information clause, restriction of processing, pseudonyms (issue 6).

- Art. 13: the information clause printed for a participant, and the date it was handed over.
- Art. 18: a restricted participant's records are read-only (every service is refused by one
  guard at flush time, with the code `rodo.restricted`) and stay out of exports
  (`exportable_participants_filter()`).
- Pseudonymised statistics (docs/domain.md#rodo; EDPB Guidelines 01/2025): a keyed HMAC of
  the participant's id, never a hash of the PESEL (11 digits with a date are brute-forced).

The art. 15 data pack is in kisdesk.services.rodo_pack; retention and anonymisation (art. 17)
in kisdesk.services.rodo_erasure. The legal wording is marked [L] in docs/architecture.md#storage-safety: the
office's IOD confirms it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, inspect, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission, actor_of
from kisdesk.errors import PermissionDenied, ValidationError
from kisdesk.i18n import tr
from kisdesk.models import Office, Participant
from kisdesk.services.common import clean, get_or_raise, require
from kisdesk.services.office import office_kind
from kisdesk.services.settings import get_setting

OVERRIDE_KEY = "kisdesk_rodo_override"  # session.info: the RODO tools themselves may write


# -- art. 18: restriction of processing --------------------------------------------------------
def exportable_participants_filter() -> ColumnElement[bool]:
    """The WHERE clause every export adds: restricted participants stay out (art. 18)."""
    return Participant.restricted.is_(False)


def restricted_among(session: Session, ids: Iterable[int]) -> set[int]:
    """Those of `ids` whose processing is restricted (art. 18): no new marks are recorded for
    them, so neither are they counted against a minimum nor listed as falling behind."""
    wanted = set(ids)
    if not wanted:
        return set()
    query = select(Participant.id).where(
        Participant.id.in_(wanted), Participant.restricted.is_(True)
    )
    return set(session.scalars(query))


def is_restricted(session: Session, participant_id: int) -> bool:
    require(session, Permission.READ)
    return bool(
        session.scalar(select(Participant.restricted).where(Participant.id == participant_id))
    )


def restrict(session: Session, participant_id: int, reason: str, on: dt.date | None = None) -> None:
    """Mark a participant's data as restricted: read-only and out of exports (leader only)."""
    require(session, Permission.MANAGE_RODO)
    reason = clean(reason)
    if not reason:
        raise ValidationError("rodo.reason_required", field="reason")
    person = get_or_raise(session, Participant, participant_id, "participant.not_found")
    session.info[OVERRIDE_KEY] = True
    try:
        person.restricted, person.restricted_reason = True, reason
        person.restricted_on = on or dt.date.today()
        session.flush()
    finally:
        session.info.pop(OVERRIDE_KEY, None)


def lift_restriction(session: Session, participant_id: int) -> None:
    require(session, Permission.MANAGE_RODO)
    person = get_or_raise(session, Participant, participant_id, "participant.not_found")
    session.info[OVERRIDE_KEY] = True
    try:
        person.restricted, person.restricted_reason, person.restricted_on = False, "", None
        session.flush()
    finally:
        session.info.pop(OVERRIDE_KEY, None)


@dataclass(frozen=True, slots=True)
class Restriction:
    restricted: bool
    reason: str
    since: dt.date | None


def restriction_of(session: Session, participant_id: int) -> Restriction:
    """For the banner on the participant's form: why and since when (docs/domain.md#rodo)."""
    require(session, Permission.READ)
    person = get_or_raise(session, Participant, participant_id, "participant.not_found")
    return Restriction(person.restricted, person.restricted_reason, person.restricted_on)


def _participant_ids(obj: Any) -> int | None:
    if isinstance(obj, Participant):
        return obj.id
    value = getattr(obj, "participant_id", None)
    return value if isinstance(value, int) else None


def refuse_restricted(session: Session, _context: Any, _instances: Any) -> None:
    """No service may change a restricted participant's records (art. 18 ust. 2 RODO:
    apart from storage, such data is processed only in the cases listed there)."""
    if session.info.get(OVERRIDE_KEY):
        return
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Participant) and obj.id is not None:
            history = inspect(obj).attrs.restricted.history
            was = history.deleted[0] if history.deleted else obj.restricted
            if was:
                ids.add(obj.id)
            continue
        pid = _participant_ids(obj)
        if pid is not None:
            ids.add(pid)
    if not ids:
        return
    table = Participant.__table__
    row = (
        session.connection()
        .execute(
            select(table.c.first_name, table.c.last_name)
            .where(table.c.id.in_(ids), table.c.restricted.is_(True))
            .limit(1)
        )
        .first()
    )
    if row is not None:
        raise PermissionDenied("rodo.restricted", name=f"{row[0]} {row[1]}".strip())


# -- pseudonyms for statistics ---------------------------------------------------------------
def new_pseudonym_secret() -> bytes:
    """A fresh 256-bit key: codes agree within one export and cannot be linked across."""
    return secrets.token_bytes(32)


def pseudonym(participant_id: int, secret: bytes) -> str:
    """HMAC-SHA256(secret, id), 16 hex characters: the same person, the same code."""
    digest = hmac.new(secret, f"participant:{participant_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:16].upper()


# -- art. 13: the information clause ----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InformationClause:
    """What the clause printed for one participant says (reports.pdf_rodo draws it)."""

    participant_id: int
    person_name: str
    controller: str  # the operating body: podmiot prowadzący / instytucja tworząca
    controller_address: str
    controller_contact: str
    office_name: str
    office_address: str
    dpo_contact: str
    purposes: tuple[str, ...]
    legal_bases: tuple[str, ...]
    recipients: tuple[str, ...]
    retention: str
    rights: tuple[str, ...]
    complaint: str
    requirement: str
    automated: str
    given_on: dt.date | None


LEGAL_BASES = (
    tr(
        "art. 6 ust. 1 lit. c RODO – wypełnienie obowiązku prawnego, w związku z ustawą "
        "z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym (t.j. Dz.U. 2025 poz. 83)"
    ),
    tr("art. 6 ust. 1 lit. e RODO – zadanie realizowane w interesie publicznym"),
    tr(
        "art. 9 ust. 2 lit. b i g RODO – dane szczególnych kategorii (np. o zdrowiu, "
        "uzależnieniu, niepełnosprawności) w zakresie niezbędnym do reintegracji"
    ),
    tr("art. 10 RODO – dane o wyrokach skazujących, gdy przepis prawa tego wymaga"),
)
PURPOSES = (
    tr("prowadzenie reintegracji społecznej i zawodowej w klubie lub centrum"),
    tr("prowadzenie dokumentacji uczestnictwa, obecności i zajęć"),
    tr("wydawanie zaświadczeń oraz sprawozdawczość wymagana przepisami"),
)
RECIPIENTS = (
    tr("ośrodek pomocy społecznej lub powiatowy urząd pracy, który skierował uczestnika"),
    tr("wojewoda i inne organy uprawnione do kontroli"),
    tr("instytucje finansujące projekt – w zakresie wymaganym umową"),
    tr("dostawcy usług informatycznych działający na polecenie administratora (art. 28 RODO)"),
)
RIGHTS = (
    tr("dostępu do swoich danych i otrzymania ich kopii (art. 15 RODO)"),
    tr("sprostowania danych (art. 16 RODO)"),
    tr("usunięcia danych – w granicach art. 17 ust. 3 RODO (art. 17 RODO)"),
    tr("ograniczenia przetwarzania (art. 18 RODO)"),
    tr("sprzeciwu wobec przetwarzania opartego na art. 6 ust. 1 lit. e RODO (art. 21 RODO)"),
)


def _address(street: str, postal_code: str, city: str) -> str:
    return ", ".join(p for p in (street, f"{postal_code} {city}".strip()) if p)


def retention_text(years: int) -> str:
    if years <= 0:
        return tr(
            "Dane przechowujemy przez okres wynikający z przepisów o archiwizacji "
            "(jednolity rzeczowy wykaz akt placówki) oraz z umów o dofinansowanie."
        )
    return tr(
        "Dane przechowujemy przez {years} lat, licząc od 1 stycznia roku następującego "
        "po roku zakończenia udziału, a następnie usuwamy lub anonimizujemy."
    ).format(years=years)


CIS_RETENTION_YEARS = 10  # art. 8b ust. 5: 10 years from the end of the year services ended


def participant_years(session: Session) -> int:
    """How long a participant's data are kept: for a CIS the act's 10 years (art. 8b ust. 5),
    for a KIS the office's setting (its JRWA and grant agreements)."""
    if office_kind(session) == "cis":
        return CIS_RETENTION_YEARS
    return int(get_setting(session, "retention_participant_years"))


def information_clause(session: Session, participant_id: int) -> InformationClause:
    """The art. 13 clause for one participant (printed by whoever registers them)."""
    require(session, Permission.READ)
    person = get_or_raise(session, Participant, participant_id, "participant.not_found")
    office = session.scalar(select(Office).limit(1))
    if office is None:
        get_or_raise(session, Office, 0, "office.missing")
        raise AssertionError  # unreachable
    op = office.operator
    contact = ", ".join(p for p in (op.phone, op.email) if p)
    return InformationClause(
        participant_id=person.id,
        person_name=person.full_name,
        controller=op.name,
        controller_address=_address(op.street, op.postal_code, op.city),
        controller_contact=contact,
        office_name=office.name,
        office_address=_address(office.street, office.postal_code, office.city),
        dpo_contact=str(get_setting(session, "dpo_contact") or ""),
        purposes=PURPOSES,
        legal_bases=LEGAL_BASES,
        recipients=RECIPIENTS,
        retention=retention_text(participant_years(session)),
        rights=RIGHTS,
        complaint=tr(
            "Przysługuje Pani/Panu prawo wniesienia skargi do Prezesa Urzędu Ochrony Danych "
            "Osobowych (ul. Stawki 2, 00-193 Warszawa)."
        ),
        requirement=tr(
            "Podanie danych jest wymogiem ustawowym i warunkiem uczestnictwa; bez nich "
            "udział w zajęciach nie jest możliwy."
        ),
        automated=tr(
            "Dane nie służą do zautomatyzowanego podejmowania decyzji ani profilowania "
            "i nie są przekazywane poza Europejski Obszar Gospodarczy."
        ),
        given_on=person.rodo_clause_given_on,
    )


def record_clause_given(session: Session, participant_id: int, on: dt.date) -> None:
    """Note the day the clause was handed over (who did it is in the audit log)."""
    actor = actor_of(session)
    if not (actor.can(Permission.EDIT_PARTICIPANTS) or actor.can(Permission.ISSUE_DOCUMENTS)):
        require(session, Permission.EDIT_PARTICIPANTS)
    if on > dt.date.today():
        raise ValidationError("rodo.clause_in_future", date=on.isoformat())
    person = get_or_raise(session, Participant, participant_id, "participant.not_found")
    person.rodo_clause_given_on = on
    session.flush()
