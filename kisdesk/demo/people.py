"""The people of the demo office: staff, participants and their participation periods.

Pure planning with one `random.Random`: nothing here touches the database, so the same
seed always gives the same office (kisdesk.demo.generator writes the plan in bulk).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from kisdesk.demo.words import (
    CIS_TRADES,
    FEMALE_FIRST,
    MALE_FIRST,
    SURNAMES,
    female_surname,
)
from kisdesk.rules.calendar import add_months, is_working_day
from kisdesk.rules.pesel import compose_pesel

DAY = dt.timedelta(days=1)

# KIS end reasons (docs/domain.md#participants) with how often they occur in a rural KIS; the CIS has no
# "moved to CIS" and more people leave for work (its programme is vocational).
KIS_REASONS = (
    ("completed", 50),
    ("employment", 17),
    ("resigned", 12),
    ("removed", 7),
    ("cooperative", 2),
    ("business", 2),
    ("moved_to_cis", 3),
    ("other", 7),
)
CIS_REASONS = (
    ("completed", 45),
    ("employment", 22),
    ("resigned", 12),
    ("removed", 10),
    ("cooperative", 3),
    ("business", 2),
    ("other", 6),
)
# Planned length in months: a KIS kontrakt socjalny often runs 6 or 12 months; a CIS
# participation is a 1-month trial and 11 months (docs/domain.md#cis-periods), sometimes extended.
KIS_PLANNED = ((3, 8), (6, 45), (9, 15), (12, 32))
CIS_PLANNED = ((12, 85), (18, 15))
# Art. 1 ust. 2 categories: mostly long-term unemployed (5), often alcohol (2).
CATEGORY_WEIGHTS = ((5, 58), (2, 16), (4, 8), (8, 7), (1, 5), (6, 4), (3, 2))
EDUCATION_WEIGHTS = (
    ("primary", 24),
    ("lower_secondary", 8),
    ("vocational", 36),
    ("secondary", 20),
    ("post_secondary", 5),
    ("higher", 4),
    ("none", 3),
)


def pick(rng: random.Random, weighted: tuple[tuple[object, int], ...]) -> object:
    """One value of (value, weight) pairs."""
    total = sum(w for _, w in weighted)
    r = rng.random() * total
    for value, weight in weighted:
        r -= weight
        if r < 0:
            return value
    return weighted[-1][0]


def next_working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += DAY
    return day


def previous_working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= DAY
    return day


# --- identification numbers, generated with their checksums ----------------------------


def pesel_for(birth: dt.date, sex: str, serial: int, sex_digit: int) -> str:
    """PESEL of a birth date and sex: the month carries the century, the 10th digit the sex
    (odd for men), the 11th the checksum."""
    return compose_pesel(birth, serial, sex_digit * 2 + (1 if sex == "M" else 0))


def make_nip(rng: random.Random) -> str:
    """A NIP with a valid checksum (weights 6-5-7-2-3-4-5-6-7, mod 11, never 10)."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
        check = sum(w * d for w, d in zip((6, 5, 7, 2, 3, 4, 5, 6, 7), digits, strict=True)) % 11
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def make_regon(rng: random.Random) -> str:
    """A 9-digit REGON with a valid checksum (weights 8-9-2-3-4-5-6-7, mod 11, 10 → 0)."""
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
    check = sum(w * d for w, d in zip((8, 9, 2, 3, 4, 5, 6, 7), digits, strict=True)) % 11 % 10
    return "".join(map(str, digits)) + str(check)


def make_name(rng: random.Random, sex: str) -> tuple[str, str]:
    surname = rng.choice(SURNAMES)
    if sex == "K":
        return rng.choice(FEMALE_FIRST), female_surname(surname)
    return rng.choice(MALE_FIRST), surname


# --- staff ------------------------------------------------------------------------------


@dataclass(slots=True)
class StaffPlan:
    role: str  # leader | social | psychologist | career | lawyer | instructor
    title: str  # the Polish role shown in the staff list
    basis: str  # employment | civil_contract | volunteer | other
    working_time: str
    first_name: str
    last_name: str
    active_from: dt.date
    active_to: dt.date | None = None
    id: int = 0

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def active_on(self, day: dt.date) -> bool:
        return self.active_from <= day and (self.active_to is None or day <= self.active_to)


