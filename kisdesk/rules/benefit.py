"""CIS świadczenie integracyjne and premia (art. 15 and 15a of the act), docs/benefit.md.

Pure rules: no database, no Qt. Every amount is computed exactly (fractions of the full rate)
and rounded once, half up to the grosz, never below 0: "2 140,68 − 2 × 107,034 = 1 926,612
→ 1 926,61". Offices that round every deduction first get a grosz or two less; kisdesk keeps
one rule everywhere (the list, the refund, the workbook).

The open points the act leaves (docs/benefit.md, "Ustawienia") are fields of `BenefitRules`
with the statute's literal reading as the default.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from kisdesk.rules.calendar import add_months
from kisdesk.rules.hours import round_half_up

ZERO = Decimal("0.00")
_CENT = Decimal("0.01")
_ONE_DAY = timedelta(days=1)

# 120 % of the zasiłek dla bezrobotnych (art. 15 ust. 4; URP art. 224 ust. 1 pkt 1), indexed
# every 1 June (URP art. 228). The office adds each new amount; these ship with the program.
SHIPPED_RATES: tuple[tuple[date, Decimal], ...] = (
    (date(2024, 6, 1), Decimal("1994.40")),
    (date(2025, 6, 1), Decimal("2066.28")),
    (date(2026, 6, 1), Decimal("2140.68")),
)

UNEXCUSED_DIVISOR = 20  # art. 15 ust. 7: 1/20 a day
UNEXCUSED_MAX_DAYS = 3  # art. 15 ust. 7: more than 3 days → no benefit for the month
SICK_DIVISOR = 40  # art. 15 ust. 7a: 1/40 a day
PARTIAL_DIVISOR = 30  # art. 15 ust. 6: rate ÷ 30 × calendar days


@dataclass(frozen=True, slots=True)
class BenefitRules:
    """The open points of art. 15 as settings (docs/benefit.md), statute's reading by default."""

    sick_limit_days: int = 21  # art. 15 ust. 7a, counted over the whole participation period
    sick_beyond_divisor: int = 30  # "no benefit" for further days: rate ÷ 30 a day (ust. 6)
    sick_in_trial_reduces: bool = False  # ust. 7a covers the participation period only
    fractions_of_full_rate: bool = True  # 1/20 and 1/40 of the full rate, also in a partial month
    pension_percent: Decimal = Decimal("19.52")  # ustawa o systemie ubezpieczeń, art. 22
    disability_percent: Decimal = Decimal("8")
    days_off: int = 6  # art. 15 ust. 6a


STATUTE_READING = BenefitRules()


def to_money(value: Fraction | Decimal | int) -> Decimal:
    """Half up to the grosz (the one rounding), as a Decimal with two places."""
    cents = round_half_up(Fraction(value) * 100)
    return (Decimal(cents) / 100).quantize(_CENT)


