"""Where each line of the dashboard leads: the page, tab or dialog where the matter is fixed.

The dashboard page (kisdesk.ui.pages.dashboard) is built on this class, so every link goes
through the page's own `navigate` and `today` at the moment of the click, and the dialogs a
link opens belong to the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from kisdesk.services.cis_duties import readiness
from kisdesk.services.dashboard import (
    CertificateItem,
    DeadlineItem,
    FollowUpRow,
    GraduateItem,
    HoursItem,
    MissingAttendanceItem,
)
from kisdesk.services.dashboard_path import (
    NO_CONTRACT,
    PUP_COPY,
    REVIEW_DUE,
    REVIEW_OVERDUE,
    TRIAL_DECISION,
    PathItem,
)
from kisdesk.ui.dialogs.outcome_dialogs import FollowUpDialog
from kisdesk.ui.dialogs.print import print_followup_calls
from kisdesk.ui.dialogs.readiness_dialog import ReadinessDialog
from kisdesk.ui.pages.base import Page


class DashboardLinks(Page):
    # The date the dashboard is about; tests may pin it.
    today: Callable[[], dt.date] = staticmethod(dt.date.today)

    def _choose_hours(self, item: HoursItem | None) -> None:
        if item is None:
            return
        if item.group_id is not None:
            self.navigate("attendance", group_id=item.group_id, month=(item.year, item.month))
        else:
            self.navigate("participants", participant_id=item.participant_id)

    _choose_missed = _choose_hours

    def _choose_graduate(self, item: GraduateItem) -> None:
        self.navigate("participants", participant_id=item.participant_id)

    def _choose_path(self, item: PathItem) -> None:
        sheets = {
            REVIEW_DUE: "reviews",
            REVIEW_OVERDUE: "reviews",
            TRIAL_DECISION: "decisions",
            NO_CONTRACT: "contract",
        }
        if item.what == PUP_COPY:  # record the date sent in the register
            self.navigate("documents", tab="register", number=item.number, year=item.on.year)
        elif item.what in sheets and item.participation_id is not None:
            self.navigate(
                "participants",
                participant_id=item.participant_id,
                participation_id=item.participation_id,
                contract=sheets[item.what],
            )
        elif item.participant_id:
            self.navigate("participants", participant_id=item.participant_id)
        else:  # an account or a staff member without an authorisation
            self.navigate("users", authorisations=True)

    def _choose_certificate(self, item: CertificateItem) -> None:
        self.navigate("documents", participation_id=item.participation_id)

    def _choose_missing(self, item: MissingAttendanceItem) -> None:
        if item.group_id is not None:
            self.navigate(
                "attendance",
                activity_id=item.activity_id,
                group_id=item.group_id,
                month=(item.date.year, item.date.month),
            )
        else:
            self.navigate("journal", activity_id=item.activity_id)

    def _choose_duty(self, item: Any) -> ReadinessDialog | None:
        if item.activity_id is not None:
            self.navigate("journal", activity_id=item.activity_id)
            return None
        found = [
            r
            for r in self.ops.read(lambda s: readiness(s, self.today()))
            if r.participant_id == item.participant_id
        ]
        if not found:
            return None
        dialog = ReadinessDialog(self.ops, found[0], self)
        dialog.open()
        return dialog

    def _choose_benefit(self, item: Any) -> None:
        today = self.today()
        self.navigate("benefits", month=(today.year, today.month))

    def _choose_followup(self, item: FollowUpRow) -> None:
        self.followup_dialog = FollowUpDialog(self.ops, item, self, today=self.today())
        self.followup_dialog.open()

    def _print_calls(self) -> None:
        today = self.today()
        print_followup_calls(self, self.ops, today.year, today.month)

    def _choose_deadline(self, item: DeadlineItem) -> None:
        form = "annual-report" if item.code == "annual_report" else "cis-application"
        self.navigate("documents", form=form)
