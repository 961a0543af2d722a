"""Participants: add, edit, find (docs/domain.md#participants).

PESEL is checked with python-stdnum (kisdesk.rules.pesel); birth date and sex come from it
and must agree with what was typed. A person without PESEL needs a birth date, sex and an
identity document. A PESEL already on file is refused with the existing person named, so
a returning participant gets a new participation period instead of a second record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from kisdesk.access import Permission, actor_of
from kisdesk.errors import ConflictError, PermissionDenied, ValidationError
from kisdesk.models import Group, Participant, ParticipantCategory, Participation
from kisdesk.rules import eligibility
from kisdesk.rules.periods import Span, current_period, participation_status
from kisdesk.rules.pesel import PeselError, Sex, check_consistency, parse_pesel
from kisdesk.services import audit, sensitive
from kisdesk.services.common import check_choice, checked_text, clean, get_or_raise, require

# Art. 1 ust. 2: 1–8 as listed in the act, 9 "inne" (the list is open: "w szczególności").
CATEGORIES = frozenset(range(1, 10))
# Health data (RODO art. 9): only roles allowed to see sensitive data see them (docs/domain.md#participants).
SENSITIVE_CATEGORIES = sensitive.SENSITIVE_CATEGORIES
REFERRAL_SOURCES = frozenset({"", "ops", "pup", "self", "other"})
PARTICIPANT_KINDS = frozenset(eligibility.PARTICIPANT_KINDS)
EDUCATION_LEVELS = frozenset(
    {
        "",
        "none",
        "primary",
        "lower_secondary",
        "vocational",
        "secondary",
        "post_secondary",
        "higher",
    }
)


@dataclass(frozen=True, slots=True)
class ParticipantData:
    """What the participant form holds; used to add and to edit."""

    first_name: str
    last_name: str
    pesel: str | None = None
    birth_date: dt.date | None = None
    sex: str | None = None  # "K" | "M"
    id_document: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    gmina: str = ""
    powiat: str = ""
    phone: str = ""
    education: str = ""
    categories: tuple[int, ...] = ()
    referral_source: str = ""
    referral_institution: str = ""
    referral_date: dt.date | None = None
    referral_number: str = ""
    kind: str = eligibility.ART1  # art1 | social_enterprise (docs/domain.md#participants)
    consents: str = ""
    rodo_clause_given_on: dt.date | None = None
    notes: str = ""
    version: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    """One line of the participant list."""

    id: int
    first_name: str
    last_name: str
    pesel: str | None
    birth_date: dt.date
    sex: str
    group: str | None  # group of the current (or last) participation
    status: str  # "active" | "ended" | "planned" | "none"
    start_on: dt.date | None  # start of the current (or last) participation
    end_on: dt.date | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


EARLIEST_BIRTH = dt.date(1900, 1, 1)  # nobody of 127 takes part in social integration

_TEXT_FIELDS = (
    "first_name",
    "last_name",
    "id_document",
    "street",
    "postal_code",
    "city",
    "gmina",
    "powiat",
    "phone",
    "referral_institution",
    "referral_number",
)


def period_span(period: Participation) -> Span:
    return period.start_on, period.end_on


def validate(data: ParticipantData) -> ParticipantData:
    """Checked and normalised data, or ValidationError naming the field and the problem."""
    cleaned: dict[str, Any] = {name: clean(getattr(data, name)) for name in _TEXT_FIELDS}
    data = replace(data, **cleaned)
    for name in _TEXT_FIELDS:  # one line each: every control character is refused
        checked_text(getattr(data, name), getattr(Participant, name).expression)
    checked_text(data.notes or "", Participant.notes.expression, multiline=True)
    if not data.first_name:
        raise ValidationError("participant.first_name_required", field="first_name")
    if not data.last_name:
        raise ValidationError("participant.last_name_required", field="last_name")
    sex = Sex(data.sex) if data.sex in ("K", "M") else None
    if data.sex not in (None, "", "K", "M"):
        raise ValidationError("participant.bad_sex", field="sex", value=data.sex)
    pesel = (data.pesel or "").strip()
    if pesel:
        try:
            info = parse_pesel(pesel)
        except PeselError as exc:
            raise ValidationError(
                exc.code, field="pesel", value=pesel, suggestion=getattr(exc, "suggestion", None)
            ) from None
        for code in check_consistency(info, data.birth_date, sex):
            raise ValidationError(
                code,
                field="birth_date" if "birth" in code else "sex",
                pesel=info.pesel,
                pesel_birth_date=info.birth_date.isoformat(),
                pesel_sex=info.sex.value,
            )
        data = replace(data, pesel=info.pesel, birth_date=info.birth_date, sex=info.sex.value)
    else:
        if data.birth_date is None:
            raise ValidationError("participant.birth_date_required", field="birth_date")
        if sex is None:
            raise ValidationError("participant.sex_required", field="sex")
        if (
            not data.id_document.strip()
        ):  # docs/domain.md#participants: the document identifies the person then
            raise ValidationError("participant.document_required", field="id_document")
        data = replace(data, pesel=None, id_document=data.id_document.strip())
    assert data.birth_date is not None
    if data.birth_date > dt.date.today():
        raise ValidationError("participant.born_in_future", field="birth_date")
    if data.birth_date < EARLIEST_BIRTH:  # a PESEL of the 1800s, a year typed as 0001
        raise ValidationError(
            "participant.born_too_early",
            field="birth_date",
            birth_date=data.birth_date.isoformat(),
            earliest=EARLIEST_BIRTH.isoformat(),
        )
    categories = tuple(sorted(set(data.categories)))
    for category in categories:
        if category not in CATEGORIES:
            raise ValidationError("participant.bad_category", field="categories", value=category)
    check_choice(data.referral_source, REFERRAL_SOURCES, "participant.bad_referral")
    check_choice(data.education, EDUCATION_LEVELS, "participant.bad_education")
    check_choice(data.kind, PARTICIPANT_KINDS, "participant.bad_kind")
    if data.kind == eligibility.SOCIAL_ENTERPRISE and categories:
        # An employee of a social enterprise takes part outside the art. 1 ust. 2 categories.
        raise ValidationError("participant.enterprise_no_category", field="categories")
    return replace(data, categories=categories)


def _refuse_duplicate(session: Session, pesel: str | None, own_id: int | None = None) -> None:
    if not pesel:
        return
    existing = session.scalar(select(Participant).where(Participant.pesel == pesel))
    if existing is not None and existing.id != own_id:
        raise ConflictError(
            "participant.duplicate_pesel",
            field="pesel",
            pesel=pesel,
            existing_id=existing.id,
            existing_name=existing.full_name,
        )


def _apply(session: Session, person: Participant, data: ParticipantData) -> set[int] | None:
    """Set the person's fields and plain categories; returns the health categories to keep
    (`_store_health`, once the person has an id), None to leave them as they are."""
    values = asdict(data)
    categories = values.pop("categories")
    values.pop("version")
    for name, value in values.items():
        setattr(person, name, value)
    wanted = set(categories)
    health: set[int] | None = wanted & SENSITIVE_CATEGORIES
    if not sensitive.may_see_health(session):
        # A role (or an account without the key) that cannot see health categories cannot
        # change them either: they are kept as stored (sealed or plain).
        kept = {c.category for c in person.categories if c.category in SENSITIVE_CATEGORIES}
        asked = (wanted & SENSITIVE_CATEGORIES) - kept
        if asked:  # refused, never silently dropped (docs/misuse-cases.md, "Roles")
            code = (
                "participant.sensitive_category_denied"
                if not actor_of(session).can(Permission.VIEW_SENSITIVE)
                else "sealing.no_key"
            )
            raise PermissionDenied(code, categories=", ".join(str(c) for c in sorted(asked)))
        health = None
    if health is not None and not sensitive.office_sealed(session):
        # an office without the key keeps them as plain rows, written with the person
        plain, health = wanted, None
    else:
        plain = (wanted - SENSITIVE_CATEGORIES) | {
            c.category for c in person.categories if c.category in SENSITIVE_CATEGORIES
        }
    person.categories = [c for c in person.categories if c.category in plain]
    have = {c.category for c in person.categories}
    person.categories.extend(ParticipantCategory(category=c) for c in sorted(plain - have))
    return health


def _store_health(session: Session, person: Participant, health: set[int] | None) -> None:
    """The health categories through the one service that seals them (§3.4 of
    docs/threat-model.md): sealed in an office with accounts, plain rows otherwise."""
    if health is not None:
        sensitive.store_health(session, person, health)
        session.flush()


def add_participant(session: Session, data: ParticipantData) -> int:
    require(session, Permission.EDIT_PARTICIPANTS)
    data = validate(data)
    _refuse_duplicate(session, data.pesel)
    person = Participant()
    health = _apply(session, person, data)
    session.add(person)
    session.flush()
    _store_health(session, person, health)
    return person.id


def add_participants(session: Session, people: Sequence[ParticipantData]) -> list[int]:
    """Add many people in one flush (an import): the same checks as `add_participant`, the
    duplicates of the database found with one query; nothing is added when one is refused."""
    require(session, Permission.EDIT_PARTICIPANTS)
    checked = [validate(data) for data in people]
    pesels = [d.pesel for d in checked if d.pesel]
    if len(set(pesels)) != len(pesels):
        raise ConflictError("record.conflict")  # the import's preview reports these by row
    for chunk in range(0, len(pesels), 500):  # SQLite's limit on bound parameters
        taken = session.scalar(
            select(Participant.pesel).where(Participant.pesel.in_(pesels[chunk : chunk + 500]))
        )
        if taken is not None:
            _refuse_duplicate(session, taken)
    rows = []
    for data in checked:
        person = Participant()
        rows.append((person, _apply(session, person, data)))
    session.add_all(person for person, _ in rows)
    session.flush()
    for person, health in rows:
        _store_health(session, person, health)
    return [person.id for person, _ in rows]


def update_participant(session: Session, participant_id: int, data: ParticipantData) -> None:
    """Save an edited participant; `data.version` guards against an edit made meanwhile."""
    require(session, Permission.EDIT_PARTICIPANTS)
    person = get_or_raise(session, Participant, participant_id, "participant.not_found")
    if data.version is not None and data.version != person.version:
        raise ConflictError("record.changed_meanwhile")
    data = validate(data)
    _refuse_duplicate(session, data.pesel, own_id=participant_id)
    health = _apply(session, person, data)
    session.flush()
    _store_health(session, person, health)


def get_participant(
    session: Session, participant_id: int, need: Permission = Permission.READ
) -> ParticipantData:
    """The participant's form data; health categories only for roles allowed to see them.
    `need`: what the caller then does with it, checked before the lookup (no existence
    oracle, docs/misuse-cases.md)."""
    require(session, need)
    person = session.scalar(
        select(Participant)
        .where(Participant.id == participant_id)
        .options(selectinload(Participant.categories))
    )
    if person is None:
        get_or_raise(session, Participant, participant_id, "participant.not_found")
        raise AssertionError  # unreachable
    actor = actor_of(session)
    health = sensitive.sealed_health_kept(session, person)  # None: hidden from this actor
    categories = tuple(
        sorted(
            {c.category for c in person.categories if c.category not in SENSITIVE_CATEGORIES}
            | (health or frozenset())
        )
    )
    values = {
        name: getattr(person, name)
        for name in ParticipantData.__dataclass_fields__
        if name not in ("categories", "version")
    }
    if not actor.can(Permission.VIEW_PESEL):
        values["pesel"] = mask_pesel(person.pesel)
    if set(categories) & SENSITIVE_CATEGORIES:  # RODO art. 9 data shown: logged (issue 6)
        audit.record(
            session,
            "view_sensitive",
            record_type="participant",
            record_id=person.id,
            participant_id=person.id,
            fields=["categories"],
        )
    return ParticipantData(**values, categories=categories, version=person.version)


def mask_pesel(pesel: str | None, visible: int = 4) -> str | None:
    """PESEL shown in lists: only its last digits (the rest are dots)."""
    if not pesel:
        return pesel
    return "•" * (len(pesel) - visible) + pesel[-visible:]


def find_by_pesel(session: Session, pesel: str) -> int | None:
    """The id of the person with this PESEL, if any (to open them instead of a duplicate)."""
    require(session, Permission.READ)
    return session.scalar(select(Participant.id).where(Participant.pesel == pesel.strip()))


def first_names_on_file(session: Session, sex: str | None = None) -> list[str]:
    """The first names in the register (of one sex, "K" or "M", if given), the most frequent
    first: offered as a new person's first name is typed (kisdesk.rules.first_names)."""
    require(session, Permission.READ)
    count = func.count(Participant.id)
    query = (
        select(Participant.first_name)
        .group_by(Participant.first_name)
        .order_by(count.desc(), Participant.first_name)
        .limit(500)
    )
    if sex is not None:
        query = query.where(Participant.sex == sex)
    return [name for name in session.scalars(query) if name]


