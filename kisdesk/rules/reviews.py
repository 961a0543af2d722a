"""Planned reviews of the kontrakt/IPZS (docs/domain.md#kontrakt-ipzs): every `plan_review_months` months from
the start (a setting, default 3), for a CIS also at the end of the trial month."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kisdesk.rules.calendar import add_months

DUE = "due"
OVERDUE = "overdue"


def planned_reviews(
    start: date, last: date, every_months: int, trial_end: date | None = None
) -> list[date]:
    """Review dates of a period from `start` to `last` (its end, or the planned end)."""
    dates = set()
    if trial_end is not None and start < trial_end <= last:
        dates.add(trial_end)
    step = 1
    while every_months > 0:
        day = add_months(start, every_months * step)
        if day > last:
            break
        dates.add(day)
        step += 1
    return sorted(dates)


@dataclass(frozen=True, slots=True)
class ReviewDue:
    planned_on: date
    state: str  # DUE (within the warning window) | OVERDUE (the date has passed)


def next_review(
    planned: Sequence[date], held: Sequence[date], as_of: date, warn_days: int = 14
) -> ReviewDue | None:
    """The review the office owes on `as_of`: the latest planned date up to `warn_days`
    ahead, unless a review was held since `warn_days` before it (an early review counts).
    Overdue once its date has passed; an older missed date is superseded by the next one."""
    window = as_of + timedelta(days=warn_days)
    current = [day for day in planned if day <= window]
    if not current:
        return None
    day = current[-1]
    if any(h >= day - timedelta(days=warn_days) for h in held):
        return None
    return ReviewDue(day, OVERDUE if day < as_of else DUE)


HELD = "held"
PLANNED = "planned"
MISSED = "missed"


@dataclass(frozen=True, slots=True)
class PlannedState:
    planned_on: date
    state: str  # HELD | DUE | OVERDUE | PLANNED (later) | MISSED (superseded by a later date)


def plan_states(
    planned: Sequence[date], held: Sequence[date], as_of: date, warn_days: int = 14
) -> list[PlannedState]:
    """Each planned date with where it stands on `as_of`, as `next_review` sees it: held when
    a review took place from `warn_days` before it until `warn_days` before the next planned
    date; the one owed now is due or overdue; an older date never held is missed (the next
    one supersedes it); the later ones are planned."""
    dates = sorted(planned)
    owed = next_review(dates, held, as_of, warn_days)
    window = as_of + timedelta(days=warn_days)
    out = []
    for i, day in enumerate(dates):
        following = dates[i + 1] if i + 1 < len(dates) else None
        low = day - timedelta(days=warn_days)
        high = following - timedelta(days=warn_days) if following is not None else None
        if any(h >= low and (high is None or h < high) for h in held):
            state = HELD
        elif owed is not None and owed.planned_on == day:
            state = owed.state
        elif day > window:
            state = PLANNED
        else:
            state = MISSED
        out.append(PlannedState(day, state))
    return out
