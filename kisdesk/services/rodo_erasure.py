"""Anonymisation (RODO art. 17; issue 6); retention lists are in rodo_retention.

Anonymisation turns the person into a statistical stub, irreversibly: name, PESEL, birth date
(the year is kept), address below the gmina, phone, identity document, notes, counselling
notes, free-text notes on periods and marks, and the personal parts of issued documents'
snapshots are removed. Sex, birth year, gmina, categories and participation dates stay, so
the yearly statistics (counts by year, sex, category, gmina) are the same before and after —
checked inside the transaction, which is rolled back if they differ or if the PESEL or the
name can still be found anywhere in the database. `finish_erasure()` then checkpoints and
VACUUMs, so the old values do not linger in free pages or the WAL (docs/architecture.md#connection).
Backups made before keep the data until the rotation removes them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, String, column, distinct, extract, func, inspect, or_, select
from sqlalchemy import table as sql_table
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ConflictError
from kisdesk.i18n import tr
from kisdesk.models import (
    Activity,
    Attendance,
    Contract,
    FollowUp,
    IssuedDocument,
    Participant,
    ParticipantCategory,
    Participation,
    Review,
)
from kisdesk.models.base import utcnow
from kisdesk.services import audit, sensitive
from kisdesk.services.common import get_or_raise, require
from kisdesk.services.rodo import OVERRIDE_KEY

REMOVED = "[usunięto]"
SKIPPED_TABLES = frozenset({"audit_entry", "alembic_version"})
# Keys of document snapshots that hold the person (documents engineer's snapshot format).
PERSONAL_KEYS = frozenset(
    {
        "person_name",
        "person_id",
        "person_title",
        "first_name",
        "last_name",
        "full_name",
        "participant_name",
        "pesel",
        "birth_date",
        "birth_place",
        "address",
        "street",
        "postal_code",
        "city",
        "phone",
        "id_document",
        "notes",
        "note",
    }
)
CLEARED_TEXT = (
    "id_document",
    "street",
    "postal_code",
    "city",
    "phone",
    "referral_number",
    "consents",
    "notes",
    "restricted_reason",
)
CLEARED_DATES = ("referral_date",)
FIELD_LABELS = {
    "name": tr("imię i nazwisko"),
    "pesel": tr("PESEL"),
    "birth_date": tr("data urodzenia (zostaje rok)"),
    "id_document": tr("dokument tożsamości"),
    "street": tr("ulica i numer"),
    "postal_code": tr("kod pocztowy"),
    "city": tr("miejscowość"),
    "phone": tr("telefon"),
    "referral_number": tr("numer skierowania"),
    "contract_number": tr("numer kontraktu / IPZS"),
    "contract_social_worker": tr("pracownik socjalny"),
    "consents": tr("zgody"),
    "notes": tr("uwagi"),
}


# -- statistics that must not change ------------------------------------------------------------
def statistics_fingerprint(session: Session) -> dict[str, int]:
    """Counts by year, sex, category and gmina (participants starting each year) and by
    birth year and sex: what statistics and annual reports are built from."""
    require(session, Permission.READ)
    year = extract("year", Participation.start_on)
    rows = session.execute(
        select(
            year,
            Participant.sex,
            Participant.gmina,
            ParticipantCategory.category,
            func.count(distinct(Participant.id)),
        )
        .select_from(Participation)
        .join(Participant, Participant.id == Participation.participant_id)
        .outerjoin(ParticipantCategory, ParticipantCategory.participant_id == Participant.id)
        .group_by(year, Participant.sex, Participant.gmina, ParticipantCategory.category)
    )
    counts = {f"start/{y}/{s}/{g}/{c}": int(n) for y, s, g, c, n in rows}
    born = extract("year", Participant.birth_date)
    for y, s, n in session.execute(
        select(born, Participant.sex, func.count(Participant.id)).group_by(born, Participant.sex)
    ):
        counts[f"born/{y}/{s}"] = int(n)
    return counts


# -- anonymisation -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AnonymisationPreview:
    participant_id: int
    name: str
    removed: tuple[tuple[str, str], ...]  # (label, value now held)
    kept: tuple[tuple[str, str], ...]
    documents: int  # issued documents whose personal parts are removed
    counselling_notes: int
    other_notes: int  # notes on periods and attendance marks
    blocked: str | None  # an error code when it cannot be done now


@dataclass(frozen=True, slots=True)
class AnonymisationResult:
    participant_id: int
    fields: tuple[str, ...]
    documents: int
    counselling_notes: int
    other_notes: int


def _needles(person: Participant) -> list[str]:
    """Strings that identify the person wherever they were copied (also JSON-escaped)."""
    found = [person.pesel or "", person.full_name, f"{person.last_name} {person.first_name}"]
    if len(person.id_document) >= 5:
        found.append(person.id_document)
    variants = [json.dumps(n)[1:-1] for n in found if n]
    return sorted({n for n in [*found, *variants] if len(n.strip()) >= 5}, key=len, reverse=True)


def _personal_words(person: Participant) -> list[str]:
    """Inside this person's own records: also the parts on their own and the dates."""
    words = [*_needles(person), person.first_name, person.last_name, person.street, person.phone]
    if person.birth_date:
        words += [person.birth_date.isoformat(), person.birth_date.strftime("%d.%m.%Y")]
    return sorted({w for w in words if len(w.strip()) >= 2}, key=len, reverse=True)


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def _scrub_json(value: Any, pattern: re.Pattern[str] | None) -> Any:
    if isinstance(value, dict):
        return {
            k: (REMOVED if k in PERSONAL_KEYS and v not in (None, "") else _scrub_json(v, pattern))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_scrub_json(v, pattern) for v in value]
    if isinstance(value, str) and pattern is not None:
        return pattern.sub(REMOVED, value)
    return value