def parse_money(text: str) -> Decimal:
    """An amount typed by a user ("2140,68", "2 140.68") as Decimal; ValueError if not one."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not cleaned or cleaned.count(".") > 1:
        raise ValueError(text)
    whole, _, cents = cleaned.partition(".")
    if not whole.isdigit() or (cents and (not cents.isdigit() or len(cents) > 2)):
        raise ValueError(text)
    return Decimal(cleaned).quantize(_CENT)


def rate_on(rates: Iterable[tuple[date, Decimal]], day: date) -> Decimal | None:
    """The rate in force on `day` (the latest one starting on or before it); None if none."""
    found: tuple[date, Decimal] | None = None
    for start, amount in rates:
        if start <= day and (found is None or start > found[0]):
            found = (start, amount)
    return None if found is None else found[1]


def month_first_last(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def days_in(first: date, last: date, start: date, end: date | None) -> int:
    """Calendar days of [start, end] inside [first, last]."""
    lo, hi = max(first, start), min(last, end or last)
    return max(0, (hi - lo).days + 1)


def dates_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def is_unexcused_day(attended: int, unexcused_marks: int, whole_day: bool, covered: bool) -> bool:
    """Art. 15 ust. 7: a day of unexcused absence, as docs/benefit.md defines it.

    Expected at classes, attended none of them and at least one mark "nieusprawiedliwiona"
    (or a whole day recorded as unexcused) — and neither sick leave nor a day off covers it.
    """
    if covered:
        return False
    return whole_day or (attended == 0 and unexcused_marks > 0)


def days_off_limit(
    start: date,
    planned_end: date | None,
    trial_months: int,
    base_months: int,
    rules: BenefitRules = STATUTE_READING,
) -> int:
    """Days off of one participation period (art. 15 ust. 6a).

    6 days; a period extended beyond the trial and the base participation gets 6 more pro
    rata to the extension: 6 × whole months of extension ÷ 12, rounded down.
    """
    base_end = add_months(start, trial_months + base_months) - _ONE_DAY
    if planned_end is None or planned_end <= base_end:
        return rules.days_off
    months = 0
    while add_months(base_end + _ONE_DAY, months + 1) - _ONE_DAY <= planned_end:
        months += 1
    return rules.days_off + rules.days_off * months // 12


@dataclass(frozen=True, slots=True)
class MonthInput:
    """One participation period in one month, as the service gathered it."""

    rate: Decimal
    first: date  # the month's first day
    last: date  # the month's last day
    start: date  # of the participation period
    end: date | None  # actual end, or None while it lasts
    trial_end: date  # last day of the trial month (okres próbny)
    unexcused: frozenset[date] = frozenset()  # days of unexcused absence (already judged)
    sick: frozenset[date] = frozenset()  # calendar days on sick leave in the month
    sick_days_before: int = 0  # post-trial sick days used earlier in the same period
    days_off: frozenset[date] = frozenset()
    premium: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class BenefitResult:
    days: int
    trial_days: int
    base: Decimal
    unexcused_days: int
    unexcused_deduction: Decimal
    forfeited: bool
    sick_days: int  # after the trial, in the month
    sick_days_before: int
    sick_deduction: Decimal
    sick_unpaid_days: int
    sick_unpaid_deduction: Decimal
    sick_trial_days: int  # in the trial month: reduce nothing by default
    days_off: int
    amount: Decimal
    premium: Decimal
    contribution_pension: Decimal
    contribution_disability: Decimal
    full_month: bool
    unexcused_dates: tuple[date, ...] = field(default=())


def _cents(value: Decimal) -> int:
    return int((value * 100).to_integral_value())


def _round(numerator: int, denominator: int) -> Decimal:
    """numerator/denominator grosze, half up to the grosz (never negative here)."""
    cents = (2 * numerator + denominator) // (2 * denominator)
    return (Decimal(cents) / 100).quantize(_CENT)


def compute_month(data: MonthInput, rules: BenefitRules = STATUTE_READING) -> BenefitResult:
    """The month's benefit of one participation period (art. 15 ust. 4–7a).

    Exact arithmetic on integers: every amount is a number of grosze over one common
    denominator (divisible by 30 × 40 and by the "beyond 21 days" divisor), so ÷20, ÷30,
    ÷40 and the partial month are exact and only the final amounts are rounded.
    """
    rate = _cents(data.rate)
    denominator = math.lcm(PARTIAL_DIVISOR * SICK_DIVISOR, rules.sick_beyond_divisor)
    days = days_in(data.first, data.last, data.start, data.end)
    month_days = (data.last - data.first).days + 1
    trial_days = days_in(
        data.first, data.last, data.start, min(data.trial_end, data.end or data.trial_end)
    )
    full = days == month_days
    full_rate = rate * denominator
    # ust. 6: a partial month is rate ÷ 30 × calendar days (never more than the full rate).
    base = full_rate if full else min(full_rate, rate * days * denominator // PARTIAL_DIVISOR)
    unit = full_rate if rules.fractions_of_full_rate else base  # of the rate, or of the base
    inside = {d for d in data.unexcused if data.first <= d <= data.last}
    unexcused_days = len(inside)
    forfeited = unexcused_days > UNEXCUSED_MAX_DAYS
    unexcused_ded = unit * unexcused_days // UNEXCUSED_DIVISOR
    sick_after = sorted(d for d in data.sick if d > data.trial_end)
    sick_trial = [d for d in data.sick if d <= data.trial_end]
    counted = len(sick_after) + (len(sick_trial) if rules.sick_in_trial_reduces else 0)
    room = max(0, rules.sick_limit_days - data.sick_days_before)
    within = min(counted, room)
    beyond = counted - within
    sick_ded = unit * within // SICK_DIVISOR
    unpaid_ded = full_rate * beyond // rules.sick_beyond_divisor
    if forfeited:
        # More than 3 days: no benefit for the month; the whole base is the deduction shown.
        unexcused_ded, sick_ded, unpaid_ded = base, 0, 0
    exact = max(0, base - unexcused_ded - sick_ded - unpaid_ded)
    amount = _round(exact, denominator)
    return BenefitResult(
        days=days,
        trial_days=trial_days,
        base=_round(base, denominator),
        unexcused_days=unexcused_days,
        unexcused_deduction=_round(unexcused_ded, denominator),
        forfeited=forfeited,
        sick_days=len(sick_after),
        sick_days_before=data.sick_days_before,
        sick_deduction=_round(sick_ded, denominator),
        sick_unpaid_days=0 if forfeited else beyond,
        sick_unpaid_deduction=_round(unpaid_ded, denominator),
        sick_trial_days=len(sick_trial),
        days_off=len(data.days_off),
        amount=amount,
        premium=data.premium.quantize(_CENT),
        contribution_pension=contribution(amount, rules.pension_percent),
        contribution_disability=contribution(amount, rules.disability_percent),
        full_month=full,
        unexcused_dates=tuple(sorted(inside)),
    )


def contribution(amount: Decimal, percent: Decimal) -> Decimal:
    """A contribution on the benefit paid, rounded on its own (the base is the amount paid)."""
    numerator, denominator = percent.as_integer_ratio()
    return _round(_cents(amount) * numerator, denominator * 100)


def premium_problems(amount: Decimal, rate: Decimal, post_trial_days: int) -> list[str]:
    """Why a motivational premium cannot be granted (art. 15a); empty when it can."""
    problems: list[str] = []
    if amount < 0:
        problems.append("benefit.premium_negative")
    if amount > rate:
        problems.append("benefit.premium_over_rate")  # at most 100 % of the benefit
    if amount > 0 and post_trial_days == 0:
        problems.append("benefit.premium_in_trial")  # the participation period only
    return problems


def sick_days_after_trial(spans: Sequence[tuple[date, date]], trial_end: date, before: date) -> int:
    """Calendar days of sick leave after the trial and before `before` (the 21-day count)."""
    days: set[date] = set()
    for lo, hi in spans:
        lo = max(lo, trial_end + _ONE_DAY)
        hi = min(hi, before - _ONE_DAY)
        if lo <= hi:
            days.update(dates_between(lo, hi))
    return len(days)


def totals(results: Iterable[BenefitResult]) -> Mapping[str, Decimal]:
    keys = ("amount", "premium", "contribution_pension", "contribution_disability")
    sums = dict.fromkeys(keys, ZERO)
    for r in results:
        for k in keys:
            sums[k] += getattr(r, k)
    return sums
