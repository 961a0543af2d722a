"""The month's list of świadczenia integracyjne and premia of a CIS (docs/benefit.md).

Per-day attendance is aggregated by SQL (GROUP BY participant and day: classes attended and
unexcused marks), absences and premia are read for the month's periods only; the pure rules
of kisdesk.rules.benefit compute each amount. Nothing loads every attendance row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, Executable, bindparam, case, func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission, actor_of
from kisdesk.errors import NotFoundError, ValidationError
from kisdesk.i18n import tr
from kisdesk.models import (
    Absence,
    Activity,
    Attendance,
    BenefitPremium,
    BenefitRate,
    Participant,
    Participation,
)
from kisdesk.models.base import utcnow
from kisdesk.rules.benefit import (
    SHIPPED_RATES,
    ZERO,
    BenefitResult,
    BenefitRules,
    MonthInput,
    compute_month,
    days_in,
    is_unexcused_day,
    premium_problems,
    rate_on,
    sick_days_after_trial,
    to_money,
)
from kisdesk.rules.calendar import month_bounds
from kisdesk.rules.eligibility import SOCIAL_ENTERPRISE
from kisdesk.rules.periods import cis_periods
from kisdesk.services.absences import DAY_OFF, SICK, UNEXCUSED, days_off_ledger, health_visible
from kisdesk.services.common import clean, get_or_raise, require
from kisdesk.services.months import closed_months, ensure_open, month_key, month_settings
from kisdesk.services.settings import all_settings

_DAY = dt.timedelta(days=1)
NBSP = "\u00a0"  # thousands are separated by a space that never breaks a line


def _require_cis(session: Session) -> None:
    """The świadczenie integracyjne is paid by a CIS (art. 15); a KIS has none."""
    from kisdesk.services.office import office_kind

    if office_kind(session) != "cis":
        raise ValidationError("benefit.cis_only")


# -- rates ---------------------------------------------------------------------------------
def rates(session: Session) -> list[tuple[dt.date, Decimal]]:
    """The dated rates: the shipped ones, with the office's additions (same date replaces)."""
    require(session, Permission.READ)
    table = dict(SHIPPED_RATES)
    for row in session.scalars(select(BenefitRate)):
        table[row.valid_from] = Decimal(row.amount_cents) / 100
    return sorted((d, a.quantize(Decimal("0.01"))) for d, a in table.items())


def set_rate(session: Session, valid_from: dt.date, amount: Decimal) -> None:
    """Add the rate in force from `valid_from` (the leader): 120 % of the new zasiłek."""
    require(session, Permission.MANAGE_SETTINGS)
    if valid_from.day != 1:
        raise ValidationError("benefit.rate_not_first_day", date=valid_from.isoformat())
    if amount <= 0:
        raise ValidationError("benefit.rate_not_positive", amount=f"{amount:.2f}")
    later_closed = sorted(
        m for m in closed_months(session) if m >= month_key(valid_from.year, valid_from.month)
    )
    if later_closed:
        raise ValidationError("month.closed", month=later_closed[0])
    cents = int((amount * 100).to_integral_value())
    row = session.get(BenefitRate, valid_from)
    if row is None:
        session.add(
            BenefitRate(valid_from=valid_from, amount_cents=cents, added_by=actor_of(session).name)
        )
    else:
        row.amount_cents, row.added_by, row.added_at = cents, actor_of(session).name, utcnow()
    session.flush()


def rate_for_month(session: Session, year: int, month: int) -> Decimal:
    require(session, Permission.READ)
    first = dt.date(year, month, 1)
    found = rate_on(rates(session), first)
    if found is None:
        raise ValidationError("benefit.no_rate", month=month_key(year, month))
    return found


