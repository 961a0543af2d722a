"""Copy an activity to another day: weekly classes are the norm, so next week is offered."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import activities
from kisdesk.services.activities import ActivityRow
from kisdesk.ui import signals
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.participant_fields import (
    INFO_STYLE,
    FieldMessage,
    OptionalDateEdit,
    check_dates,
)
from kisdesk.ui.widgets.participant_labels import fmt_date, fmt_time, weekday


class CopyActivityDialog(QDialog):
    def __init__(self, ops: Ops, activity: ActivityRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.activity = activity
        self.new_id: int | None = None
        self.setWindowTitle(self.tr("Kopiuj zajęcia na inny dzień"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        what = QLabel(
            self.tr("„{topic}”, {day} {date}, {start}–{end}").format(
                topic=activity.topic,
                day=weekday(activity.date),
                date=fmt_date(activity.date),
                start=fmt_time(activity.start_time),
                end=fmt_time(activity.end_time),
            )
        )
        what.setWordWrap(True)
        layout.addWidget(what)
        form = QFormLayout()
        layout.addLayout(form)
        # Weekly classes are the norm: the same weekday next week.
        self.date = OptionalDateEdit(
            self, optional=False, default=activity.date + dt.timedelta(days=7)
        )
        self.weekday = QLabel(self)
        form.addRow(self.tr("Nowa data"), self.date)
        form.addRow("", self.weekday)
        note = QLabel(
            self.tr(
                "Kopiowane są godziny, forma, temat, prowadzący, miejsce i grupa; "
                "obecności wpisuje się osobno."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(INFO_STYLE)
        layout.addWidget(note)
        self.error = FieldMessage(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Kopiuj"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Anuluj"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.date.date_changed.connect(self._show_weekday)
        self._show_weekday(self.date.date())

    def _show_weekday(self, day: dt.date | None) -> None:
        if day is not None:
            self.weekday.setText(weekday(day, long=True))

    def save(self) -> None:
        if check_dates({"date": (self.date, self.error)}) is not None:
            return
        day = self.date.date()
        assert day is not None
        activity_id = self.activity.id
        result = self.ops.run(
            self,
            lambda s: activities.copy_activity(s, activity_id, day),
            changes={signals.ACTIVITIES},
            on_error=self.show_error,
        )
        if result is not None:
            self.new_id = int(result)
            self.accept()

    def show_error(self, error: KisdeskError) -> None:
        self.error.show_error(describe(error))
