"""The register of issued documents (rejestr wydanych zaświadczeń), docs/domain.md#participants, docs/domain.md#documents.

Certificates share one numbered series per year ("1/2027", setting
`certificate_number_pattern`). The number is the next one of the year, computed inside the
write transaction: on SQLite the writer holds the lock from BEGIN IMMEDIATE, so two
writers cannot take the same number; on PostgreSQL two transactions can, and the unique
constraint (series, year, seq) refuses the second, which then retries with a new number in
a savepoint. A cancelled certificate keeps its number for ever.

Forms to the voivode are registered too, each kind in a series of its own (e.g.
"SPR 1/2027"), so the report as sent can be printed again; that number is internal and is
not printed, because letters to the voivode carry the office's own filing mark (znak
sprawy) from its paper register, which kisdesk does not keep.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kisdesk.access import Permission, actor_of
from kisdesk.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from kisdesk.i18n import tr
from kisdesk.models import IssuedDocument, Participant, Participation
from kisdesk.models.base import utcnow
from kisdesk.rules.graduate import CERTIFICATE, CONTRACT, MONTHS, GraduateStatus
from kisdesk.rules.text import template_fields_ok
from kisdesk.services.absences import health_visible
from kisdesk.services.common import clean, get_or_raise, require
from kisdesk.services.documents_common import (
    CONTRACT_STATE_LABELS,
    audit_print,
    revive,
    to_dict,
)
from kisdesk.services.documents_data import (
    CERTIFICATE_KINDS,
    ENDING,
    GRADUATE,
    CertificateData,
    certificate_data,
)
from kisdesk.services.documents_forms import FormData
from kisdesk.services.graduates import graduate_check
from kisdesk.services.office import office_kind
from kisdesk.services.settings import NUMBER_FIELDS, get_setting

log = logging.getLogger(__name__)

CERTIFICATE_SERIES = "certificate"
MAX_NUMBER_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class IssuedRow:
    id: int
    kind: str
    number: str
    year: int
    participant_id: int | None
    participation_id: int | None
    person_name: str  # as printed on the document
    issued_on: dt.date
    issued_by: str
    override_reason: str | None
    cancelled_at: dt.datetime | None
    cancel_reason: str | None
    data: Any = None  # the document's data, when just issued (to render it)
    pup_required: bool = False  # CIS: the certificate goes to the PUP too (art. 13 ust. 5a)
    sent_to_pup_on: dt.date | None = None
    pup_office: str = ""  # the labour office it was sent to, as recorded
    previous_pup_on: dt.date | None = None  # when recording again: the date it replaced


def data_class(kind: str) -> type:
    return CertificateData if kind in CERTIFICATE_KINDS else FormData


def _row(doc: IssuedDocument, data: Any = None) -> IssuedRow:
    snapshot = json.loads(doc.snapshot or "{}")
    return IssuedRow(
        id=doc.id,
        kind=doc.kind,
        number=doc.number,
        year=doc.year,
        participant_id=doc.participant_id,
        participation_id=doc.participation_id,
        person_name=str(snapshot.get("person_name", "")),
        issued_on=doc.issued_on,
        issued_by=doc.issued_by,
        override_reason=doc.override_reason,
        cancelled_at=doc.cancelled_at,
        cancel_reason=doc.cancel_reason,
        data=data,
        pup_required=doc.pup_required,
        sent_to_pup_on=doc.sent_to_pup_on,
        pup_office=doc.pup_office or "",
    )


def format_number(pattern: str, seq: int, year: int) -> str:
    if not template_fields_ok(pattern, NUMBER_FIELDS):  # e.g. {n.x} stored before the check
        raise ValidationError("document.bad_pattern", pattern=pattern)
    try:
        return pattern.format(n=seq, year=year)
    except (KeyError, IndexError, ValueError):
        raise ValidationError("document.bad_pattern", pattern=pattern) from None


def _next_seq(session: Session, series: str, year: int) -> int:
    last = session.scalar(
        select(func.max(IssuedDocument.seq)).where(
            IssuedDocument.series == series, IssuedDocument.year == year
        )
    )
    return int(last or 0) + 1


def _store(
    session: Session,
    kind: str,
    series: str,
    issued_on: dt.date,
    data: Any,
    numbering: Callable[[int, int], str],
    participant_id: int | None = None,
    participation_id: int | None = None,
    override_reason: str | None = None,
) -> tuple[IssuedDocument, Any]:
    """Insert the document with the next number of its series; retry if it was taken."""
    year = issued_on.year
    for _attempt in range(MAX_NUMBER_ATTEMPTS):
        seq = _next_seq(session, series, year)
        number = numbering(seq, year)
        numbered = dataclasses.replace(data, number=number)
        doc = IssuedDocument(
            kind=kind,
            series=series,
            year=year,
            seq=seq,
            number=number,
            participant_id=participant_id,
            participation_id=participation_id,
            issued_on=issued_on,
            issued_by=actor_of(session).name,
            snapshot=json.dumps(to_dict(numbered), ensure_ascii=False),
            override_reason=override_reason,
        )
        try:
            with session.begin_nested():
                session.add(doc)
                session.flush()
        except IntegrityError:
            # Another computer took this number meanwhile (PostgreSQL): take the next one.
            log.info("document number %s/%s taken meanwhile, retrying", series, seq)
            continue
        return doc, numbered
    raise ConflictError("document.number_busy")


def _existing(session: Session, participation_id: int, kind: str) -> IssuedDocument | None:
    return session.scalar(
        select(IssuedDocument)
        .where(
            IssuedDocument.participation_id == participation_id,
            IssuedDocument.kind == kind,
            IssuedDocument.cancelled_at.is_(None),
        )
        .limit(1)
    )


def latest_period_id(
    session: Session, participant_id: int, need: Permission = Permission.READ
) -> int:
    """The participant's latest participation period (the one a certificate is usually for)."""
    # `need`: what the calling command then does with it, checked before the lookup, so a
    # role without it is refused alike whether the record exists or not (no existence oracle)
    require(session, need)
    get_or_raise(session, Participant, participant_id, "participant.not_found")
    found = session.scalar(
        select(Participation.id)
        .where(Participation.participant_id == participant_id)
        .order_by(Participation.start_on.desc())
        .limit(1)
    )
    if found is None:
        raise NotFoundError("document.no_period", participant_id=participant_id)
    return int(found)


