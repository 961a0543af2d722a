"""A second class of the same group (or the same person's session) at an overlapping time
that day: found by the journal service, and refused when adding asks for that."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from kisdesk.errors import ConflictError
from kisdesk.messages import describe
from kisdesk.models import Activity
from kisdesk.services import activities, groups, participants, participations
from kisdesk.services.activities import ActivityData
from tests.pesel import make_pesel

DAY = dt.date(2026, 10, 5)  # a Monday


def _data(**kw) -> ActivityData:  # type: ignore[no-untyped-def]
    base = dict(
        date=DAY,
        start_time=dt.time(9),
        end_time=dt.time(17),
        kind="group",
        topic="Trening asertywności",
        group_id=1,
    )
    return ActivityData(**{**base, **kw})  # type: ignore[arg-type]


def _count(db) -> int:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return int(s.scalar(select(func.count(Activity.id))) or 0)


def test_the_same_class_typed_twice_is_found(kis) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        first = activities.add_activity(s, _data())
        found = activities.overlapping_activities(s, _data())
    assert [(o.id, o.start_time, o.end_time, o.topic, o.group) for o in found] == [
        (first, dt.time(9), dt.time(17), "Trening asertywności", "Grupa poniedziałkowa")
    ]


@pytest.mark.parametrize(
    ("start", "end", "clash"),
    [
        (dt.time(8), dt.time(10), True),  # starts before, ends inside
        (dt.time(16), dt.time(18), True),  # starts inside
        (dt.time(10), dt.time(11), True),  # inside
        (dt.time(17), dt.time(18), False),  # starts as the other ends
        (dt.time(7), dt.time(9), False),  # ends as the other starts
    ],
)
def test_only_times_that_really_overlap(kis, start, end, clash) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        activities.add_activity(s, _data())
        found = activities.overlapping_activities(s, _data(start_time=start, end_time=end))
    assert bool(found) is clash


def test_another_group_or_another_day_is_no_overlap(kis) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        other = groups.add_group(s, "Grupa środowa")
        activities.add_activity(s, _data())
        assert activities.overlapping_activities(s, _data(group_id=other)) == []
        assert activities.overlapping_activities(s, _data(date=DAY + dt.timedelta(days=1))) == []


def test_individual_sessions_of_the_same_person_overlap(kis) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        people = []
        for i, last in enumerate(("Nowak", "Kowalska")):
            pid = participants.add_participant(
                s,
                participants.ParticipantData(
                    "Osoba", last, pesel=make_pesel(dt.date(1980, 1, 2), 20 + i)
                ),
            )
            participations.enroll(s, pid, dt.date(2026, 9, 1), group_id=1)
            people.append(pid)
        session = _data(
            kind="individual", group_id=None, participant_id=people[0], topic="Poradnictwo"
        )
        first = activities.add_activity(s, session)
        later = _data(
            kind="individual",
            group_id=None,
            participant_id=people[0],
            start_time=dt.time(10),
            end_time=dt.time(11),
            topic="Konsultacja",
        )
        found = activities.overlapping_activities(s, later)
        assert [(o.id, o.participant) for o in found] == [(first, "Osoba Nowak")]
        someone_else = _data(
            kind="individual", group_id=None, participant_id=people[1], topic="Poradnictwo"
        )
        assert activities.overlapping_activities(s, someone_else) == []
        with pytest.raises(ConflictError) as refused:
            activities.add_activity(s, later, allow_overlap=False)
    message = describe(refused.value)
    assert "Osoba Nowak" in message and f"nr {first}" in message


def test_adding_refuses_an_overlap_only_when_asked_to(kis) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        first = activities.add_activity(s, _data())
    with pytest.raises(ConflictError) as refused, kis.session() as s:
        activities.add_activity(s, _data(topic="Drugi raz"), allow_overlap=False)
    message = describe(refused.value)
    assert f"zajęcia nr {first}" in message and "09:00–17:00" in message
    assert "Grupa poniedziałkowa" in message and "--allow-overlap" in message
    assert _count(kis) == 1  # nothing written
    with kis.session() as s:  # two rooms: meant
        activities.add_activity(s, _data(topic="Sala 2"), allow_overlap=True)
    assert _count(kis) == 2


def test_copy_to_a_day_with_the_same_class_is_checked_too(kis) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        first = activities.add_activity(s, _data())
        activities.add_activity(s, _data(date=DAY + dt.timedelta(days=7), topic="Już jest"))
    with pytest.raises(ConflictError), kis.session() as s:
        activities.copy_activity(s, first, DAY + dt.timedelta(days=7), allow_overlap=False)
    assert _count(kis) == 2
    with kis.session() as s:
        data = activities.copy_data(activities.get_activity(s, first), DAY + dt.timedelta(7))
        assert [o.topic for o in activities.overlapping_activities(s, data)] == ["Już jest"]


def test_an_edit_is_not_an_overlap_with_itself(kis) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        first = activities.add_activity(s, _data())
        assert activities.overlapping_activities(s, _data(), exclude_id=first) == []
        activities.update_activity(s, first, _data(end_time=dt.time(16)), allow_overlap=False)
