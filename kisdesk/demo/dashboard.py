"""What the demo office's dashboard shows on its "today" (docs/architecture.md#demo): a few classes of the
last days without attendance yet, and a few people at risk of missing this month's minimum.
These adjust the last two months of the plan before they are written."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from kisdesk.demo.people import PeriodPlan
from kisdesk.demo.schedule import Planned
from kisdesk.demo.words import SICK_NOTE
from kisdesk.rules.calendar import month_bounds
from kisdesk.rules.minimum import required_minutes


def recent_gaps(before: list[Planned], planned: list[Planned], today: dt.date) -> None:
    """Leave a few classes of the last week without marks, as if the paper lists were not
    typed in yet: the dashboard shows them (docs/architecture.md#demo). This month first, so last month's
    report stays complete."""
    week_ago = today - dt.timedelta(days=7)
    groups = len({a.row["group_id"] for a in planned if a.row["kind"] == "group"})
    # One class missing hurts every member's month: with few groups, leave out only one.
    for kind, count in (("group", 2 if groups > 3 else 1), ("individual", 2)):
        recent = [a for a in planned if a.row["kind"] == kind and a.marks and a.day >= week_ago]
        if len(recent) < count:
            recent += [a for a in before if a.row["kind"] == kind and a.marks and a.day >= week_ago]
        recent.sort(key=lambda a: (a.day, a.row["start_time"]), reverse=True)
        chosen: list[Planned] = []
        for a in recent:  # the latest ones, of different groups
            if len(chosen) == count:
                break
            if kind == "group" and any(a.row["group_id"] == c.row["group_id"] for c in chosen):
                continue
            chosen.append(a)
        for a in chosen:
            a.marks = []


def _credit(mark: str, minutes: int | None, length: int) -> int:
    if mark == "present":
        return length
    if mark == "partial":
        return min(minutes or 0, length)
    return 0


def people_at_risk(planned: list[Planned], today: dt.date, minimum: int, hour: int) -> None:
    """Make sure a few people are at risk of missing this month's minimum (docs/domain.md#hours-minimum): even
    every class still planned would not make up for their absences (a long sick leave)."""
    first, _ = month_bounds(today.year, today.month)
    attended: dict[int, int] = defaultdict(int)
    remaining: dict[int, int] = defaultdict(int)
    periods: dict[int, PeriodPlan] = {}
    own: dict[int, list[tuple[Planned, int]]] = defaultdict(list)
    for a in planned:
        for p in a.expected:
            periods[id(p)] = p
            if a.day > today:
                remaining[id(p)] += a.minutes
        for index, (p, mark, minutes, _) in enumerate(a.marks):
            attended[id(p)] += _credit(mark, minutes, a.minutes)
            own[id(p)].append((a, index))
    ongoing = [p for p in periods.values() if p.end is None and p.start <= first]
    required = {
        id(p): required_minutes(today.year, today.month, p.start, p.end, minimum, hour)
        for p in ongoing
    }

    def slack(p: PeriodPlan) -> int:
        return attended[id(p)] + remaining[id(p)] - required[id(p)]

    at_risk = sum(1 for p in ongoing if slack(p) < 0)
    wanted = min(3, max(1, len(ongoing) // 12))
    candidates = sorted(
        (p for p in ongoing if slack(p) >= 0 and remaining[id(p)] < required[id(p)]),
        key=lambda p: (slack(p), p.person.index),
    )
    for p in candidates[: max(0, wanted - at_risk)]:
        for a, index in sorted(own[id(p)], key=lambda x: x[0].day, reverse=True):
            period, mark, minutes, _ = a.marks[index]
            if mark in ("present", "partial"):
                attended[id(p)] -= _credit(mark, minutes, a.minutes)
                a.marks[index] = (period, "excused", None, SICK_NOTE)
            if slack(p) < 0:
                break