def rules_from_settings(session: Session, values: dict[str, Any] | None = None) -> BenefitRules:
    require(session, Permission.READ)
    s = values if values is not None else all_settings(session)
    return BenefitRules(
        sick_limit_days=s["benefit_sick_limit_days"],
        sick_beyond_divisor=s["benefit_sick_beyond_divisor"],
        sick_in_trial_reduces=s["benefit_sick_in_trial_reduces"],
        fractions_of_full_rate=s["benefit_fractions_of_full_rate"],
        pension_percent=Decimal(s["benefit_pension_percent"]),
        disability_percent=Decimal(s["benefit_disability_percent"]),
    )


# -- the month's list ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BenefitRow:
    participant_id: int
    participation_id: int
    name: str
    trial_end: dt.date
    result: BenefitResult
    premium_reason: str
    rate: Decimal
    # Sick leave withheld from an actor without health access (RODO art. 9): the result's
    # sick days are zero and `sick_deduction` holds both sick-leave deductions as one neutral
    # "excused absences" amount, so the amount to pay stays right (see `hide_health`).
    health_hidden: bool = False

    @property
    def why(self) -> tuple[str, ...]:
        """Each figure explained, in Polish (built when shown: the list itself is faster)."""
        return _why(
            self.result, self.rate, self.trial_end, self.result.unexcused_dates, self.health_hidden
        )


@dataclass(frozen=True, slots=True)
class BenefitList:
    year: int
    month: int
    rate: Decimal
    rules: BenefitRules
    rows: list[BenefitRow]
    totals: dict[str, Decimal]
    health_hidden: bool = False  # see BenefitRow.health_hidden

    @property
    def key(self) -> str:
        return month_key(self.year, self.month)


@cache
def _periods_statement() -> Executable:
    """Built once: the list is drawn on every refresh of the page (as hours' statements)."""
    first: BindParameter[Any] = bindparam("first")
    last: BindParameter[Any] = bindparam("last")
    return (
        select(
            Participation.id,
            Participation.participant_id,
            Participant.last_name,
            Participant.first_name,
            Participation.start_on,
            Participation.end_on,
        )
        .join(Participant, Participant.id == Participation.participant_id)
        .where(
            Participation.start_on <= last,
            or_(Participation.end_on.is_(None), Participation.end_on >= first),
            Participant.anonymized_at.is_(None),
            # An employee of a social enterprise gets CIS services (art. 3 ust. 1b), never
            # the świadczenie integracyjne (docs/participant-path.md).
            Participant.kind != SOCIAL_ENTERPRISE,
        )
        .order_by(Participant.last_name, Participant.first_name, Participation.start_on)
    )


@cache
def _candidates_statement() -> Executable:
    """participant, day, classes attended, unexcused marks: days with an unexcused mark."""
    attended = func.sum(case((Attendance.mark.in_(("present", "partial")), 1), else_=0))
    unexcused = func.sum(case((Attendance.mark == "absent", 1), else_=0))
    return (
        select(Attendance.participant_id, Activity.date, attended, unexcused)
        .join(Activity, Activity.id == Attendance.activity_id)
        .where(Activity.date >= bindparam("first"), Activity.date <= bindparam("last"))
        .group_by(Attendance.participant_id, Activity.date)
        .having(unexcused > 0)
    )


@cache
def _absences_statement() -> Executable:
    """The absences of the month's periods up to its last day (sickness counts from the
    period's start: the 21 days of art. 15 ust. 7a)."""
    first: BindParameter[Any] = bindparam("first")
    last: BindParameter[Any] = bindparam("last")
    periods = (
        select(Participation.id)
        .where(
            Participation.start_on <= last,
            or_(Participation.end_on.is_(None), Participation.end_on >= first),
        )
        .scalar_subquery()
    )
    return select(Absence.participation_id, Absence.kind, Absence.from_on, Absence.to_on).where(
        Absence.participation_id.in_(periods), Absence.from_on <= last
    )


def _periods(session: Session, first: dt.date, last: dt.date) -> list[Any]:
    return list(session.execute(_periods_statement(), {"first": first, "last": last}))


