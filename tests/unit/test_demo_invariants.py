"""The demo office keeps every invariant the services enforce, checked by SQL on the database."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from kisdesk.db import Database
from kisdesk.db.open import open_database
from kisdesk.demo import generator as demo
from kisdesk.rules.calendar import add_months, is_working_day
from kisdesk.rules.outcomes import OUTCOME_KINDS, WORK_KINDS
from kisdesk.rules.pesel import parse_pesel
from kisdesk.services import activities, participants, participations, staff
from kisdesk.services import office as office_service

TODAY = dt.date(2026, 11, 18)  # a Wednesday in the middle of a month
SIZES = {"60x1": (60, 1, 7), "200x3": (200, 3, 11)}


@pytest.fixture(scope="module", params=sorted(SIZES))
def office(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    participants, years, seed = SIZES[request.param]
    folder: Path = tmp_path_factory.mktemp(request.param)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KISDESK_DATA_DIR", str(folder / "data"))
        db = open_database(f"sqlite:///{folder / 'demo.sqlite'}")
        with db.session() as s:
            demo.generate(s, participants=participants, years=years, seed=seed, today=TODAY)
        yield db
        db.dispose()


def rows(db: Database, sql: str, **params: object) -> list:
    with db.read() as s:
        return list(s.execute(text(sql), params))


def scalar(db: Database, sql: str, **params: object) -> int:
    return int(rows(db, sql, **params)[0][0])


def test_no_person_has_overlapping_periods(office: Database) -> None:
    assert (
        scalar(
            office,
            """SELECT count(*) FROM participation a JOIN participation b
           ON a.participant_id = b.participant_id AND a.id < b.id
           WHERE a.start_on <= coalesce(b.end_on, '9999-12-31')
             AND b.start_on <= coalesce(a.end_on, '9999-12-31')""",
        )
        == 0
    )
    assert scalar(office, "SELECT count(*) FROM participation WHERE end_on < start_on") == 0
    assert scalar(office, "SELECT count(*) FROM participation WHERE planned_end_on < start_on") == 0
    # An ended period has its reason, an ongoing one has none.
    assert (
        scalar(
            office,
            "SELECT count(*) FROM participation WHERE (end_on IS NULL) != (end_reason IS NULL)",
        )
        == 0
    )


def test_marks_only_for_people_expected_within_their_participation(office: Database) -> None:
    assert (
        scalar(
            office,
            """SELECT count(*) FROM attendance t JOIN activity a ON a.id = t.activity_id
           WHERE NOT EXISTS (
             SELECT 1 FROM participation p
             WHERE p.participant_id = t.participant_id
               AND p.start_on <= a.date AND (p.end_on IS NULL OR p.end_on >= a.date)
               AND ((a.group_id IS NOT NULL AND p.group_id = a.group_id)
                    OR a.participant_id = t.participant_id))""",
        )
        == 0
    )
    # An individual session is held only while its participant takes part.
    assert (
        scalar(
            office,
            """SELECT count(*) FROM activity a WHERE a.kind = 'individual' AND NOT EXISTS (
             SELECT 1 FROM participation p WHERE p.participant_id = a.participant_id
               AND p.start_on <= a.date AND (p.end_on IS NULL OR p.end_on >= a.date))""",
        )
        == 0
    )


def test_every_past_class_is_recorded_for_all_its_members_except_a_few_recent(
    office: Database,
) -> None:
    found = rows(
        office,
        """SELECT a.id, a.date,
             (SELECT count(*) FROM participation p WHERE p.group_id = a.group_id
                AND p.start_on <= a.date AND (p.end_on IS NULL OR p.end_on >= a.date)),
             (SELECT count(*) FROM attendance t WHERE t.activity_id = a.id)
           FROM activity a WHERE a.kind = 'group' AND a.date < :today""",
        today=TODAY,
    )
    assert all(expected > 0 for _, _, expected, _ in found), "no class without members"
    incomplete = [(day, expected, marks) for _, day, expected, marks in found if expected != marks]
    # Only the deliberately unrecorded ones (the dashboard's "no attendance yet"), all recent.
    assert 1 <= len(incomplete) <= 2
    for day, _, marks in incomplete:
        assert marks == 0
        assert TODAY - dt.date.fromisoformat(str(day)) <= dt.timedelta(days=7)


def test_no_marks_for_future_classes_and_the_month_is_planned_to_its_end(office: Database) -> None:
    assert (
        scalar(
            office,
            "SELECT count(*) FROM attendance t JOIN activity a ON a.id = t.activity_id "
            "WHERE a.date >= :today",
            today=TODAY,
        )
        == 0
    )
    assert (
        scalar(
            office,
            "SELECT count(*) FROM activity WHERE date > :today AND date <= '2026-11-30'",
            today=TODAY,
        )
        > 0
    )
    assert scalar(office, "SELECT count(*) FROM activity WHERE date > '2026-11-30'") == 0


def test_partial_minutes_within_the_class_and_only_on_partial_marks(office: Database) -> None:
    assert (
        scalar(
            office,
            """SELECT count(*) FROM attendance t JOIN activity a ON a.id = t.activity_id
           WHERE t.mark = 'partial' AND (t.minutes IS NULL OR t.minutes <= 0
                                         OR t.minutes > a.minutes)""",
        )
        == 0
    )
    assert (
        scalar(
            office,
            "SELECT count(*) FROM attendance WHERE mark != 'partial' AND minutes IS NOT NULL",
        )
        == 0
    )
    marks = dict(rows(office, "SELECT mark, count(*) FROM attendance GROUP BY mark"))
    assert set(marks) == {"present", "excused", "absent", "partial"}
    assert marks["present"] > 0.75 * sum(marks.values())


def test_activity_times_and_length(office: Database) -> None:
    found = rows(
        office, "SELECT start_time, end_time, minutes, kind, group_id, participant_id FROM activity"
    )
    for start, end, minutes, kind, group_id, participant_id in found:
        begin = dt.time.fromisoformat(str(start))
        finish = dt.time.fromisoformat(str(end))
        length = (finish.hour * 60 + finish.minute) - (begin.hour * 60 + begin.minute)
        assert length > 0 and minutes == length
        if kind == "group":
            assert group_id is not None and participant_id is None and 180 <= minutes <= 300
        else:
            assert participant_id is not None and group_id is None and minutes == 60


def test_unique_valid_pesels_matching_birth_date_and_sex(office: Database) -> None:
    people = rows(office, "SELECT pesel, birth_date, sex FROM participant")
    assert len({p for p, _, _ in people}) == len(people)
    for pesel, birth, sex in people:
        info = parse_pesel(pesel)
        assert info.birth_date == dt.date.fromisoformat(str(birth))
        assert info.sex.value == sex


def test_people_are_18_to_64_throughout_their_periods(office: Database) -> None:
    for birth, start, end in rows(
        office,
        "SELECT birth_date, start_on, coalesce(end_on, :today) FROM participation p "
        "JOIN participant x ON x.id = p.participant_id",
        today=TODAY,
    ):
        born = dt.date.fromisoformat(str(birth))
        assert (dt.date.fromisoformat(str(start)) - born).days >= 18 * 365
        assert (dt.date.fromisoformat(str(end)) - born).days < 65 * 365.25


def test_leaders_are_on_staff_that_day_and_never_in_two_places(office: Database) -> None:
    assert (
        scalar(
            office,
            """SELECT count(*) FROM activity a
           JOIN activity_staff l ON l.activity_id = a.id JOIN staff s ON s.id = l.staff_id
           WHERE s.active_from > a.date OR (s.active_to IS NOT NULL AND s.active_to < a.date)""",
        )
        == 0
    )
    booked: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
    for staff_id, day, start, end in rows(
        office,
        "SELECT l.staff_id, a.date, a.start_time, a.end_time FROM activity a "
        "JOIN activity_staff l ON l.activity_id = a.id",
    ):
        booked[(staff_id, str(day))].append((str(start), str(end)))
    for slots in booked.values():
        slots.sort()
        for (_, end), (start, _) in zip(slots, slots[1:], strict=False):
            assert end <= start
    # Almost every class has its leader.
    led = scalar(office, "SELECT count(DISTINCT activity_id) FROM activity_staff")
    assert led >= 0.98 * scalar(office, "SELECT count(*) FROM activity")


def test_certificates_numbered_per_year_in_date_order(office: Database) -> None:
    found = rows(
        office,
        "SELECT year, seq, number, issued_on, kind, series FROM issued_document ORDER BY year, seq",
    )
    assert found
    by_year: dict[int, list] = defaultdict(list)
    for year, seq, number, issued_on, kind, series in found:
        assert series == "certificate"
        assert kind in ("ending_certificate", "graduate_certificate")
        assert number == f"{seq}/{year}"
        day = dt.date.fromisoformat(str(issued_on))
        assert day.year == year and is_working_day(day) and day <= TODAY
        by_year[year].append((seq, str(issued_on)))
    for numbers in by_year.values():
        assert [seq for seq, _ in numbers] == list(range(1, len(numbers) + 1))
        dates = [day for _, day in numbers]
        assert dates == sorted(dates)
    # An ending certificate is never issued before the period ended, nor twice.
    assert (
        scalar(
            office,
            """SELECT count(*) FROM issued_document d JOIN participation p ON p.id = d.participation_id
           WHERE d.kind = 'ending_certificate' AND (p.end_on IS NULL OR d.issued_on < p.end_on)""",
        )
        == 0
    )
    assert (
        scalar(
            office,
            "SELECT count(*) FROM (SELECT participation_id, kind FROM issued_document "
            "GROUP BY participation_id, kind HAVING count(*) > 1)",
        )
        == 0
    )


def test_values_are_those_the_services_accept(office: Database) -> None:
    with office.read() as s:
        for person_id in s.scalars(text("SELECT id FROM participant")):
            data = participants.get_participant(s, person_id)
            assert participants.validate(data) == data  # already clean and consistent
    assert {r for (r,) in rows(office, "SELECT DISTINCT end_reason FROM participation")} - {
        None
    } <= participations.END_REASONS
    assert {r for (r,) in rows(office, "SELECT DISTINCT employment_basis FROM staff")} <= (
        staff.EMPLOYMENT_BASES
    )
    assert {
        r for (r,) in rows(office, "SELECT legal_form FROM operator")
    } <= office_service.LEGAL_FORMS
    assert {r for (r,) in rows(office, "SELECT DISTINCT kind FROM activity")} == activities.KINDS
    assert {r for (r,) in rows(office, "SELECT DISTINCT area FROM activity")} == activities.AREAS
    assert (
        scalar(
            office,
            "SELECT count(*) FROM activity a WHERE NOT EXISTS "
            "(SELECT 1 FROM activity_form f WHERE f.name = a.form AND f.area = a.area)",
        )
        == 0
    )


def test_outcomes_and_contacts_are_what_the_services_would_record(office: Database) -> None:
    """docs/outcomes.md: every ended period has an outcome and contacts at 3 and 6 months;
    a contact that found work agrees with a work outcome; nothing runs without an end."""
    assert (
        scalar(
            office,
            "SELECT count(*) FROM participation WHERE end_on IS NOT NULL "
            "AND outcome_kind IS NULL",
        )
        == 0
    )
    assert (
        scalar(
            office,
            "SELECT count(*) FROM participation WHERE end_on IS NULL "
            "AND outcome_kind IS NOT NULL",
        )
        == 0
    )
    kinds = {k for (k,) in rows(office, "SELECT DISTINCT outcome_kind FROM participation")}
    assert kinds - {None} <= set(OUTCOME_KINDS)
    checked = 0
    for end, months, due, result, kind, outcome in rows(
        office,
        "SELECT p.end_on, f.checkpoint_months, f.due_on, f.result, f.kind, p.outcome_kind "
        "FROM follow_up f JOIN participation p ON p.id = f.participation_id",
    ):
        end, due = (d if isinstance(d, dt.date) else dt.date.fromisoformat(d) for d in (end, due))
        assert due == add_months(end, months)
        if result == "working":
            assert kind in WORK_KINDS and outcome in WORK_KINDS
        checked += 1
    ended = scalar(office, "SELECT count(*) FROM participation WHERE end_on IS NOT NULL")
    assert checked == 2 * ended