def issue_certificate(
    session: Session,
    participation_id: int,
    kind: str,
    issued_on: dt.date,
    override_reason: str | None = None,
    skills: str | None = None,
) -> IssuedRow:
    """Issue a numbered certificate for one participation period and register it."""
    require(session, Permission.ISSUE_DOCUMENTS)
    if kind not in CERTIFICATE_KINDS:
        raise ValidationError("document.bad_kind", value=kind)
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    if issued_on < period.start_on:
        raise ValidationError("document.before_start", start=period.start_on.isoformat())
    skills = (skills or "").strip()
    if office_kind(session) == "cis" and not skills:
        # Art. 13 ust. 5a: the CIS certificate confirms the skills acquired.
        raise ValidationError("document.skills_required")
    if kind == ENDING and (period.end_on is None or period.end_on > issued_on):
        raise ValidationError(
            "document.not_ended",
            start=period.start_on.isoformat(),
            end=period.end_on.isoformat() if period.end_on else None,
        )
    existing = _existing(session, participation_id, kind)
    if existing is not None:
        raise ConflictError(
            "document.already_issued",
            number=existing.number,
            issued_on=existing.issued_on.isoformat(),
        )
    override = None
    if kind == GRADUATE:
        row = graduate_check(session, participation_id, issued_on)
        check, status = row.result, row.status
        if not status.eligible:
            reason = clean(override_reason)
            if not reason:
                raise ValidationError(
                    "document.not_eligible",
                    start=check.start.isoformat(),
                    end=check.end.isoformat() if check.end else None,
                    completes_on=check.completes_on.isoformat(),
                    months=", ".join(check.months_below_minimum) if check.blocking else None,
                    graduate_months=get_setting(session, "graduate_months"),
                    missing=describe_missing(
                        status, check.completes_on, get_setting(session, "graduate_months")
                    ),
                    until=status.graduate_until.isoformat() if status.graduate_until else None,
                )
            require(session, Permission.OVERRIDE_CERTIFICATE)
            override = reason
            log.warning(
                "graduate certificate for participation %s issued by override: %s",
                participation_id,
                reason,
            )
    data = certificate_data(session, period, kind, "", issued_on, skills)
    if override is not None:
        data = dataclasses.replace(
            data,
            override_note=tr(
                "Zaświadczenie wydano decyzją kierownika mimo niespełnienia wszystkich warunków "
                "wymienionych niżej. Uzasadnienie: {reason}"
            ).format(reason=override),
        )
    pattern = get_setting(session, "certificate_number_pattern")
    doc, numbered = _store(
        session,
        kind,
        CERTIFICATE_SERIES,
        issued_on,
        data,
        lambda seq, year: format_number(pattern, seq, year),
        participant_id=period.participant_id,
        participation_id=period.id,
        override_reason=override,
    )
    if data.pup_note:
        # Reminded on the dashboard until the date sent is recorded (art. 13 ust. 5a).
        doc.pup_required = True
        session.flush()
    audit_print(
        session,
        kind,
        document_id=doc.id,
        participant_id=period.participant_id,
        number=doc.number,
        override=override is not None,
    )
    return _row(doc, numbered)


