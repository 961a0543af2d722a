"""The month report through the database: SQL sums judged by the rules (docs/domain.md#hours-minimum, docs/domain.md#cis-weekly)."""

from __future__ import annotations

import datetime as dt

import pytest

from kisdesk.services import activities, attendance, groups, hours, participants, participations
from kisdesk.services.activities import ActivityData
from tests.pesel import make_pesel

T9, T12, T13, T17 = dt.time(9), dt.time(12), dt.time(13), dt.time(17)
MARCH_END = dt.date(2027, 3, 31)


def _person(s, serial: int, start: dt.date, group_id: int | None = 1, end=None) -> int:
    pid = participants.add_participant(
        s,
        participants.ParticipantData(
            f"Osoba{serial}", "Testowa", pesel=make_pesel(dt.date(1985, 1, 1), serial)
        ),
    )
    period = participations.enroll(s, pid, start, group_id=group_id)
    if end is not None:
        participations.end_period(s, period, end, "completed")
    return pid


def _class(s, day: dt.date, start=T9, end=T17, group_id=1, participant_id=None) -> int:
    kind = "group" if participant_id is None else "individual"
    return activities.add_activity(
        s,
        ActivityData(
            date=day,
            start_time=start,
            end_time=end,
            kind=kind,
            topic="Warsztaty",
            group_id=group_id if participant_id is None else None,
            participant_id=participant_id,
        ),
    )


def _row(report: hours.MonthReport, participant_id: int) -> hours.MonthRow:
    (row,) = [r for r in report.rows if r.totals.participant_id == participant_id]
    return row


def test_spec_worked_example_joined_mid_march_2027(kis):
    """Started 2027-03-15: 12 of March's 22 working days → 982 minutes required."""
    with kis.session() as s:
        pid = _person(s, 1, dt.date(2027, 3, 15))
    with kis.read() as s:
        report = hours.month_report(s, 2027, 3, as_of=dt.date(2027, 3, 20))
    row = _row(report, pid)
    assert row.result.required_minutes == 982
    assert row.result.status == "in_progress"
    assert row.result.offer_short  # nothing planned at all yet


def test_attended_scheduled_and_statuses(kis):
    with kis.session() as s:
        a = _person(s, 1, dt.date(2027, 3, 1))
        b = _person(s, 2, dt.date(2027, 3, 1))
        days = [dt.date(2027, 3, d) for d in (2, 3, 4, 9, 10, 11, 16, 17)]  # 8 × 8 h = 3840 min
        ids = [_class(s, d) for d in days]
        today = dt.date(2027, 4, 1)
        for i, activity_id in enumerate(ids):
            # a: present everywhere; b: absent at 5 classes, partial 90 min once
            absent = [b] if i < 5 else []
            partial = {b: 90} if i == 5 else {}
            attendance.record_activity(s, activity_id, absent=absent, partial=partial, today=today)
    with kis.read() as s:
        report = hours.month_report(s, 2027, 3, as_of=MARCH_END + dt.timedelta(days=1))
    ra, rb = _row(report, a).result, _row(report, b).result
    assert (ra.scheduled_minutes, ra.attended_minutes, ra.status) == (3840, 3840, "met")
    assert rb.attended_minutes == 90 + 2 * 480
    assert rb.status == "short" and rb.missing_minutes == 1800 - 1050
    assert not rb.offer_short  # the office planned enough; the participant was absent


def test_future_classes_count_as_scheduled_not_attended_and_at_risk(kis):
    with kis.session() as s:
        a = _person(s, 1, dt.date(2027, 3, 1))
        past = _class(s, dt.date(2027, 3, 2))
        _class(s, dt.date(2027, 3, 30), T9, T12)  # planned, 180 min
        attendance.record_activity(s, past, today=dt.date(2027, 3, 10))
    with kis.read() as s:
        row = _row(hours.month_report(s, 2027, 3, as_of=dt.date(2027, 3, 10)), a)
    assert row.result.attended_minutes == 480
    assert row.result.remaining_scheduled_minutes == 180
    assert row.result.status == "in_progress"
    assert row.at_risk  # 480 + 180 < 1800


def test_partial_minutes_are_capped_by_a_shortened_activity(kis):
    with kis.session() as s:
        a = _person(s, 1, dt.date(2027, 3, 1))
        act = _class(s, dt.date(2027, 3, 2))
        attendance.set_mark(s, act, a, "partial", 300, today=dt.date(2027, 4, 1))
        row = activities.get_activity(s, act)
        activities.update_activity(
            s,
            act,
            ActivityData(
                date=row.date, start_time=T9, end_time=T12, kind="group", topic="x", group_id=1
            ),
        )
    with kis.read() as s:
        assert (
            _row(hours.month_report(s, 2027, 3, as_of=MARCH_END), a).result.attended_minutes == 180
        )


