"""Graduate status as the act defines it (art. 2 pkt 1a–1b): each condition, their
combinations, KIS and CIS apart, and the CIS status window around its last day."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from kisdesk.rules.eligibility import (
    DISABILITY_PENSION,
    ENTITLEMENTS,
    RETIREMENT_PENSION,
    UNEMPLOYMENT_BENEFIT,
    contract_required,
    excluding,
)
from kisdesk.rules.graduate import evaluate_status, graduate_until
from kisdesk.rules.reviews import (
    DUE,
    HELD,
    MISSED,
    OVERDUE,
    PLANNED,
    next_review,
    plan_states,
    planned_reviews,
)

START = date(2026, 1, 15)  # complete on 2026-07-14
LONG_END = date(2026, 7, 20)
SHORT_END = date(2026, 5, 31)


def kis(end: date, certificate: str | None, contract: str | None, as_of: date = date(2026, 8, 1)):  # type: ignore[no-untyped-def]
    return evaluate_status(
        kind="kis",
        start=START,
        end=end,
        as_of=as_of,
        graduate_months=6,
        ending_certificate=certificate,
        contract_status=contract,
    )


@pytest.mark.parametrize(
    "months, certificate, contract",
    list(itertools.product([True, False], [True, False], [True, False])),
)
def test_kis_needs_all_three_conditions_and_names_each_missing(months, certificate, contract):  # type: ignore[no-untyped-def]
    status = kis(
        LONG_END if months else SHORT_END,
        "1/2026" if certificate else None,
        "realised" if contract else "in_progress",
    )
    expected = [
        name
        for name, met in (("months", months), ("certificate", certificate), ("contract", contract))
        if not met
    ]
    assert list(status.missing) == expected
    assert status.graduate is (months and certificate and contract)
    assert status.eligible is status.graduate
    assert status.months_complete is months
    assert status.graduate_until is None  # the act sets no time limit on the KIS status


@pytest.mark.parametrize("state", ["in_progress", "not_realised", "terminated", None])
def test_kis_contract_not_carried_out_is_missing(state):  # type: ignore[no-untyped-def]
    status = kis(LONG_END, "1/2026", state)
    assert status.missing == ("contract",) and not status.graduate
    assert status.contract_status == state


def test_kis_social_enterprise_employee_needs_no_contract() -> None:
    status = evaluate_status(
        kind="kis",
        start=START,
        end=LONG_END,
        as_of=date(2026, 8, 1),
        graduate_months=6,
        ending_certificate="1/2026",
        contract_status=None,
        contract_required=contract_required("social_enterprise"),
    )
    assert status.graduate and status.missing == ()


@pytest.mark.parametrize(
    "months, certificate", list(itertools.product([True, False], [True, False]))
)
def test_cis_needs_months_and_certificate_but_no_kontrakt(months, certificate):  # type: ignore[no-untyped-def]
    status = evaluate_status(
        kind="cis",
        start=START,
        end=LONG_END if months else SHORT_END,
        as_of=date(2026, 8, 1),
        graduate_months=6,
        ending_certificate="5/2026" if certificate else None,
        contract_status="terminated",  # the IPZS is no condition of art. 2 pkt 1a
    )
    expected = [n for n, met in (("months", months), ("certificate", certificate)) if not met]
    assert list(status.missing) == expected
    assert status.graduate is (months and certificate)
    assert (status.graduate_until is not None) is (months and certificate)


@pytest.mark.parametrize(
    "as_of, graduate",
    [
        (date(2027, 3, 15), True),
        (date(2027, 9, 14), True),
        (date(2027, 9, 15), True),  # the last day of the status
        (date(2027, 9, 16), False),
        (date(2028, 1, 1), False),
    ],
)
def test_cis_status_lasts_six_months_from_the_end(as_of, graduate):  # type: ignore[no-untyped-def]
    status = evaluate_status(
        kind="cis",
        start=date(2026, 9, 15),
        end=date(2027, 3, 15),
        as_of=as_of,
        graduate_months=6,
        ending_certificate="3/2027",
        contract_status="in_progress",
    )
    assert status.graduate_until == date(2027, 9, 15)
    assert status.graduate is graduate and status.eligible is graduate
    assert status.missing == ()


@pytest.mark.parametrize(
    "end, until",
    [
        (date(2027, 3, 15), date(2027, 9, 15)),
        (date(2027, 8, 31), date(2028, 2, 29)),  # clamped at the month's end (leap year)
        (date(2026, 8, 31), date(2027, 2, 28)),
        (date(2027, 12, 31), date(2028, 6, 30)),
    ],
)
def test_graduate_until_is_clamped_at_the_months_end(end, until):  # type: ignore[no-untyped-def]
    assert graduate_until(end, 6) == until


def test_kis_realised_later_than_the_date_asked_counts_not_yet() -> None:
    # a certificate issued on 2026-07-21 is not held on 2026-07-20
    early = kis(LONG_END, None, "realised", as_of=LONG_END)
    assert early.missing == ("certificate",)


def test_cis_refuses_every_exclusion_kis_accepts_only_the_disability_pension() -> None:
    assert excluding("cis", [DISABILITY_PENSION]) == (DISABILITY_PENSION,)
    assert excluding("kis", [DISABILITY_PENSION]) == ()
    assert excluding("kis", [DISABILITY_PENSION, RETIREMENT_PENSION]) == (RETIREMENT_PENSION,)
    assert excluding("cis", ENTITLEMENTS) == ENTITLEMENTS
    assert excluding("kis", []) == () and excluding("cis", [UNEMPLOYMENT_BENEFIT])


def test_reviews_planned_every_three_months_and_at_the_cis_trial_end() -> None:
    plan = planned_reviews(date(2026, 1, 15), date(2026, 12, 31), 3, date(2026, 2, 15))
    assert plan == [
        date(2026, 2, 15),
        date(2026, 4, 15),
        date(2026, 7, 15),
        date(2026, 10, 15),
    ]


def test_review_due_then_overdue_then_done() -> None:
    plan = [date(2026, 4, 15), date(2026, 7, 15)]
    assert next_review(plan, [], date(2026, 3, 1)) is None
    due = next_review(plan, [], date(2026, 4, 5))
    assert due is not None and (due.planned_on, due.state) == (date(2026, 4, 15), DUE)
    late = next_review(plan, [], date(2026, 4, 20))
    assert late is not None and late.state == OVERDUE
    assert next_review(plan, [date(2026, 4, 10)], date(2026, 4, 20)) is None  # early counts
    # a review held in April does not cover July
    july = next_review(plan, [date(2026, 4, 10)], date(2026, 7, 20))
    assert july is not None and july.planned_on == date(2026, 7, 15)


def test_each_planned_review_says_where_it_stands() -> None:
    plan = [date(2026, 4, 15), date(2026, 7, 15), date(2026, 10, 15), date(2027, 1, 15)]
    # April held early (within 14 days), July never held and superseded, October overdue
    states = plan_states(plan, [date(2026, 4, 3)], date(2026, 10, 20))
    assert [s.state for s in states] == [HELD, MISSED, OVERDUE, PLANNED]
    # the same answer as the dashboard's next_review for the one owed now
    owed = next_review(plan, [date(2026, 4, 3)], date(2026, 10, 20))
    assert owed is not None and owed.planned_on == states[2].planned_on
    # a review held late for July (in August) covers July, not October
    states = plan_states(plan, [date(2026, 4, 3), date(2026, 8, 20)], date(2026, 10, 5))
    assert [s.state for s in states] == [HELD, HELD, DUE, PLANNED]
