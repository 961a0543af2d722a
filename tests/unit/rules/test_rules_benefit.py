"""Świadczenie integracyjne (kisdesk.rules.benefit, art. 15 and 15a): the worked examples."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kisdesk.rules.benefit import (
    SHIPPED_RATES,
    BenefitRules,
    MonthInput,
    compute_month,
    contribution,
    days_off_limit,
    is_unexcused_day,
    parse_money,
    premium_problems,
    rate_on,
    sick_days_after_trial,
    to_money,
)

RATE = Decimal("2140.68")
JUNE = (date(2026, 6, 1), date(2026, 6, 30))
# A period that started long ago: June 2026 is after its trial.
LONG = {"start": date(2026, 1, 1), "end": None, "trial_end": date(2026, 1, 31)}


def _june(**kw: object) -> MonthInput:
    args: dict[str, object] = {"rate": RATE, "first": JUNE[0], "last": JUNE[1], **LONG}
    args.update(kw)
    return MonthInput(**args)  # type: ignore[arg-type]


def _days(*days: int) -> frozenset[date]:
    return frozenset(date(2026, 6, d) for d in days)


def test_full_month() -> None:
    r = compute_month(_june())
    assert (r.days, r.base, r.amount) == (30, Decimal("2140.68"), Decimal("2140.68"))


def test_two_unexcused_days() -> None:
    r = compute_month(_june(unexcused=_days(3, 4)))
    assert r.amount == Decimal("1926.61")  # 2140.68 − 2 × 107.034
    assert r.unexcused_deduction == Decimal("214.07") and not r.forfeited


def test_three_unexcused_days_still_paid_four_forfeit() -> None:
    assert compute_month(_june(unexcused=_days(3, 4, 5))).amount == Decimal("1819.58")
    r = compute_month(_june(unexcused=_days(3, 4, 5, 8)))
    assert r.forfeited and r.amount == Decimal("0.00")
    assert r.contribution_pension == Decimal("0.00")


def test_five_sick_days_after_the_trial() -> None:
    r = compute_month(_june(sick=_days(1, 2, 3, 4, 5)))
    assert r.amount == Decimal("1873.10")  # 2140.68 − 267.585 = 1873.095, rounded once
    assert (r.sick_days, r.sick_unpaid_days) == (5, 0)


def test_two_unexcused_and_five_sick() -> None:
    r = compute_month(_june(unexcused=_days(10, 11), sick=_days(1, 2, 3, 4, 5)))
    assert r.amount == Decimal("1659.03")


def test_participation_from_10_june() -> None:
    r = compute_month(_june(start=date(2026, 6, 10), trial_end=date(2026, 7, 9)))
    assert (r.days, r.trial_days, r.amount) == (21, 21, Decimal("1498.48"))


def test_contributions_on_a_full_month() -> None:
    r = compute_month(_june())
    assert (r.contribution_pension, r.contribution_disability) == (
        Decimal("417.86"),
        Decimal("171.25"),
    )


def test_rates_are_dated_and_change_on_1_june() -> None:
    assert rate_on(SHIPPED_RATES, date(2026, 5, 31)) == Decimal("2066.28")
    assert rate_on(SHIPPED_RATES, date(2026, 6, 1)) == Decimal("2140.68")
    assert rate_on(SHIPPED_RATES, date(2024, 6, 1)) == Decimal("1994.40")
    assert rate_on(SHIPPED_RATES, date(2024, 5, 31)) is None
    later = (*SHIPPED_RATES, (date(2027, 6, 1), Decimal("2200.00")))
    assert rate_on(later, date(2027, 6, 1)) == Decimal("2200.00")


def test_sick_days_in_the_trial_reduce_nothing() -> None:
    r = compute_month(
        _june(start=date(2026, 6, 1), trial_end=date(2026, 6, 30), sick=_days(2, 3, 4))
    )
    assert (r.sick_trial_days, r.sick_days, r.amount) == (3, 0, RATE)
    office = BenefitRules(sick_in_trial_reduces=True)
    reduced = compute_month(
        _june(start=date(2026, 6, 1), trial_end=date(2026, 6, 30), sick=_days(2, 3, 4)), office
    )
    assert reduced.amount == Decimal("1980.13")  # 2140.68 − 3 × 53.517


def test_trial_ends_inside_the_month() -> None:
    # Started 15 May: the trial ends 14 June; sick 12–17 June → 3 days after the trial.
    r = compute_month(
        _june(
            start=date(2026, 5, 15),
            trial_end=date(2026, 6, 14),
            sick=_days(12, 13, 14, 15, 16, 17),
        )
    )
    assert (r.trial_days, r.sick_trial_days, r.sick_days) == (14, 3, 3)
    assert r.amount == Decimal("1980.13")


def test_crossing_the_21st_sick_day() -> None:
    # 18 days used earlier in the period; 5 more now: 3 at 1/40, 2 unpaid at 1/30.
    r = compute_month(_june(sick=_days(1, 2, 3, 4, 5), sick_days_before=18))
    assert (r.sick_days, r.sick_unpaid_days) == (5, 2)
    # 2140.68 − 3 × 53.517 − 2 × 71.356 = 1837.417
    assert r.amount == Decimal("1837.42")
    assert r.sick_deduction == Decimal("160.55") and r.sick_unpaid_deduction == Decimal("142.71")


def test_all_sick_beyond_21_days_is_zero() -> None:
    r = compute_month(
        _june(sick=frozenset(date(2026, 6, d) for d in range(1, 31)), sick_days_before=21)
    )
    assert r.amount == Decimal("0.00") and r.sick_unpaid_days == 30


def test_days_off_paid_in_full() -> None:
    r = compute_month(_june(days_off=_days(8, 9)))
    assert (r.days_off, r.amount) == (2, RATE)


def test_february_full_and_partial() -> None:
    feb = {"first": date(2027, 2, 1), "last": date(2027, 2, 28)}
    assert compute_month(_june(**feb)).amount == RATE  # a whole February is a whole month
    r = compute_month(_june(**feb, end=date(2027, 2, 14)))
    assert (r.days, r.amount) == (14, Decimal("998.98"))  # 2140.68 ÷ 30 × 14 = 998.984


def test_period_starting_and_ending_in_one_month() -> None:
    r = compute_month(
        _june(start=date(2026, 6, 8), end=date(2026, 6, 19), trial_end=date(2026, 7, 7))
    )
    assert (r.days, r.trial_days, r.amount) == (12, 12, Decimal("856.27"))


def test_never_below_zero_in_a_short_month() -> None:
    r = compute_month(
        _june(start=date(2026, 6, 29), trial_end=date(2026, 7, 28), unexcused=_days(29, 30))
    )
    # base 142.712; 2 × 107.034 deducted from the full rate → 0.00, never negative
    assert r.amount == Decimal("0.00")


def test_fractions_of_the_prorated_amount_setting() -> None:
    rules = BenefitRules(fractions_of_full_rate=False)
    r = compute_month(
        _june(start=date(2026, 6, 16), trial_end=date(2026, 5, 31), unexcused=_days(20)), rules
    )
    # base 2140.68 ÷ 30 × 15 = 1070.34; − 1070.34 ÷ 20 = 1016.823
    assert r.amount == Decimal("1016.82")


def test_premium_rules() -> None:
    assert premium_problems(RATE, RATE, 10) == []
    assert premium_problems(Decimal("2140.69"), RATE, 10) == ["benefit.premium_over_rate"]
    assert premium_problems(Decimal("100"), RATE, 0) == ["benefit.premium_in_trial"]


def test_days_off_limit() -> None:
    start = date(2026, 1, 1)
    assert days_off_limit(start, date(2026, 12, 31), 1, 11) == 6
    assert days_off_limit(start, None, 1, 11) == 6
    assert days_off_limit(start, date(2027, 6, 30), 1, 11) == 9  # 6 months extension
    assert days_off_limit(start, date(2027, 12, 31), 1, 11) == 12


def test_unexcused_day_definition() -> None:
    assert is_unexcused_day(0, 1, False, False)
    assert not is_unexcused_day(1, 1, False, False)  # attended one class that day
    assert not is_unexcused_day(0, 1, False, True)  # sick leave or a day off covers it
    assert is_unexcused_day(0, 0, True, False)  # a whole day recorded as unexcused
    assert not is_unexcused_day(0, 0, False, False)  # excused marks only


def test_sick_count_over_the_period() -> None:
    spans = [(date(2026, 1, 20), date(2026, 2, 5)), (date(2026, 3, 30), date(2026, 4, 2))]
    # trial ends 31 Jan: 5 days in February and 2 in March before April
    assert sick_days_after_trial(spans, date(2026, 1, 31), date(2026, 4, 1)) == 7


def test_money_parsing() -> None:
    assert parse_money("2140,68") == Decimal("2140.68")
    assert parse_money("2 200") == Decimal("2200.00")
    for bad in ("", "-5", "1,234.5.6", "12.345", "abc"):
        with pytest.raises(ValueError):
            parse_money(bad)


money = st.decimals(min_value=Decimal("100.00"), max_value=Decimal("9999.99"), places=2)
june_days = st.frozensets(st.integers(1, 30).map(lambda d: date(2026, 6, d)), max_size=30)


@given(rate=money, unexcused=june_days, sick=june_days, before=st.integers(0, 40))
def test_property_never_negative_never_above_rate_one_rounding(
    rate: Decimal, unexcused: frozenset[date], sick: frozenset[date], before: int
) -> None:
    r = compute_month(
        _june(rate=rate, unexcused=unexcused, sick=sick - unexcused, sick_days_before=before)
    )
    assert Decimal("0.00") <= r.amount <= rate
    assert r.amount == r.amount.quantize(Decimal("0.01"))
    if len(unexcused) > 3:
        assert r.amount == Decimal("0.00") and r.forfeited
    assert r.contribution_pension == contribution(r.amount, Decimal("19.52"))


@given(rate=money, n=st.integers(0, 3))
def test_property_exact_against_rounding_once(rate: Decimal, n: int) -> None:
    days = frozenset(date(2026, 6, d) for d in range(1, n + 1))
    r = compute_month(_june(rate=rate, unexcused=days))
    # rate − n/20 rate = rate × (20 − n) / 20, rounded once
    assert r.amount == to_money(rate * (20 - n) / 20)


@given(rate=money, start=st.integers(1, 30))
def test_property_partial_month_is_pro_rata(rate: Decimal, start: int) -> None:
    first = date(2026, 6, start)
    r = compute_month(_june(rate=rate, start=first, trial_end=first + timedelta(days=40)))
    assert r.days == 31 - start
    assert r.amount == (rate if start == 1 else to_money(rate * r.days / 30))


@given(rate=money, sick=st.integers(0, 30), before=st.integers(0, 30))
def test_property_sick_days_split_at_the_limit(rate: Decimal, sick: int, before: int) -> None:
    days = frozenset(date(2026, 6, d) for d in range(1, sick + 1))
    r = compute_month(_june(rate=rate, sick=days, sick_days_before=before))
    assert r.sick_unpaid_days == max(0, sick - max(0, 21 - before))
    more = compute_month(_june(rate=rate, sick=days, sick_days_before=before + 1))
    assert more.amount <= r.amount  # using more of the 21 days never pays more
