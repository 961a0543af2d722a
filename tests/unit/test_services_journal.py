"""The journal and attendance marks: validation and "everyone present unless listed"."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from kisdesk.errors import NotFoundError, ValidationError
from kisdesk.models import Activity, Attendance
from kisdesk.services import activities, attendance, participants, participations, settings, staff
from kisdesk.services.activities import ActivityData
from tests.pesel import make_pesel

DAY = dt.date(2026, 10, 5)  # a Monday in the past
LATER = dt.date(2026, 11, 1)


def _members(s, n: int) -> list[int]:
    ids = []
    for i in range(n):
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                f"Osoba{i}", "Test", pesel=make_pesel(dt.date(1990, 1, 1), i)
            ),
        )
        participations.enroll(s, pid, dt.date(2026, 9, 1), group_id=1)
        ids.append(pid)
    return ids


def _data(**kw) -> ActivityData:
    base = dict(
        date=DAY,
        start_time=dt.time(9),
        end_time=dt.time(12),
        kind="group",
        topic="Trening asertywności",
        group_id=1,
    )
    return ActivityData(**{**base, **kw})


def _counts(db) -> tuple[int, int]:
    with db.read() as s:
        return s.scalar(select(func.count(Activity.id))), s.scalar(
            select(func.count()).select_from(Attendance)
        )


def test_everyone_expected_is_present_unless_listed(kis):
    with kis.session() as s:
        a, b, c, d = _members(s, 4)
        act = activities.add_activity(s, _data())
        written = attendance.record_activity(
            s, act, absent=[b], excused=[c], partial={d: 90}, today=LATER
        )
        rows = {
            r.participant_id: (r.mark, r.minutes) for r in attendance.expected_participants(s, act)
        }
        row = activities.get_activity(s, act)
    assert written == 4
    assert rows == {
        a: ("present", None),
        b: ("absent", None),
        c: ("excused", None),
        d: ("partial", 90),
    }
    assert (row.present, row.recorded, row.minutes) == (2, 4, 180)


def test_bad_activities_are_refused_and_nothing_written(kis):
    with kis.session() as s:
        _members(s, 1)
    for bad, code in [
        (_data(end_time=dt.time(8)), "activity.end_before_start"),
        (_data(group_id=None), "activity.group_required"),
        (_data(topic="  "), "activity.topic_required"),
        (_data(kind="individual", group_id=None), "activity.participant_required"),
    ]:
        with pytest.raises(ValidationError) as err, kis.session() as s:
            activities.add_activity(s, bad)
        assert err.value.code == code
    assert _counts(kis) == (0, 0)


def test_individual_session_needs_an_active_participant(kis):
    with kis.session() as s:
        (a,) = _members(s, 1)
    with pytest.raises(ValidationError) as err, kis.session() as s:
        activities.add_activity(
            s, _data(kind="individual", group_id=None, participant_id=a, date=dt.date(2026, 8, 3))
        )
    assert err.value.code == "activity.participant_not_active"


def test_marks_are_checked(kis):
    with kis.session() as s:
        (a,) = _members(s, 1)
        act = activities.add_activity(s, _data())
        future = activities.add_activity(s, _data(date=dt.date(2027, 1, 4)))
    cases = [
        (dict(activity_id=act, mark="late"), "attendance.bad_mark"),
        (dict(activity_id=act, mark="partial"), "attendance.partial_needs_minutes"),
        (dict(activity_id=act, mark="partial", minutes=181), "attendance.partial_out_of_range"),
        (dict(activity_id=future, mark="present"), "attendance.future_activity"),
    ]
    for kwargs, code in cases:
        with pytest.raises(ValidationError) as err, kis.session() as s:
            attendance.set_mark(s, participant_id=a, today=LATER, **kwargs)
        assert err.value.code == code
    with pytest.raises(NotFoundError), kis.session() as s:
        attendance.record_activity(s, act, absent=[999], today=LATER)
    assert _counts(kis) == (2, 0)


def test_copy_to_next_week_keeps_everything_but_marks(kis):
    with kis.session() as s:
        _members(s, 2)
        leader = staff.add_staff(s, staff.StaffData("Ewa", "Nowicka", role="psycholog"))
        act = activities.add_activity(
            s, _data(form="grupa wsparcia", staff_ids=(leader,), place="świetlica")
        )
        attendance.mark_all_present(s, act, today=LATER)
        copy = activities.copy_activity(s, act, DAY + dt.timedelta(days=7))
        row = activities.get_activity(s, copy)
    assert (row.date, row.topic, row.form, row.staff, row.place) == (
        dt.date(2026, 10, 12),
        "Trening asertywności",
        "grupa wsparcia",
        ("Ewa Nowicka",),
        "świetlica",
    )
    assert row.recorded == 0


def test_new_form_joins_the_dictionary(kis):
    with kis.session() as s:
        _members(s, 1)
        activities.add_activity(s, _data(form="arteterapia"))
        names = [name for _, name, _, _ in activities.list_forms(s)]
    assert "arteterapia" in names and "grupa wsparcia" in names


def test_month_grid_spans_members_and_marks(kis):
    with kis.session() as s:
        a, b = _members(s, 2)
        act = activities.add_activity(s, _data())
        attendance.set_mark(s, act, a, "present", today=LATER)
        grid = attendance.month_grid(s, 1, 2026, 10)
    assert [p.participant_id for p in grid.people] == [a, b]
    assert grid.marks == {(act, a): ("present", None)}
    assert grid.people[0].first_day == dt.date(2026, 10, 1)


def test_settings_are_logged_and_validated(kis):
    from kisdesk.access import Actor, Role
    from kisdesk.errors import PermissionDenied

    with kis.session(actor=Actor("Renata Kowalczyk", Role.LEADER)) as s:
        settings.set_setting(s, "monthly_minimum_hours", "35")
    with pytest.raises(ValidationError), kis.session() as s:
        settings.set_setting(s, "hour_minutes", 0)
    with pytest.raises(PermissionDenied), kis.session(actor=Actor("Marek", Role.ADMIN)) as s:
        settings.set_setting(s, "hour_minutes", 60)
    with kis.read() as s:
        assert settings.get_setting(s, "monthly_minimum_hours") == 35
        history = settings.setting_history(s)
    assert [(h.key, h.old_value, h.new_value, h.changed_by) for h in history] == [
        ("monthly_minimum_hours", 40, 35, "Renata Kowalczyk")
    ]


def test_known_topics_are_offered_most_recently_held_first_without_repeats(kis):
    with kis.session() as s:
        for day, topic in [
            (DAY, "Pisanie CV"),
            (DAY + dt.timedelta(days=7), "Podsumowanie miesiąca"),
            (DAY + dt.timedelta(days=14), "Pisanie CV"),
            (DAY + dt.timedelta(days=1), "Budżet domowy"),
        ]:
            activities.add_activity(s, _data(date=day, topic=topic))
    with kis.read() as s:
        assert activities.known_topics(s) == [
            "Pisanie CV",  # held again last, so it is offered first
            "Podsumowanie miesiąca",
            "Budżet domowy",
        ]
