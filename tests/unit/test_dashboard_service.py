"""The dashboard's data (kisdesk.services.dashboard): what needs attention on a given day."""

from __future__ import annotations

import datetime as dt

from kisdesk.models import IssuedDocument
from kisdesk.models.base import utcnow
from kisdesk.services import (
    activities,
    attendance,
    dashboard,
    groups,
    office,
    participants,
    participations,
    settings,
)
from kisdesk.services.activities import ActivityData
from tests.pesel import make_pesel

TODAY = dt.date(2027, 3, 17)  # a Wednesday; March 2027 has 22 working days
T9, T12 = dt.time(9), dt.time(12)  # 180-minute classes
MARCH_PAST = [dt.date(2027, 3, d) for d in (1, 2, 3, 4, 5, 8, 9, 10, 11, 12)]  # 10 × 180 = 1800
MARCH_FUTURE = [dt.date(2027, 3, 18), dt.date(2027, 3, 19)]
FEBRUARY = [dt.date(2027, 2, d) for d in (1, 2, 3, 4, 5, 8, 9, 10, 11, 12)]


def _person(
    s, serial: int, first: str, start: dt.date, group_id: int | None = 1
) -> tuple[int, int]:
    pid = participants.add_participant(
        s,
        participants.ParticipantData(
            first, "Testowa", pesel=make_pesel(dt.date(1980, 1, 1 + serial), serial)
        ),
    )
    return pid, participations.enroll(s, pid, start, group_id=group_id)


def _class(s, day: dt.date, group_id: int | None = 1, participant_id: int | None = None) -> int:
    return activities.add_activity(
        s,
        ActivityData(
            date=day,
            start_time=T9,
            end_time=T12,
            kind="group" if participant_id is None else "individual",
            topic="Trening asertywności",
            form="warsztaty psychoedukacyjne",
            group_id=group_id if participant_id is None else None,
            participant_id=participant_id,
        ),
    )


def _certificate(s, participation_id: int, participant_id: int, seq: int, cancelled=False) -> None:
    s.add(
        IssuedDocument(
            kind="ending_certificate",
            series="certificate",
            year=2027,
            seq=seq,
            number=f"{seq}/2027",
            participant_id=participant_id,
            participation_id=participation_id,
            issued_on=TODAY,
            cancelled_at=utcnow() if cancelled else None,
        )
    )


def _office(db) -> dict[str, int]:
    """Anna attends everything, Bartek almost nothing; see the module constants."""
    ids: dict[str, int] = {}
    with db.session() as s:
        ids["anna"], _ = _person(s, 1, "Anna", dt.date(2026, 11, 2))
        ids["bartek"], _ = _person(s, 2, "Bartek", dt.date(2026, 12, 1))
        ids["dorota"], _ = _person(s, 3, "Dorota", dt.date(2026, 9, 25), group_id=None)
        ids["edward"], ids["edward_period"] = _person(s, 4, "Edward", dt.date(2026, 6, 1))
        participations.end_period(s, ids["edward_period"], dt.date(2027, 2, 15), "resigned")
        ids["filip"], ids["filip_period"] = _person(s, 5, "Filip", dt.date(2026, 5, 4))
        participations.end_period(s, ids["filip_period"], dt.date(2026, 12, 31), "employment")
        _certificate(s, ids["filip_period"], ids["filip"], 1)
        ids["gosia"], ids["gosia_period"] = _person(s, 6, "Gosia", dt.date(2026, 5, 4))
        participations.end_period(s, ids["gosia_period"], dt.date(2027, 1, 29), "completed")
        _certificate(s, ids["gosia_period"], ids["gosia"], 2, cancelled=True)
        for day in FEBRUARY:
            a = _class(s, day)
            attendance.record_activity(s, a, absent=[ids["bartek"]], today=TODAY)
        for i, day in enumerate(MARCH_PAST):
            a = _class(s, day)
            absent = [] if i < 2 else [ids["bartek"]]
            attendance.record_activity(s, a, absent=absent, today=TODAY)
        for day in MARCH_FUTURE:
            _class(s, day)
        ids["unrecorded"] = _class(s, dt.date(2027, 3, 16))
        _class(s, dt.date(2027, 1, 5))  # more than 60 days ago: no longer listed
        empty = groups.add_group(s, "Grupa pusta")
        _class(s, dt.date(2027, 3, 15), group_id=empty)  # nobody expected: nothing to record
        ids["individual"] = _class(s, dt.date(2027, 3, 15), participant_id=ids["dorota"])
    return ids


