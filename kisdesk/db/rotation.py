"""Which backups to keep: everything recent, then one a day, a week, a month (Anki's thinning).

Anki (rslib/src/collection/backup.rs) keeps all of today and yesterday, then 12 daily,
10 weekly and 9 monthly backups: about a year. Walking from the newest backup to the oldest,
a backup is kept when it is recent, or when it is the newest of a day (while daily places
remain) older than the last kept day, and likewise for weeks and months. The counts come
from the settings (backup_keep_*). A pure function over (timestamp, item) pairs, so it is
tested over a simulated year without touching a disk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True, slots=True)
class RotationPolicy:
    recent_days: int = 2  # keep every backup younger than this
    daily: int = 12
    weekly: int = 10
    monthly: int = 9


def _week(day: dt.date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


def thin(
    backups: Sequence[tuple[dt.datetime, T]], now: dt.datetime, policy: RotationPolicy
) -> tuple[list[T], list[T]]:
    """(kept, obsolete), each newest first. The newest backup is always kept; backups dated
    in the future (a clock set back) count as recent, so a wrong clock never deletes them."""
    ordered = sorted(backups, key=lambda pair: pair[0], reverse=True)
    recent_since = now - dt.timedelta(days=policy.recent_days)
    daily, weekly, monthly = policy.daily, policy.weekly, policy.monthly
    last_day: dt.date | None = None
    last_week: tuple[int, int] | None = None
    last_month: tuple[int, int] | None = None
    kept: list[T] = []
    obsolete: list[T] = []
    for index, (when, item) in enumerate(ordered):
        day = when.date()
        week, month = _week(day), (day.year, day.month)
        if index == 0 or when >= recent_since:
            keep = True
        elif daily > 0 and day != last_day:
            daily -= 1
            keep = True
        elif weekly > 0 and week != last_week:
            weekly -= 1
            keep = True
        elif monthly > 0 and month != last_month:
            monthly -= 1
            keep = True
        else:
            keep = False
        if keep:
            kept.append(item)
            last_day, last_week, last_month = day, week, month
        else:
            obsolete.append(item)
    return kept, obsolete