def _scrub_text(text: str | None, pattern: re.Pattern[str] | None) -> str | None:
    return text if text is None or pattern is None else pattern.sub(REMOVED, text)


def _scrub_snapshot(snapshot: str, pattern: re.Pattern[str] | None) -> str:
    try:
        data = json.loads(snapshot or "{}")
    except ValueError:
        return _scrub_text(snapshot, pattern) or ""
    return json.dumps(_scrub_json(data, pattern), ensure_ascii=False)


def _counts(session: Session, participant_id: int) -> tuple[int, int, int]:
    docs = session.scalar(
        select(func.count(IssuedDocument.id)).where(IssuedDocument.participant_id == participant_id)
    )
    notes = session.scalar(
        select(func.count(Activity.id)).where(
            Activity.participant_id == participant_id,
            or_(Activity.note != "", Activity.note_sealed.is_not(None)),
        )
    )
    other = (
        session.scalar(
            select(func.count()).where(
                Attendance.participant_id == participant_id, Attendance.note != ""
            )
        )
        or 0
    ) + (
        session.scalar(
            select(func.count(Participation.id)).where(
                Participation.participant_id == participant_id, Participation.end_note != ""
            )
        )
        or 0
    )
    return int(docs or 0), int(notes or 0), int(other)


def _blocked(person: Participant) -> str | None:
    if person.anonymized_at is not None:
        return "rodo.already_anonymised"
    if person.restricted:
        return "rodo.restricted_no_erasure"
    return None


def _clear_contract(session: Session, participation_id: int) -> None:
    """The kontrakt/IPZS keeps its dates and statuses (statistics), not what names the person:
    its number, the social worker and the free texts of goals, changes and reviews."""
    contract = session.scalar(select(Contract).where(Contract.participation_id == participation_id))
    if contract is not None:
        contract.number, contract.social_worker = "", ""
        contract.trial_note, contract.end_justification = "", ""
        for goal in contract.goals:
            goal.text, goal.actions, goal.responsible = "", "", ""
        for annex in contract.annexes:
            annex.change = ""
    for review in session.scalars(
        select(Review).where(Review.participation_id == participation_id)
    ):
        review.attendees, review.note = "", ""


