"""The office of the walk-through: its people, its classes and topics, who is absent when.

Everything the user types comes from here (names, PESEL numbers, dates, topics, the
exceptions on the signed lists), and so does what the figures must be at the end.
A KIS (45-minute teaching hour) with two groups of 15; the first month is two months before
today's, the steady month the one before today's (typed in the first days of this one, as
offices do with the signed lists).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kisdesk.rules.calendar import is_working_day, month_bounds

GROUP_A, GROUP_B = "Grupa poranna", "Grupa popołudniowa"
TIMES = {GROUP_A: ("09:00", "12:00"), GROUP_B: ("13:00", "16:00")}
CLASS_MINUTES = 180  # 9:00–12:00 and 13:00–16:00: 4 teaching hours of 45 minutes
CLASSES_PER_MONTH = 16
EXCEPTIONS = 0.10

# (first name, surname, sex, birth date): 30 at the start, 3 joining in the steady month
PEOPLE = [
    ("Anna", "Kowalska", "K", dt.date(1984, 3, 12)),
    ("Tomasz", "Nowak", "M", dt.date(1979, 11, 3)),
    ("Katarzyna", "Wiśniewska", "K", dt.date(1990, 6, 21)),
    ("Piotr", "Wójcik", "M", dt.date(1975, 1, 30)),
    ("Magdalena", "Kamińska", "K", dt.date(1988, 9, 9)),
    ("Krzysztof", "Lewandowski", "M", dt.date(1969, 4, 17)),
    ("Agnieszka", "Zielińska", "K", dt.date(1993, 12, 1)),
    ("Marek", "Szymański", "M", dt.date(1982, 7, 25)),
    ("Barbara", "Woźniak", "K", dt.date(1971, 2, 14)),
    ("Paweł", "Dąbrowski", "M", dt.date(1986, 10, 6)),
    ("Ewa", "Kozłowska", "K", dt.date(1977, 5, 28)),
    ("Michał", "Jankowski", "M", dt.date(1995, 8, 19)),
    ("Joanna", "Mazur", "K", dt.date(1983, 1, 7)),
    ("Andrzej", "Kwiatkowski", "M", dt.date(1966, 3, 23)),
    ("Monika", "Krawczyk", "K", dt.date(1991, 11, 11)),
    ("Grzegorz", "Piotrowski", "M", dt.date(1973, 6, 2)),
    ("Beata", "Grabowska", "K", dt.date(1980, 4, 15)),
    ("Łukasz", "Nowakowski", "M", dt.date(1992, 9, 30)),
    ("Dorota", "Pawłowska", "K", dt.date(1968, 12, 20)),
    ("Jacek", "Michalski", "M", dt.date(1985, 2, 8)),
    ("Renata", "Nowicka", "K", dt.date(1976, 7, 4)),
    ("Robert", "Adamczyk", "M", dt.date(1989, 5, 16)),
    ("Iwona", "Dudek", "K", dt.date(1994, 10, 27)),
    ("Dariusz", "Zając", "M", dt.date(1972, 8, 13)),
    ("Elżbieta", "Wieczorek", "K", dt.date(1964, 1, 19)),
    ("Sławomir", "Jabłoński", "M", dt.date(1981, 3, 5)),
    ("Aleksandra", "Król", "K", dt.date(1997, 6, 24)),
    ("Wojciech", "Majewski", "M", dt.date(1978, 11, 29)),
    ("Halina", "Olszewska", "K", dt.date(1970, 9, 10)),
    ("Mariusz", "Jaworski", "M", dt.date(1987, 12, 18)),
    ("Sylwia", "Wróbel", "K", dt.date(1990, 2, 3)),
    ("Zbigniew", "Malinowski", "M", dt.date(1974, 4, 22)),
    ("Karolina", "Pawlak", "K", dt.date(1996, 8, 7)),
]
FIRST_MONTH_PEOPLE = 30
GROUP_OF = {i: GROUP_A if i < 15 else GROUP_B for i in range(FIRST_MONTH_PEOPLE)}
JOINING = {30: GROUP_A, 31: GROUP_A, 32: GROUP_B}  # with the day of the steady month below
JOIN_DAY = {30: 10, 31: 10, 32: 17}
LEAVING = {2: "employment", 7: "resigned", 19: "employment"}  # index: reason
LEAVE_DAY = {2: 13, 7: 6, 19: 20}

TOPICS = {
    ("first", GROUP_A): [
        "Zasady pracy w grupie",
        "Autoprezentacja",
        "Mocne strony i zasoby",
        "Komunikacja werbalna",
        "Komunikacja niewerbalna",
        "Aktywne słuchanie",
        "Asertywność w pracy",
        "Radzenie sobie ze stresem",
        "Rynek pracy w powiecie",
        "Pisanie CV",
        "List motywacyjny",
        "Rozmowa kwalifikacyjna",
        "Budżet domowy",
        "Prawa pracownika",
        "Bezpieczeństwo w sieci",
        "Podsumowanie miesiąca",
    ],
    ("first", GROUP_B): [
        "Poznajmy się",
        "Cele na najbliższe miesiące",
        "Praca zespołowa",
        "Rozwiązywanie konfliktów",
        "Obsługa komputera",
        "Poczta elektroniczna",
        "Urzędy przez internet",
        "Profil zaufany",
        "Szukanie ofert pracy",
        "Kontakt z pracodawcą",
        "Gospodarowanie pieniędzmi",
        "Zdrowe żywienie",
        "Prace porządkowe",
        "Pierwsza pomoc",
        "Wyjście do muzeum",
        "Podsumowanie miesiąca",
    ],
    ("steady", GROUP_A): [
        "Motywacja do zmiany",
        "Planowanie dnia",
        "Zarządzanie czasem",
        "Savoir-vivre w pracy",
        "Umowa o pracę",
        "Umowa zlecenie",
        "Konto w banku",
        "Kredyty i chwilówki",
        "Przygotowanie do rozmowy",
        "Symulacja rozmowy",
        "Kursy i szkolenia",
        "Wolontariat",
        "Prace w ogrodzie",
        "Obsługa kasy fiskalnej",
        "Wizyta w urzędzie pracy",
        "Podsumowanie miesiąca",
    ],
    ("steady", GROUP_B): [
        "Emocje i ich wyrażanie",
        "Krytyka i pochwała",
        "Negocjacje",
        "Praca w zespole",
        "Edytor tekstu",
        "Arkusz kalkulacyjny",
        "Zakupy przez internet",
        "Oszustwa telefoniczne",
        "Oferty pracy w sieci",
        "Agencje pracy",
        "Planowanie zakupów",
        "Gotowanie z małym budżetem",
        "Drobne naprawy w domu",
        "Higiena pracy",
        "Wyjście do teatru",
        "Podsumowanie miesiąca",
    ],
}


def pesel(birth: dt.date, serial: int, sex: str) -> str:
    month = birth.month + (20 if birth.year >= 2000 else 0)
    sex_digit = (serial % 5) * 2 + (1 if sex == "M" else 0)
    digits = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial % 1000:03d}{sex_digit}"
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10) % 10
    return digits + str(check)


def shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class Month:
    key: str  # "first" or "steady"
    year: int
    month: int

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def class_days(self) -> list[dt.date]:
        """16 working days, Monday to Thursday first (a Friday only when a holiday takes one)."""
        first, last = month_bounds(self.year, self.month)
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        working = [d for d in days if is_working_day(d)]
        chosen = [d for d in working if d.weekday() < 4][:CLASSES_PER_MONTH]
        fridays = [d for d in working if d.weekday() == 4]
        chosen = sorted(chosen + fridays[: CLASSES_PER_MONTH - len(chosen)])
        assert len(chosen) == CLASSES_PER_MONTH
        return chosen


def months(today: dt.date, chosen: str = "") -> tuple[Month, Month]:
    """The month before today's is the steady one, the one before it the first; `chosen`
    ("2025-12,2026-01") names two past months instead."""
    if chosen:
        first_text, steady_text = chosen.split(",")
        first = tuple(int(x) for x in first_text.split("-"))
        steady = tuple(int(x) for x in steady_text.split("-"))
        assert steady < (today.year, today.month), "the steady month must have ended"
        return Month("first", *first), Month("steady", *steady)
    steady = shift(today.year, today.month, -1)
    first = shift(*steady, -1)
    return Month("first", *first), Month("steady", *steady)


@dataclass(frozen=True)
class Person:
    index: int
    first: str
    last: str
    sex: str
    pesel: str
    group: str
    start: dt.date
    end: dt.date | None

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def people(first: Month, steady: Month) -> list[Person]:
    result = []
    for i, (name, surname, sex, birth) in enumerate(PEOPLE):
        if i < FIRST_MONTH_PEOPLE:
            group, start = GROUP_OF[i], first.first_day
        else:
            group, start = JOINING[i], dt.date(steady.year, steady.month, JOIN_DAY[i])
        end = dt.date(steady.year, steady.month, LEAVE_DAY[i]) if i in LEAVING else None
        result.append(Person(i, name, surname, sex, pesel(birth, 100 + i, sex), group, start, end))
    return result


def in_period(person: Person, day: dt.date) -> bool:
    return person.start <= day and (person.end is None or day <= person.end)


def absences(month: Month, group: str, everyone: list[Person]) -> list[tuple[Person, dt.date]]:
    """10 % of the group's (person, class) cells of the month, the same on every run."""
    rng = random.Random(f"{month.key}-{group}")
    cells = [
        (p, d) for d in month.class_days() for p in everyone if p.group == group and in_period(p, d)
    ]
    return sorted(
        rng.sample(cells, round(len(cells) * EXCEPTIONS)), key=lambda c: (c[1], c[0].last)
    )