FORM_PREFIXES = {
    "register_form": "ZGŁ",
    "closing_notice": "ZAPRZ",
    "annual_report": "SPR",
    "cis_application": "WN",
    "cis_annual_report": "SPR-CIS",
    "benefit_list": "LW",  # lista wypłat świadczeń integracyjnych (art. 15)
    "refund_application": "REF",  # wniosek o refundację (art. 15 ust. 8)
    "monthly_programme": "PR",  # program zajęć (art. 14 ust. 1a)
    "meal_list": "POS",  # lista posiłków (art. 14 ust. 4)
}


def describe_missing(status: GraduateStatus, completes_on: dt.date, graduate_months: int) -> str:
    """The conditions of art. 2 pkt 1a–1b not met, in Polish, for the refusal."""
    kis = status.kind == "kis"
    texts = {
        MONTHS: tr("co najmniej {n} miesięcy uczestnictwa (okres kończy się {date})"),
        CERTIFICATE: tr(
            "ważne zaświadczenie o zakończeniu uczestnictwa (art. 18 ust. 5a) – wystaw je najpierw"
        )
        if kis
        else tr("zaświadczenie z art. 13 ust. 5a ustawy – wystaw je najpierw"),
        CONTRACT: tr("zrealizowany kontrakt socjalny (stan: {state})"),
    }
    state = CONTRACT_STATE_LABELS.get(status.contract_status or "", tr("brak kontraktu"))
    parts = [
        texts[m].format(n=graduate_months, date=completes_on.isoformat(), state=state)
        for m in status.missing
    ]
    if not status.missing and status.graduate_until is not None and not status.graduate:
        parts.append(
            tr("status absolwenta CIS wygasł {date}").format(date=status.graduate_until.isoformat())
        )
    if not status.missing and status.blocking:
        parts.append(tr("miesiące poniżej minimum godzin"))
    return "; ".join(parts)


def register_form(session: Session, data: FormData) -> IssuedRow:
    """Keep a form to the voivode in the register, as printed (its own internal series)."""
    require(session, Permission.ISSUE_DOCUMENTS)
    if data.kind not in FORM_PREFIXES:
        raise ValidationError("document.bad_kind", value=data.kind)
    prefix = FORM_PREFIXES[data.kind]
    doc, numbered = _store(
        session,
        data.kind,
        data.kind,
        dt.date.fromisoformat(data.issued_on),
        data,
        lambda seq, year: f"{prefix} {seq}/{year}",
    )
    audit_print(session, data.kind, document_id=doc.id, number=doc.number)
    return _row(doc, numbered)


def find_by_number(
    session: Session, number: str, year: int | None = None, need: Permission = Permission.READ
) -> int:
    """The id of the document with this number (a certificate first)."""
    # `need`: what the calling command then does with it, checked before the lookup, so a
    # role without it is refused alike whether the record exists or not (no existence oracle)
    require(session, need)
    query = select(IssuedDocument.id, IssuedDocument.series).where(
        IssuedDocument.number == number.strip()
    )
    if year is not None:
        query = query.where(IssuedDocument.year == year)
    found = list(session.execute(query))
    if not found:
        raise NotFoundError("document.number_not_found", number=number)
    certificates = [i for i, series in found if series == CERTIFICATE_SERIES]
    ids = certificates or [i for i, _ in found]
    if len(ids) > 1:
        raise ConflictError("document.number_ambiguous", number=number)
    return int(ids[0])


def get_document(session: Session, document_id: int) -> IssuedRow:
    require(session, Permission.READ)
    return _row(get_or_raise(session, IssuedDocument, document_id, "document.not_found"))