def anonymisation_preview(session: Session, participant_id: int) -> AnonymisationPreview:
    """What anonymising would remove and keep; nothing is changed."""
    require(session, Permission.MANAGE_RODO)
    person = get_or_raise(session, Participant, participant_id, "participant.not_found")
    removed = [(FIELD_LABELS["name"], person.full_name)]
    if person.pesel:
        removed.append((FIELD_LABELS["pesel"], person.pesel))
    removed.append((FIELD_LABELS["birth_date"], person.birth_date.isoformat()))
    removed += [
        (FIELD_LABELS.get(f, f), str(getattr(person, f)))
        for f in CLEARED_TEXT
        if f in FIELD_LABELS and getattr(person, f)
    ]
    numbers = session.scalars(
        select(Contract.number)
        .join(Participation, Participation.id == Contract.participation_id)
        .where(Participation.participant_id == participant_id, Contract.number != "")
    )
    removed += [(FIELD_LABELS["contract_number"], str(n)) for n in numbers]
    kept = (
        (tr("rok urodzenia"), str(person.birth_date.year)),
        (tr("płeć"), person.sex),
        (tr("gmina"), person.gmina or "—"),
        (tr("powiat"), person.powiat or "—"),
        (
            tr("kategorie (art. 1 ust. 2)"),
            ", ".join(map(str, sensitive.categories_of(session, [person.id]).get(person.id, []))),
        ),
        (tr("okresy uczestnictwa i obecności"), tr("bez zmian")),
    )
    docs, notes, other = _counts(session, participant_id)
    return AnonymisationPreview(
        person.id, person.full_name, tuple(removed), kept, docs, notes, other, _blocked(person)
    )


def anonymise(session: Session, participant_id: int) -> AnonymisationResult:
    """Remove the person irreversibly, keeping the statistics (leader only; preview first).

    Call `finish_erasure(engine)` after the transaction commits.
    """
    require(session, Permission.MANAGE_RODO)
    person = get_or_raise(session, Participant, participant_id, "participant.not_found")
    blocked = _blocked(person)
    if blocked is not None:
        raise ConflictError(blocked, name=person.full_name)
    before = statistics_fingerprint(session)
    docs, notes, other = _counts(session, participant_id)
    needles, own = _needles(person), _pattern(_personal_words(person))
    session.info[OVERRIDE_KEY] = True
    try:
        person.first_name = ""
        person.last_name = tr("Osoba zanonimizowana nr {id}").format(id=person.id)
        person.pesel = None
        person.birth_date = dt.date(person.birth_date.year, 1, 1)
        for name in CLEARED_TEXT:
            setattr(person, name, "")
        for name in CLEARED_DATES:
            setattr(person, name, None)
        person.restricted, person.restricted_on = False, None
        person.anonymized_at = utcnow()
        for period in session.scalars(
            select(Participation).where(Participation.participant_id == participant_id)
        ):
            period.end_note = ""
            _clear_contract(session, period.id)
            period.outcome_note = ""  # the outcome's kind stays for the statistics
        for followup in session.scalars(
            select(FollowUp).where(FollowUp.participant_id == participant_id)
        ):
            followup.note = ""
        for mark in session.scalars(
            select(Attendance).where(Attendance.participant_id == participant_id)
        ):
            mark.note = ""
        for activity in session.scalars(
            select(Activity).where(Activity.participant_id == participant_id)
        ):
            sensitive.clear_note(activity)  # a sealed note goes too (§3.4)
            activity.topic = _scrub_text(activity.topic, own) or ""
        for doc in session.scalars(
            select(IssuedDocument).where(IssuedDocument.participant_id == participant_id)
        ):
            doc.snapshot = _scrub_snapshot(doc.snapshot, own)
            doc.override_reason = _scrub_text(doc.override_reason, own)
            doc.cancel_reason = _scrub_text(doc.cancel_reason, own)
        session.flush()
        _scrub_everywhere(session, participant_id, needles)
    finally:
        session.info.pop(OVERRIDE_KEY, None)
    session.expire_all()
    leftovers = _find_everywhere(session, participant_id, needles)
    if leftovers:
        raise ConflictError("rodo.anonymise_incomplete", where=", ".join(leftovers))
    if statistics_fingerprint(session) != before:
        raise ConflictError("rodo.statistics_changed")
    fields = ("first_name", "last_name", "pesel", "birth_date", *CLEARED_TEXT, *CLEARED_DATES)
    audit.record(
        session,
        "anonymise",
        record_type="participant",
        record_id=participant_id,
        participant_id=participant_id,
        fields=list(fields),
        documents=docs,
    )
    return AnonymisationResult(participant_id, fields, docs, notes, other)


