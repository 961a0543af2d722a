"""Weekly repeat and copying a week or a month of classes (issue 16 item 5): the dates made,
the holidays skipped by name, the overlaps flagged, and all or nothing on saving."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from kisdesk.errors import ValidationError
from kisdesk.models import Activity, Attendance
from kisdesk.services import (
    activities,
    activities_series,
    attendance,
    months,
    participants,
    participations,
)
from kisdesk.services.activities import ActivityData
from kisdesk.services.activities_series import Period
from tests.pesel import make_pesel

MONDAY = dt.date(2026, 11, 2)
WEDNESDAY = dt.date(2026, 11, 4)


def _data(day: dt.date = MONDAY, **kw) -> ActivityData:
    base = dict(
        date=day,
        start_time=dt.time(9),
        end_time=dt.time(12),
        kind="group",
        topic="Trening asertywności",
        group_id=1,
    )
    return ActivityData(**{**base, **kw})


def _count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count(Activity.id)))


def test_wednesdays_of_november_skip_independence_day_by_name(kis):
    with kis.session() as s:
        plan = activities_series.plan_repeat(s, _data(WEDNESDAY), dt.date(2026, 11, 30))
    assert [p.date.day for p in plan] == [4, 11, 18, 25]
    skipped = [(p.date.day, p.holiday) for p in plan if p.skipped]
    assert skipped == [(11, "Narodowe Święto Niepodległości")]


def test_several_weekdays_and_an_overlap_flagged(kis):
    with kis.session() as s:
        existing = activities.add_activity(s, _data(dt.date(2026, 11, 9), topic="Już jest"))
        plan = activities_series.plan_repeat(s, _data(), dt.date(2026, 11, 13), weekdays=[1, 5])
    assert [p.date.day for p in plan] == [2, 6, 9, 13]
    flagged = {p.date.day: [o.id for o in p.overlaps] for p in plan if p.overlaps}
    assert flagged == {9: [existing]}


def test_saving_the_list_makes_each_with_its_own_topic(kis):
    with kis.session() as s:
        plan = activities_series.plan_repeat(s, _data(WEDNESDAY), dt.date(2026, 11, 30))
        items = [p.data for p in plan if not p.skipped]
        items[1] = activities_series.replace(items[1], topic="Budżet domowy")
        ids = activities_series.save_series(s, items)
    with kis.read() as s:
        rows = [activities.get_activity(s, i) for i in ids]
    assert [(r.date.day, r.topic) for r in rows] == [
        (4, "Trening asertywności"),
        (18, "Budżet domowy"),
        (25, "Trening asertywności"),
    ]


def test_a_refused_row_is_named_and_nothing_is_written(kis):
    plan_items = [_data(WEDNESDAY), _data(dt.date(2026, 11, 18), topic="  ")]
    with pytest.raises(ValidationError) as refused, kis.session() as s:
        activities_series.save_series(s, plan_items)
    assert refused.value.code == "activity.series_row"
    assert refused.value.params["row"] == 2
    assert refused.value.params["date"] == "18.11.2026"
    assert "Podaj temat zajęć." in refused.value.params["reason"]
    assert _count(kis) == 0


def test_repeat_of_a_saved_class_starts_the_week_after(kis):
    with kis.session() as s:
        first = activities.add_activity(s, _data())
        plan = activities_series.plan_repeat_of(s, first, dt.date(2026, 11, 30))
    assert [p.date.day for p in plan] == [9, 16, 23, 30]


def test_bad_repeat_ends_are_refused(kis):
    with kis.read() as s:
        with pytest.raises(ValidationError) as before:
            activities_series.plan_repeat(s, _data(), dt.date(2026, 10, 30))
        with pytest.raises(ValidationError) as far:
            activities_series.plan_repeat(s, _data(), dt.date(2062, 11, 30))
        with pytest.raises(ValidationError) as weekday:
            activities_series.plan_repeat(s, _data(), dt.date(2026, 11, 30), weekdays=[8])
    assert before.value.code == "activity.repeat_until_before"
    assert far.value.code == "activity.repeat_too_long"
    assert weekday.value.code == "activity.repeat_bad_weekday"


def test_copy_week_shifts_to_the_same_weekdays_without_attendance(kis):
    with kis.session() as s:
        pid = participants.add_participant(
            s,
            participants.ParticipantData("Anna", "Nowak", pesel=make_pesel(dt.date(1990, 1, 1), 3)),
        )
        participations.enroll(s, pid, dt.date(2026, 9, 1), group_id=1)
        held = activities.add_activity(s, _data(dt.date(2026, 11, 3), topic="Wtorek"))
        activities.add_activity(s, _data(dt.date(2026, 11, 6), topic="Piątek"))
        attendance.record_activity(s, held, [], [], {}, today=dt.date(2026, 11, 30))
        source = activities_series.last_period_with_classes(s, 1, "week")
        target = source.next()
        plan = activities_series.plan_copy(s, 1, source, target)
        ids = activities_series.save_series(s, [p.data for p in plan if not p.skipped])
    assert source == Period.week(2026, 45)
    assert [(p.date, p.data.topic, p.holiday) for p in plan] == [
        (dt.date(2026, 11, 10), "Wtorek", None),
        (dt.date(2026, 11, 13), "Piątek", None),
    ]
    with kis.read() as s:
        marks = s.scalar(
            select(func.count()).select_from(Attendance).where(Attendance.activity_id.in_(ids))
        )
    assert marks == 0


def test_copy_month_keeps_weekdays_and_names_the_holidays(kis):
    # November 2026: every Wednesday; 11.11 is a holiday, so there was no class that day.
    with kis.session() as s:
        for day in (4, 18, 25):
            activities.add_activity(s, _data(dt.date(2026, 11, day), topic=f"Zajęcia {day}"))
        plan = activities_series.plan_copy(s, 1, Period.month(2026, 11), Period.month(2026, 12))
    # December's Wednesdays: 2, 9, 16, 23, 30; the 2nd takes the 1st (4.11), the 9th the
    # nearest held one for the holiday (4.11), the 5th repeats the last (25.11).
    assert [(p.date.day, p.data.topic) for p in plan] == [
        (2, "Zajęcia 4"),
        (9, "Zajęcia 4"),
        (16, "Zajęcia 18"),
        (23, "Zajęcia 25"),
        (30, "Zajęcia 25"),
    ]
    assert all(p.data.date.isoweekday() == 3 for p in plan)


def test_copy_month_skips_a_holiday_in_the_target_by_name(kis):
    with kis.session() as s:
        for day in (7, 14, 21, 28):  # the Wednesdays of October 2026
            activities.add_activity(s, _data(dt.date(2026, 10, day)))
        plan = activities_series.plan_copy(s, 1, Period.month(2026, 10), Period.month(2026, 11))
    assert [(p.date.day, p.holiday) for p in plan] == [
        (4, None),
        (11, "Narodowe Święto Niepodległości"),
        (18, None),
        (25, None),
    ]


def test_copy_from_an_empty_period_or_onto_itself_is_refused(kis):
    with kis.session() as s:
        activities.add_activity(s, _data())
    with kis.read() as s:
        with pytest.raises(ValidationError) as empty:
            activities_series.plan_copy(s, 1, Period.week(2026, 50), Period.week(2026, 51))
        with pytest.raises(ValidationError) as same:
            activities_series.plan_copy(s, 1, Period.month(2026, 11), Period.month(2026, 11))
    assert empty.value.code == "activity.copy_source_empty"
    assert same.value.code == "activity.copy_same_period"


def test_a_series_into_a_closed_month_names_the_first_row_there(kis):
    with kis.session() as s:
        months.close_month(s, 2026, 12)
        plan = activities_series.plan_repeat(s, _data(dt.date(2026, 11, 25)), dt.date(2026, 12, 9))
    assert [p.date.day for p in plan] == [25, 2, 9]
    with pytest.raises(ValidationError) as refused, kis.session() as s:
        activities_series.save_series(s, [p.data for p in plan])
    assert (refused.value.params["row"], refused.value.params["date"]) == (2, "02.12.2026")
    assert "2026-12" in refused.value.params["reason"]
    assert _count(kis) == 0  # not even the November one