def _candidate_days(
    session: Session, first: dt.date, last: dt.date
) -> dict[int, dict[dt.date, tuple[int, int]]]:
    """participant → day → (classes attended, unexcused marks), by SQL GROUP BY."""
    found: dict[int, dict[dt.date, tuple[int, int]]] = defaultdict(dict)
    for row in session.execute(_candidates_statement(), {"first": first, "last": last}):
        pid, day, att, unx = row[0], row[1], row[2], row[3]
        found[int(pid)][day] = (int(att or 0), int(unx or 0))
    return found


def _spread(a: Any, lo: dt.date, hi: dt.date) -> set[dt.date]:
    day, end, out = max(a.from_on, lo), min(a.to_on, hi), set()
    while day <= end:
        out.add(day)
        day += _DAY
    return out


def _why(
    r: BenefitResult,
    rate: Decimal,
    trial_end: dt.date,
    dates: tuple[dt.date, ...],
    hidden: bool = False,
) -> tuple[str, ...]:
    lines = [tr("Stawka miesiąca: {rate} zł (art. 15 ust. 4)").format(rate=money_pl(rate))]
    if r.full_month:
        lines.append(tr("Pełny miesiąc: {days} dni").format(days=r.days))
    else:
        lines.append(
            tr("Niepełny miesiąc: {rate} ÷ 30 × {days} dni = {base} zł (art. 15 ust. 6)").format(
                rate=money_pl(rate), days=r.days, base=money_pl(r.base)
            )
        )
    if r.trial_days:
        lines.append(
            tr("Okres próbny do {end}: {days} dni w tym miesiącu").format(
                end=trial_end.strftime("%d.%m.%Y"), days=r.trial_days
            )
        )
    if r.forfeited:
        lines.append(
            tr(
                "{n} dni nieusprawiedliwione ({days}) – więcej niż 3: świadczenie za miesiąc "
                "nie przysługuje (art. 15 ust. 7)"
            ).format(n=r.unexcused_days, days=", ".join(d.strftime("%d.%m") for d in dates))
        )
    elif r.unexcused_days:
        lines.append(
            tr(
                "{n} dni nieusprawiedliwione ({days}) × 1/20 = −{amount} zł (art. 15 ust. 7)"
            ).format(
                n=r.unexcused_days,
                days=", ".join(d.strftime("%d.%m") for d in dates),
                amount=money_pl(r.unexcused_deduction),
            )
        )
    if hidden and r.sick_deduction and not r.forfeited:
        lines.append(
            tr("Potrącenie za inne nieobecności usprawiedliwione: −{amount} zł").format(
                amount=money_pl(r.sick_deduction)
            )
        )
    if r.sick_days and not r.forfeited:
        within = r.sick_days - r.sick_unpaid_days
        lines.append(
            tr(
                "L4 {n} dni po okresie próbnym (wcześniej w okresie: {before}) – {within} × 1/40 = "
                "−{amount} zł (art. 15 ust. 7a)"
            ).format(
                n=r.sick_days,
                before=r.sick_days_before,
                within=within,
                amount=money_pl(r.sick_deduction),
            )
        )
    if r.sick_unpaid_days:
        lines.append(
            tr("Ponad limit dni choroby: {n} × 1/30 = −{amount} zł (art. 15 ust. 7a)").format(
                n=r.sick_unpaid_days, amount=money_pl(r.sick_unpaid_deduction)
            )
        )
    if r.sick_trial_days:
        lines.append(
            tr("L4 w okresie próbnym: {n} dni – bez potrąceń (ustawienie)").format(
                n=r.sick_trial_days
            )
        )
    if r.days_off:
        lines.append(
            tr("Dni wolne: {n} – świadczenie w pełnej wysokości (art. 15 ust. 6b)").format(
                n=r.days_off
            )
        )
    lines.append(
        tr("Do wypłaty: {amount} zł (zaokrąglenie raz, do grosza)").format(
            amount=money_pl(r.amount)
        )
    )
    if r.premium:
        lines.append(
            tr("Premia motywacyjna: {amount} zł (art. 15a)").format(amount=money_pl(r.premium))
        )
    lines.append(
        tr("Składki: emerytalna {p} zł, rentowa {d} zł od kwoty wypłaconej").format(
            p=money_pl(r.contribution_pension), d=money_pl(r.contribution_disability)
        )
    )
    return tuple(lines)