def _board(db, today: dt.date = TODAY) -> dashboard.Dashboard:
    with db.read() as s:
        return dashboard.dashboard(s, today)


def test_current_month_shows_met_and_at_risk_with_at_risk_first(kis):
    ids = _office(kis)
    board = _board(kis)
    rows = {item.participant_id: item for item in board.current}
    assert set(rows) == {ids["anna"], ids["bartek"], ids["dorota"]}  # only people taking part
    anna, bartek = rows[ids["anna"]], rows[ids["bartek"]]
    assert (anna.attended, anna.required, anna.status) == (1800, 1800, "met")
    assert (bartek.attended, bartek.remaining, bartek.status) == (360, 360, "in_progress")
    assert bartek.at_risk and not anna.at_risk
    # 360 attended + 360 still scheduled: not even every class would bring him to 1800
    assert bartek.out_of_reach and not anna.out_of_reach
    assert bartek.group == "Grupa poniedziałkowa"
    assert board.current[0].participant_id in {ids["bartek"], ids["dorota"]}
    assert [i.participant_id for i in board.at_risk] == sorted(
        [ids["bartek"], ids["dorota"]], key=lambda pid: -rows[pid].missing
    )


def test_missed_last_month_lists_only_short(kis):
    ids = _office(kis)
    missed = _board(kis).missed_last_month
    assert {(m.participant_id, m.year, m.month) for m in missed} == {
        (ids["bartek"], 2027, 2),
        (ids["dorota"], 2027, 2),  # no classes at all in February
    }
    bartek = next(m for m in missed if m.participant_id == ids["bartek"])
    assert (bartek.attended, bartek.required, bartek.status) == (0, 1800, "short")


def test_upcoming_graduates_within_setting(kis):
    ids = _office(kis)
    board = _board(kis)
    assert [(g.participant_id, g.completes_on, g.days_left) for g in board.upcoming_graduates] == [
        (ids["dorota"], dt.date(2027, 3, 24), 7)
    ]
    with kis.session() as s:
        settings.set_setting(s, "upcoming_graduates_days", 5)
    assert _board(kis).upcoming_graduates == ()


def test_certificates_due_for_ended_periods_without_valid_certificate(kis):
    ids = _office(kis)
    due = _board(kis).certificates_due
    # Filip has his certificate; Gosia's was cancelled, so she needs a new one.
    assert [(c.participation_id, c.end_on) for c in due] == [
        (ids["edward_period"], dt.date(2027, 2, 15)),
        (ids["gosia_period"], dt.date(2027, 1, 29)),
    ]
    assert due[0].days_since == 30 and due[0].end_reason == "resigned"


def test_past_activities_without_attendance(kis):
    ids = _office(kis)
    missing = _board(kis).missing_attendance
    assert [(m.activity_id, m.date) for m in missing] == [
        (ids["unrecorded"], dt.date(2027, 3, 16)),
        (ids["individual"], dt.date(2027, 3, 15)),
    ]
    assert missing[0].group == "Grupa poniedziałkowa"
    assert missing[1].participant == "Dorota Testowa" and missing[1].group_id is None


def test_annual_report_deadline_from_january_to_march(kis):
    with kis.read() as s:
        assert [
            (d.code, d.due_on, d.days_left, d.year, d.done) for d in dashboard.deadlines(s, TODAY)
        ] == [("annual_report", dt.date(2027, 3, 31), 14, 2026, False)]
        assert dashboard.deadlines(s, dt.date(2027, 1, 1))[0].days_left == 89
        assert dashboard.deadlines(s, dt.date(2027, 4, 1)) == []
        assert dashboard.deadlines(s, dt.date(2026, 12, 31)) == []


