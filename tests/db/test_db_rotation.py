"""Backup thinning over a simulated year (Anki: 2 days + 12 daily + 10 weekly + 9 monthly)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kisdesk.db.rotation import RotationPolicy, thin

START = dt.datetime(2026, 1, 5, 8, 0)
DEFAULT = RotationPolicy()


def simulate(
    days: int, used: list[bool], policy: RotationPolicy, per_day: int = 3
) -> tuple[list[dt.datetime], list[dt.datetime]]:
    """A year of office days: backups at 10:00, 12:30, 15:00 on days with changes, thinned
    after each backup as the program does. Returns (kept, all ever written)."""
    kept: list[dt.datetime] = []
    written: list[dt.datetime] = []
    for day in range(days):
        if not used[day % len(used)]:
            continue  # nothing changed: no backup that day
        for slot in range(per_day):
            when = START + dt.timedelta(days=day, hours=2 + slot * 2.5)
            written.append(when)
            kept.append(when)
            kept, _ = thin([(t, t) for t in kept], when, policy)
    return sorted(kept), written


def test_a_year_of_daily_use_keeps_about_a_year_in_31_files() -> None:
    kept, written = simulate(365, [True] * 5 + [False] * 2, DEFAULT)
    now = written[-1]
    assert len(written) > 700
    recent = [t for t in kept if t >= now - dt.timedelta(days=2)]
    assert recent == [t for t in written if t >= now - dt.timedelta(days=2)]
    older = [t for t in kept if t < now - dt.timedelta(days=2)]
    assert len(older) <= DEFAULT.daily + DEFAULT.weekly + DEFAULT.monthly
    assert now - min(kept) > dt.timedelta(days=300)  # the oldest reaches back most of a year
    # one for each of the 12 latest office days before the recent ones
    older_days = sorted({t.date() for t in written if t < now - dt.timedelta(days=2)})
    assert {t.date() for t in older} >= set(older_days[-DEFAULT.daily :])


def test_the_newest_is_kept_even_when_nothing_else_is() -> None:
    none = RotationPolicy(recent_days=0, daily=0, weekly=0, monthly=0)
    times = [START + dt.timedelta(days=n) for n in range(10)]
    kept, obsolete = thin([(t, t) for t in times], times[-1] + dt.timedelta(days=3), none)
    assert kept == [times[-1]] and len(obsolete) == 9


def test_a_clock_set_back_deletes_nothing_it_cannot_date() -> None:
    times = [START + dt.timedelta(days=n) for n in range(30)]
    kept, _ = thin([(t, t) for t in times], START - dt.timedelta(days=100), DEFAULT)
    assert kept == sorted(times, reverse=True)  # all "in the future": all recent


when_strategy = st.integers(min_value=0, max_value=400 * 24 * 60).map(
    lambda minutes: START + dt.timedelta(minutes=minutes)
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(when_strategy, min_size=1, max_size=120, unique=True),
    st.integers(0, 3),
    st.integers(0, 14),
    st.integers(0, 12),
    st.integers(0, 12),
)
def test_thinning_properties(
    times: list[dt.datetime], recent: int, daily: int, weekly: int, monthly: int
) -> None:
    policy = RotationPolicy(recent, daily, weekly, monthly)
    now = max(times) + dt.timedelta(hours=1)
    kept, obsolete = thin([(t, t) for t in times], now, policy)
    assert sorted(kept + obsolete) == sorted(times)  # every backup decided once
    assert max(times) in kept
    assert all(t in kept for t in times if t >= now - dt.timedelta(days=recent))
    old_kept = [t for t in kept if t < now - dt.timedelta(days=recent)]
    # the newest is kept on top of the counts, whatever its age
    assert len([t for t in old_kept if t != max(times)]) <= daily + weekly + monthly
    # thinning what was kept deletes nothing more (the program runs it after every backup)
    again, removed = thin([(t, t) for t in kept], now, policy)
    assert removed == [] and sorted(again) == sorted(kept)
    # at most one kept backup per day among the old ones
    days = [t.date() for t in old_kept]
    assert len(days) == len(set(days))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.booleans(), min_size=7, max_size=21))
def test_any_weekly_pattern_of_use_keeps_the_recent_days_and_reaches_back(
    used: list[bool],
) -> None:
    if not any(used):
        used = [True, *used[1:]]
    kept, written = simulate(365, used, DEFAULT, per_day=2)
    now = written[-1]
    assert written[-1] in kept
    assert all(t in kept for t in written if t >= now - dt.timedelta(days=2))
    assert len(kept) <= len([t for t in written if t >= now - dt.timedelta(days=2)]) + 31
    # a backup from at least ~5 months back survives whatever the pattern
    assert now - min(kept) > dt.timedelta(days=150)
