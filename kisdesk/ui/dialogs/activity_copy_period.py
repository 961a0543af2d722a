"""Copying a group's week or month of classes to another (docs/domain.md#journal-series):
"Kopiuj tydzień…" and "Kopiuj miesiąc…" on the journal page, the terms shown in the same
list as the weekly repeat (`activity_series.SeriesList`) before saving."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.messages.core import month_name
from kisdesk.services import activities, activities_series
from kisdesk.services.activities_series import Period
from kisdesk.services.groups import list_groups
from kisdesk.ui.dialogs.activity_copy import ask_overlap
from kisdesk.ui.dialogs.activity_series import SeriesList, save_list
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.forms import install_form_keys, note_label
from kisdesk.ui.widgets.participant_fields import FieldMessage
from kisdesk.ui.widgets.participant_labels import (
    fmt_date,
)


class CopyPeriodDialog(QDialog):
    """A group's classes of one week (or month) on the same weekdays of another: the source
    defaults to the newest week/month with classes, the target to the one after it."""

    def __init__(
        self, ops: Ops, kind: str, group_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.kind = kind  # "week" or "month"
        self.new_id: int | None = None
        self.saved_ids: list[int] = []
        week = kind == "week"
        self.setWindowTitle(
            self.tr("Kopiuj tydzień zajęć") if week else self.tr("Kopiuj miesiąc zajęć")
        )
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        groups, topics = ops.read(lambda s: (list_groups(s), activities.known_topics(s)))
        self.group = QComboBox(self)
        for g in groups:
            self.group.addItem(g.name, g.id)
        if group_id is not None:
            self.group.setCurrentIndex(max(self.group.findData(group_id), 0))
        form.addRow(self.tr("&Grupa"), self.group)
        self.source = QComboBox(self)
        self.target = QComboBox(self)
        self.sources: list[Period] = []
        self.targets: list[Period] = []
        form.addRow(self.tr("&Skąd (tydzień)") if week else self.tr("&Skąd (miesiąc)"), self.source)
        form.addRow(self.tr("&Dokąd"), self.target)
        note = note_label(
            self.tr(
                "Zajęcia trafiają na te same dni tygodnia, z tymi samymi godzinami, formą, "
                "prowadzącymi i miejscem; obecności się nie kopiuje. Święta są pomijane."
            )
            if week
            else self.tr(
                "Zajęcia trafiają na te same dni tygodnia: pierwszy wtorek na pierwszy wtorek "
                "itd.; dzień tygodnia, którego miesiąc docelowy ma więcej, dostaje zajęcia z "
                "ostatniego tygodnia. Obecności się nie kopiuje. Święta są pomijane."
            )
        )
        layout.addWidget(note)
        self.series = SeriesList(self)
        self.series.set_topics(topics)
        layout.addWidget(self.series, 1)
        self.error = FieldMessage(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(self.tr("Kopiuj"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Anuluj"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        install_form_keys(self, self.save, button=self.save_button)
        self.group.currentIndexChanged.connect(lambda _i: self._group_changed())
        self.source.currentIndexChanged.connect(lambda _i: self._source_changed())
        self.target.currentIndexChanged.connect(lambda _i: self.replan())
        self._group_changed()
        self.source.setFocus()

    # -- periods --------------------------------------------------------------------------------
    def _label(self, period: Period) -> str:
        if self.kind == "week":
            return self.tr("tydzień {w}: {first}–{last}").format(
                w=period.first.isocalendar()[1],
                first=period.first.strftime("%d.%m"),
                last=fmt_date(period.last),
            )
        return month_name(period.first.year, period.first.month)

    def _fill(self, combo: QComboBox, around: Period, chosen: Period) -> list[Period]:
        """The periods from half a year (a year of months) before `around` to a few after,
        `chosen` the current one."""
        back = 26 if self.kind == "week" else 12
        first = around
        for _ in range(back):
            first = first.containing(first.first - dt.timedelta(days=1))
        periods = [first]
        for _ in range(back + 13):
            periods.append(periods[-1].next())
        combo.blockSignals(True)
        combo.clear()
        combo.addItems([self._label(p) for p in periods])
        combo.setCurrentIndex(periods.index(chosen) if chosen in periods else 0)
        combo.blockSignals(False)
        return periods

    def _chosen(self, combo: QComboBox, periods: list[Period]) -> Period | None:
        index = combo.currentIndex()
        return periods[index] if 0 <= index < len(periods) else None

    def _group_changed(self) -> None:
        group_id = self.group.currentData()
        if group_id is None:
            self.series.clear()
            self.error.show_error(self.tr("Nie ma jeszcze grup – dodaj grupę na stronie „Grupy”."))
            return
        kind = self.kind
        last = self.ops.read(
            lambda s: activities_series.last_period_with_classes(s, group_id, kind)
        )
        self.sources = self._fill(self.source, last, last)
        self._source_changed()

    def _source_changed(self) -> None:
        source = self._chosen(self.source, self.sources)
        if source is None:
            return
        self.targets = self._fill(self.target, source, source.next())
        self.replan()

    def replan(self) -> None:
        self.error.clear_message()
        group_id = self.group.currentData()
        source = self._chosen(self.source, self.sources)
        target = self._chosen(self.target, self.targets)
        if group_id is None or source is None or target is None:
            return
        try:
            plan = self.ops.read(lambda s: activities_series.plan_copy(s, group_id, source, target))
        except KisdeskError as problem:
            self.series.clear()
            self.error.show_error(describe(problem))
            return
        self.series.set_plan(plan)

    # -- saving ---------------------------------------------------------------------------------
    def confirm_overlap(self, question: str) -> bool:
        """The question asked before a class is saved over another (tests replace this)."""
        return ask_overlap(self, question)

    def save(self) -> None:
        ids = save_list(self, self.ops, self.series, self.error, self.confirm_overlap)
        if ids:
            self.saved_ids = ids
            self.new_id = ids[0]
            self.accept()