def test_only_days_inside_the_participation_count(kis):
    """Classes before the start or after the end do not count for that period."""
    with kis.session() as s:
        a = _person(s, 1, dt.date(2027, 3, 10), end=dt.date(2027, 3, 20))
        for d in (3, 12, 25):
            _class(s, dt.date(2027, 3, d))
        for act in activities.list_activities(s, 2027, 3):
            if dt.date(2027, 3, 10) <= act.date <= dt.date(2027, 3, 20):
                attendance.record_activity(s, act.id, today=dt.date(2027, 4, 1))
    with kis.read() as s:
        row = _row(hours.month_report(s, 2027, 3, as_of=dt.date(2027, 4, 1)), a)
    assert row.result.scheduled_minutes == 480
    assert row.result.attended_minutes == 480
    # Wed 10 – Fri 19 March: 8 working days of 22 → round(1800·8/22) = round(654.5) = 655
    assert row.result.required_minutes == 655
    assert row.result.status == "short"


def test_two_periods_in_one_month_are_separate_rows(kis):
    with kis.session() as s:
        a = _person(s, 1, dt.date(2027, 2, 1), end=dt.date(2027, 3, 5))
        participations.enroll(s, a, dt.date(2027, 3, 22), group_id=1)
        for d in (3, 23):
            act = _class(s, dt.date(2027, 3, d))
            attendance.record_activity(s, act, today=dt.date(2027, 4, 1))
    with kis.read() as s:
        rows = [
            r
            for r in hours.month_report(s, 2027, 3, as_of=MARCH_END).rows
            if r.totals.participant_id == a
        ]
    assert [r.result.attended_minutes for r in rows] == [480, 480]
    assert rows[0].totals.end_on == dt.date(2027, 3, 5)


def test_individual_sessions_and_guest_marks_count(kis):
    with kis.session() as s:
        other = groups.add_group(s, "Grupa środowa")
        a = _person(s, 1, dt.date(2027, 3, 1))
        _class(s, dt.date(2027, 3, 2), T13, dt.time(14), participant_id=a)
        guest_class = _class(s, dt.date(2027, 3, 3), T9, T12, group_id=other)
        attendance.set_mark(s, guest_class, a, "present", today=dt.date(2027, 4, 1))
        for act in activities.list_activities(s, 2027, 3, participant_id=a):
            attendance.record_activity(s, act.id, today=dt.date(2027, 4, 1))
    with kis.read() as s:
        row = _row(hours.month_report(s, 2027, 3, as_of=MARCH_END), a)
    assert (row.result.scheduled_minutes, row.result.attended_minutes) == (240, 240)


def test_group_filter_and_the_hour_setting(kis):
    from kisdesk.services import settings

    with kis.session() as s:
        other = groups.add_group(s, "Grupa środowa")
        a = _person(s, 1, dt.date(2027, 3, 1))
        _person(s, 2, dt.date(2027, 3, 1), group_id=other)
        settings.set_setting(s, "hour_minutes", 60)
    with kis.read() as s:
        report = hours.month_report(s, 2027, 3, as_of=MARCH_END, group_id=1)
    assert [r.totals.participant_id for r in report.rows] == [a]
    assert report.rows[0].result.required_minutes == 40 * 60


def test_cis_week_over_the_limit(kis):
    with kis.session() as s:
        a = _person(s, 1, dt.date(2027, 3, 1))
        for d in range(8, 13):  # Mon–Fri, 9:00–18:00 = 9 h a day → 45 h
            act = _class(s, dt.date(2027, 3, d), T9, dt.time(18))
            attendance.record_activity(s, act, today=dt.date(2027, 4, 1))
    with kis.read() as s:
        report = hours.week_report(s, 2027, 10, as_of=dt.date(2027, 3, 15))
    (row,) = report.rows
    assert row.totals.participant_id == a
    assert row.result.attended_minutes == 45 * 60
    assert row.result.status == "over"


@pytest.mark.parametrize("mark", ["excused", "absent"])
def test_absences_give_no_minutes(kis, mark):
    with kis.session() as s:
        a = _person(s, 1, dt.date(2027, 3, 1))
        act = _class(s, dt.date(2027, 3, 2))
        attendance.set_mark(s, act, a, mark, today=dt.date(2027, 4, 1))
    with kis.read() as s:
        assert _row(hours.month_report(s, 2027, 3, as_of=MARCH_END), a).result.attended_minutes == 0