def _text_columns(session: Session) -> list[tuple[str, list[str], list[str], bool]]:
    """(table, primary key columns, text columns, has participant_id) of every table."""
    found = []
    inspector = inspect(session.connection())
    for name in inspector.get_table_names():
        if name in SKIPPED_TABLES:
            continue
        columns = inspector.get_columns(name)
        texts = [c["name"] for c in columns if isinstance(c["type"], String)]
        pk = inspector.get_pk_constraint(name).get("constrained_columns") or []
        names = {c["name"] for c in columns}
        if texts and pk:
            found.append((name, list(pk), texts, "participant_id" in names))
    return found


def _matching_rows(
    session: Session, participant_id: int, needles: list[str]
) -> list[tuple[str, list[str], str, tuple[Any, ...], str]]:
    """(table, pk names, column, pk values, text) of rows holding a needle; in tables that
    name a participant, only this participant's rows (a namesake's records are left alone)."""
    hits = []
    for name, pk, texts, linked in _text_columns(session):
        t = sql_table(name, *[column(x) for x in {*pk, *texts, "participant_id", "id"}])
        for text_column in texts:
            col = t.c[text_column]
            query = select(*[t.c[k] for k in pk], col).where(
                or_(*[func.lower(col).like(f"%{_like(n.lower())}%", escape="\\") for n in needles])
            )
            if name == "participant":
                query = query.where(t.c["id"] == participant_id)
            elif linked:
                query = query.where(
                    or_(t.c["participant_id"] == participant_id, t.c["participant_id"].is_(None))
                )
            for row in session.connection().execute(query):
                hits.append((name, pk, text_column, tuple(row[: len(pk)]), row[-1]))
    return hits


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _scrub_everywhere(session: Session, participant_id: int, needles: list[str]) -> None:
    """Copies of the PESEL or the full name in any other table (free-text notes, tables
    added by other parts of the program) are replaced, row by row."""
    pattern = _pattern(needles)
    if pattern is None:
        return
    for name, pk, column_name, key, text in _matching_rows(session, participant_id, needles):
        t = sql_table(name, *[column(x) for x in {*pk, column_name}])
        cleaned = pattern.sub(REMOVED, text or "")
        if cleaned == text:
            continue
        condition = [t.c[k] == v for k, v in zip(pk, key, strict=True)]
        session.connection().execute(t.update().where(*condition).values({column_name: cleaned}))


def _find_everywhere(session: Session, participant_id: int, needles: list[str]) -> list[str]:
    if not needles:
        return []
    hits = _matching_rows(session, participant_id, needles)
    return sorted({f"{name}.{col}" for name, _pk, col, _key, _text in hits})


def finish_erasure(engine: Engine) -> bool:
    """After the erasing transaction committed: move the WAL into the file, VACUUM (so freed
    pages holding old values are rewritten), and empty the WAL. True when it all ran; False
    when another connection was busy (then it runs again at the next erasure or backup)."""
    if engine.dialect.name != "sqlite":
        return True
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        busy = cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cur.execute("VACUUM")
        busy_after = cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cur.close()
        return not (busy and busy[0]) and not (busy_after and busy_after[0])
    except Exception as exc:  # a reader holding the file: VACUUM waits for a quiet moment
        if "locked" in str(exc) or "busy" in str(exc):
            return False
        raise
    finally:
        raw.close()
