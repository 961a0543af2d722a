"""The journal's list of activities of a month (dziennik zajęć)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kisdesk.i18n import tr
from kisdesk.services.activities import ActivityRow
from kisdesk.ui.table_models.base import CENTER, RIGHT, Column, RowTableModel
from kisdesk.ui.widgets import status
from kisdesk.ui.widgets.participant_labels import (
    activity_areas,
    activity_kinds,
    fmt_date,
    fmt_hours,
    fmt_time,
    weekday,
)


@dataclass(frozen=True, slots=True)
class ActivityEntry:
    row: ActivityRow
    expected: int  # people expected (group members that day, or the one participant)
    hour_minutes: int
    today: dt.date

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def unrecorded(self) -> bool:
        """Held already, people expected, and not one mark typed in."""
        return self.row.date <= self.today and self.expected > 0 and self.row.recorded == 0


def _presence(e: ActivityEntry) -> str:
    if e.row.date > e.today:
        return tr("zaplanowane")
    if e.unrecorded:
        return tr("nie wpisano")  # under "Obecni": the list is not typed in yet
    return f"{e.row.present} / {e.expected}"


def _presence_tip(e: ActivityEntry) -> str:
    if e.row.date > e.today:
        return tr("Zajęcia jeszcze się nie odbyły; oczekiwanych: {n}").format(n=e.expected)
    if e.unrecorded:
        return tr("Obecność nie została jeszcze wpisana z listy obecności")
    return tr("Obecnych (także częściowo) / oczekiwanych; wpisanych znaków: {n}").format(
        n=e.row.recorded
    )


def _who(e: ActivityEntry) -> str:
    if e.row.kind == "individual":
        return e.row.participant or "—"
    return e.row.group or "—"


class ActivityListModel(RowTableModel[ActivityEntry]):
    DATE, TIME, HOURS, PRESENT, TOPIC, WHO, FORM, STAFF, KIND = range(9)

    def __init__(self, parent: Any = None) -> None:
        kinds, areas = activity_kinds(), activity_areas()
        super().__init__(
            [
                Column(
                    tr("Data"),
                    lambda e: f"{weekday(e.row.date)} {fmt_date(e.row.date)}",
                    lambda e: f"{e.row.date.isoformat()} {fmt_time(e.row.start_time)}",
                ),
                Column(
                    tr("Godziny"),
                    lambda e: f"{fmt_time(e.row.start_time)}–{fmt_time(e.row.end_time)}",
                    align=CENTER,
                ),
                Column(
                    tr("Godz. dyd."),
                    lambda e: fmt_hours(e.row.minutes, e.hour_minutes),
                    lambda e: e.row.minutes,
                    RIGHT,
                    tooltip=lambda e: tr("{m} min = {h} godz. dydaktycznych po {n} min").format(
                        m=e.row.minutes,
                        h=fmt_hours(e.row.minutes, e.hour_minutes),
                        n=e.hour_minutes,
                    ),
                ),
                Column(
                    tr("Obecni"),
                    _presence,
                    lambda e: e.row.present,
                    CENTER,
                    tooltip=_presence_tip,
                    background=lambda e: status.background("in_progress") if e.unrecorded else None,
                    foreground=lambda e: status.foreground("in_progress") if e.unrecorded else None,
                ),
                Column(
                    tr("Temat"),
                    lambda e: e.row.topic,
                    tooltip=lambda e: (
                        e.row.topic
                        + (f"\n{tr('Miejsce')}: {e.row.place}" if e.row.place else "")
                        + (f"\n{tr('Partner')}: {e.row.partner}" if e.row.partner else "")
                    ),
                ),
                Column(tr("Grupa / uczestnik"), _who),
                Column(
                    tr("Forma"),
                    lambda e: e.row.form,
                    tooltip=lambda e: areas.get(e.row.area, e.row.area),
                ),
                Column(tr("Prowadzący"), lambda e: ", ".join(e.row.staff)),
                Column(tr("Rodzaj"), lambda e: kinds.get(e.row.kind, e.row.kind)),
            ],
            parent,
        )

    def row_of(self, activity_id: int) -> int:
        for i, entry in enumerate(self._rows):
            if entry.id == activity_id:
                return i
        return -1
