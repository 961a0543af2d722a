"""The CIS month through the database: absences, benefits, premia, closing (art. 15, 15a)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from kisdesk.errors import ConflictError, KisdeskError, ValidationError
from kisdesk.models import Absence, Activity, Attendance, AuditEntry, BenefitPremium
from kisdesk.services import (
    absences,
    activities,
    attendance,
    benefits,
    groups,
    months,
    office,
    participants,
    participations,
)
from kisdesk.services.activities import ActivityData
from tests.pesel import make_pesel

D = dt.date


@pytest.fixture
def cis(db):  # type: ignore[no-untyped-def]
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="cis",
                name="Centrum Integracji Społecznej w Zawoni",
                operator=office.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
                city="Zawonia",
                head_name="Andrzej Nowak",
            ),
        )
        groups.add_group(s, "Warsztat stolarski")
    return db


def _person(s, serial: int, start: dt.date, end: dt.date | None = None, planned=None) -> int:  # type: ignore[no-untyped-def]
    pid = participants.add_participant(
        s,
        participants.ParticipantData(
            f"Osoba{serial}", "Testowa", pesel=make_pesel(dt.date(1985, 1, 1), serial)
        ),
    )
    period = participations.enroll(s, pid, start, planned, group_id=1)
    if end is not None:
        participations.end_period(s, period, end, "completed")
    return pid


def _class(s, day: dt.date, absent=(), excused=()) -> int:  # type: ignore[no-untyped-def]
    aid = activities.add_activity(
        s,
        ActivityData(
            date=day,
            start_time=dt.time(8),
            end_time=dt.time(14),
            kind="group",
            topic="Stolarka",
            group_id=1,
        ),
    )
    attendance.record_activity(s, aid, absent=absent, excused=excused)
    return aid


def _row(s, year: int, month: int, pid: int) -> benefits.BenefitRow:  # type: ignore[no-untyped-def]
    (row,) = [r for r in benefits.benefit_list(s, year, month).rows if r.participant_id == pid]
    return row


def test_spec_examples_from_the_journal_and_sick_leave(cis) -> None:  # type: ignore[no-untyped-def]
    with cis.session() as s:
        full = _person(s, 1, D(2026, 1, 5))
        two = _person(s, 2, D(2026, 1, 5))
        sick = _person(s, 3, D(2026, 1, 5))
        both = _person(s, 4, D(2026, 1, 5))
        late = _person(s, 5, D(2026, 6, 10))
        for day in (2, 3):
            _class(s, D(2026, 6, day), absent=[two, both])
        absences.add_absence(s, sick, "sick", D(2026, 6, 15), D(2026, 6, 19), "ZLA 1234567")
        absences.add_absence(s, both, "sick", D(2026, 6, 22), D(2026, 6, 26), "ZLA 7654321")
    with cis.read() as s:
        data = benefits.benefit_list(s, 2026, 6)
        got = {r.participant_id: r.result.amount for r in data.rows}
    assert data.rate == Decimal("2140.68")
    assert got == {
        full: Decimal("2140.68"),
        two: Decimal("1926.61"),
        sick: Decimal("1873.10"),
        both: Decimal("1659.03"),
        late: Decimal("1498.48"),
    }
    (row,) = [r for r in data.rows if r.participant_id == full]
    assert (row.result.contribution_pension, row.result.contribution_disability) == (
        Decimal("417.86"),
        Decimal("171.25"),
    )
    (two_row,) = [r for r in data.rows if r.participant_id == two]
    assert any("2 dni nieusprawiedliwione (02.06, 03.06) × 1/20" in w for w in two_row.why)


def test_sick_leave_or_day_off_is_never_unexcused_and_all_present_marks_excused(cis) -> None:  # type: ignore[no-untyped-def]
    with cis.session() as s:
        pid = _person(s, 1, D(2026, 1, 5))
        absences.add_absence(s, pid, "sick", D(2026, 6, 2), D(2026, 6, 3))
        aid = _class(s, D(2026, 6, 2))  # "everyone present"
        other = _class(s, D(2026, 6, 3))
        attendance.set_mark(s, other, pid, "absent")  # a wrong mark typed afterwards
    with cis.read() as s:
        mark = s.get(Attendance, (aid, pid))
        assert mark is not None and mark.mark == "excused"
        r = _row(s, 2026, 6, pid).result
    assert r.unexcused_days == 0 and r.sick_days == 2


def test_trial_ends_inside_the_month(cis) -> None:  # type: ignore[no-untyped-def]
    with cis.session() as s:
        pid = _person(s, 1, D(2026, 5, 15))  # trial to 14 June
        absences.add_absence(s, pid, "sick", D(2026, 6, 12), D(2026, 6, 17))
    with cis.read() as s:
        r = _row(s, 2026, 6, pid).result
    assert (r.days, r.trial_days, r.sick_days) == (30, 14, 3)
    assert r.amount == Decimal("1980.13")


def test_period_starting_and_ending_in_one_month(cis) -> None:  # type: ignore[no-untyped-def]
    with cis.session() as s:
        pid = _person(s, 1, D(2026, 6, 8), end=D(2026, 6, 19))
    with cis.read() as s:
        r = _row(s, 2026, 6, pid).result
    assert (r.days, r.trial_days, r.amount) == (12, 12, Decimal("856.27"))


def test_february_partial(cis) -> None:  # type: ignore[no-untyped-def]
    with cis.session() as s:
        whole = _person(s, 1, D(2026, 1, 1))
        half = _person(s, 2, D(2026, 1, 1), end=D(2026, 2, 14))
    with cis.read() as s:
        assert _row(s, 2026, 2, whole).result.amount == Decimal("2066.28")
        assert _row(s, 2026, 2, half).result.amount == Decimal("964.26")  # 2066.28 ÷ 30 × 14


def test_sickness_across_month_end_and_the_21st_day(cis) -> None:  # type: ignore[no-untyped-def]
    with cis.session() as s:
        pid = _person(s, 1, D(2026, 5, 1))  # trial to 31 May
        absences.add_absence(s, pid, "sick", D(2026, 7, 20), D(2026, 8, 20), "ZLA 1")
    with cis.read() as s:
        july = _row(s, 2026, 7, pid).result
        august = _row(s, 2026, 8, pid).result
    assert (july.sick_days, july.sick_unpaid_days) == (12, 0)
    assert july.amount == Decimal("1498.48")  # 2140.68 − 12 × 53.517 = 1498.476
    assert (august.sick_days, august.sick_days_before, august.sick_unpaid_days) == (20, 12, 11)
    # 2140.68 − 9 × 53.517 − 11 × 71.356 = 2140.68 − 481.653 − 784.916 = 874.111
    assert august.amount == Decimal("874.11")


def test_forfeit_after_more_than_three_unexcused_days(cis) -> None:  # type: ignore[no-untyped-def]
    with cis.session() as s:
        pid = _person(s, 1, D(2026, 1, 5))
        for day in (1, 2, 3):
            _class(s, D(2026, 6, day), absent=[pid])
        absences.add_absence(s, pid, "unexcused", D(2026, 6, 4))
    with cis.read() as s:
        r = _row(s, 2026, 6, pid)
    assert r.result.forfeited and r.result.amount == Decimal("0.00")
    assert any("więcej niż 3" in w for w in r.why)


def test_days_off_limit_and_trial_refused_nothing_written(cis) -> None:  # type: ignore[no-untyped-def]
    with cis.session() as s:
        pid = _person(s, 1, D(2026, 5, 4))  # trial to 3 June
    with cis.session() as s, pytest.raises(ValidationError) as trial:
        absences.add_absence(s, pid, "day_off", D(2026, 6, 2))
    assert trial.value.code == "absence.day_off_in_trial"
    with cis.session() as s:
        absences.add_absence(s, pid, "day_off", D(2026, 6, 8), D(2026, 6, 12))
    with cis.session() as s, pytest.raises(ValidationError) as over:
        absences.add_absence(s, pid, "day_off", D(2026, 6, 15), D(2026, 6, 16))
    assert over.value.code == "absence.day_off_limit"
    assert over.value.params["used"] == 5 and over.value.params["limit"] == 6
    with cis.read() as s:
        assert s.scalar(select(func.count()).select_from(Absence)) == 1
        r = _row(s, 2026, 6, pid).result
    assert (r.days_off, r.amount) == (5, Decimal("2140.68"))


def test_premium_cap_trial_and_reason(cis) -> None:  # type: ignore[no-untyped-def]
    with cis.session() as s:
        old = _person(s, 1, D(2026, 1, 5))
        new = _person(s, 2, D(2026, 6, 1))
    for pid, amount, reason, code in (
        (old, "2140.69", "Postępy", "benefit.premium_over_rate"),
        (new, "100", "Postępy", "benefit.premium_in_trial"),
        (old, "100", "  ", "benefit.premium_reason_required"),
    ):
        with cis.session() as s, pytest.raises(ValidationError) as err:
            benefits.set_premium(s, pid, 2026, 6, Decimal(amount), reason)
        assert err.value.code == code
    with cis.session() as s:
        benefits.set_premium(s, old, 2026, 6, Decimal("2140.68"), "Aktywna postawa")
    with cis.read() as s:
        data = benefits.benefit_list(s, 2026, 6)
    assert data.totals["premium"] == Decimal("2140.68")
    # The premium is outside the contribution base (art. 15a; paid from own funds).
    assert data.totals["contribution_pension"] == Decimal("835.72")  # 2 × 417.86, no premium


def test_rate_changes_on_1_june_and_the_office_adds_the_next(cis) -> None:  # type: ignore[no-untyped-def]
    with cis.session() as s:
        pid = _person(s, 1, D(2026, 1, 5))
    with cis.read() as s:
        assert _row(s, 2026, 5, pid).result.amount == Decimal("2066.28")
        assert _row(s, 2026, 6, pid).result.amount == Decimal("2140.68")
    with cis.session() as s:
        benefits.set_rate(s, D(2027, 6, 1), Decimal("2200.00"))
    with cis.read() as s:
        assert benefits.rates(s)[-1] == (D(2027, 6, 1), Decimal("2200.00"))
        assert _row(s, 2027, 5, pid).result.amount == Decimal("2140.68")
        assert _row(s, 2027, 6, pid).result.amount == Decimal("2200.00")
    with cis.session() as s, pytest.raises(ValidationError):
        benefits.set_rate(s, D(2027, 6, 15), Decimal("2300.00"))


def test_a_closed_month_refuses_every_change_until_reopened(cis) -> None:  # type: ignore[no-untyped-def]
    with cis.session() as s:
        pid = _person(s, 1, D(2026, 1, 5))
        aid = _class(s, D(2026, 6, 2))
        absence_id = absences.add_absence(s, pid, "excused", D(2026, 6, 9))
        months.close_month(s, 2026, 6)
    attempts = [
        lambda s: _class(s, D(2026, 6, 3)),
        lambda s: attendance.set_mark(s, aid, pid, "absent"),
        lambda s: attendance.clear_mark(s, aid, pid),
        lambda s: activities.delete_activity(s, aid),
        lambda s: absences.add_absence(s, pid, "sick", D(2026, 5, 30), D(2026, 6, 2)),
        lambda s: absences.delete_absence(s, absence_id),
        lambda s: benefits.set_premium(s, pid, 2026, 6, Decimal("10"), "Postępy"),
        lambda s: benefits.set_rate(s, D(2026, 6, 1), Decimal("1.00")),
        lambda s: participations.enroll(
            s,
            participants.add_participant(
                s, participants.ParticipantData("Nowa", "Osoba", pesel=make_pesel(D(1990, 1, 1), 9))
            ),
            D(2026, 6, 20),
        ),
    ]
    for attempt in attempts:
        with cis.session() as s, pytest.raises(KisdeskError) as err:
            attempt(s)
        assert err.value.code == "month.closed" and err.value.params["month"] == "2026-06"
    with cis.read() as s:
        assert s.scalar(select(func.count()).select_from(Activity)) == 1
        assert s.get(Attendance, (aid, pid)).mark == "present"
        assert s.scalar(select(func.count()).select_from(BenefitPremium)) == 0
    with cis.session() as s, pytest.raises(ValidationError):
        months.reopen_month(s, 2026, 6, " ")
    with cis.session() as s:
        months.reopen_month(s, 2026, 6, "Korekta zwolnienia lekarskiego")
        attendance.set_mark(s, aid, pid, "absent")
    with cis.read() as s:
        events = list(s.scalars(select(AuditEntry.event).order_by(AuditEntry.id)))
        assert not months.month_status(s, 2026, 6).closed
    assert "month_close" in events and "month_reopen" in events
    assert events.index("month_reopen") < len(events) - 1  # the correction is logged after it
    with cis.session() as s, pytest.raises(ConflictError):
        months.reopen_month(s, 2026, 6, "jeszcze raz")


def test_the_snapshot_keeps_the_list_as_closed(cis) -> None:  # type: ignore[no-untyped-def]
    with cis.session() as s:
        pid = _person(s, 1, D(2026, 1, 5))
        months.close_month(s, 2026, 6)
        months.reopen_month(s, 2026, 6, "Korekta L4")
        absences.add_absence(s, pid, "sick", D(2026, 6, 1), D(2026, 6, 5))
    with cis.read() as s:
        kept = months.snapshot(s, 2026, 6)
        now = benefits.benefit_list_payload(s, 2026, 6)
    assert kept is not None and kept["rows"][0]["amount"] == "2140.68"
    assert now["rows"][0]["amount"] == "1873.10"