def test_annual_report_in_the_register_marks_the_deadline_done(kis):
    with kis.session() as s:
        s.add(
            IssuedDocument(
                kind="annual_report",
                series="annual_report",
                year=2027,
                seq=1,
                number="SPR 1/2027",
                issued_on=dt.date(2027, 3, 2),
            )
        )
    with kis.read() as s:
        (deadline,) = dashboard.deadlines(s, TODAY)
    assert deadline.done


def test_cis_status_expiry_five_years_after_granted_from_half_a_year_before(kis):
    def deadlines_with_status_granted(granted: dt.date) -> dict[str, dashboard.DeadlineItem]:
        with kis.session() as s:
            data = office.get_office(s)
            fields = {f: getattr(data, f) for f in data.__slots__}  # type: ignore[attr-defined]
            office.update_office(
                s, office.OfficeData(**{**fields, "kind": "cis", "status_granted_on": granted})
            )
        with kis.read() as s:
            return {d.code: d for d in dashboard.deadlines(s, TODAY)}

    codes = deadlines_with_status_granted(dt.date(2022, 6, 1))
    assert codes["cis_status_expiry"].due_on == dt.date(2027, 6, 1)
    assert codes["cis_status_expiry"].days_left == 76
    assert "annual_report" in codes
    assert "cis_status_expiry" not in deadlines_with_status_granted(dt.date(2023, 5, 10))


def test_hours_by_month_last_twelve_months(kis):
    _office(kis)
    months = _board(kis).hours_by_month
    assert len(months) == 12
    assert (months[0].year, months[0].month) == (2026, 4)
    assert (months[-1].year, months[-1].month, months[-1].minutes) == (2027, 3, 1800 + 360)
    # February: Anna and Edward (until he left on 15 February) attended all ten classes.
    assert (months[-2].year, months[-2].month, months[-2].minutes) == (2027, 2, 3600)
    assert months[-3].minutes == 0  # January: one class, nobody's marks


def test_empty_office_dashboard(kis):
    board = _board(kis)
    assert board.current == () and board.missed_last_month == ()
    assert board.certificates_due == () and board.missing_attendance == ()
    assert board.kind == "kis" and board.monthly_minimum_hours == 40


def _make_cis(db) -> None:
    with db.session() as s:
        data = office.get_office(s)
        fields = {f: getattr(data, f) for f in data.__slots__}  # type: ignore[attr-defined]
        office.update_office(s, office.OfficeData(**{**fields, "kind": "cis"}))


def test_cis_dashboard_counts_the_iso_week_in_clock_hours(kis):
    """Art. 14 ust. 1: 30–40 clock hours a week; this week and last week instead of months."""
    _make_cis(kis)
    with kis.session() as s:
        anna, _ = _person(s, 1, "Anna", dt.date(2027, 1, 4))
        bartek, _ = _person(s, 2, "Bartek", dt.date(2027, 1, 4))

        def day(d: dt.date, absent: list[int] | None = None, record: bool = True) -> None:
            a = activities.add_activity(
                s,
                ActivityData(
                    date=d,
                    start_time=dt.time(8),
                    end_time=dt.time(16),
                    kind="group",
                    topic="Warsztat stolarski",
                    group_id=1,
                ),
            )
            if record:
                attendance.record_activity(s, a, absent=absent or [], today=TODAY)

        day(dt.date(2027, 3, 8), absent=[bartek])  # last week: one day only
        day(dt.date(2027, 3, 15), absent=[bartek])  # this week (W11) so far
        day(dt.date(2027, 3, 16), absent=[bartek])
        day(dt.date(2027, 3, 18), record=False)  # still to come
        day(dt.date(2027, 3, 19), record=False)
    board = _board(kis)
    assert (board.period, board.unit_minutes) == ("week", 60)
    rows = {item.participant_id: item for item in board.current}
    assert (rows[anna].week, rows[anna].attended, rows[anna].required) == (11, 960, 1800)
    assert rows[anna].remaining == 960 and not rows[anna].at_risk  # 16 h + 16 h ≥ 30 h
    assert rows[bartek].at_risk and rows[bartek].status == "in_progress"
    assert board.current[0].participant_id == bartek
    missed = {(m.participant_id, m.week) for m in board.missed_last_month}
    assert missed == {(anna, 10), (bartek, 10)}
