"""Participation periods (overlap, end reasons) and graduate status through the database."""

from __future__ import annotations

import datetime as dt

import pytest

from kisdesk.errors import ConflictError, NotFoundError, ValidationError
from kisdesk.services import (
    activities,
    attendance,
    graduates,
    participants,
    participations,
    settings,
)
from kisdesk.services.activities import ActivityData
from tests.pesel import make_pesel


def _person(s, serial=1) -> int:
    return participants.add_participant(
        s,
        participants.ParticipantData(
            "Jan", f"Nowak{serial}", pesel=make_pesel(dt.date(1970, 6, 1), serial)
        ),
    )


def test_periods_do_not_overlap_and_a_second_period_follows(kis):
    with kis.session() as s:
        pid = _person(s)
        first = participations.enroll(s, pid, dt.date(2025, 1, 10), group_id=1)
    with pytest.raises(ConflictError) as err, kis.session() as s:
        participations.enroll(s, pid, dt.date(2025, 6, 1))
    assert err.value.code == "participation.overlap"
    with kis.session() as s:
        participations.end_period(s, first, dt.date(2025, 4, 30), "employment")
        participations.enroll(s, pid, dt.date(2026, 2, 1), group_id=1)
    with kis.read() as s:
        rows = participations.periods_of(s, pid)
    assert [(r.start_on, r.end_on, r.end_reason) for r in rows] == [
        (dt.date(2025, 1, 10), dt.date(2025, 4, 30), "employment"),
        (dt.date(2026, 2, 1), None, None),
    ]
    assert rows[0].too_short is False and rows[0].completes_on == dt.date(2025, 7, 9)


def test_end_before_start_and_unknown_reason_are_refused(kis):
    with kis.session() as s:
        period = participations.enroll(s, _person(s), dt.date(2026, 3, 2))
    with pytest.raises(ValidationError) as err, kis.session() as s:
        participations.end_period(s, period, dt.date(2026, 3, 1), "completed")
    assert err.value.code == "period.end_before_start"
    with pytest.raises(ValidationError), kis.session() as s:
        participations.end_period(s, period, dt.date(2026, 4, 1), "holiday")
    with kis.read() as s:
        assert participations.periods_of(s, 1)[0].end_on is None


def test_programme_shorter_than_three_months_is_flagged(kis):
    with kis.session() as s:
        period = participations.enroll(s, _person(s), dt.date(2026, 3, 2))
        participations.end_period(s, period, dt.date(2026, 4, 15), "resigned")
    with kis.read() as s:
        assert participations.periods_of(s, 1)[0].too_short is True


def test_unknown_group_is_an_error(kis):
    with pytest.raises(NotFoundError), kis.session() as s:
        participations.enroll(s, _person(s), dt.date(2026, 3, 2), group_id=99)


def test_graduate_eligibility_and_month_end_clamp(kis):
    with kis.session() as s:
        a = participations.enroll(s, _person(s, 1), dt.date(2026, 8, 31))
        b = participations.enroll(s, _person(s, 2), dt.date(2026, 1, 15))
        participations.end_period(s, b, dt.date(2026, 5, 14), "resigned")  # only 4 months
    with kis.read() as s:
        report = graduates.graduates(s, as_of=dt.date(2027, 2, 27))
    rows = {r.participation_id: r.result for r in report.rows}
    assert rows[a].completes_on == dt.date(2027, 2, 27) and rows[a].eligible
    assert rows[b].completes_on == dt.date(2026, 7, 14) and not rows[b].eligible
    with kis.read() as s:
        day_before = graduates.graduates(s, as_of=dt.date(2027, 2, 26))
    assert not {r.participation_id: r.result for r in day_before.rows}[a].eligible


def test_months_below_minimum_warn_and_can_block(kis):
    with kis.session() as s:
        period = participations.enroll(s, _person(s), dt.date(2026, 1, 1), group_id=1)
        # enough hours in every month except March (nothing at all there)
        for month in (1, 2, 4, 5, 6):
            for day in (5, 6, 7, 8, 9):
                d = dt.date(2026, month, day)
                if d.weekday() >= 5:
                    continue
                act = activities.add_activity(
                    s,
                    ActivityData(
                        date=d,
                        start_time=dt.time(8),
                        end_time=dt.time(16),
                        kind="group",
                        topic="Warsztaty",
                        group_id=1,
                    ),
                )
                attendance.record_activity(s, act, today=dt.date(2026, 8, 1))
    with kis.read() as s:
        row = graduates.graduates(s, as_of=dt.date(2026, 7, 20)).rows[0].result
    assert row.eligible and not row.blocking
    assert "2026-03" in row.months_below_minimum
    with kis.session() as s:
        settings.set_setting(s, "graduate_requires_monthly_minimum", "tak")
    with kis.read() as s:
        blocked = graduates.graduate_check(s, period, dt.date(2026, 7, 20)).result
    assert blocked.blocking and not blocked.eligible


def test_upcoming_graduates_within_days(kis):
    today = dt.date(2026, 11, 22)
    with kis.session() as s:
        soon = participations.enroll(s, _person(s, 1), dt.date(2026, 6, 10))  # completes 2026-12-09
        participations.enroll(s, _person(s, 2), dt.date(2026, 9, 1))  # completes 2027-02-28
        done = participations.enroll(s, _person(s, 3), dt.date(2026, 1, 2))  # already completed
    with kis.read() as s:
        ids = [r.participation_id for r in graduates.graduates(s, today, within_days=30).rows]
    assert ids == [soon]
    assert done not in ids


def test_graduate_check_of_a_period_not_started_yet(kis):
    with kis.session() as s:
        period = participations.enroll(s, _person(s), dt.date(2027, 5, 4))
    with kis.read() as s:
        row = graduates.graduate_check(s, period, dt.date(2027, 1, 10))
    assert not row.result.eligible and not row.result.complete
    assert row.result.completes_on == dt.date(2027, 11, 3)
