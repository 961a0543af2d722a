"""The month's attendance grid of a group: participants × activities, with row totals.

Cells where nothing may be typed are greyed: the person was not a participant that day, or
the activity has not been held yet (attendance is typed in after the class, from the list).
Row totals compare attended hours with the month's required minimum (docs/domain.md#hours-minimum); the
status is always written out as well as coloured.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from kisdesk.i18n import tr
from kisdesk.rules.minimum import in_danger, out_of_reach
from kisdesk.services.attendance import GridPerson, MonthGrid
from kisdesk.ui.widgets import status as status_colours
from kisdesk.ui.widgets.participant_labels import (
    fmt_date,
    fmt_hours,
    fmt_time,
    mark_names,
    mark_text,
    weekday,
)

Index = QModelIndex | QPersistentModelIndex
EDITABLE_ROLE = Qt.ItemDataRole.UserRole + 10  # bool: may a mark be typed here?
REASON_ROLE = Qt.ItemDataRole.UserRole + 11  # why not (Polish), or ""

MARK_BACKGROUND = {
    "present": "#e3f4e3",
    "excused": "#e2ecf8",
    "absent": "#f8e0e0",
    "partial": "#fdf0cf",
}
GREY = "#e6e6e6"
# Whole-day absences (art. 15 ust. 6a–7a): their own letters and colours in the grid.
ABSENCE_LETTER = {"sick": "L4", "day_off": "DW", "excused": "U·", "unexcused": "N·"}
ABSENCE_BACKGROUND = {
    "sick": "#e7dcf6",
    "day_off": "#d6f0ee",
    "excused": "#e2ecf8",
    "unexcused": "#f8e0e0",
}


def absence_names() -> dict[str, str]:
    return {
        "sick": tr("zwolnienie lekarskie (L4)"),
        "day_off": tr("dzień wolny (art. 15 ust. 6a)"),
        "excused": tr("cały dzień usprawiedliwiony"),
        "unexcused": tr("cały dzień nieusprawiedliwiony"),
    }


@dataclass(frozen=True, slots=True)
class RowTotal:
    attended: int
    required: int
    status: str  # met | in_progress | short
    remaining: int  # minutes still scheduled after today
    scheduled: int = 0  # minutes of the month's classes, held and planned

    @property
    def key(self) -> str:
        """The colour key; "at risk" when falling behind (kisdesk.rules.minimum.in_danger)."""
        behind = in_danger(self.attended, self.remaining, self.required, self.scheduled)
        return status_colours.key(self.status, behind)


@dataclass(frozen=True, slots=True)
class GridActivity:
    id: int
    date: dt.date
    start: dt.time
    end: dt.time
    minutes: int
    topic: str


class AttendanceGridModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.activities: list[GridActivity] = []
        self.people: list[GridPerson] = []
        self.marks: dict[tuple[int, int], tuple[str, int | None]] = {}
        self.versions: dict[tuple[int, int], int] = {}
        self.totals: dict[int, RowTotal] = {}
        self.absences: dict[tuple[int, dt.date], str] = {}
        self.closed = False
        self.today = dt.date.today()
        self.hour_minutes = 45

    # -- loading ------------------------------------------------------------------------------
    def set_grid(
        self,
        grid: MonthGrid,
        totals: dict[int, RowTotal],
        hour_minutes: int,
        today: dt.date | None = None,
    ) -> None:
        activities = [GridActivity(*a) for a in grid.activities]
        same_shape = [a.id for a in activities] == [a.id for a in self.activities] and [
            p.participant_id for p in grid.people
        ] == [p.participant_id for p in self.people]
        if not same_shape:
            self.beginResetModel()
        self.activities, self.people = activities, list(grid.people)
        self.marks, self.totals = dict(grid.marks), dict(totals)
        self.versions = dict(grid.versions)
        self.absences, self.closed = dict(grid.absences), grid.closed
        self.hour_minutes, self.today = hour_minutes, today or dt.date.today()
        if same_shape:
            if self.rowCount() and self.columnCount():
                self.dataChanged.emit(
                    self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
                )
        else:
            self.endResetModel()

    # -- lookups ------------------------------------------------------------------------------
    @property
    def hours_column(self) -> int:
        return len(self.activities)

    @property
    def status_column(self) -> int:
        return len(self.activities) + 1

    def activity_at(self, column: int) -> GridActivity | None:
        return self.activities[column] if 0 <= column < len(self.activities) else None

    def person_at(self, row: int) -> GridPerson | None:
        return self.people[row] if 0 <= row < len(self.people) else None

    def column_of(self, activity_id: int) -> int:
        return next((i for i, a in enumerate(self.activities) if a.id == activity_id), -1)

    def row_of(self, participant_id: int) -> int:
        return next(
            (i for i, p in enumerate(self.people) if p.participant_id == participant_id), -1
        )

    def mark_at(self, row: int, column: int) -> tuple[str, int | None] | None:
        activity, person = self.activity_at(column), self.person_at(row)
        if activity is None or person is None:
            return None
        return self.marks.get((activity.id, person.participant_id))

    def absence_at(self, row: int, column: int) -> str | None:
        """The whole-day absence (sick, day_off, excused, unexcused) on the cell's day."""
        activity, person = self.activity_at(column), self.person_at(row)
        if activity is None or person is None:
            return None
        return self.absences.get((person.participant_id, activity.date))

    def version_at(self, row: int, column: int) -> int:
        """The version of the mark shown in a cell; 0 when there is none."""
        activity, person = self.activity_at(column), self.person_at(row)
        if activity is None or person is None:
            return 0
        return self.versions.get((activity.id, person.participant_id), 0)

    def blocked_reason(self, row: int, column: int) -> str:
        """Why no mark can be typed in this cell ("" when it can)."""
        activity, person = self.activity_at(column), self.person_at(row)
        if activity is None or person is None:
            return tr("To pole nie jest obecnością.")
        if self.closed:
            return tr(
                "Miesiąc jest zamknięty – obecności są tylko do odczytu. Otworzyć go może "
                "kierownik (Świadczenia → Otwórz ponownie…)."
            )
        if activity.date > self.today:
            return tr(
                "Zajęcia z {date} jeszcze się nie odbyły – obecność wpisuje się po nich."
            ).format(date=fmt_date(activity.date))
        if not person.first_day <= activity.date <= person.last_day:
            return tr("{name} nie był(a) uczestnikiem w dniu {date}.").format(
                name=person.name, date=fmt_date(activity.date)
            )
        return ""

    # -- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.activities) + 2

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            person = self.person_at(section)
            if person is None:
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                # The hours beside the name too: the row header never scrolls away, so they
                # are on screen however far right the month's classes go.
                total = self.totals.get(person.participant_id)
                if total is None:
                    return person.name
                h = self.hour_minutes
                return f"{person.name}   {fmt_hours(total.attended, h)} / {fmt_hours(total.required, h)}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return tr("Uczestnictwo w tym miesiącu: {a} – {b}").format(
                    a=fmt_date(person.first_day), b=fmt_date(person.last_day)
                )
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            activity = self.activity_at(section)
            if activity is not None:
                day = f"{weekday(activity.date)} {activity.date.day}.{activity.date.month:02d}"
                return f"{day}\n{fmt_time(activity.start)}"
            if section == self.hours_column:
                return tr("Godziny\nzrealiz. / wymag.")
            if section == self.status_column:
                return tr("Status\nminimum")
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            activity = self.activity_at(section)
            if activity is not None:
                return tr("{day} {date}, {start}–{end} ({h} godz. dyd.)\n{topic}").format(
                    day=weekday(activity.date, long=True),
                    date=fmt_date(activity.date),
                    start=fmt_time(activity.start),
                    end=fmt_time(activity.end),
                    h=fmt_hours(activity.minutes, self.hour_minutes),
                    topic=activity.topic,
                )
        if role == Qt.ItemDataRole.ForegroundRole:
            activity = self.activity_at(section)
            if activity is not None and activity.date > self.today:
                return QBrush(QColor("#8a8a8a"))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        person = self.person_at(row)
        if person is None or not 0 <= column < self.columnCount():
            return None
        if column >= len(self.activities):
            return self._total_data(person, column, role)
        if role == EDITABLE_ROLE:
            return not self.blocked_reason(row, column)
        if role == REASON_ROLE:
            return self.blocked_reason(row, column)
        mark = self.mark_at(row, column)
        absence = self.absence_at(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            text = mark_text(*mark) if mark else ""
            if absence:
                return f"{text} {ABSENCE_LETTER[absence]}".strip()
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter.value)
        if role == Qt.ItemDataRole.BackgroundRole:
            if absence:
                return QBrush(QColor(ABSENCE_BACKGROUND[absence]))
            if self.blocked_reason(row, column):
                return QBrush(QColor(GREY))
            return QBrush(QColor(MARK_BACKGROUND[mark[0]])) if mark else None
        if role == Qt.ItemDataRole.FontRole and (mark or absence):
            font = QFont()
            font.setBold(True)
            font.setItalic(bool(absence))
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = []
            if absence:
                lines.append(absence_names()[absence])
            reason = self.blocked_reason(row, column)
            if reason:
                lines.append(reason)
            elif mark:
                text = mark_names()[mark[0]]
                lines.append(f"{text}: {mark[1]} min" if mark[0] == "partial" else text)
            else:
                lines.append(tr("Nie wpisano"))
            return "\n".join(lines)
        return None

    def _total_data(self, person: GridPerson, column: int, role: int) -> Any:
        total = self.totals.get(person.participant_id)
        if total is None:
            return None
        h = self.hour_minutes
        missing = max(total.required - total.attended, 0)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.hours_column:
                return f"{fmt_hours(total.attended, h)} / {fmt_hours(total.required, h)}"
            text = status_colours.status_text(total.key)
            if total.status != "met":
                text += tr(" (brak {h})").format(h=fmt_hours(missing, h))
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = (
                Qt.AlignmentFlag.AlignRight
                if column == self.hours_column
                else Qt.AlignmentFlag.AlignLeft
            )
            return int((align | Qt.AlignmentFlag.AlignVCenter).value)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(status_colours.background(total.key) or QColor("white"))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(status_colours.foreground(total.key) or QColor("black"))
        if role == Qt.ItemDataRole.ToolTipRole:
            text = tr("Zrealizowano {a} z wymaganych {r} godz. dydaktycznych – {s}.").format(
                a=fmt_hours(total.attended, h),
                r=fmt_hours(total.required, h),
                s=status_colours.status_text(total.key),
            )
            if total.status == "in_progress":
                text += " " + tr("Brakuje {m}; zaplanowano jeszcze {p}.").format(
                    m=fmt_hours(missing, h), p=fmt_hours(total.remaining, h)
                )
                if out_of_reach(total.attended, total.remaining, total.required):
                    text += " " + tr(
                        "Nawet pełna obecność na zaplanowanych zajęciach nie wystarczy."
                    )
            return text
        return None