def reprint(session: Session, document_id: int, duplicate: bool, on: dt.date | None = None) -> Any:
    """The document's data from its snapshot alone: the same document, or a marked duplicate."""
    require(session, Permission.ISSUE_DOCUMENTS)
    doc = get_or_raise(session, IssuedDocument, document_id, "document.not_found")
    if doc.cancelled_at is not None:
        raise ConflictError(
            "document.cancelled", number=doc.number, reason=doc.cancel_reason or None
        )
    data: Any = revive(data_class(doc.kind), json.loads(doc.snapshot))
    if _shows_health(data) and not health_visible(session):
        # the list as issued names sick-leave days (RODO art. 9); a reader without access
        # to them gets a refusal, not the page (docs/threat-model.md §3.4)
        raise PermissionDenied("document.health_data", number=doc.number)
    if duplicate:
        on = on or dt.date.today()
        data = dataclasses.replace(data, duplicate_on=on.isoformat())
        log.info("duplicate of document %s printed on %s", doc.number, on.isoformat())
    audit_print(
        session,
        doc.kind,
        document_id=doc.id,
        participant_id=doc.participant_id,
        number=doc.number,
        duplicate=duplicate,
    )
    return data


def _shows_health(data: Any) -> bool:
    """A document showing health data: flagged when issued, and a benefit list issued before
    the flag existed is known by its sick-leave (L4) columns."""
    if not isinstance(data, FormData):
        return False
    if data.health_data:
        return True
    return data.kind == "benefit_list" and any(
        column.startswith("L4")
        for section in data.sections
        for table in section.tables
        for column in table.columns
    )


def cancel(session: Session, document_id: int, reason: str) -> IssuedRow:
    """Cancel a document with a reason; its number stays taken (never reused)."""
    require(session, Permission.ISSUE_DOCUMENTS)
    doc = get_or_raise(session, IssuedDocument, document_id, "document.not_found")
    reason = clean(reason)
    if not reason:
        raise ValidationError("document.cancel_reason_required")
    if doc.cancelled_at is not None:
        raise ConflictError("document.already_cancelled", number=doc.number)
    doc.cancelled_at, doc.cancel_reason = utcnow(), reason
    session.flush()
    log.warning("document %s cancelled: %s", doc.number, reason)
    return _row(doc)


def record_pup_sent(session: Session, document_id: int, on: dt.date, office: str = "") -> IssuedRow:
    """The date a CIS certificate was sent to the powiatowy urząd pracy (art. 13 ust. 5a;
    URP art. 199): the reminder ends."""
    require(session, Permission.ISSUE_DOCUMENTS)
    doc = get_or_raise(session, IssuedDocument, document_id, "document.not_found")
    if not doc.pup_required:
        raise ValidationError("document.pup_not_required", number=doc.number)
    if on < doc.issued_on:
        raise ValidationError(
            "document.pup_before_issue", on=on.isoformat(), issued_on=doc.issued_on.isoformat()
        )
    previous = doc.sent_to_pup_on
    doc.sent_to_pup_on, doc.pup_office = on, clean(office) or doc.pup_office
    session.flush()
    return dataclasses.replace(_row(doc), previous_pup_on=previous)


def pup_pending(session: Session) -> list[IssuedRow]:
    """CIS certificates still to be sent to the PUP (the reminder, docs/domain.md#certificates)."""
    require(session, Permission.READ)
    return [
        _row(doc)
        for doc in session.scalars(
            select(IssuedDocument)
            .where(
                IssuedDocument.pup_required.is_(True),
                IssuedDocument.sent_to_pup_on.is_(None),
                IssuedDocument.cancelled_at.is_(None),
            )
            .order_by(IssuedDocument.issued_on, IssuedDocument.id)
        )
    ]


def list_documents(
    session: Session,
    participant_id: int | None = None,
    year: int | None = None,
    kind: str | None = None,
) -> list[IssuedRow]:
    require(session, Permission.READ)
    query = select(IssuedDocument).order_by(
        IssuedDocument.year, IssuedDocument.series, IssuedDocument.seq
    )
    if participant_id is not None:
        query = query.where(IssuedDocument.participant_id == participant_id)
    if year is not None:
        query = query.where(IssuedDocument.year == year)
    if kind is not None:
        query = query.where(IssuedDocument.kind == kind)
    return [_row(doc) for doc in session.scalars(query)]