def money_pl(value: Decimal) -> str:
    """2140.68 → "2 140,68" as Polish documents write amounts."""
    whole, _, cents = f"{value:.2f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return f"{sign}{NBSP.join(groups) or '0'},{cents}"


def benefit_list(session: Session, year: int, month: int) -> BenefitList:
    """Every participation period with a day in the month: its benefit, premium, contributions."""
    require(session, Permission.READ)
    _require_cis(session)
    first, last = month_bounds(year, month)
    rate = rate_for_month(session, year, month)
    values = month_settings(session, year, month)  # a closed month: those of its closing
    rules = rules_from_settings(session, values)
    trial_months = values["cis_trial_months"]
    periods = _periods(session, first, last)
    period_ids = [p[0] for p in periods]
    candidates = _candidate_days(session, first, last)
    absences: dict[int, list[Any]] = defaultdict(list)
    premia: dict[int, BenefitPremium] = {}
    if period_ids:
        for a in session.execute(_absences_statement(), {"first": first, "last": last}):
            absences[a.participation_id].append(a)
        for p in session.scalars(
            select(BenefitPremium).where(
                BenefitPremium.participation_id.in_(period_ids),
                BenefitPremium.month == month_key(year, month),
            )
        ):
            premia[p.participation_id] = p
    rows: list[BenefitRow] = []
    for pid, person_id, last_name, first_name, start, end in periods:
        lo, hi = max(first, start), min(last, end or last)
        trial_last = cis_periods(start, trial_months=trial_months).trial_end
        own = absences.get(pid, [])
        sick: set[dt.date] = set()
        off: set[dt.date] = set()
        whole_unexcused: set[dt.date] = set()
        for a in own:
            if a.kind == SICK:
                sick |= _spread(a, lo, hi)
            elif a.kind == DAY_OFF:
                off |= _spread(a, lo, hi)
            elif a.kind == UNEXCUSED:
                whole_unexcused |= _spread(a, lo, hi)
        covered = sick | off
        days_marks = candidates.get(person_id, {})
        unexcused = {
            d
            for d in set(days_marks) | whole_unexcused
            if lo <= d <= hi
            and is_unexcused_day(
                days_marks.get(d, (0, 0))[0],
                days_marks.get(d, (0, 0))[1],
                d in whole_unexcused,
                d in covered,
            )
        }
        before = sick_days_after_trial(
            [(a.from_on, a.to_on) for a in own if a.kind == SICK],
            trial_last,
            first,
        )
        premium = premia.get(pid)
        result = compute_month(
            MonthInput(
                rate=rate,
                first=first,
                last=last,
                start=start,
                end=end,
                trial_end=trial_last,
                unexcused=frozenset(unexcused),
                sick=frozenset(sick),
                sick_days_before=before,
                days_off=frozenset(off),
                premium=Decimal(premium.amount_cents) / 100 if premium else ZERO,
            ),
            rules,
        )
        rows.append(
            BenefitRow(
                person_id,
                pid,
                f"{last_name} {first_name}",
                trial_last,
                result,
                premium.reason if premium else "",
                rate,
            )
        )
    keys = ("amount", "premium", "contribution_pension", "contribution_disability")
    totals = {k: sum((getattr(r.result, k) for r in rows), Decimal("0.00")) for k in keys}
    if not health_visible(session):
        return BenefitList(year, month, rate, rules, [hide_health(r) for r in rows], totals, True)
    return BenefitList(year, month, rate, rules, rows, totals)


