"""The art. 15 data pack: everything the office holds about one person (issue 6).

A JSON-ready dict (the machine-readable copy) that the PDF for the person is drawn from:
personal data, categories, purposes, recipients, retention, source of the data, periods,
attendance, counselling sessions, documents issued, and when the record was read or changed
(audit log). The audit part names the event and the date, not the employee: the person is
entitled to know that and when their data was consulted (CJEU C-579/21, Pankki S), and the
staff's identities are the office's to disclose on request [L].

Only the leader prepares it (it gathers health categories and counselling notes), and doing
so is itself logged as an export of one record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kisdesk.access import Permission
from kisdesk.errors import PermissionDenied
from kisdesk.i18n import tr
from kisdesk.messages.core import category_name
from kisdesk.models import (
    Activity,
    Attendance,
    Contract,
    FollowUp,
    IssuedDocument,
    Participant,
    Participation,
    Review,
)
from kisdesk.models.base import utcnow
from kisdesk.services import audit, sensitive
from kisdesk.services.common import get_or_raise, require
from kisdesk.services.rodo import information_clause

FORMAT = "kisdesk-rodo-art15/1"

PERSONAL_FIELDS = (
    "first_name",
    "last_name",
    "pesel",
    "birth_date",
    "sex",
    "id_document",
    "street",
    "postal_code",
    "city",
    "gmina",
    "powiat",
    "phone",
    "education",
    "referral_source",
    "referral_institution",
    "referral_date",
    "referral_number",
    "kind",
    "consents",
    "rodo_clause_given_on",
    "notes",
)


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _contract(session: Session, participation_id: int) -> dict[str, Any] | None:
    """The period's kontrakt/IPZS with its goals, changes and reviews (docs/domain.md#kontrakt-ipzs)."""
    c = session.scalar(select(Contract).where(Contract.participation_id == participation_id))
    reviews = session.scalars(
        select(Review).where(Review.participation_id == participation_id).order_by(Review.held_on)
    )
    if c is None:
        return None
    return {
        "number": c.number,
        "signed_on": _plain(c.signed_on),
        "institution": c.institution,
        "social_worker": c.social_worker,
        "from": _plain(c.from_on),
        "to": _plain(c.to_on),
        "status": c.status,
        "status_on": _plain(c.status_on),
        "trial_decision": c.trial_decision,
        "trial_decision_on": _plain(c.trial_decision_on),
        "goals": [
            {
                "text": g.text,
                "area": g.area,
                "actions": g.actions,
                "responsible": g.responsible,
                "due": _plain(g.due_on),
                "status": g.status,
            }
            for g in c.goals
        ],
        "annexes": [{"on": _plain(a.signed_on), "change": a.change} for a in c.annexes],
        "reviews": [
            {"on": _plain(r.held_on), "attendees": r.attendees, "note": r.note} for r in reviews
        ],
    }


