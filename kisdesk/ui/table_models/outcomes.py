"""Tables of follow-up checkpoints (docs/outcomes.md): the dashboard's list of contacts
due, and one person's contact history on the participant's card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from kisdesk.messages.outcomes import OUTCOME_LABELS, RESULT_LABELS
from kisdesk.services.outcomes import FollowUpRow
from kisdesk.ui.table_models.base import CENTER, Column, RowTableModel, format_date
from kisdesk.ui.widgets import status


class FollowUpDueModel(RowTableModel[FollowUpRow]):
    """Contacts due or overdue: who, the phone, after how many months, since when due."""

    def __init__(self, parent: Any = None, today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent=parent)
        self.today = today

        def late(row: FollowUpRow) -> int:
            return (self.today() - row.due).days

        def when(row: FollowUpRow) -> str:
            days = late(row)
            if days <= 0:
                return self.tr("dziś")
            return self.tr("{n} dni po terminie").format(n=days)

        self.columns = (
            Column(self.tr("Uczestnik"), lambda r: r.name),
            Column(self.tr("Telefon"), lambda r: r.phone or self.tr("brak")),
            Column(
                self.tr("Po"),
                lambda r: self.tr("{n} mies.").format(n=r.checkpoint_months),
                lambda r: r.checkpoint_months,
                CENTER,
                tooltip=lambda r: self.tr("Koniec uczestnictwa: {d}").format(
                    d=format_date(r.end_on)
                ),
            ),
            Column(
                self.tr("Termin"),
                when,
                lambda r: r.due,
                tooltip=lambda r: format_date(r.due),
                background=lambda r: status.background(
                    status.SHORT if late(r) > 30 else status.AT_RISK
                ),
                foreground=lambda r: status.foreground(
                    status.SHORT if late(r) > 30 else status.AT_RISK
                ),
            ),
        )


class FollowUpHistoryModel(RowTableModel[FollowUpRow]):
    """One period's checkpoints: due date, contact date, result and the kind found."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent=parent)
        self.columns = (
            Column(
                self.tr("Kontakt"),
                lambda r: self.tr("po {n} mies.").format(n=r.checkpoint_months),
                lambda r: r.checkpoint_months,
            ),
            Column(self.tr("Termin"), lambda r: format_date(r.due), lambda r: r.due),
            Column(
                self.tr("Data kontaktu"),
                lambda r: format_date(r.contacted_on) or self.tr("—"),
                lambda r: r.contacted_on or dt.date.max,
            ),
            Column(
                self.tr("Wynik"),
                lambda r: RESULT_LABELS.get(r.result or "", self.tr("do wykonania")),
            ),
            Column(
                self.tr("Rodzaj pracy"),
                lambda r: OUTCOME_LABELS.get(r.kind or "", "") if r.result == "working" else "",
            ),
            Column(self.tr("Uwagi"), lambda r: r.note),
        )