def expected_hours(
    month: Month, person: Person, absent: set[tuple[int, dt.date]], hour_minutes: int
) -> float:
    held = [d for d in month.class_days() if in_period(person, d)]
    attended = sum(1 for d in held if (person.index, d) not in absent)
    return attended * CLASS_MINUTES / hour_minutes


RETYPED_PER_GROUP = 4  # of the 16 copied classes, the topics the programme changes


def retyped_topics(copied: list[tuple[dt.date, str]], group: str) -> dict[dt.date, str]:
    """Which of the steady month's copied classes (date and the topic copied, in date order)
    get a new topic, and which: a class whose copied topic repeats an earlier one's first
    (a weekday the month has five times takes the last week's class again), then every
    fourth class from the third, until 4; the new texts are the steady month's topics not
    already among the copied ones, in order. Every class of the month keeps its own topic."""
    seen: set[str] = set()
    chosen: list[int] = []
    for n, (_day, topic) in enumerate(copied):
        if topic in seen:
            chosen.append(n)
        seen.add(topic)
    for n in range(2, len(copied), 4):
        if n not in chosen:
            chosen.append(n)
    chosen = sorted(chosen[:RETYPED_PER_GROUP])
    pool = [t for t in TOPICS[("steady", group)] if t not in seen]
    return {copied[n][0]: pool[i] for i, n in enumerate(chosen)}
