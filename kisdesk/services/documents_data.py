"""The content of a certificate (zaświadczenie), docs/domain.md#documents and docs/domain.md#certificates.

Everything printed is composed here, in Polish, so that the register's snapshot holds the
document exactly as issued: a reprint years later shows the same words, even if the
participant's record or the program's wording has changed since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.i18n import tr
from kisdesk.messages.outcomes import OUTCOME_LABELS
from kisdesk.models import (
    Activity,
    Attendance,
    Contract,
    Participant,
    ParticipantCategory,
    Participation,
)
from kisdesk.rules.eligibility import SOCIAL_ENTERPRISE
from kisdesk.rules.hours import format_hours
from kisdesk.services.common import require
from kisdesk.services.documents_common import (
    ACT,
    AREA_LABELS,
    END_REASON_LABELS,
    URP,
    URP_SHORT,
    Header,
    leader_role,
    office_header,
    short_date,
)
from kisdesk.services.graduates import graduate_check
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
    # Graduate certificate (art. 2 pkt 1a–1b): the conditions as met on the day of issue,
    # for CIS the last day of the status, and what the status opens at the PUP.
    conditions_label: str = ""
    conditions: tuple[str, ...] = ()
    status_until: str = ""
    opens_label: str = ""
    opens: tuple[str, ...] = ()
    # CIS certificate also sent to the powiatowy urząd pracy (art. 13 ust. 5a; URP art. 199).
    pup_note: str = ""
    # What the person went on to (docs/outcomes.md), when known; "" otherwise.
    outcome: str = ""
    # A graduate certificate the leader issued with a condition unmet: said on the paper
    # with the written reason, so it does not read as the act's status in full
    override_note: str = ""


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


def _contract_for(session: Session, participation_id: int) -> Contract | None:
    return session.scalar(select(Contract).where(Contract.participation_id == participation_id))


REFERRAL_LABELS = {
    "ops": tr("ośrodek pomocy społecznej"),
    "pup": tr("powiatowy urząd pracy"),
    "self": tr("na wniosek własny"),
}


def _end(text: str) -> str:
    """A sentence ending with exactly one full stop ("z dnia 28.12.2026 r." stays as is)."""
    return text if text.endswith(".") else text + "."


def _basis(kind: str, person: Participant, contract: Contract | None) -> str:
    """Kontrakt socjalny (KIS, art. 18 ust. 4) or skierowanie and IPZS (CIS, art. 12–13) of
    the period. The kontrakt/IPZS and its number are named only when one is recorded."""

    def numbered(name: str, number: str, date: dt.date | None) -> str:
        text = name
        if number:
            text += " " + tr("nr {number}").format(number=number)
        if date:
            text += " " + tr("z dnia {date} r.").format(date=short_date(date))
        return text

    if kind == "kis":
        if contract is None or not contract.number:
            # Nothing recorded, nothing named (docs/domain.md#certificates).
            if person.kind == SOCIAL_ENTERPRISE:
                text = tr("zatrudnienie w przedsiębiorstwie społecznym (art. 18 ust. 10 ustawy)")
                return tr("Podstawa uczestnictwa: {text}").format(text=_end(text))
            return ""
        text = numbered(tr("kontrakt socjalny"), contract.number, contract.signed_on)
        if contract.institution:
            # The institution's name is not declined ("zawarty z Gminnym Ośrodkiem…" would
            # need Polish inflection of any name); a parenthesis reads correctly for all.
            text += " " + tr("(ośrodek pomocy społecznej: {who})").format(who=contract.institution)
        return tr("Podstawa uczestnictwa: {text}").format(text=_end(text))
    parts = []
    who = person.referral_institution or REFERRAL_LABELS.get(person.referral_source, "")
    referral = tr("skierowanie") + (f" ({who})" if who else "")
    referral = numbered(referral, person.referral_number, person.referral_date)
    parts.append(referral)
    if contract is not None and contract.number:
        parts.append(
            numbered(
                tr("indywidualny program zatrudnienia socjalnego"),
                contract.number,
                contract.signed_on,
            )
        )
    return tr("Podstawa uczestnictwa: {text}").format(text=_end("; ".join(parts)))


def _pup_copy_required(session: Session, person: Participant) -> bool:
    """A CIS certificate goes to the PUP too for a long-term unemployed participant
    (category 5, art. 13 ust. 5a) or one the PUP referred (URP art. 199 ust. 2)."""
    categories = set(
        session.scalars(
            select(ParticipantCategory.category).where(
                ParticipantCategory.participant_id == person.id
            )
        )
    )
    return 5 in categories or person.referral_source == "pup"


def _graduate_texts(
    session: Session,
    period: Participation,
    issued_on: dt.date,
    kis: bool,
    settings: dict[str, Any],
) -> dict[str, object]:
    """The conditions of art. 2 pkt 1a/1b as they stand on the day of issue, the last day of
    a CIS status and what the status opens at the PUP (URP art. 147–148, 161–163; act
    art. 16)."""
    status = graduate_check(session, period.id, issued_on).status
    months = settings["graduate_months"]
    met, not_met = tr("spełniony"), tr("niespełniony")
    end = period.end_on
    span = (
        tr("od {start} r. do {end} r.").format(
            start=short_date(period.start_on), end=short_date(end)
        )
        if end is not None
        else tr("od {start} r.").format(start=short_date(period.start_on))
    )
    conditions = [
        tr(
            "uczestnictwo w zajęciach {office} przez co najmniej {n} miesięcy ({span}) – {state}"
        ).format(
            office=tr("klubu") if kis else tr("Centrum"),
            n=months,
            span=span,
            state=met if status.months_complete else not_met,
        ),
        (
            tr(
                "zaświadczenie o zakończeniu uczestnictwa nr {number} (art. 18 ust. 5a ustawy) – {state}"
            )
            if kis
            else tr(
                "zaświadczenie nr {number} wydane na podstawie art. 13 ust. 5a ustawy – {state}"
            )
        ).format(
            number=status.ending_certificate or "—",
            state=met if status.ending_certificate else not_met,
        ),
    ]
    if kis and status.contract_required:
        contract = _contract_for(session, period.id)
        named = (
            tr("nr {number}").format(number=contract.number)
            if contract is not None and contract.number
            else tr("(brak zapisanego kontraktu)")
        )
        conditions.append(
            tr("zrealizowany kontrakt socjalny {named} – {state}").format(
                named=named, state=not_met if "contract" in status.missing else met
            )
        )
    until = ""
    if not kis and status.graduate_until is not None:
        until = tr(
            "Status absolwenta CIS trwa do dnia {date} r. włącznie ({n} miesięcy od dnia "
            "zakończenia zajęć, art. 2 pkt 1a ustawy)."
        ).format(date=short_date(status.graduate_until), n=settings["cis_graduate_status_months"])
    opens = graduate_opens()
    return {
        "conditions_label": tr("Warunki statusu absolwenta (stan na dzień wydania):"),
        "conditions": tuple(conditions),
        "status_until": until,
        "opens_label": tr(
            "Status absolwenta uprawnia do ubiegania się w powiatowym urzędzie pracy o:"
        ),
        "opens": opens,
    }


def graduate_opens() -> tuple[str, ...]:
    """What the graduate status opens at the labour office (URP art. 147–148, 161–163; act
    art. 16): printed on the certificate and shown on the participant's card."""
    return (
        tr("jednorazowe środki na podjęcie działalności gospodarczej (art. 147–148 {urp})").format(
            urp=URP
        ),
        tr(
            "środki na założenie spółdzielni socjalnej lub przystąpienie do niej (art. 161–163 "
            "{urp})"
        ).format(urp=URP_SHORT),
        tr("założenie spółdzielni socjalnej przez absolwentów (art. 16 ust. 1a ustawy)"),
        tr(
            "skierowanie do pracodawcy, który otrzymuje refundację – zatrudnienie wspierane "
            "(art. 16 ustawy)"
        ),
    )


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
        # The act defines both statuses: art. 2 pkt 1b (KIS) and pkt 1a (CIS).
        legal_basis = (
            tr("Na podstawie art. 2 pkt 1b {act}").format(act=ACT)
            if kis
            else tr("Na podstawie art. 2 pkt 1a {act}").format(act=ACT)
        )
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
    graduate_parts: dict[str, object] = {}
    if kind == GRADUATE:
        statement = tr(
            "{who} {gained} status absolwenta {office} w rozumieniu art. 2 pkt {point} ustawy "
            "o zatrudnieniu socjalnym."
        ).format(
            who=_pick(female, tr("Pani"), tr("Pan")) + " " + person.full_name,
            gained=_pick(female, tr("uzyskała"), tr("uzyskał")),
            office=tr("Klubu Integracji Społecznej")
            if kis
            else tr("Centrum Integracji Społecznej"),
            point="1b" if kis else "1a",
        )
        graduate_parts = _graduate_texts(session, period, issued_on, kis, settings)
    pup_note = ""
    if kind == ENDING and not kis and _pup_copy_required(session, person):
        pup_note = tr(
            "Zaświadczenie przekazuje się również do powiatowego urzędu pracy (art. 13 ust. 5a "
            "ustawy o zatrudnieniu socjalnym; art. 199 {urp})."
        ).format(urp=URP)
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
        basis=_basis(office.kind, person, _contract_for(session, period.id)),
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
        pup_note=pup_note,
        **graduate_parts,  # type: ignore[arg-type]
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