def hide_health(row: BenefitRow) -> BenefitRow:
    """The row as an actor without health access may see it (RODO art. 9): no sick days,
    both sick-leave deductions as one neutral amount; what is paid stays the same."""
    r = row.result
    neutral = replace(
        r,
        sick_days=0,
        sick_days_before=0,
        sick_deduction=r.sick_deduction + r.sick_unpaid_deduction,
        sick_unpaid_days=0,
        sick_unpaid_deduction=ZERO,
        sick_trial_days=0,
    )
    return replace(row, result=neutral, health_hidden=True)


def money(value: Decimal) -> str:
    return f"{value:.2f}"


def row_payload(row: BenefitRow) -> dict[str, Any]:
    r = row.result
    if row.health_hidden:
        # No sick-leave figures at all; the amount they took off as one neutral deduction.
        sick: dict[str, Any] = {
            "sick_days": None,
            "sick_days_before": None,
            "sick_deduction": None,
            "sick_unpaid_days": None,
            "sick_unpaid_deduction": None,
            "excused_deduction": money(r.sick_deduction),
        }
    else:
        sick = {
            "sick_days": r.sick_days,
            "sick_days_before": r.sick_days_before,
            "sick_deduction": money(r.sick_deduction),
            "sick_unpaid_days": r.sick_unpaid_days,
            "sick_unpaid_deduction": money(r.sick_unpaid_deduction),
        }
    return {
        "participant_id": row.participant_id,
        "participation_id": row.participation_id,
        "name": row.name,
        "days": r.days,
        "trial_days": r.trial_days,
        "base": money(r.base),
        "unexcused_days": r.unexcused_days,
        "unexcused_deduction": money(r.unexcused_deduction),
        "forfeited": r.forfeited,
        **sick,
        "days_off": r.days_off,
        "amount": money(r.amount),
        "premium": money(r.premium),
        "contribution_pension": money(r.contribution_pension),
        "contribution_disability": money(r.contribution_disability),
    }


def list_payload(data: BenefitList) -> dict[str, Any]:
    return {
        "month": data.key,
        "rate": money(data.rate),
        "rows": [row_payload(r) for r in data.rows],
        "totals": {k: money(v) for k, v in data.totals.items()},
    }


def benefit_list_payload(session: Session, year: int, month: int) -> dict[str, Any]:
    require(session, Permission.READ)
    return list_payload(benefit_list(session, year, month))


def benefit_export(session: Session, year: int, month: int) -> BenefitList:
    """The month's list for the accountant's workbook: an export (administracja, leader)."""
    require(session, Permission.EXPORT)
    return benefit_list(session, year, month)


# -- premia --------------------------------------------------------------------------------
def set_premium(
    session: Session, participant_id: int, year: int, month: int, amount: Decimal, reason: str
) -> int:
    """Grant (or change; 0 withdraws) the motivational premium of art. 15a for a month."""
    require(session, Permission.MANAGE_OFFICE)
    _require_cis(session)
    person = get_or_raise(session, Participant, participant_id, "participant.not_found")
    first, last = month_bounds(year, month)
    key = month_key(year, month)
    ensure_open(session, [first])
    reason = clean(reason)
    if not reason:
        raise ValidationError("benefit.premium_reason_required")
    period = session.scalar(
        select(Participation)
        .where(
            Participation.participant_id == participant_id,
            Participation.start_on <= last,
            or_(Participation.end_on.is_(None), Participation.end_on >= first),
        )
        .order_by(Participation.start_on.desc())
        .limit(1)
    )
    if period is None:
        raise ValidationError("benefit.not_participating", name=person.full_name, month=key)
    rate = rate_for_month(session, year, month)
    trial_months = all_settings(session)["cis_trial_months"]
    trial_last = cis_periods(period.start_on, trial_months=trial_months).trial_end
    after_trial = days_in(max(first, trial_last + _DAY), last, period.start_on, period.end_on)
    amount = to_money(amount)
    for code in premium_problems(amount, rate, after_trial):
        raise ValidationError(
            code, amount=money(amount), rate=money(rate), trial_end=trial_last.isoformat()
        )
    row = session.scalar(
        select(BenefitPremium).where(
            BenefitPremium.participation_id == period.id, BenefitPremium.month == key
        )
    )
    cents = int(amount * 100)
    if row is None:
        row = BenefitPremium(
            participant_id=participant_id, participation_id=period.id, month=key, amount_cents=0
        )
        session.add(row)
    row.amount_cents, row.reason, row.granted_by = cents, reason, actor_of(session).name
    session.flush()
    return row.id


