"""The content of a certificate (zaświadczenie), docs/domain.md#documents and docs/domain.md#certificates.

Everything printed is composed here, in Polish, so that the register's snapshot holds the
document exactly as issued: a reprint years later shows the same words, even if the
participant's record or the program's wording has changed since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.i18n import tr
from kisdesk.messages.outcomes import OUTCOME_LABELS
from kisdesk.models import Activity, Attendance, Participant, Participation
from kisdesk.rules.graduate import completes_on
from kisdesk.rules.hours import format_hours
from kisdesk.services.common import require
from kisdesk.services.documents_common import (
    ACT,
    AREA_LABELS,
    END_REASON_LABELS,
    Header,
    leader_role,
    office_header,
    short_date,
)
from kisdesk.services.hours import attended_minutes_expr
from kisdesk.services.settings import all_settings

ENDING = "ending_certificate"
GRADUATE = "graduate_certificate"
CERTIFICATE_KINDS = (ENDING, GRADUATE)


@dataclass(frozen=True, slots=True)
class HoursRow:
    """Attended hours of one form of support (forma wsparcia) in one area."""

    area: str  # social | vocational
    area_label: str
    form: str
    minutes: int
    hours: str


@dataclass(frozen=True, slots=True)
class CertificateData:
    kind: str  # ending_certificate | graduate_certificate
    office_kind: str  # kis | cis
    number: str
    header: Header
    place: str
    issued_on: str  # ISO date
    title: str
    subtitle: str
    legal_basis: str
    intro: str
    person_title: str  # Pan | Pani
    person_name: str
    person_id_label: str  # "PESEL" or "data urodzenia"
    person_id: str
    body: str
    basis: str
    hours_intro: str
    hours_unit: str
    hour_minutes: int
    hours: tuple[HoursRow, ...]
    total_minutes: int
    total_hours: str
    end_reason: str
    skills_label: str
    skills: str
    statement: str
    signatory_name: str
    signatory_role: str
    # Set when a duplicate is printed (never stored in the snapshot): the duplicate's date.
    duplicate_on: str | None = None
    # What the person went on to (docs/outcomes.md), when known; "" otherwise.
    outcome: str = ""


def _female(person: Participant) -> bool:
    return person.sex == "K"


def _pick(female: bool, woman: str, man: str) -> str:
    return woman if female else man


def hours_by_form(
    session: Session, participant_id: int, first: dt.date, last: dt.date
) -> list[tuple[str, str, int]]:
    """(area, form, attended minutes) of a participant in [first, last], summed by SQL."""
    require(session, Permission.READ)
    minutes = func.sum(attended_minutes_expr())
    query = (
        select(Activity.area, Activity.form, minutes)
        .select_from(Attendance)
        .join(Activity, Activity.id == Attendance.activity_id)
        .where(
            Attendance.participant_id == participant_id,
            Activity.date >= first,
            Activity.date <= last,
        )
        .group_by(Activity.area, Activity.form)
        .order_by(Activity.area, Activity.form)  # "social" sorts before "vocational"
    )
    return [
        (a, f, int(m or 0))
        for a, f, m in cast(Iterable[tuple[str, str, int | None]], session.execute(query))
        if m
    ]


REFERRAL_LABELS = {
    "ops": tr("ośrodek pomocy społecznej"),
    "pup": tr("powiatowy urząd pracy"),
    "self": tr("na wniosek własny"),
}


def _end(text: str) -> str:
    """A sentence ending with exactly one full stop ("z dnia 28.12.2026 r." stays as is)."""
    return text if text.endswith(".") else text + "."


def _basis(kind: str, person: Participant, female: bool) -> str:
    """Kontrakt socjalny (KIS, art. 18 ust. 4) or skierowanie and IPZS (CIS, art. 12–13)."""

    def numbered(name: str, number: str, date: dt.date | None) -> str:
        text = name
        if number:
            text += " " + tr("nr {number}").format(number=number)
        if date:
            text += " " + tr("z dnia {date} r.").format(date=short_date(date))
        return text

    if kind == "kis":
        text = numbered(tr("kontrakt socjalny"), person.contract_number, person.contract_date)
        if person.contract_institution:
            # The institution's name is not declined ("zawarty z Gminnym Ośrodkiem…" would
            # need Polish inflection of any name); a parenthesis reads correctly for all.
            text += " " + tr("(ośrodek pomocy społecznej: {who})").format(
                who=person.contract_institution
            )
        return tr("Podstawa uczestnictwa: {text}").format(text=_end(text))
    parts = []
    who = person.referral_institution or REFERRAL_LABELS.get(person.referral_source, "")
    referral = tr("skierowanie") + (f" ({who})" if who else "")
    referral = numbered(referral, person.referral_number, person.referral_date)
    parts.append(referral)
    parts.append(
        numbered(
            tr("indywidualny program zatrudnienia socjalnego"),
            person.contract_number,
            person.contract_date,
        )
    )
    return tr("Podstawa uczestnictwa: {text}").format(text=_end("; ".join(parts)))


def certificate_data(
    session: Session,
    period: Participation,
    kind: str,
    number: str,
    issued_on: dt.date,
    skills: str = "",
) -> CertificateData:
    """Compose a certificate of `kind` for one participation period (not yet stored)."""
    require(session, Permission.ISSUE_DOCUMENTS)
    office, header = office_header(session)
    settings = all_settings(session)
    hour = settings["hour_minutes"]
    person = session.get_one(Participant, period.participant_id)
    female = _female(person)
    kis = office.kind == "kis"
    last = min(period.end_on or issued_on, issued_on)
    rows = [
        HoursRow(
            area, AREA_LABELS.get(area, area), form or tr("inne zajęcia"), m, format_hours(m, hour)
        )
        for area, form, m in hours_by_form(session, person.id, period.start_on, last)
    ]
    total = sum(r.minutes for r in rows)
    if kind == ENDING:
        title = tr("ZAŚWIADCZENIE")
        subtitle = (
            tr("o zakończeniu uczestnictwa w Klubie Integracji Społecznej")
            if kis
            else tr(
                "potwierdzające uczestnictwo w zajęciach Centrum Integracji Społecznej "
                "i nabyte umiejętności"
            )
        )
        legal_basis = (
            tr("Na podstawie art. 18 ust. 5a {act}").format(act=ACT)
            if kis
            else tr("Na podstawie art. 13 ust. 5a {act}").format(act=ACT)
        )
    else:
        title = tr("ZAŚWIADCZENIE")
        subtitle = tr("o uzyskaniu statusu absolwenta {office}").format(
            office=tr("Klubu Integracji Społecznej") if kis else tr("Centrum Integracji Społecznej")
        )
        # No statute defines a KIS/CIS graduate today (docs/domain.md#graduate-status): the rule is the
        # office's own regulamin, and the certificate says so.
        legal_basis = tr(
            "Wydane zgodnie z regulaminem placówki: status absolwenta po co najmniej "
            "{months} miesiącach nieprzerwanego uczestnictwa."
        ).format(months=settings["graduate_months"])
    period_text = (
        tr("w okresie od {start} r. do {end} r").format(
            start=short_date(period.start_on), end=short_date(period.end_on)
        )
        if period.end_on is not None and period.end_on <= issued_on
        else tr("od dnia {start} r").format(start=short_date(period.start_on))
    )
    took_part = (
        _pick(female, tr("uczestniczyła"), tr("uczestniczył"))
        if period.end_on is not None and period.end_on <= issued_on
        else tr("uczestniczy")
    )
    body = tr("{verb} w zajęciach {office} „{name}” {period}.").format(
        verb=took_part,
        office=tr("klubu integracji społecznej") if kis else tr("centrum integracji społecznej"),
        name=office.name,
        period=period_text,
    )
    statement = ""
    if kind == GRADUATE:
        done = completes_on(period.start_on, settings["graduate_months"])
        statement = tr(
            "W dniu {date} r. {who} {completed} {months} miesięcy nieprzerwanego uczestnictwa "
            "i {gained} status absolwenta {office}."
        ).format(
            date=short_date(done),
            who=_pick(female, tr("Pani"), tr("Pan")) + " " + person.full_name,
            completed=_pick(female, tr("ukończyła"), tr("ukończył")),
            months=settings["graduate_months"],
            gained=_pick(female, tr("uzyskała"), tr("uzyskał")),
            office=tr("Klubu Integracji Społecznej")
            if kis
            else tr("Centrum Integracji Społecznej"),
        )
    reason = ""
    if period.end_on is not None and period.end_on <= issued_on and period.end_reason:
        reason = END_REASON_LABELS.get(period.end_reason, period.end_reason)
    outcome = ""
    if reason and period.outcome_kind not in (None, "unknown", "none"):
        outcome = OUTCOME_LABELS.get(period.outcome_kind or "", "")
        if period.outcome_on is not None:
            outcome += " " + tr("(od {d})").format(d=short_date(period.outcome_on))
    return CertificateData(
        kind=kind,
        office_kind=office.kind,
        number=number,
        header=header,
        place=header.city,
        issued_on=issued_on.isoformat(),
        title=title,
        subtitle=subtitle,
        legal_basis=legal_basis,
        intro=tr("Zaświadcza się, że"),
        person_title=_pick(female, tr("Pani"), tr("Pan")),
        person_name=person.full_name,
        person_id_label=tr("PESEL") if person.pesel else tr("data urodzenia"),
        person_id=person.pesel or short_date(person.birth_date) + " r.",
        body=body,
        basis=_basis(office.kind, person, female),
        hours_intro=tr("Formy wsparcia, w których {who}, i liczba godzin:").format(
            who=_pick(female, tr("uczestniczyła"), tr("uczestniczył"))
        ),
        hours_unit=tr("godz. dydaktyczne (1 godz. = {m} min)").format(m=hour),
        hour_minutes=hour,
        hours=tuple(rows),
        total_minutes=total,
        total_hours=format_hours(total, hour),
        end_reason=reason,
        outcome=outcome,
        skills_label=tr("Umiejętności nabyte w ramach reintegracji społecznej i zawodowej:"),
        skills=skills.strip(),
        statement=statement,
        signatory_name=office.head_name,
        signatory_role=leader_role(office.kind),
    )


__all__ = [
    "CERTIFICATE_KINDS",
    "ENDING",
    "GRADUATE",
    "CertificateData",
    "HoursRow",
    "certificate_data",
    "hours_by_form",
]