_Period = tuple[dt.date, dt.date | None, str | None]  # start, end, group name


def _period_dates(period: _Period) -> Span:
    return period[0], period[1]


def list_participants(
    session: Session, text: str = "", on: dt.date | None = None
) -> list[ParticipantRow]:
    """Everyone on file, filtered by name or PESEL fragment, with their current period."""
    require(session, Permission.READ)
    on = on or dt.date.today()
    query = select(
        Participant.id,
        Participant.first_name,
        Participant.last_name,
        Participant.pesel,
        Participant.birth_date,
        Participant.sex,
    ).order_by(Participant.last_name, Participant.first_name)
    words = clean(text).lower().split()
    for word in words:
        pattern = f"%{word}%"
        query = query.where(
            or_(
                func.lower(Participant.first_name).like(pattern),
                func.lower(Participant.last_name).like(pattern),
                Participant.pesel.like(pattern),
            )
        )
    people = session.execute(query).all()
    # One query for all the periods (their group's name joined in), not one per person; plain
    # columns rather than ORM objects: building 2000 people and their periods as entities
    # took most of the list's time (docs/architecture.md#reads).
    periods: dict[int, list[_Period]] = {}
    if people:
        for participant_id, start_on, end_on, group in session.execute(
            select(
                Participation.participant_id,
                Participation.start_on,
                Participation.end_on,
                Group.name,
            )
            .outerjoin(Group, Group.id == Participation.group_id)
            .order_by(Participation.participant_id, Participation.start_on)
        ):
            periods.setdefault(participant_id, []).append((start_on, end_on, group))
    rows = []
    for person_id, first_name, last_name, pesel, birth_date, sex in people:
        current = current_period(periods.get(person_id, []), on, _period_dates)
        status = participation_status(_period_dates(current) if current else None, on)
        rows.append(
            ParticipantRow(
                person_id,
                first_name,
                last_name,
                pesel,
                birth_date,
                sex,
                current[2] if current is not None else None,
                status,
                current[0] if current else None,
                current[1] if current else None,
            )
        )
    return rows
