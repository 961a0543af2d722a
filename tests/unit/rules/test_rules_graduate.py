"""Graduate status (kisdesk.rules.graduate, docs/domain.md#graduate-status)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kisdesk.rules.calendar import add_months
from kisdesk.rules.graduate import (
    GraduateResult,
    completes_on,
    completes_within,
    evaluate_graduate,
    full_months,
    months_to_check,
)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2026, 1, 15), date(2026, 7, 14)),  # docs/domain.md#graduate-status example
        (date(2026, 8, 31), date(2027, 2, 27)),  # docs/domain.md#graduate-status month-end clamp
        (date(2027, 8, 31), date(2028, 2, 28)),  # clamped to 29 Feb 2028, minus one day
        (date(2028, 2, 29), date(2028, 8, 28)),  # leap-day start
        (date(2026, 1, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 12, 31)),
        (date(2026, 9, 1), date(2027, 2, 28)),
    ],
)
def test_completes_on(start: date, expected: date) -> None:
    assert completes_on(start, 6) == expected


def test_completes_on_other_settings() -> None:
    assert completes_on(date(2026, 1, 15), 3) == date(2026, 4, 14)
    assert completes_on(date(2026, 1, 15), 12) == date(2027, 1, 14)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_completes_on_properties(start: date) -> None:
    done = completes_on(start, 6)
    assert done >= add_months(start, 5)
    assert done == add_months(start, 6) - timedelta(days=1)
    assert 179 <= (done - start).days <= 183


def test_full_months() -> None:
    assert full_months(date(2026, 1, 15), date(2026, 7, 14)) == [
        (2026, 2),
        (2026, 3),
        (2026, 4),
        (2026, 5),
        (2026, 6),
    ]
    assert full_months(date(2026, 1, 1), date(2026, 2, 28)) == [(2026, 1), (2026, 2)]
    assert full_months(date(2028, 2, 1), date(2028, 2, 28)) == []  # leap February ends on 29
    assert full_months(date(2028, 2, 1), date(2028, 2, 29)) == [(2028, 2)]
    assert full_months(date(2026, 3, 2), date(2026, 3, 31)) == []
    assert full_months(date(2026, 3, 31), date(2026, 3, 1)) == []


def test_months_to_check_ongoing() -> None:
    start = date(2026, 1, 15)
    assert months_to_check(start, None, date(2026, 3, 31)) == [(2026, 2)]  # March not over
    assert months_to_check(start, None, date(2026, 4, 1)) == [(2026, 2), (2026, 3)]
    assert months_to_check(start, None, date(2026, 1, 20)) == []


def test_months_to_check_ended() -> None:
    start = date(2026, 1, 15)
    # ended on the month's last day: checked on that very day
    assert months_to_check(start, date(2026, 3, 31), date(2026, 3, 31)) == [(2026, 2), (2026, 3)]
    assert months_to_check(start, date(2026, 3, 30), date(2026, 6, 1)) == [(2026, 2)]
    # an end date after the date asked about is not reached yet
    assert months_to_check(start, date(2026, 6, 30), date(2026, 4, 10)) == [(2026, 2), (2026, 3)]


def graduate(
    *,
    start: date = date(2026, 1, 15),
    end: date | None = None,
    as_of: date = date(2026, 7, 14),
    below: list[tuple[int, int]] | None = None,
    blocks: bool = False,
) -> GraduateResult:
    return evaluate_graduate(
        start=start,
        end=end,
        as_of=as_of,
        graduate_months=6,
        months_below_minimum=below or [],
        minimum_blocks=blocks,
    )


def test_ongoing_completes_on_completes_on() -> None:
    r = graduate(as_of=date(2026, 7, 14))
    assert (r.completes_on, r.complete, r.eligible) == (date(2026, 7, 14), True, True)
    r = graduate(as_of=date(2026, 7, 13))
    assert (r.complete, r.eligible) == (False, False)


def test_ended_period_uses_end_date() -> None:
    assert graduate(end=date(2026, 7, 14), as_of=date(2026, 9, 1)).eligible is True
    r = graduate(end=date(2026, 7, 13), as_of=date(2026, 9, 1))
    assert (r.complete, r.eligible) == (False, False)
    # clamp example: start 31 Aug 2026 ending 27 Feb 2027 is complete
    r = graduate(start=date(2026, 8, 31), end=date(2027, 2, 27), as_of=date(2027, 3, 1))
    assert (r.completes_on, r.eligible) == (date(2027, 2, 27), True)


def test_end_after_as_of_is_not_reached_yet() -> None:
    r = graduate(end=date(2026, 8, 31), as_of=date(2026, 6, 30))
    assert r.complete is False


def test_months_below_minimum_warn_by_default() -> None:
    r = graduate(below=[(2026, 3), (2026, 2), (2026, 3)])
    assert r.months_below_minimum == ("2026-02", "2026-03")
    assert (r.complete, r.blocking, r.eligible) == (True, False, True)


def test_months_below_minimum_block_when_set() -> None:
    r = graduate(below=[(2026, 3)], blocks=True)
    assert (r.complete, r.blocking, r.eligible) == (True, True, False)
    ok = graduate(below=[], blocks=True)
    assert (ok.blocking, ok.eligible) == (False, True)


def test_completes_within() -> None:
    start = date(2026, 1, 15)  # completes on 14 July 2026
    assert completes_within(start, None, date(2026, 7, 1), 6, 13) is True  # boundary included
    assert completes_within(start, None, date(2026, 7, 1), 6, 12) is False
    assert completes_within(start, None, date(2026, 7, 13), 6, 30) is True
    assert completes_within(start, None, date(2026, 7, 14), 6, 30) is False  # already complete
    assert completes_within(start, date(2026, 9, 1), date(2026, 7, 1), 6, 30) is False
