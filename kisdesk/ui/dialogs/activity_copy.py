"""Copy an activity to another day: weekly classes are the norm, so next week is offered.

Also the question asked before a class is saved over another of the same group (or the same
person's session) at an overlapping time, here and in the activity dialog.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import activities
from kisdesk.services.activities import ActivityRow, Overlap
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.forms import install_form_keys
from kisdesk.ui.widgets.participant_fields import (
    INFO_STYLE,
    FieldMessage,
    OptionalDateEdit,
    check_dates,
)
from kisdesk.ui.widgets.participant_labels import fmt_date, fmt_time, weekday


def _tr(text: str) -> str:
    return QCoreApplication.translate("ActivityDialog", text)


def overlap_question(overlaps: list[Overlap], kind: str) -> str:
    """ "Ta grupa ma już zajęcia 05.10.2026 09:00–17:00 („…”). Zapisać mimo to?" """
    items = ", ".join(
        _tr("{date} {start}–{end} („{topic}”)").format(
            date=fmt_date(o.date),
            start=fmt_time(o.start_time),
            end=fmt_time(o.end_time),
            topic=o.topic,
        )
        for o in overlaps
    )
    if kind == "individual":
        return _tr("Ta osoba ma już zajęcia indywidualne {items}. Zapisać mimo to?").format(
            items=items
        )
    return _tr("Ta grupa ma już zajęcia {items}. Zapisać mimo to?").format(items=items)


def overlap_box(parent: QWidget | None, question: str) -> QMessageBox:
    """Tak / Nie, with Nie the default: a second class at the same time is most often the
    same paper list typed twice, but it may be meant (the group in two rooms)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("Zajęcia w tym samym czasie"))
    box.setText(question)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText(_tr("Tak"))
    box.button(QMessageBox.StandardButton.No).setText(_tr("Nie"))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box


def ask_overlap(parent: QWidget | None, question: str) -> bool:
    return overlap_box(parent, question).exec() == QMessageBox.StandardButton.Yes


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
        install_form_keys(
            self, self.save, button=self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        )
        self.date.date_changed.connect(self._show_weekday)
        self._show_weekday(self.date.date())
        self.date.setFocus()  # selected: a typed date replaces the default

    def _show_weekday(self, day: dt.date | None) -> None:
        if day is not None:
            self.weekday.setText(weekday(day, long=True))

    def save(self) -> None:
        if check_dates({"date": (self.date, self.error)}) is not None:
            return
        day = self.date.date()
        assert day is not None
        data = activities.copy_data(self.activity, day)
        overlaps = self.ops.read(lambda s: activities.overlapping_activities(s, data))
        if overlaps and not self.confirm_overlap(overlap_question(overlaps, data.kind)):
            return
        activity_id = self.activity.id
        result = self.ops.run(
            self,
            lambda s: activities.copy_activity(s, activity_id, day),
            on_error=self.show_error,
        )
        if result:
            self.new_id = int(result.value)
            self.accept()

    def confirm_overlap(self, question: str) -> bool:
        """The same question as when adding a class (tests replace this)."""
        return ask_overlap(self, question)

    def show_error(self, error: KisdeskError) -> None:
        self.error.show_error(describe(error))