def premium_of(session: Session, premium_id: int) -> BenefitPremium:
    require(session, Permission.READ)  # a person's money (issue 12: every reader checks)
    row = session.get(BenefitPremium, premium_id)
    if row is None:
        raise NotFoundError("benefit.premium_not_found", id=premium_id)
    return row


# -- the dashboard's warnings --------------------------------------------------------------
SICK_NOTICE_DAYS = 5  # "near the 21 days": this many days or fewer left (art. 15 ust. 7a)


@dataclass(frozen=True, slots=True)
class BenefitWarning:
    """Something the head should know during the month (art. 15 ust. 6a–7a)."""

    participant_id: int
    participation_id: int
    name: str
    code: str  # unexcused_3 | forfeited | sick_near_limit | sick_over_limit | days_off_used
    count: int  # unexcused days, sick days used in the period, days off used
    limit: int


def benefit_warnings(session: Session, today: dt.date) -> list[BenefitWarning]:
    """Who is at 3 unexcused days (one more and the month is lost), who lost the month, who
    is near or past the 21 sick days of the period, who has used the days off."""
    require(session, Permission.READ)
    try:
        data = benefit_list(session, today.year, today.month)
    except ValidationError:  # no rate for the month yet: nothing to judge
        return []
    limit = data.rules.sick_limit_days
    found: list[BenefitWarning] = []
    for row in data.rows:
        r = row.result
        if r.forfeited:
            found.append(
                BenefitWarning(
                    row.participant_id,
                    row.participation_id,
                    row.name,
                    "forfeited",
                    r.unexcused_days,
                    UNEXCUSED_LIMIT,
                )  # fmt: skip
            )
        elif r.unexcused_days == UNEXCUSED_LIMIT:
            found.append(
                BenefitWarning(
                    row.participant_id,
                    row.participation_id,
                    row.name,
                    "unexcused_3",
                    r.unexcused_days,
                    UNEXCUSED_LIMIT,
                )  # fmt: skip
            )
        used = r.sick_days_before + r.sick_days
        if row.health_hidden:  # sick days withheld (RODO art. 9): no sick-leave warning
            code = ""
        elif used > limit:
            code = "sick_over_limit"
        elif used >= limit - SICK_NOTICE_DAYS and used > 0:
            code = "sick_near_limit"
        else:
            code = ""
        if code:
            found.append(
                BenefitWarning(
                    row.participant_id, row.participation_id, row.name, code, used, limit
                )  # fmt: skip
            )
        period = session.get(Participation, row.participation_id)
        if period is not None and row.trial_end < data_last(data):
            off, off_limit = days_off_ledger(session, period)
            if off >= off_limit:
                found.append(
                    BenefitWarning(
                        row.participant_id,
                        row.participation_id,
                        row.name,
                        "days_off_used",
                        off,
                        off_limit,
                    )  # fmt: skip
                )
    return found


UNEXCUSED_LIMIT = 3  # art. 15 ust. 7: up to 3 days deducted, more: the month is lost


def data_last(data: BenefitList) -> dt.date:
    return month_bounds(data.year, data.month)[1]
