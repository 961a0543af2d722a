"""The participant's path among the things to do (docs/domain.md#certificates, docs/domain.md#kontrakt-ipzs): planned reviews due or
overdue, running periods without a kontrakt/IPZS, CIS trial months without the head's
decision (art. 15 ust. 2), CIS certificates still to be sent to the PUP (art. 13 ust. 5a), and
accounts or staff without a valid authorisation to process data (art. 8b ust. 4, art. 18f)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.models import Contract, IssuedDocument, Participant, Participation
from kisdesk.rules import periods as period_rules
from kisdesk.rules.eligibility import SOCIAL_ENTERPRISE
from kisdesk.services.authorisations import missing
from kisdesk.services.common import require
from kisdesk.services.dashboard_hours import surname_first_names
from kisdesk.services.office import office_kind
from kisdesk.services.reviews import reviews_due
from kisdesk.services.settings import all_settings

# what: review_due | review_overdue | no_contract | trial_decision | pup_copy
REVIEW_DUE = "review_due"
REVIEW_OVERDUE = "review_overdue"
NO_CONTRACT = "no_contract"
TRIAL_DECISION = "trial_decision"
PUP_COPY = "pup_copy"
NO_AUTHORISATION = "no_authorisation"  # an account or staff member (participant_id 0)


@dataclass(frozen=True, slots=True)
class PathItem:
    participant_id: int
    participation_id: int | None
    name: str
    what: str
    on: dt.date  # the planned review, the start, the trial end, the certificate's date
    number: str = ""  # the certificate's number (pup_copy)


def path_todo(session: Session, today: dt.date) -> list[PathItem]:
    require(session, Permission.READ)
    items = [
        PathItem(
            r.participant_id,
            r.participation_id,
            r.name,
            REVIEW_OVERDUE if r.state == "overdue" else REVIEW_DUE,
            r.planned_on,
        )
        for r in reviews_due(session, today)
    ]
    names = surname_first_names(session, (item.participant_id for item in items))
    items = [replace(item, name=names.get(item.participant_id, item.name)) for item in items]
    running = (
        select(Participation, Participant.first_name, Participant.last_name)
        .join(Participant, Participant.id == Participation.participant_id)
        .outerjoin(Contract, Contract.participation_id == Participation.id)
        .where(
            Participation.start_on <= today,
            or_(Participation.end_on.is_(None), Participation.end_on >= today),
            Participant.kind != SOCIAL_ENTERPRISE,
            Participant.restricted.is_(False),
        )
    )
    # KIS: art. 18 ust. 4 – the kontrakt socjalny is the condition of taking part.
    for p, first, last in session.execute(running.where(Contract.id.is_(None))):
        items.append(PathItem(p.participant_id, p.id, f"{last} {first}", NO_CONTRACT, p.start_on))
    if office_kind(session) == "cis":
        settings = all_settings(session)
        undecided = running.where(and_(Contract.id.is_not(None), Contract.trial_decision == ""))
        for p, first, last in session.execute(undecided):
            trial_end = period_rules.cis_periods(
                p.start_on,
                settings["cis_trial_months"],
                settings["cis_base_months"],
                settings["cis_max_months"],
            ).trial_end
            if trial_end <= today:
                items.append(
                    PathItem(p.participant_id, p.id, f"{last} {first}", TRIAL_DECISION, trial_end)
                )
    pending = session.execute(
        select(IssuedDocument, Participant.first_name, Participant.last_name)
        .join(Participant, Participant.id == IssuedDocument.participant_id)
        .where(
            IssuedDocument.pup_required.is_(True),
            IssuedDocument.sent_to_pup_on.is_(None),
            IssuedDocument.cancelled_at.is_(None),
        )
    )
    for doc, first, last in pending:
        items.append(
            PathItem(
                int(doc.participant_id or 0),
                doc.participation_id,
                f"{last} {first}",
                PUP_COPY,
                doc.issued_on,
                doc.number,
            )
        )
    # art. 8b ust. 4 / art. 18f: nobody processes the data without a written authorisation.
    for m in missing(session, today):
        items.append(PathItem(0, None, m.name, NO_AUTHORISATION, today))
    return sorted(items, key=lambda i: (i.on, i.name))
