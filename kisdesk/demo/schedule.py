"""The demo office's journal: weekly group classes, individual counselling and attendance.

Month by month, with one `random.Random`: each group meets 2–3 times a week for 3–5 hours
(a CIS workshop every working day, art. 14: 30–40 hours a week), each participant sees the
psychologist and the career counsellor a few times a month, and every class held before
"today" has a mark for each member (mostly present, some absences, a few partial).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from kisdesk.demo.people import DAY, PeriodPlan, StaffPlan
from kisdesk.demo.words import (
    ABSENCE_NOTES,
    CIS_WORKSHOP_FORM,
    CIS_WORKSHOPS,
    GROUP_FORMS,
    INDIVIDUAL,
    PARTIAL_NOTES,
    SICK_NOTE,
)
from kisdesk.rules.calendar import is_working_day, month_bounds

DAY_NAMES = ("poniedziałkowa", "wtorkowa", "środowa", "czwartkowa", "piątkowa")
# Weekdays a KIS group meets on (2 or 3 a week), by the day it is named after.
KIS_WEEKS = (((0, 2), (0, 2, 4)), ((1, 3), (1, 3, 4)), ((2, 4), (2, 3, 4)), ((0, 3), (0, 3, 4)), ((1, 4), (1, 2, 4)))  # fmt: skip


def roman(n: int) -> str:
    """1 → "", 2 → " II", 14 → " XIV": the suffix of the n-th group named after one day."""
    if n <= 1:
        return ""
    digits = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
    text = ""
    for value, letters in digits:
        while n >= value:
            text, n = text + letters, n - value
    return " " + text


SESSION_MINUTES = 60  # individual counselling: one hour


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def _stamp(day: dt.date, minutes: int) -> dt.datetime:
    return dt.datetime.combine(day, _time(minutes))


@dataclass(slots=True)
class GroupPlan:
    name: str
    index: int
    weekdays: tuple[int, ...]
    afternoon: bool
    workshop: tuple[str, tuple[str, ...]] | None = None  # CIS: name and topics
    periods: list[PeriodPlan] = field(default_factory=list)
    id: int = 0
    # year → {weekday: (start minute, length)}; drawn when the year is first needed
    timetable: dict[int, dict[int, tuple[int, int]]] = field(default_factory=dict)


def plan_groups(rng: random.Random, count: int, kind: str) -> list[GroupPlan]:
    groups = []
    for k in range(count):
        suffix = roman(1 + (k // 5 if kind == "kis" else k // len(CIS_WORKSHOPS)))
        if kind == "cis":
            workshop = CIS_WORKSHOPS[k % len(CIS_WORKSHOPS)]
            groups.append(GroupPlan(workshop[0] + suffix, k, (0, 1, 2, 3, 4), False, workshop))
        else:
            weekdays = rng.choice(KIS_WEEKS[k % 5])
            name = f"Grupa {DAY_NAMES[k % 5]}{suffix}"
            groups.append(GroupPlan(name, k, weekdays, (k // 5) % 2 == 1))
    return groups


@dataclass(slots=True)
class Planned:
    """One activity of the journal with who is expected and the marks to record."""

    row: dict[str, Any]
    staff_ids: tuple[int, ...]
    day: dt.date
    minutes: int
    expected: list[PeriodPlan]
    marks: list[tuple[PeriodPlan, str, int | None, str]] = field(default_factory=list)
    id: int = 0


class Scheduler:
    def __init__(
        self,
        rng: random.Random,
        kind: str,
        today: dt.date,
        groups: list[GroupPlan],
        periods: list[PeriodPlan],
        staff: list[StaffPlan],
        areas: dict[str, str],
        place: str,
        village: str,
        partner: str,
    ) -> None:
        self.rng, self.kind, self.today = rng, kind, today
        self.groups, self.periods, self.staff, self.areas = groups, periods, staff, areas
        self.place, self.village, self.partner = place, village, partner
        self.forms = [
            (form, role, weight, [self._topic(t) for t in topics])
            for form, role, weight, topics in GROUP_FORMS
        ]
        self.weights = [weight for _, _, weight, _ in self.forms]
        self.booked: dict[tuple[int, dt.date], list[tuple[int, int]]] = {}
        # Group minutes a KIS plans in a month: the 40-hour minimum (docs/domain.md#hours-minimum) and a margin.
        self.planned_minutes = 2250

    @staticmethod
    def _topic(text: str) -> tuple[str, frozenset[int] | None]:
        topic, _, months = text.partition("@")
        return topic, (frozenset(int(m) for m in months.split(",")) if months else None)

    # --- staff ---------------------------------------------------------------------------

    def _free(self, staff: StaffPlan, day: dt.date, start: int, length: int) -> bool:
        return all(
            start + length <= s or e <= start for s, e in self.booked.get((staff.id, day), ())
        )

    def _leader(self, role: str, day: dt.date, start: int, length: int) -> StaffPlan | None:
        candidates = [s for s in self.staff if s.role == role and s.active_on(day)]
        self.rng.shuffle(candidates)
        for staff in candidates:
            if self._free(staff, day, start, length):
                self.booked.setdefault((staff.id, day), []).append((start, start + length))
                return staff
        return None

    # --- group classes ------------------------------------------------------------------

    def _timetable(self, group: GroupPlan, year: int) -> dict[int, tuple[int, int]]:
        table = group.timetable.get(year)
        if table is None:
            rng = self.rng
            if group.workshop is not None:  # CIS: 7:30–14:30, Friday shorter
                table = {d: (450, 360 if d == 4 else 420) for d in group.weekdays}
            else:
                lengths = (270, 300) if len(group.weekdays) == 2 else (180, 210)
                start = rng.choice((720, 750) if group.afternoon else (510, 540))
                table = {d: (start, rng.choice(lengths)) for d in group.weekdays}
            group.timetable[year] = table
        return table

    def _class_days(
        self, group: GroupPlan, year: int, days: list[dt.date], first: dt.date, last: dt.date
    ) -> list[tuple[dt.date, int, int]]:
        """(day, start, length) of the group's classes in a month. A KIS plans a margin over
        the monthly minimum (docs/domain.md#hours-minimum): a class lost to a public holiday is made up on the
        next free working day, and a short month gets an extra class."""
        table = self._timetable(group, year)
        classes = [(d, *table[d.weekday()]) for d in days if d.weekday() in table]
        if group.workshop is not None:
            return classes
        total = sum(length for _, _, length in classes)
        taken = {d for d, _, _ in classes}
        start, length = table[group.weekdays[0]]
        calendar = [first + DAY * i for i in range(last.day)]
        lost = [d for d in calendar if d.weekday() in table and d not in days]
        wanted = [next((x for x in days if x > d and x not in taken), None) for d in lost]
        free = [d for d in days if d not in taken]
        while total < self.planned_minutes and (wanted or free):
            day = wanted.pop(0) if wanted else free.pop(self.rng.randrange(len(free)))
            if day is None or day in taken:
                continue
            classes.append((day, start, length))
            taken.add(day)
            total += length
        return sorted(classes)

    def _group_class(
        self, group: GroupPlan, day: dt.date, start: int, length: int
    ) -> tuple[str, str, StaffPlan | None, str, str]:
        """(form, topic, leader, place, partner) of one class."""
        rng = self.rng
        if group.workshop is not None and day.weekday() != 4:
            instructor = None
            for role in ("instructor", "career", "social", "leader"):
                instructor = instructor or self._leader(role, day, start, length)
            return CIS_WORKSHOP_FORM, rng.choice(group.workshop[1]), instructor, self.place, ""
        leader: StaffPlan | None = None
        for _ in range(6):  # a form whose topic fits the season and whose leader is free
            form, role, _, topics = rng.choices(self.forms, weights=self.weights)[0]
            fitting = [t for t, months in topics if months is None or day.month in months]
            if fitting:
                leader = self._leader(role, day, start, length)
                if leader is not None:
                    break
        for fallback in ("leader", "social", "instructor", "career", "psychologist"):
            leader = leader or self._leader(fallback, day, start, length)  # whoever is free
        topic = rng.choice(fitting) if fitting else "Zajęcia integracyjne"
        place, partner = self.place, ""
        if form == "prace społecznie użyteczne":
            place = f"świetlica wiejska – {self.village}"
        elif form == "kurs zawodowy":
            place = partner = self.partner
        return form, topic, leader, place, partner

    def _activity(
        self,
        day: dt.date,
        start: int,
        length: int,
        kind: str,
        form: str,
        topic: str,
        *,
        group: GroupPlan | None = None,
        period: PeriodPlan | None = None,
        place: str = "",
        partner: str = "",
        note: str = "",
    ) -> dict[str, Any]:
        # Entered in the journal after the class; a planned one at the start of its month.
        created = (
            _stamp(day, start + length + 30)
            if day < self.today
            else _stamp(day.replace(day=1), 480)
        )
        return {
            "date": day,
            "start_time": _time(start),
            "end_time": _time(start + length),
            "minutes": length,
            "kind": kind,
            "area": self.areas.get(form, "social"),
            "form": form,
            "topic": topic,
            "place": place,
            "partner": partner,
            "group_id": group.id if group is not None else None,
            "participant_id": period.person.id if period is not None else None,
            "note": note,
            "created_at": created,
            "updated_at": created,
        }

    # --- marks --------------------------------------------------------------------------

    def _mark(
        self,
        period: PeriodPlan,
        day: dt.date,
        length: int,
        sick: dict[int, tuple[dt.date, dt.date]],
        bonus: float = 0.0,
    ) -> tuple[str, int | None, str]:
        rng = self.rng
        spell = sick.get(id(period))
        if spell is not None and spell[0] <= day <= spell[1]:
            return "excused", None, SICK_NOTE
        if period.reason == "removed" and period.end is not None and (period.end - day).days < 21:
            return "absent", None, ""  # the lasting absence that led to the removal
        if rng.random() < period.diligence + bonus:
            if length > 60 and rng.random() < 0.035:
                return "partial", length - rng.choice((15, 30, 45, 60)), rng.choice(PARTIAL_NOTES)
            return "present", None, ""
        if rng.random() < 0.55:
            return "excused", None, rng.choice(ABSENCE_NOTES) if rng.random() < 0.5 else ""
        return "absent", None, ""

    # --- a month ------------------------------------------------------------------------

    def month(self, year: int, month: int) -> list[Planned]:
        first, last = month_bounds(year, month)
        rng, today = self.rng, self.today
        self.booked = {}
        days = [first + DAY * i for i in range(last.day) if is_working_day(first + DAY * i)]
        present = [p for p in self.periods if p.start <= last and (p.end is None or p.end >= first)]
        sick: dict[int, tuple[dt.date, dt.date]] = {}
        for p in present:  # a week or two of sick leave now and then
            if rng.random() < 0.03:
                begin = first + DAY * rng.randrange(last.day)
                sick[id(p)] = (begin, begin + DAY * rng.randint(4, 12))
        planned: list[Planned] = []
        class_days: dict[int, dict[dt.date, int]] = {}  # group → day → end minute
        for group in self.groups:
            members = [
                p for p in group.periods if p.start <= last and (p.end is None or p.end >= first)
            ]
            if not members:
                continue
            ends = class_days.setdefault(group.index, {})
            for day, start, length in self._class_days(group, year, days, first, last):
                expected = [p for p in members if p.active_on(day)]
                if not expected:
                    continue
                form, topic, leader, place, partner = self._group_class(group, day, start, length)
                row = self._activity(
                    day,
                    start,
                    length,
                    "group",
                    form,
                    topic,
                    group=group,
                    place=place,
                    partner=partner,
                )
                item = Planned(row, (leader.id,) if leader else (), day, length, expected)
                if day < today:
                    item.marks = [(p, *self._mark(p, day, length, sick)) for p in expected]
                planned.append(item)
                ends[day] = start + length
        for p in present:
            planned.extend(self._sessions(p, days, first, last, class_days.get(p.group, {}), sick))
        return planned

    def _sessions(
        self,
        period: PeriodPlan,
        days: list[dt.date],
        first: dt.date,
        last: dt.date,
        class_ends: dict[dt.date, int],
        sick: dict[int, tuple[dt.date, dt.date]],
    ) -> list[Planned]:
        rng = self.rng
        mine = [d for d in days if period.active_on(d)]
        if not mine:
            return []
        share = len(mine) / len(days)
        cis = self.kind == "cis"
        wanted = ["psychologist"] * rng.choice((0, 1, 1) if cis else (1, 1, 2, 2, 2))
        wanted += ["career"] * rng.choice((1, 1, 2))
        if rng.random() < (0.3 if cis else 0.4):
            wanted.append("social")
        if rng.random() < 0.08:
            wanted.append("lawyer")
        free_days = [d for d in mine if d not in class_ends] or mine
        result = []
        for role in wanted:
            if rng.random() > share:
                continue  # part of the month only: fewer sessions
            for _ in range(3):
                day = rng.choice(free_days)
                after = class_ends.get(day)
                start = after + 15 if after is not None else rng.choice((540, 600, 660, 720, 780))
                if start + SESSION_MINUTES > 18 * 60:
                    continue
                staff = self._leader(role, day, start, SESSION_MINUTES)
                if staff is None:
                    continue
                form, topics, notes = INDIVIDUAL[role]
                past = day < self.today
                row = self._activity(
                    day, start, SESSION_MINUTES, "individual", form, rng.choice(topics),
                    period=period, place="pokój konsultacji", note=rng.choice(notes) if past else "",
                )  # fmt: skip
                item = Planned(row, (staff.id,), day, SESSION_MINUTES, [period])
                if past:
                    item.marks = [(period, *self._mark(period, day, SESSION_MINUTES, sick, 0.05))]
                result.append(item)
                break
        return result