def plan_staff(
    rng: random.Random, kind: str, opened: dt.date, today: dt.date, groups: int, people: int
) -> list[StaffPlan]:
    """4–8 people: leader, social worker, psychologist, career counsellor, instructors and
    (in a bigger office) a lawyer; over a long history the psychologist changes once."""
    is_cis = kind == "cis"
    roles = [
        (
            "leader",
            "kierownik centrum" if is_cis else "kierownik klubu",
            "employment",
            "pełny etat",
        ),
        ("social", "pracownik socjalny", "employment", "1/2 etatu"),
        ("psychologist", "psycholog", "civil_contract", "10 godz. tygodniowo"),
        ("career", "doradca zawodowy", "civil_contract", "8 godz. tygodniowo"),
    ]
    long_history = (today - opened).days > 4 * 365
    if is_cis:
        # Each workshop has its instructor, all working at the same hours (art. 14: 30–40
        # hours a week), so a big CIS has more staff than the 4–8 of a KIS.
        for k in range(max(groups, 1)):
            trade = CIS_TRADES[k % len(CIS_TRADES)]
            roles.append(("instructor", f"instruktor zawodu – {trade}", "employment", "pełny etat"))
    else:
        roles.append(("instructor", "instruktor terapii zajęciowej", "employment", "3/4 etatu"))
        if groups >= 3:
            roles.append(
                ("instructor", "instruktor reintegracji zawodowej", "employment", "1/2 etatu")
            )
    # At most 8 people in a KIS, the change of psychologist included.
    if (people >= 40 or groups >= 2) and (is_cis or len(roles) < 8 - long_history):
        roles.append(("lawyer", "prawnik", "civil_contract", "4 godz. miesięcznie"))
    staff = []
    for role, title, basis, time in roles:
        sex = "M" if rng.random() < 0.25 else "K"
        first, last = make_name(rng, sex)
        staff.append(StaffPlan(role, title, basis, time, first, last, opened))
    span = (today - opened).days
    if long_history:  # staff turnover over a long history: the psychologist changes
        first_psych = next(s for s in staff if s.role == "psychologist")
        changed = previous_working_day(opened + dt.timedelta(days=span // 2))
        first_psych.active_to = changed - DAY
        first, last = make_name(rng, "K")
        staff.append(
            StaffPlan(
                "psychologist", "psycholog", "civil_contract", "10 godz. tygodniowo",
                first, last, changed,
            )
        )  # fmt: skip
    return staff


# --- participants and participation periods ---------------------------------------------


@dataclass(slots=True)
class PersonPlan:
    index: int
    first_name: str
    last_name: str
    sex: str
    categories: tuple[int, ...]
    birth: dt.date = dt.date.min
    pesel: str = ""
    id: int = 0
    periods: list[PeriodPlan] = field(default_factory=list)


@dataclass(slots=True)
class PeriodPlan:
    person: PersonPlan
    start: dt.date
    planned_end: dt.date
    end: dt.date | None  # None: still ongoing on the demo's "today"
    reason: str | None
    diligence: float  # probability of being present at a class
    group: int = -1
    id: int = 0

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def _categories(rng: random.Random) -> tuple[int, ...]:
    first = int(pick(rng, CATEGORY_WEIGHTS))  # type: ignore[call-overload]
    if rng.random() < 0.3:
        second = 2 if first == 5 else 5
        return tuple(sorted({first, second}))
    return (first,)


def plan_people(rng: random.Random, count: int) -> list[PersonPlan]:
    """`count` fictitious people: names in the form of their sex, art. 1 categories."""
    people = []
    for index in range(count):
        sex = "M" if rng.random() < 0.56 else "K"
        first, last = make_name(rng, sex)
        people.append(PersonPlan(index, first, last, sex, _categories(rng)))
    return people


def assign_births(rng: random.Random, people: list[PersonPlan], today: dt.date) -> None:
    """Birth dates and unique PESELs: 18–64 years old through all their periods."""
    used: set[str] = set()
    for person in people:
        first = person.periods[0].start
        last = person.periods[-1].end or today
        spread = (last - first).days / 365.25
        age = rng.triangular(18.1, max(18.2, 64.5 - spread), 41.0)
        person.birth = first - dt.timedelta(days=int(age * 365.25))
        while True:
            pesel = pesel_for(person.birth, person.sex, rng.randint(0, 999), rng.randint(0, 4))
            if pesel not in used:
                used.add(pesel)
                person.pesel = pesel
                break


def _outcome(
    rng: random.Random, person: PersonPlan, start: dt.date, today: dt.date, kind: str
) -> PeriodPlan:
    months = int(pick(rng, CIS_PLANNED if kind == "cis" else KIS_PLANNED))  # type: ignore[call-overload]
    planned_end = add_months(start, months) - DAY
    reason = str(pick(rng, CIS_REASONS if kind == "cis" else KIS_REASONS))
    length = (planned_end - start).days
    six_months = (add_months(start, 6) - start).days
    if reason == "completed":
        end = planned_end
    else:
        if reason in ("resigned", "other"):
            end = start + dt.timedelta(days=rng.randint(40, min(length, 150)))
        elif reason == "removed":  # persistent absence, before the graduate period is reached
            end = start + dt.timedelta(days=rng.randint(60, min(length, six_months - 10)))
        else:  # found work, joined a cooperative…: any time after the first six weeks
            end = start + dt.timedelta(days=rng.randint(45, length))
        end = max(min(previous_working_day(end), planned_end), start)
    # Most people come regularly; some often miss classes; the removed and the resigned
    # were the ones who came least.
    if reason == "removed":
        diligence = rng.uniform(0.42, 0.68)
    elif reason == "resigned":
        diligence = rng.uniform(0.6, 0.86)
    elif rng.random() < 0.12:
        diligence = rng.uniform(0.6, 0.82)
    else:
        diligence = rng.uniform(0.86, 0.985)
    if end >= today:
        return PeriodPlan(person, start, planned_end, None, None, diligence)
    return PeriodPlan(person, start, planned_end, end, reason, diligence)


def plan_periods(
    rng: random.Random, people: list[PersonPlan], opened: dt.date, today: dt.date, kind: str
) -> list[PeriodPlan]:
    """Periods spread over the history: an opening cohort, then people joining all year
    round; some come back later for a second (rarely a third) period."""
    span = max((today - opened).days, 1)
    mean_stay = 300 if kind == "cis" else 225
    expected_active = min(len(people), len(people) * 1.15 * mean_stay / span)
    cohort = round(expected_active * 0.6) if span > 60 else len(people)
    last_start = max(span - 4, 1)
    latest = previous_working_day(today - DAY)
    for person in people:
        if person.index < cohort:
            offset = rng.randint(0, min(20, last_start))
        else:
            offset = rng.randint(min(14, last_start), last_start)
        start = min(next_working_day(opened + dt.timedelta(days=offset)), latest)
        while True:
            period = _outcome(rng, person, start, today, kind)
            person.periods.append(period)
            chance = 0.15 if len(person.periods) == 1 else 0.05
            if period.end is None or period.reason == "moved_to_cis" or rng.random() >= chance:
                break
            start = next_working_day(period.end + dt.timedelta(days=rng.randint(60, 540)))
            if start >= today - dt.timedelta(days=7):
                break
    assign_births(rng, people, today)
    periods = [p for person in people for p in person.periods]
    periods.sort(key=lambda p: (p.start, p.person.index))
    return periods


def count_groups(periods: list[PeriodPlan], opened: dt.date, today: dt.date) -> int:
    """About one group per 12–15 people at the busiest time of the history."""
    peak = 0
    day = opened
    while day <= today:
        peak = max(peak, sum(1 for p in periods if p.active_on(day)))
        day = add_months(day, 1)
    return max(1, math.ceil(peak / 15))


def assign_groups(periods: list[PeriodPlan], groups: int) -> None:
    """Each newcomer joins the smallest group on the day they start (a returning person
    goes back to their old group when it is not crowded)."""
    members: list[list[PeriodPlan]] = [[] for _ in range(groups)]
    last_group: dict[int, int] = {}
    for period in periods:
        for group in members:
            group[:] = [p for p in group if p.end is None or p.end >= period.start]
        sizes = [len(g) for g in members]
        smallest = min(range(groups), key=lambda g: (sizes[g], g))
        previous = last_group.get(period.person.index)
        chosen = (
            previous
            if previous is not None and sizes[previous] <= sizes[smallest] + 2
            else smallest
        )
        period.group = chosen
        members[chosen].append(period)
        last_group[period.person.index] = chosen
