"""Documents of the participant's path (docs/domain.md#documents): the karta usług doradczych, the
KIS standard's record of one person's reintegration, printed from the records of one period:
the kontrakt/IPZS and its goals, the support given (hours by area, individual and group),
the reviews, and the outcome after the end (docs/outcomes.md) when it is known."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.i18n import tr
from kisdesk.messages.outcomes import OUTCOME_LABELS
from kisdesk.models import Activity, Attendance, Participant, Participation
from kisdesk.rules.hours import format_hours
from kisdesk.rules.periods import cis_periods
from kisdesk.services.common import get_or_raise, require
from kisdesk.services.contracts import contract_of
from kisdesk.services.documents_common import (
    AREA_LABELS,
    CONTRACT_STATE_LABELS,
    GOAL_STATE_LABELS,
    Header,
    audit_print,
    leader_role,
    office_header,
    short_date,
)
from kisdesk.services.hours import attended_minutes_expr
from kisdesk.services.reviews import reviews_of
from kisdesk.services.settings import all_settings, get_setting

KIND_LABELS = {"group": tr("zajęcia grupowe"), "individual": tr("zajęcia indywidualne")}


@dataclass(frozen=True, slots=True)
class SupportRow:
    area: str  # "Reintegracja społeczna" …
    kind: str  # "zajęcia grupowe" | "zajęcia indywidualne"
    hours: str


@dataclass(frozen=True, slots=True)
class AdvisoryCardData:
    header: Header
    title: str
    person_name: str
    birth_date: str
    period: str
    contract: tuple[tuple[str, str], ...]  # (label, value) lines; empty without a contract
    goals: tuple[tuple[str, str, str, str, str], ...]  # goal, area, responsible, due, state
    annexes: tuple[tuple[str, str], ...]
    support: tuple[SupportRow, ...]
    total_hours: str
    hour_minutes: int
    reviews: tuple[tuple[str, str, str], ...]  # date, progress per goal, note
    outcome: str  # "" while unknown (the period runs, or nothing recorded yet)


@dataclass(frozen=True, slots=True)
class PathLetter:
    kind: str  # trial_notice | ipzs_decision
    header: Header
    place: str
    on: str  # ISO
    person_name: str
    person_id: str
    ipzs: str  # "nr … z dnia …"
    addressee: str
    decision: str  # qualified | not_qualified (trial); breach | leaving | statement (end)
    justification: str
    trial_end: str  # ISO, trial notice
    signatory_name: str
    signatory_role: str


def _support_hours(
    session: Session, participant_id: int, first: dt.date, last: dt.date
) -> list[tuple[str, str, int]]:
    """(area, kind, attended minutes) in [first, last], summed by SQL."""
    minutes = func.sum(attended_minutes_expr())
    query = (
        select(Activity.area, Activity.kind, minutes)
        .select_from(Attendance)
        .join(Activity, Activity.id == Attendance.activity_id)
        .where(
            Attendance.participant_id == participant_id,
            Activity.date >= first,
            Activity.date <= last,
        )
        .group_by(Activity.area, Activity.kind)
        .order_by(Activity.area, Activity.kind)
    )
    return [(str(a), str(k), int(m or 0)) for a, k, m in session.execute(query) if m]


def outcome_text(period: Participation) -> str:
    """What came after the period (docs/outcomes.md), when known."""
    kind = period.outcome_kind
    if period.end_on is None or not kind or kind == "unknown":
        return ""
    text = OUTCOME_LABELS.get(kind, kind)
    since = period.outcome_on
    if since is not None:
        text += " " + tr("(od {d})").format(d=short_date(since))
    note = period.outcome_note
    return text + (f" – {note}" if note else "")


def advisory_card(session: Session, participation_id: int, today: dt.date) -> AdvisoryCardData:
    """The karta usług doradczych of one period (printing it is logged)."""
    require(session, Permission.READ)
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    person = session.get_one(Participant, period.participant_id)
    _office, header = office_header(session)
    hour = int(get_setting(session, "hour_minutes"))
    view = contract_of(session, period.id)
    goal_names = {g.id: g.text for g in view.goals} if view else {}
    contract: list[tuple[str, str]] = []
    if view is not None:
        contract = [
            (tr("Numer i data zawarcia"), f"{view.number} z {short_date(view.signed_on)}"),
            (tr("Ośrodek pomocy społecznej"), view.institution or "—"),
            (tr("Pracownik socjalny"), view.social_worker or "—"),
            (
                tr("Okres obowiązywania"),
                f"{short_date(view.from_on) or '—'} – {short_date(view.to_on) or '—'}",
            ),
            (
                tr("Stan"),
                CONTRACT_STATE_LABELS.get(view.status, view.status)
                + (f" ({short_date(view.status_on)})" if view.status_on else ""),
            ),
        ]
    last = min(period.end_on or today, today)
    rows = _support_hours(session, person.id, period.start_on, last)
    support = tuple(
        SupportRow(AREA_LABELS.get(a, a), KIND_LABELS.get(k, k), format_hours(m, hour))
        for a, k, m in rows
    )
    total = sum(m for _a, _k, m in rows)
    reviews = tuple(
        (
            short_date(r.held_on),
            "; ".join(
                f"{goal_names.get(g, str(g))}: {GOAL_STATE_LABELS.get(p, p)}" for g, p in r.progress
            )
            or "—",
            r.note,
        )
        for r in reviews_of(session, period.id)
    )
    span = f"{short_date(period.start_on)} – {short_date(period.end_on) or tr('trwa')}"
    audit_print(session, "advisory_card", participant_id=person.id, participation=period.id)
    return AdvisoryCardData(
        header=header,
        title=tr("KARTA USŁUG DORADCZYCH"),
        person_name=person.full_name,
        birth_date=short_date(person.birth_date),
        period=span,
        contract=tuple(contract),
        goals=tuple(
            (
                g.text + (f" – {tr('działania')}: {g.actions}" if g.actions else ""),
                AREA_LABELS.get(g.area, "—"),
                g.responsible or "—",
                short_date(g.due_on) or "—",
                GOAL_STATE_LABELS.get(g.status, g.status),
            )
            for g in (view.goals if view else ())
        ),
        annexes=tuple((short_date(a.signed_on), a.change) for a in (view.annexes if view else ())),
        support=support,
        total_hours=format_hours(total, hour),
        hour_minutes=hour,
        reviews=reviews,
        outcome=outcome_text(period),
    )


def path_letter(
    session: Session,
    kind: str,
    participation_id: int,
    decision: str,
    on: dt.date,
    text: str = "",
    addressee: str = "",
) -> PathLetter:
    """The CIS notice to the OPS after the trial (kind "trial_notice", art. 15 ust. 2) or the
    head's decision ending an IPZS ("ipzs_decision", art. 13 ust. 4a), as recorded; printing
    it is logged."""
    require(session, Permission.READ)
    office, header = office_header(session)
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    person = session.get_one(Participant, period.participant_id)
    view = contract_of(session, participation_id)
    ipzs = (
        tr("nr {n} z dnia {d} r.").format(n=view.number, d=short_date(view.signed_on))
        if view is not None
        else ""
    )
    settings = all_settings(session)
    trial_end = cis_periods(
        period.start_on,
        settings["cis_trial_months"],
        settings["cis_base_months"],
        settings["cis_max_months"],
    ).trial_end
    audit_print(session, kind, participant_id=person.id)
    return PathLetter(
        kind=kind,
        header=header,
        place=header.city,
        on=on.isoformat(),
        person_name=person.full_name,
        person_id=person.pesel or short_date(person.birth_date),
        ipzs=ipzs,
        addressee=addressee.strip(),
        decision=decision,
        justification=text.strip(),
        trial_end=trial_end.isoformat(),
        signatory_name=office.head_name,
        signatory_role=leader_role(office.kind),
    )
