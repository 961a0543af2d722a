"""The journal's panel with the selected activity's people and their marks."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kisdesk.access import Permission
from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services.activities import ActivityRow, restricted_names
from kisdesk.services.attendance import expected_participants
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.attendance import restricted_note_label, show_restricted_note
from kisdesk.ui.table_models.activity_marks import ActivityMarksModel
from kisdesk.ui.widgets import attendance_keys as keys
from kisdesk.ui.widgets.participant_fields import ERROR_STYLE, INFO_STYLE
from kisdesk.ui.widgets.participant_labels import fmt_date, fmt_time


class MarksPanel(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.activity: ActivityRow | None = None
        self.may_edit = ops.db.actor.can(Permission.EDIT_JOURNAL)
        self.ask_minutes: keys.AskMinutes = keys.ask_minutes
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self.tr("Wybierz zajęcia, aby wpisać obecność."), self)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.restricted_note = restricted_note_label(self)
        layout.addWidget(self.restricted_note)
        self.model = ActivityMarksModel(self)
        self.table = keys.AttendanceView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.all_button = QPushButton(self.tr("Wszyscy obecni (W)"), self)
        self.all_button.setToolTip(
            self.tr("Zaznacza jako obecnych wszystkich, którzy nie mają jeszcze wpisu")
        )
        buttons.addWidget(self.all_button)
        self.mark_buttons: dict[str, QPushButton] = {}
        for action, label, tip in (
            (keys.PRESENT, "O", self.tr("obecny")),
            (keys.EXCUSED, "U", self.tr("nieobecność usprawiedliwiona")),
            (keys.ABSENT, "N", self.tr("nieobecność nieusprawiedliwiona")),
            (keys.PARTIAL, "C…", self.tr("obecność częściowa – podaj minuty")),
            (keys.CLEAR, "⌫", self.tr("usuń wpis (Delete)")),
        ):
            button = QPushButton(label, self)
            button.setToolTip(tip)
            button.setMaximumWidth(44)
            button.clicked.connect(
                lambda _c=False, a=action: self._act(self.table.currentIndex(), a)
            )
            self.mark_buttons[action] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.all_button.clicked.connect(self.mark_all_present)
        self.table.key_action.connect(self._act)
        self.show_activity(None)

    def show_activity(self, activity: ActivityRow | None) -> None:
        previous = self.activity.id if self.activity else None
        row = self.table.currentIndex().row()
        self.activity = activity
        if activity is None:
            self.model.set_rows([])
            show_restricted_note(self.restricted_note, ())
            self.title.setText(self.tr("Wybierz zajęcia, aby wpisać obecność."))
            self._set_enabled(False)
            self._info("")
            return
        self.title.setText(
            self.tr("{topic} – {date}, {start}–{end}").format(
                topic=activity.topic,
                date=fmt_date(activity.date),
                start=fmt_time(activity.start_time),
                end=fmt_time(activity.end_time),
            )
        )
        rows, restricted = self.ops.read(
            lambda s: (expected_participants(s, activity.id), restricted_names(s, activity.id))
        )
        show_restricted_note(self.restricted_note, restricted)
        future = activity.date > dt.date.today()
        self.model.locked = future
        self.model.set_rows(rows)
        self._set_enabled(not future and bool(rows) and self.may_edit)
        if not self.may_edit:
            self._info(self.tr("Twoja rola pozwala tylko przeglądać obecności."))
        elif future:
            self._info(self.tr("Zajęcia jeszcze się nie odbyły – obecność wpisuje się po nich."))
        elif not rows:
            self._info(self.tr("Na tych zajęciach nikt nie jest oczekiwany."))
        else:
            self._info(keys.short_hint_text())
        if rows and not future:
            keep = row if previous == activity.id and 0 <= row < len(rows) else 0
            self.table.setCurrentIndex(self.model.index(keep, ActivityMarksModel.MARK))

    def _set_enabled(self, enabled: bool) -> None:
        self.all_button.setEnabled(enabled)
        for button in self.mark_buttons.values():
            button.setEnabled(enabled)

    def _info(self, text: str) -> None:
        self.status.setStyleSheet(INFO_STYLE)
        self.status.setText(text)

    def show_error(self, error: KisdeskError) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(describe(error))

    def _act(self, index: QModelIndex, action: str) -> None:
        activity = self.activity
        if activity is None or self.model.locked or not self.may_edit:
            return
        if action == keys.ALL_PRESENT:
            self.mark_all_present()
            return
        row = self.model.row_at(index)
        if row is None:
            return
        changed = keys.apply_action(
            self.ops,
            self,
            activity.id,
            row.participant_id,
            action,
            row.mark,
            row.minutes,
            activity.minutes,
            self.ask_minutes,
            self.show_error,
            version=row.version,
        )
        if changed:
            self.show_activity(activity)
            if action != keys.CLEAR and action != keys.TOGGLE:
                self.table.move_down()

    def mark_all_present(self) -> None:
        if self.activity is not None and not self.model.locked and self.may_edit:
            written = keys.all_present(self.ops, self, self.activity.id, self.show_error)
            self.show_activity(self.activity)
            if written:
                self._info(self.tr("Wpisano obecność {n} osobom.").format(n=written))
