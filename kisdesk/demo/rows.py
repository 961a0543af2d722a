"""Rows of the demo office for bulk inserts: the office, staff, participants, periods and the
register of certificates. Every value is drawn from one `random.Random` or derived from the
plan, never from the clock, so a seed always gives the same database."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from kisdesk.demo.people import (
    EDUCATION_WEIGHTS,
    PeriodPlan,
    PersonPlan,
    StaffPlan,
    make_name,
    make_nip,
    make_regon,
    next_working_day,
    pick,
)
from kisdesk.demo.words import PARTICIPANT_NOTES, STREETS, Place
from kisdesk.rules.calendar import add_months
from kisdesk.rules.graduate import completes_on
from kisdesk.rules.outcomes import WORK_KINDS, outcome_from_end_reason, outcome_start_from_end

ENDING = "ending_certificate"
GRADUATE = "graduate_certificate"
CERTIFICATE_SERIES = "certificate"
# Reasons after which a person counts as having completed the programme well enough to
# have the contract marked "completed"; the others interrupt it.
COMPLETED_REASONS = frozenset(
    {"completed", "employment", "cooperative", "business", "moved_to_cis"}
)
END_NOTES = {
    "employment": ("Umowa o pracę – zakład przetwórstwa owoców.", "Zatrudnienie w sklepie.", "Umowa o pracę w gospodarstwie ogrodniczym.", "Zatrudnienie w firmie sprzątającej."),
    "other": ("Przeprowadzka do innej gminy.", "Długotrwałe leczenie.", "Wyjazd za granicę."),
    "removed": ("Długotrwała nieusprawiedliwiona nieobecność.",),
    "resigned": ("Rezygnacja z powodów rodzinnych.", "Rezygnacja – opieka nad dzieckiem.", ""),
}  # fmt: skip


def stamp(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


def office_rows(
    rng: random.Random, kind: str, place: Place, opened: dt.date, today: dt.date, head: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(operator, office): a gmina KIS run by its GOPS, or a CIS created by an association."""
    created_on = add_months(opened, -rng.randint(2, 5))
    slug = place.gmina.lower().replace(" ", "").translate(str.maketrans("ąćęłńóśźż", "acelnoszz"))
    street = f"ul. {rng.choice(STREETS)} {rng.randint(1, 40)}"
    phone = (
        f"{rng.randint(12, 95)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    )
    stamp_at = stamp(created_on)
    operator: dict[str, Any]
    if kind == "cis":
        operator = {
            "name": f"Stowarzyszenie na Rzecz Rozwoju Gminy {place.gmina}",
            "legal_form": "association",
            "krs": f"{rng.randint(100000, 999999):010d}",
            "email": f"stowarzyszenie.{slug}@example.com",
        }
        name = f"Centrum Integracji Społecznej {place.locative}"
    else:
        operator = {
            "name": f"Gminny Ośrodek Pomocy Społecznej {place.locative}",
            "legal_form": "ops",
            "krs": None,
            "email": f"gops.{slug}@example.com",
        }
        name = f"Klub Integracji Społecznej {place.locative}"
    operator |= {
        "street": f"ul. {rng.choice(STREETS)} {rng.randint(1, 30)}",
        "postal_code": place.postal_code,
        "city": place.gmina,
        "phone": phone,
        "fax": "",
        "nip": make_nip(rng),
        "regon": make_regon(rng),
        "created_at": stamp_at,
        "updated_at": stamp_at,
    }
    office: dict[str, Any] = {
        "kind": kind,
        "name": name,
        "street": street,
        "postal_code": place.postal_code,
        "city": place.gmina,
        "phone": phone[:-2] + f"{rng.randint(10, 99)}",
        "email": f"{kind}.{slug}@example.com",
        "created_on": created_on,
        "activity_started_on": opened,
        "head_name": head,
        "register_number": "",
        "register_date": None,
        "status_granted_on": None,
        "status_expires_on": None,
        "closed_on": None,
        "created_at": stamp_at,
        "updated_at": stamp_at,
    }
    if kind == "cis":  # status for 5 years (art. 5), renewed: the grant in force today
        granted = add_months(opened, -1)
        while add_months(granted, 60) <= today:
            granted = add_months(granted, 60)
        office |= {"status_granted_on": granted, "status_expires_on": add_months(granted, 60)}
    else:  # the voivode's register of clubs (art. 18a)
        register_date = created_on + dt.timedelta(days=rng.randint(20, 40))
        office |= {
            "register_number": f"{rng.randint(3, 80)}/{register_date.year}",
            "register_date": register_date,
        }
    return operator, office


def staff_row(staff: StaffPlan) -> dict[str, Any]:
    return {
        "first_name": staff.first_name,
        "last_name": staff.last_name,
        "role": staff.title,
        "employment_basis": staff.basis,
        "working_time": staff.working_time,
        "active_from": staff.active_from,
        "active_to": staff.active_to,
        "created_at": stamp(staff.active_from, 8),
        "updated_at": stamp(staff.active_to or staff.active_from, 8),
    }


def _contract_status(period: PeriodPlan) -> str:
    """Realised after a good ending, terminated after resignation or removal (docs/domain.md#kontrakt-ipzs)."""
    if period.end is None:
        return "in_progress"
    if period.reason in COMPLETED_REASONS:
        return "realised"
    return "terminated" if period.reason in ("resigned", "removed") else "not_realised"


class PeopleRows:
    """Participant rows with addresses, referrals and kontrakt socjalny (KIS) / IPZS (CIS)."""

    def __init__(self, rng: random.Random, kind: str, place: Place) -> None:
        self.rng, self.kind, self.place = rng, kind, place
        self.workers = [" ".join(make_name(rng, "K")) for _ in range(3)]
        self.counters: dict[tuple[str, int], int] = {}
        self.contracts: list[dict[str, Any]] = []  # "period" is replaced by its id when written

    def _next(self, series: str, year: int) -> int:
        self.counters[(series, year)] = self.counters.get((series, year), 0) + 1
        return self.counters[(series, year)]

    def row(self, person: PersonPlan) -> dict[str, Any]:
        rng, place = self.rng, self.place
        first, last = person.periods[0], person.periods[-1]
        if rng.random() < 0.78:
            gmina, locative, postal = place.gmina, place.locative, place.postal_code
            town = rng.choice((place.gmina, *place.villages))
        else:
            gmina, locative, postal = rng.choice(place.neighbours)
            town = gmina
        number = rng.randint(1, 120)
        if town == gmina:
            flat = f"/{rng.randint(1, 12)}" if rng.random() < 0.3 else ""
            street = f"ul. {rng.choice(STREETS)} {number}{flat}"
        else:
            street = f"{town} {number}"
        ops = f"Gminny Ośrodek Pomocy Społecznej {locative}"
        source = str(pick(rng, (("ops", 85), ("pup", 8), ("self", 7))))
        referral_date = last.start - dt.timedelta(days=rng.randint(5, 25))
        year = referral_date.year
        if source == "ops":
            institution, number_text = ops, f"GOPS.4011.{self._next('ops', year)}.{year}"
        elif source == "pup":
            institution = f"Powiatowy Urząd Pracy {place.powiat_town_locative}"
            number_text = f"PUP.{self._next('pup', year)}/{year}"
        else:
            institution, number_text = "", ""
        contract_date = referral_date + dt.timedelta(days=rng.randint(1, 4))
        prefix = "IPZS" if self.kind == "cis" else "KS"
        contract_number = f"{prefix}/{self._next(prefix, contract_date.year)}/{contract_date.year}"
        worker = rng.choice(self.workers)
        # One kontrakt/IPZS per period (docs/domain.md#kontrakt-ipzs): the latest is dated from the referral,
        # earlier ones from their own start.
        for period in person.periods:
            day = contract_date if period is last else period.start
            contract_no = contract_number
            if period is not last:
                contract_no = f"{prefix}/{self._next(prefix, day.year)}/{day.year}"
            self.contracts.append(
                {
                    "period": period,
                    "number": contract_no,
                    "signed_on": day,
                    "institution": ops,
                    "social_worker": worker,
                    "from_on": period.start,
                    "to_on": period.planned_end,
                    "status": _contract_status(period),
                    "status_on": period.end,
                    "created_at": stamp(day, 10),
                    "updated_at": stamp(period.end or day, 10),
                }
            )
        phone = ""
        if rng.random() < 0.8:
            phone = f"{rng.choice((5, 6, 7, 8))}{rng.randint(0, 99):02d} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        created = stamp(first.start - dt.timedelta(days=3))
        return {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "pesel": person.pesel,
            "birth_date": person.birth,
            "sex": person.sex,
            "id_document": "",
            "street": street,
            "postal_code": postal,
            "city": gmina,
            "gmina": gmina,
            "powiat": place.powiat,
            "phone": phone,
            "education": pick(rng, EDUCATION_WEIGHTS),
            "referral_source": source,
            "referral_institution": institution,
            "referral_date": referral_date,
            "referral_number": number_text,
            "consents": "kontakt telefoniczny" if phone else "",
            "rodo_clause_given_on": first.start,
            "notes": rng.choice(PARTICIPANT_NOTES) if rng.random() < 0.08 else "",
            "created_at": created,
            "updated_at": stamp(last.start),
        }


def _own_rng(period: PeriodPlan, salt: int = 0) -> random.Random:
    """A generator of its own for each period, so that outcomes and contacts leave the
    office's one sequence (and so every other demo record) as it was."""
    return random.Random(period.person.index * 100_003 + period.start.toordinal() * 7 + salt)


def _outcome(period: PeriodPlan) -> dict[str, Any]:
    """What the person went on to (docs/outcomes.md): the end reason's outcome, and for some
    of those who completed or left, a job, a course or an internship found afterwards."""
    if period.end is None:
        return {"outcome_kind": None, "outcome_on": None}
    kind = outcome_from_end_reason(period.reason)
    on = outcome_start_from_end(period.reason, period.end)
    if kind == "unknown":
        r = _own_rng(period).random()
        later = period.end + dt.timedelta(days=14 + int(r * 60))
        if period.reason == "completed":
            kind = "civil_contract" if r < 0.25 else "education" if r < 0.45 else "unknown"
        else:
            kind = "employment" if r < 0.1 else "none" if r < 0.3 else "unknown"
        on = later if kind not in ("unknown", "none") else None
    return {"outcome_kind": kind, "outcome_on": on}


def followup_rows(periods: list[PeriodPlan], today: dt.date) -> list[dict[str, Any]]:
    """Contacts 3 and 6 months after each end (the default setting): those long past were
    made (working when the outcome is work), the ones of the last weeks are partly open."""
    rows = []
    for period in periods:
        if period.end is None:
            continue
        kind = _outcome(period)["outcome_kind"]
        rng = _own_rng(period, 1)
        for months in (3, 6):
            due = add_months(period.end, months)
            row: dict[str, Any] = {
                "participation_id": period.id,
                "participant_id": period.person.id,
                "checkpoint_months": months,
                "due_on": due,
                "contacted_on": None,
                "result": None,
                "kind": None,
                "note": "",
                "created_at": stamp(period.end, 15),
                "updated_at": stamp(period.end, 15),
            }
            r = rng.random()
            if due <= today and ((today - due).days > 45 or r < 0.5):
                contacted = min(due + dt.timedelta(days=int(r * 10)), today)
                if kind in WORK_KINDS:
                    result, found = ("working", kind) if r < 0.85 else ("not_working", None)
                else:
                    result, found = ("no_contact" if r < 0.3 else "not_working"), None
                row |= {"contacted_on": contacted, "result": result, "kind": found}
                row["updated_at"] = stamp(contacted, 11)
            rows.append(row)
    return rows


def period_row(rng: random.Random, period: PeriodPlan, group_id: int) -> dict[str, Any]:
    notes = END_NOTES.get(period.reason or "", ("",))
    return {
        "participant_id": period.person.id,
        "group_id": group_id,
        "start_on": period.start,
        "planned_end_on": period.planned_end,
        "end_on": period.end,
        "end_reason": period.reason,
        "end_note": rng.choice(notes) if period.end is not None else "",
        **_outcome(period),
        "created_at": stamp(period.start, 9),
        "updated_at": stamp(period.end or period.start, 15),
    }


def certificate_rows(
    rng: random.Random,
    periods: list[PeriodPlan],
    today: dt.date,
    graduate_months: int,
    pattern: str,
    issued_by: str,
    due: int = 2,
    kind: str = "kis",
) -> list[dict[str, Any]]:
    """The register of certificates: an ending certificate for every ended period, a
    graduate certificate once a period has lasted `graduate_months` (docs/domain.md#graduate-status, #certificates),
    numbered per year in date order. The `due` latest ended periods are left without
    certificates, as an office would have them waiting on a Monday morning."""
    ended = sorted((p for p in periods if p.end is not None), key=lambda p: (p.end, p.id))
    waiting = {id(p) for p in ended[-due:]} if due else set()
    issued: list[tuple[dt.date, int, str, PeriodPlan]] = []
    for p in periods:
        done = completes_on(p.start, graduate_months)
        if p.end is not None:
            if id(p) in waiting:
                continue
            # Issued on a working day, the day it ended or soon after; not yet when that
            # day is still to come (then it is due, too).
            day = next_working_day(p.end + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2, 3, 5))))
            if day > today:
                continue
            issued.append((day, p.id, ENDING, p))
            # Graduate status (art. 2 pkt 1a–1b): 6 months, the certificate of ending and,
            # for a KIS, the kontrakt carried out; a CIS status lasts 6 months after the end.
            realised = _contract_status(p) == "realised"
            if p.end >= done and (kind == "cis" and day <= add_months(p.end, 6) or realised):
                issued.append((day, p.id, GRADUATE, p))
    issued.sort(key=lambda d: (d[0], d[1], d[2] != ENDING))
    rows: list[dict[str, Any]] = []
    seq: dict[int, int] = {}
    for day, _, kind, p in issued:
        n = seq[day.year] = seq.get(day.year, 0) + 1
        created = stamp(day, 11)
        rows.append(
            {
                "kind": kind,
                "series": CERTIFICATE_SERIES,
                "year": day.year,
                "seq": n,
                "number": pattern.format(n=n, year=day.year),
                "participant_id": p.person.id,
                "participation_id": p.id,
                "issued_on": day,
                "issued_by": issued_by,
                "snapshot": "{}",  # filled in by demo._write_documents: what was printed
                "override_reason": None,
                "cancelled_at": None,
                "cancel_reason": None,
                "created_at": created,
                "updated_at": created,
            }
        )
    return rows
