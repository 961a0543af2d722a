"""The participant's path in the demo office (docs/participant-path.md), kept as a careful
office keeps it: two goals in every kontrakt/IPZS, a review at each planned date that has
passed (a few recent ones left undone, so the dashboard shows what is overdue), the CIS
head's qualification after the trial month (art. 15 ust. 2), and a written authorisation with
the confidentiality undertaking for every staff member (art. 8b ust. 4, art. 18f) — the one
who joined last has not signed the undertaking yet, which the users page points out."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from kisdesk.demo.people import PeriodPlan, StaffPlan
from kisdesk.demo.rows import COMPLETED_REASONS
from kisdesk.rules.calendar import add_months
from kisdesk.rules.periods import cis_periods
from kisdesk.rules.reviews import planned_reviews
from kisdesk.services.authorisations import DEFAULT_SCOPE

# (area, goal, actions agreed, who is responsible)
GOALS = {
    "social": (
        ("Utrzymanie abstynencji", "Grupa wsparcia raz w tygodniu, terapia w poradni",
         "uczestnik, psycholog"),
        ("Uregulowanie zadłużenia czynszowego", "Porada prawna, wniosek o rozłożenie na raty",
         "uczestnik, pracownik socjalny"),
        ("Odbudowa kontaktów z rodziną", "Konsultacje psychologiczne, spotkania rodzinne",
         "uczestnik, psycholog"),
    ),
    "vocational": (
        ("Ukończenie kursu zawodowego", "Zapisy na kurs, udział w zajęciach, egzamin",
         "uczestnik, doradca zawodowy"),
        ("Podjęcie zatrudnienia", "Przygotowanie CV, 5 rozmów z pracodawcami",
         "uczestnik, doradca zawodowy"),
        ("Rejestracja w powiatowym urzędzie pracy", "Wizyta w PUP, profil pomocy",
         "uczestnik, pracownik socjalny"),
    ),
}  # fmt: skip
NOTES = (
    "Uczestnik realizuje ustalenia, frekwencja dobra.",
    "Cele aktualne; uzgodniono dodatkowe konsultacje.",
    "Postępy widoczne, kontynuacja działań.",
    "Trudności z punktualnością; omówiono zasady.",
)
OVERDUE_EVERY = 4  # one running period in 4 has its latest planned review not done yet


def _stamp(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


def _trial_end(period: PeriodPlan, settings: dict[str, Any]) -> dt.date:
    return cis_periods(
        period.start,
        settings["cis_trial_months"],
        settings["cis_base_months"],
        settings["cis_max_months"],
    ).trial_end


def decide_trials(
    contracts: Sequence[dict[str, Any]], settings: dict[str, Any], today: dt.date
) -> None:
    """CIS: the head qualified everyone who stayed past the trial month (art. 15 ust. 2)."""
    for contract in contracts:
        contract["trial_decision"], contract["trial_decision_on"] = "", None
        period: PeriodPlan = contract["period"]
        trial_end = _trial_end(period, settings)
        if trial_end <= today and (period.end is None or period.end >= trial_end):
            contract["trial_decision"] = "qualified"
            contract["trial_decision_on"] = trial_end


class PathRows:
    """Goals and reviews of the contracts just written, in the order they are inserted."""

    def __init__(
        self, rng: random.Random, kind: str, settings: dict[str, Any], today: dt.date
    ) -> None:
        self.rng, self.kind, self.settings, self.today = rng, kind, settings, today
        self.running = 0  # running periods with a review behind them, so far

    def goals(self, contract_id: int, period: PeriodPlan, status: str) -> list[dict[str, Any]]:
        rows = []
        for area in ("social", "vocational"):
            text, actions, who = self.rng.choice(GOALS[area])
            due = min(period.planned_end, add_months(period.start, 5))
            rows.append(
                {
                    "contract_id": contract_id,
                    "text": text,
                    "area": area,
                    "actions": actions,
                    "responsible": who,
                    "due_on": due,
                    "status": self._final(period, status),
                }
            )
        return rows

    def _final(self, period: PeriodPlan, contract_status: str) -> str:
        if period.end is None:
            return "in_progress"
        if contract_status == "realised" or period.reason in COMPLETED_REASONS:
            return "achieved"
        return "not_achieved"

    def reviews(self, period: PeriodPlan) -> list[dt.date]:
        """The days reviews were held: at each planned date up to the end (or today), a few
        days early at most (an early review counts, docs/participant-path.md)."""
        trial_end = _trial_end(period, self.settings) if self.kind == "cis" else None
        last = period.end or period.planned_end
        plan = planned_reviews(
            period.start, last, int(self.settings["plan_review_months"]), trial_end
        )
        held = [
            max(period.start, day - dt.timedelta(days=self.rng.randint(0, 6)))
            for day in plan
            if day <= (period.end or self.today)
        ]
        if period.end is None and held:
            self.running += 1
            if self.running % OVERDUE_EVERY == 1:
                held.pop()  # the latest one not done yet: the dashboard lists it as overdue
        return held

    def review_rows(self, period: PeriodPlan, days: list[dt.date]) -> list[dict[str, Any]]:
        return [
            {
                "participation_id": period.id,
                "held_on": day,
                "attendees": "uczestnik, pracownik socjalny",
                "note": self.rng.choice(NOTES),
                "created_at": _stamp(day, 14),
                "updated_at": _stamp(day, 14),
            }
            for day in days
        ]


def progress_rows(
    review_ids: list[int], goals: list[dict[str, Any]], goal_ids: list[int], final: bool
) -> list[dict[str, Any]]:
    """Progress of each goal at each review: under way, the last one as the goal ended."""
    rows = []
    for i, review_id in enumerate(review_ids):
        last = i == len(review_ids) - 1
        for goal, goal_id in zip(goals, goal_ids, strict=True):
            state = goal["status"] if (last and final) else "in_progress"
            rows.append({"review_id": review_id, "goal_id": goal_id, "progress": state})
    return rows


def authorisation_rows(staff: Sequence[StaffPlan]) -> list[dict[str, Any]]:
    """One per staff member from the day they started; withdrawn the day after they left.
    The newest one's undertaking is still to be signed."""
    ordered = sorted(staff, key=lambda s: (s.active_from, s.id))
    newest = ordered[-1] if ordered else None
    counters: dict[int, int] = {}
    rows = []
    for member in ordered:
        year = member.active_from.year
        counters[year] = counters.get(year, 0) + 1
        rows.append(
            {
                "staff_id": member.id,
                "person_name": member.full_name,
                "number": f"{counters[year]}/{year}",
                "given_on": member.active_from,
                "scope": DEFAULT_SCOPE,
                "undertaking_on": None if member is newest else member.active_from,
                "withdrawn_on": member.active_to + dt.timedelta(days=1)
                if member.active_to
                else None,
                "created_at": _stamp(member.active_from, 9),
                "updated_at": _stamp(member.active_from, 9),
            }
        )
    return rows