def data_pack(session: Session, participant_id: int) -> dict[str, Any]:
    """Everything held about one participant, as JSON-ready values (art. 15 RODO)."""
    require(session, Permission.MANAGE_RODO)
    person = session.scalar(
        select(Participant)
        .where(Participant.id == participant_id)
        .options(selectinload(Participant.categories))
    )
    if person is None:
        get_or_raise(session, Participant, participant_id, "participant.not_found")
        raise AssertionError  # unreachable
    if sensitive.office_sealed(session) and not sensitive.note_readable(session):
        # art. 15: the pack is whole or not made; the sealed categories and notes need the
        # key (docs/threat-model.md §3.4)
        raise PermissionDenied("sealing.pack_needs_key")
    categories = sensitive.categories_of(session, [participant_id]).get(participant_id, [])
    clause = information_clause(session, participant_id)
    periods = session.scalars(
        select(Participation)
        .where(Participation.participant_id == participant_id)
        .order_by(Participation.start_on)
    )
    contacts = list(
        session.scalars(
            select(FollowUp)
            .where(FollowUp.participant_id == participant_id)
            .order_by(FollowUp.due_on)
        )
    )
    marks = session.execute(
        select(
            Activity.date, Activity.start_time, Activity.topic, Attendance.mark, Attendance.minutes
        )
        .join(Activity, Activity.id == Attendance.activity_id)
        .where(Attendance.participant_id == participant_id)
        .order_by(Activity.date, Activity.start_time)
    )
    sessions = session.scalars(
        select(Activity)
        .where(Activity.participant_id == participant_id)
        .order_by(Activity.date, Activity.start_time)
    )
    documents = session.scalars(
        select(IssuedDocument)
        .where(IssuedDocument.participant_id == participant_id)
        .order_by(IssuedDocument.issued_on, IssuedDocument.id)
    )
    pack: dict[str, Any] = {
        "format": FORMAT,
        "generated_at": utcnow().isoformat(timespec="seconds") + "Z",
        "participant_id": person.id,
        "controller": {
            "name": clause.controller,
            "address": clause.controller_address,
            "contact": clause.controller_contact,
            "office": clause.office_name,
            "office_address": clause.office_address,
            "dpo_contact": clause.dpo_contact,
        },
        "personal_data": {name: _plain(getattr(person, name)) for name in PERSONAL_FIELDS},
        "categories": [{"number": c, "name": category_name(c)} for c in categories],
        "purposes": list(clause.purposes),
        "legal_bases": list(clause.legal_bases),
        "recipients": list(clause.recipients),
        "retention": clause.retention,
        "source": _source(person),
        "restriction": {
            "restricted": person.restricted,
            "reason": person.restricted_reason,
            "since": _plain(person.restricted_on),
        },
        "participations": [
            {
                "start": _plain(p.start_on),
                "planned_end": _plain(p.planned_end_on),
                "end": _plain(p.end_on),
                "end_reason": p.end_reason,
                "end_note": p.end_note,
                "group": p.group.name if p.group else None,
                "statement_on": _plain(p.statement_on),
                "entitlements": p.entitlements,
                "contract": _contract(session, p.id),
                # what came after (docs/outcomes.md) and the contacts made since
                "outcome": {
                    "kind": p.outcome_kind,
                    "since": _plain(p.outcome_on),
                    "note": p.outcome_note,
                },
                "followups": [
                    {
                        "after_months": f.checkpoint_months,
                        "due": _plain(f.due_on),
                        "contacted": _plain(f.contacted_on),
                        "result": f.result,
                        "kind": f.kind,
                        "note": f.note,
                    }
                    for f in contacts
                    if f.participation_id == p.id
                ],
            }
            for p in periods
        ],
        "attendance": [
            {
                "date": _plain(day),
                "time": start.strftime("%H:%M"),
                "topic": topic,
                "mark": mark,
                "minutes": minutes,
            }
            for day, start, topic, mark, minutes in marks
        ],
        "counselling_sessions": [
            {
                "date": _plain(a.date),
                "time": f"{a.start_time:%H:%M}–{a.end_time:%H:%M}",
                "form": a.form,
                "topic": a.topic,
                "staff": [s.full_name for s in a.staff],
                "note": sensitive.note_of(session, a),
            }
            for a in sessions
        ],
        "documents": [
            {
                "number": d.number,
                "kind": d.kind,
                "issued_on": _plain(d.issued_on),
                "cancelled": d.cancelled_at is not None,
            }
            for d in documents
        ],
        "processing_log": [
            {
                "at": _plain(e.at),
                "event": e.event,
                "record_type": e.record_type,
                "fields": e.details.get("fields", []),
            }
            for e in audit.entries_about(session, participant_id)
        ],
    }
    audit.record(
        session,
        "export",
        record_type="participant",
        record_id=participant_id,
        participant_id=participant_id,
        kind="rodo_data_pack",
        records=1,
    )
    return pack


def _source(person: Participant) -> str:
    """Where the data came from (art. 15 ust. 1 lit. g): the referral, else the person."""
    if person.referral_institution:
        return person.referral_institution
    return {
        "ops": tr("ośrodek pomocy społecznej (skierowanie)"),
        "pup": tr("powiatowy urząd pracy (skierowanie)"),
        "other": tr("inna instytucja (skierowanie)"),
    }.get(person.referral_source, tr("od osoby, której dane dotyczą"))
