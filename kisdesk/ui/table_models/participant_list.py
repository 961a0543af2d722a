"""The participant list: name, masked PESEL, group, status, start, this month's hours."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from kisdesk.i18n import tr
from kisdesk.messages.core import participant_statuses
from kisdesk.services.participants import ParticipantRow, mask_pesel
from kisdesk.ui.table_models.base import CENTER, RIGHT, ROW_ROLE, Column, RowTableModel
from kisdesk.ui.widgets import status
from kisdesk.ui.widgets.participant_labels import fmt_date, fmt_hours
from kisdesk.ui.widgets.table import SortProxy


@dataclass(frozen=True, slots=True)
class ParticipantEntry:
    row: ParticipantRow
    attended: int | None  # minutes this month (None: no participation this month)
    required: int | None
    month_status: str | None  # status colour key (met / in_progress / at_risk / short)
    hour_minutes: int

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def name(self) -> str:
        return f"{self.row.last_name} {self.row.first_name}"


def _hours(e: ParticipantEntry) -> str:
    if e.attended is None or e.required is None:
        return "—"
    return f"{fmt_hours(e.attended, e.hour_minutes)} / {fmt_hours(e.required, e.hour_minutes)}"


def _hours_tooltip(e: ParticipantEntry) -> str | None:
    if e.attended is None or e.required is None or e.month_status is None:
        return tr("Brak uczestnictwa w tym miesiącu")
    return tr("Zrealizowane {a} z wymaganych {r} godz. dydaktycznych – {status}").format(
        a=fmt_hours(e.attended, e.hour_minutes),
        r=fmt_hours(e.required, e.hour_minutes),
        status=status.status_text(e.month_status),
    )


def _status(e: ParticipantEntry) -> str:
    text = participant_statuses(e.row.sex)[e.row.status]
    if e.row.status == "ended" and e.row.end_on:
        return tr("{status} {date}").format(status=text, date=fmt_date(e.row.end_on))
    if e.row.status == "active" and e.row.end_on:
        return tr("{status} (do {date})").format(status=text, date=fmt_date(e.row.end_on))
    return text


def _background(e: ParticipantEntry) -> Any:
    return status.background(e.month_status) if e.month_status else None


def _foreground(e: ParticipantEntry) -> Any:
    return status.foreground(e.month_status) if e.month_status else None


class ParticipantListModel(RowTableModel[ParticipantEntry]):
    NAME, PESEL, GROUP, START, HOURS, STATUS = range(6)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(tr("Nazwisko i imię"), lambda e: e.name),
                Column(
                    tr("PESEL"),
                    lambda e: (
                        mask_pesel(e.row.pesel)
                        or tr("brak (ur. {date})").format(date=fmt_date(e.row.birth_date))
                    ),
                    sort=lambda e: e.row.pesel or "",
                ),
                Column(tr("Grupa"), lambda e: e.row.group or "—"),
                Column(
                    tr("Początek"),
                    lambda e: fmt_date(e.row.start_on),
                    sort=lambda e: e.row.start_on,
                    align=CENTER,
                ),
                Column(
                    tr("Godziny w tym miesiącu"),
                    _hours,
                    sort=lambda e: -1 if e.attended is None else e.attended,
                    align=RIGHT,
                    tooltip=_hours_tooltip,
                    background=_background,
                    foreground=_foreground,
                    header_tip=tr("Zrealizowane / wymagane godziny dydaktyczne w tym miesiącu"),
                ),
                Column(
                    tr("Status"),
                    _status,
                    sort=lambda e: f"{e.row.status} {e.row.end_on or ''}",
                ),
            ],
            parent,
        )


def set_month_title(model: ParticipantListModel, month: str) -> None:
    """The hours column names its month ("Godziny – listopad 2026")."""
    columns = list(model.columns)
    hours = ParticipantListModel.HOURS
    columns[hours] = replace(columns[hours], title=tr("Godziny – {month}").format(month=month))
    model.columns = tuple(columns)
    model.headerDataChanged.emit(Qt.Orientation.Horizontal, hours, hours)


class ParticipantFilter(SortProxy):
    """Filters as the user types: every word must match the name or the PESEL (its digits
    may be typed in full from a paper even though the list shows them masked)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._status: str | None = None

    def set_status(self, value: str | None) -> None:
        # Qt 6.10 replaced invalidateFilter() by begin/endFilterChange() (as SortProxy does).
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._status = value
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._status = value
            self.invalidateFilter()

    def filterAcceptsRow(  # noqa: N802 (Qt override)
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._status is None and not self._words:
            return True  # nothing asked for: no row is read (2000 people on every reset)
        model = self.sourceModel()
        entry = model.data(model.index(source_row, 0, source_parent), ROW_ROLE)
        if entry is None:
            return False
        if self._status is not None and entry.row.status != self._status:
            return False
        haystack = f"{entry.row.first_name} {entry.row.last_name} {entry.row.pesel or ''}"
        return all(word in haystack.casefold() for word in self._words)
