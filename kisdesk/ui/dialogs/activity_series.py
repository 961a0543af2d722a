"""Many classes at once (docs/domain.md#journal-series): the list of the terms to be made,
shown before saving.

`SeriesList` serves both the new-class dialog ("Powtarzaj co tydzień do…") and
`activity_copy_period.CopyPeriodDialog` ("Kopiuj tydzień…", "Kopiuj miesiąc…"): one row a term, the public
holidays skipped and named, the terms overlapping a class already there flagged, the topic
editable in the row (type over it; Space on the date unticks a term).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kisdesk.errors import KisdeskError
from kisdesk.i18n import tr
from kisdesk.messages import describe
from kisdesk.rules.calendar import month_bounds
from kisdesk.services import activities_series
from kisdesk.services.activities import ActivityData, Overlap
from kisdesk.services.activities_series import PlannedClass
from kisdesk.ui.dialogs.activity_copy import overlap_question
from kisdesk.ui.ops import Ops
from kisdesk.ui.table_models.base import Column, RowTableModel
from kisdesk.ui.widgets.completing_edit import CompletingDelegate
from kisdesk.ui.widgets.forms import note_label
from kisdesk.ui.widgets.participant_fields import FieldMessage, OptionalDateEdit
from kisdesk.ui.widgets.participant_labels import (
    WEEKDAYS,
    WEEKDAYS_LONG,
    fmt_date,
    fmt_time,
    weekday,
)

SKIPPED_COLOUR = QColor("#8a3a00")
OVERLAP_COLOUR = QColor("#b3261e")
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class SeriesEntry:
    """A row of the list: the planned term, its topic as edited, whether it is to be made."""

    planned: PlannedClass
    topic: str
    include: bool

    @property
    def key(self) -> tuple[dt.date, int | None, dt.time]:
        p = self.planned
        return p.date, p.source_id, p.data.start_time


def _tr(text: str) -> str:
    return QCoreApplication.translate("SeriesModel", text)


def remark(p: PlannedClass) -> str:
    """ "11.11 – Narodowe Święto Niepodległości – pominięto", or the overlapping classes."""
    if p.holiday is not None:
        return _tr("{day} – {name} – pominięto").format(
            day=p.date.strftime("%d.%m"), name=p.holiday
        )
    if p.overlaps:
        return _tr("nakłada się na: {items}").format(items=_overlaps_text(p.overlaps))
    return ""


def _overlaps_text(overlaps: tuple[Overlap, ...]) -> str:
    return ", ".join(
        f"„{o.topic}” {fmt_time(o.start_time)}–{fmt_time(o.end_time)}" for o in overlaps
    )


# With long topics the remark column takes at most this part of the room the term and hours
# leave, the topic the rest; a text cut in either is whole in its tooltip.
REMARK_SHARE = 0.5


class SeriesModel(RowTableModel[SeriesEntry]):
    """The terms; the first column ticks a term in or out, the topic column is edited."""

    INCLUDE, TOPIC, REMARK = 0, 2, 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            (
                Column(
                    self.tr("Termin"),
                    lambda e: f"{fmt_date(e.planned.date)} {weekday(e.planned.date)}",
                ),
                Column(
                    self.tr("Godziny"),
                    lambda e: f"{fmt_time(e.planned.data.start_time)}–"
                    f"{fmt_time(e.planned.data.end_time)}",
                ),
                Column(
                    self.tr("Temat"),
                    lambda e: e.topic,
                    tooltip=lambda e: e.topic or None,
                    header_tip=self.tr("Temat zmienisz, pisząc w jego komórce; Enter zatwierdza"),
                ),
                Column(
                    self.tr("Uwagi"),
                    lambda e: remark(e.planned),
                    tooltip=lambda e: remark(e.planned) or None,
                    foreground=lambda e: SKIPPED_COLOUR
                    if e.planned.skipped
                    else OVERLAP_COLOUR
                    if e.planned.overlaps
                    else None,
                ),
            ),
            parent,
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.row_at(index)
        if (
            entry is not None
            and index.column() == self.INCLUDE
            and role == Qt.ItemDataRole.CheckStateRole
            and not entry.planned.skipped
        ):
            return Qt.CheckState.Checked if entry.include else Qt.CheckState.Unchecked
        if entry is not None and role == Qt.ItemDataRole.EditRole and index.column() == self.TOPIC:
            return entry.topic
        if entry is not None and role == Qt.ItemDataRole.ForegroundRole and entry.planned.skipped:
            return SKIPPED_COLOUR
        return super().data(index, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        entry = self.row_at(index)
        if entry is not None and entry.planned.skipped:
            # A holiday's term is shown, not worked on: the arrows step over it and a click
            # does not land on it, so a topic typed next goes to the class below, not nowhere.
            return flags & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        if entry is None:
            return flags
        if index.column() == self.INCLUDE:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == self.TOPIC and entry.include:
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        entry = self.row_at(index)
        if entry is None or entry.planned.skipped:
            return False
        if index.column() == self.INCLUDE and role == Qt.ItemDataRole.CheckStateRole:
            entry.include = Qt.CheckState(value) == Qt.CheckState.Checked
        elif index.column() == self.TOPIC and role == Qt.ItemDataRole.EditRole:
            entry.topic = str(value)
        else:
            return False
        row = index.row()
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True


class SeriesList(QWidget):
    """The terms to be made, with a line counting them. `set_plan` keeps the topics typed
    and the terms unticked so far for the terms that stay (a later end date adds rows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = SeriesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.table.setTabKeyNavigation(False)  # Tab leaves the list, arrows move in it
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        # The term and its hours as wide as they need, the topic the rest, the remark ("11.11 –
        # Narodowe Święto Niepodległości – pominięto") up to REMARK_SHARE of the room (whole in
        # its tooltip). A long topic sized to its text pushed the dates out of sight (the
        # cursor starts in the topic column and the list scrolled sideways to it).
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SeriesModel.TOPIC, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SeriesModel.REMARK, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.setMinimumHeight(170)
        self.table.setToolTip(
            self.tr(
                "Temat zmienisz, pisząc w jego komórce (Enter zatwierdza); "
                "spacja w kolumnie „Termin” pomija albo przywraca termin."
            )
        )
        layout.addWidget(self.table)
        self.summary = note_label()
        layout.addWidget(self.summary)
        self.default_topic = ""
        self.table.viewport().installEventFilter(self)
        self.completer = CompletingDelegate([], self.table)
        self.table.setItemDelegateForColumn(SeriesModel.TOPIC, self.completer)
        self._edited: dict[tuple[dt.date, int | None, dt.time], tuple[str, bool]] = {}
        self.model.dataChanged.connect(lambda *_a: self._remember())

    def set_topics(self, topics: list[str]) -> None:
        """The topics the journal already has: a topic typed in the list completes from them."""
        self.completer.candidates = topics

    def _remember(self) -> None:
        for e in self.model.rows():
            default = self._default_of(e.planned)
            if e.topic != default or not e.include:
                self._edited[e.key] = (e.topic, e.include)
            else:
                self._edited.pop(e.key, None)
        self._count()

    def _default_of(self, p: PlannedClass) -> str:
        return p.data.topic if p.source_id is not None else self.default_topic

    def set_plan(self, plan: list[PlannedClass], default_topic: str = "") -> None:
        """The terms to show; a term without a source takes `default_topic` unless edited."""
        self.default_topic = default_topic
        rows = []
        for p in plan:
            entry = SeriesEntry(p, self._default_of(p), not p.skipped)
            topic, include = self._edited.get(entry.key, (entry.topic, entry.include))
            entry.topic, entry.include = topic, include and not p.skipped
            rows.append(entry)
        self.model.set_rows(rows)
        self._fit_remark()
        first = self.model.index(0, SeriesModel.TOPIC)
        if first.isValid():
            self.table.setCurrentIndex(first)
        self._count()

    def _fit_remark(self) -> None:
        table = self.table
        room = table.viewport().width() - table.columnWidth(0) - table.columnWidth(1)
        wanted = max(table.sizeHintForColumn(SeriesModel.REMARK), 60)
        # short topics leave the remark all it needs; long ones share the room
        spare = room - table.sizeHintForColumn(SeriesModel.TOPIC)
        table.horizontalHeader().resizeSection(
            SeriesModel.REMARK, max(60, min(wanted, max(spare, int(room * REMARK_SHARE))))
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_remark()  # the room known only once the list is laid out
        return super().eventFilter(watched, event)

    def clear(self) -> None:
        self.model.set_rows([])
        self._count()

    def commit_edit(self) -> None:
        """A topic still being typed counts: Ctrl+Enter right after typing saves it too."""
        editor = self.table.indexWidget(self.table.currentIndex())
        if editor is not None:
            self.table.commitData(editor)
            self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def chosen(self) -> list[SeriesEntry]:
        return [e for e in self.model.rows() if e.include and not e.planned.skipped]

    def items(self) -> list[ActivityData]:
        """The classes to add, each with its topic."""
        return [replace(e.planned.data, topic=e.topic) for e in self.chosen()]

    def overlaps(self) -> list[Overlap]:
        return [o for e in self.chosen() for o in e.planned.overlaps]

    def select_row(self, number: int) -> None:
        """Put the cursor on the `number`-th chosen term (1-based, as a refusal names it)."""
        chosen = self.chosen()
        if 1 <= number <= len(chosen):
            row = self.model.rows().index(chosen[number - 1])
            self.table.setCurrentIndex(self.model.index(row, SeriesModel.TOPIC))
            self.table.setFocus()

    def _count(self) -> None:
        rows = self.model.rows()
        made = len(self.chosen())
        holidays = sum(1 for e in rows if e.planned.skipped)
        overlapping = sum(1 for e in self.chosen() if e.planned.overlaps)
        text = self.tr("Zostanie dodanych zajęć: {n}").format(n=made)
        if holidays:
            text += self.tr(" · pominięte święta: {n}").format(n=holidays)
        if overlapping:
            text += self.tr(" · nakładają się na inne zajęcia: {n}").format(n=overlapping)
        hint = self.tr("Temat zmienisz, pisząc w jego komórce; spacja na dacie pomija termin.")
        self.summary.setText(text + "\n" + hint if rows else text)


class RepeatBox(QWidget):
    """ "Powtarzaj co tydzień do…" of the new-class dialog: an end date (default: the end of
    the class's month), the weekdays (default: the class's own) and, once ticked, the list of
    the terms. `source()` gives the class as typed so far (None while it has no date)."""

    def __init__(
        self, ops: Ops, source: Callable[[], ActivityData | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.source = source
        self.plan: list[PlannedClass] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox(self.tr("&Powtarzaj co tydzień do"), self)
        self.enabled.setToolTip(
            self.tr(
                "Zapisuje te zajęcia w każdym zaznaczonym dniu tygodnia aż do podanej daty; "
                "święta są pomijane. Alt+P"
            )
        )
        self.enabled.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.until = OptionalDateEdit(self, optional=False)
        self.until.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self._until_touched = False
        row.addWidget(self.enabled)
        row.addWidget(self.until)
        row.addStretch(1)
        layout.addLayout(row)
        row = QHBoxLayout()  # the weekdays on a line of their own: a narrow dialog fits them
        row.setContentsMargins(24, 0, 0, 0)
        row.addWidget(QLabel(self.tr("w dni tygodnia:"), self))
        self.days: list[QCheckBox] = []
        for number in range(1, 8):
            box = QCheckBox(tr(WEEKDAYS[number - 1]), self)
            box.setToolTip(tr(WEEKDAYS_LONG[number - 1]))
            self.days.append(box)
            row.addWidget(box)
        self._days_touched = False
        row.addStretch(1)
        layout.addLayout(row)
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        self.series = SeriesList(self)
        layout.addWidget(self.series)
        self.series.hide()
        self._follow(self._first_day())
        self.enabled.toggled.connect(lambda _on: self.replan())
        self.until.date_changed.connect(self._until_typed)
        for box in self.days:
            box.clicked.connect(self._days_clicked)

    def _first_day(self) -> dt.date | None:
        data = self.source()
        return data.date if data is not None else None

    def _follow(self, day: dt.date | None) -> None:
        """The end date and the weekday follow the class's date until the user sets them."""
        if day is None:
            return
        if not self._until_touched:
            self.until.blockSignals(True)
            self.until.set_date(month_bounds(day.year, day.month)[1])
            self.until.blockSignals(False)
        if not self._days_touched:
            for number, box in enumerate(self.days, start=1):
                box.setChecked(number == day.isoweekday())

    def _until_typed(self, _day: object) -> None:
        self._until_touched = True
        self.replan()

    def _days_clicked(self) -> None:
        self._days_touched = True
        self.replan()

    def active(self) -> bool:
        return self.enabled.isChecked()

    def weekdays(self) -> list[int]:
        return [n for n, box in enumerate(self.days, start=1) if box.isChecked()]

    def class_changed(self) -> None:
        """The class's date, time, group or person changed: the terms are planned anew."""
        self._follow(self._first_day())
        self.replan()

    def topic_changed(self, topic: str) -> None:
        if self.active():
            self.series.set_plan(self.plan, topic)

    def replan(self) -> None:
        self.message.clear_message()
        self.series.setVisible(self.active())
        if not self.active():
            return
        data, until = self.source(), self.until.date()
        if data is None or until is None:
            self.plan = []
            self.series.clear()
            return
        weekdays = self.weekdays()
        try:
            self.plan = self.ops.read(
                lambda s: activities_series.plan_repeat(s, data, until, weekdays)
            )
        except KisdeskError as problem:
            self.plan = []
            self.series.clear()
            self.message.show_error(describe(problem))
            return
        self.series.set_plan(self.plan, data.topic)


def save_list(
    dialog: QDialog, ops: Ops, series: SeriesList, error: FieldMessage, ask: Any
) -> list[int] | None:
    """Save the chosen terms in one transaction; a refusal is shown naming the row, with
    the cursor put on it. `ask(question)` confirms overlaps (as when adding one class)."""
    error.clear_message()
    series.commit_edit()
    items = series.items()
    if not items:
        error.show_error(describe(KisdeskError("activity.series_empty")))
        return None
    overlaps = series.overlaps()
    if overlaps and not ask(overlap_question(overlaps, items[0].kind)):
        return None

    def failed(problem: KisdeskError) -> None:
        error.show_error(describe(problem))
        row = problem.params.get("row")
        if isinstance(row, int):
            series.select_row(row)

    result = ops.run(dialog, lambda s: activities_series.save_series(s, items), on_error=failed)
    return list(result.value) if result else None
