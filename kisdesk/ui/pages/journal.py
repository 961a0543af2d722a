"""Dziennik zajęć: the month's activities by group, with add / edit / copy / delete, and the
selected activity's people and marks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kisdesk.access import Permission
from kisdesk.rules.calendar import is_working_day
from kisdesk.services import activities
from kisdesk.services.groups import list_groups
from kisdesk.services.months import month_status
from kisdesk.services.participant_history import expected_counts
from kisdesk.services.settings import all_settings
from kisdesk.ui import signals, state
from kisdesk.ui.dialogs.activity_copy import CopyActivityDialog
from kisdesk.ui.dialogs.activity_copy_period import CopyPeriodDialog
from kisdesk.ui.dialogs.activity_dialog import ActivityDialog
from kisdesk.ui.dialogs.month_end import open_month_end
from kisdesk.ui.dialogs.print import print_attendance_list, print_journal
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Navigate, Page
from kisdesk.ui.pages.journal_marks import MarksPanel
from kisdesk.ui.table_models.activity_list import ActivityEntry, ActivityListModel
from kisdesk.ui.widgets.attendance_month_picker import MonthPicker
from kisdesk.ui.widgets.forms import note_label, page_heading
from kisdesk.ui.widgets.month_close import MonthCloseButtons
from kisdesk.ui.widgets.participant_labels import fmt_date, fmt_hours
from kisdesk.ui.widgets.table import fit_columns, make_table

ALL, INDIVIDUAL = "all", "individual"


def load_entries(
    session: Any, year: int, month: int, scope: Any, today: dt.date
) -> tuple[list[ActivityEntry], int]:
    hour = all_settings(session)["hour_minutes"]
    group_id = scope if isinstance(scope, int) else None
    rows = activities.list_activities(session, year, month, group_id=group_id)
    if scope == INDIVIDUAL:
        rows = [r for r in rows if r.kind == "individual"]
    counts = expected_counts(session, [r.id for r in rows])
    return [ActivityEntry(r, counts.get(r.id, 0), hour, today) for r in rows], hour


class JournalPage(Page):
    name = "journal"
    listens = frozenset(
        {
            signals.ACTIVITIES,
            signals.ATTENDANCE,
            signals.GROUPS,
            signals.PARTICIPATIONS,
            signals.PARTICIPANTS,
            signals.STAFF,
            signals.SETTINGS,
        }
    )

    def __init__(self, ops: Ops, navigate: Navigate | None = None, parent: QWidget | None = None):
        super().__init__(ops, navigate, parent)
        self.dialog: QDialog | None = None
        self.may_edit = ops.db.actor.can(Permission.EDIT_JOURNAL)
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.title()))
        bar = QHBoxLayout()
        self.month = MonthPicker(self)
        bar.addWidget(self.month)
        bar.addSpacing(12)
        self.scope = QComboBox(self)
        self.scope.setMinimumWidth(220)
        bar.addWidget(self.scope)
        bar.addStretch(1)
        self.new_button = QPushButton(self.tr("Nowe zajęcia…"), self)
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.edit_button = QPushButton(self.tr("Edytuj…"), self)
        self.edit_button.setToolTip(self.tr("Enter"))
        self.copy_button = QPushButton(self.tr("Kopiuj na inny dzień…"), self)
        self.copy_button.setToolTip(self.tr("Ctrl+D – domyślnie ten sam dzień za tydzień"))
        self.copy_week_button = QPushButton(self.tr("Kopiuj tydzień…"), self)
        self.copy_week_button.setToolTip(
            self.tr(
                "Zajęcia grupy z jednego tygodnia na te same dni innego tygodnia (Ctrl+Shift+W)"
            )
        )
        self.copy_month_button = QPushButton(self.tr("Kopiuj miesiąc…"), self)
        self.copy_month_button.setToolTip(
            self.tr(
                "Zajęcia grupy z jednego miesiąca na te same dni innego miesiąca (Ctrl+Shift+M)"
            )
        )
        self.delete_button = QPushButton(self.tr("Usuń"), self)
        self.delete_button.setToolTip(self.tr("Delete"))
        self.grid_button = QPushButton(self.tr("Siatka obecności"), self)
        self.grid_button.setToolTip(self.tr("Obecności grupy w całym miesiącu"))
        self.print_list_button = QPushButton(self.tr("Lista obecności…"), self)
        self.print_list_button.setToolTip(
            self.tr("Lista do podpisu uczestników na zaznaczonych zajęciach (PDF)")
        )
        self.print_journal_button = QPushButton(self.tr("Drukuj dziennik…"), self)
        self.print_journal_button.setToolTip(self.tr("Dziennik zajęć grupy za ten miesiąc (PDF)"))
        self.month_end_button = QPushButton(self.tr("Koniec miesiąca…"), self)
        self.month_end_button.setToolTip(
            self.tr(
                "Ctrl+K – lista miesięczna, dziennik, zestawienie godzin i listy obecności "
                "na następny miesiąc za jednym razem"
            )
        )
        for button in (self.new_button, self.edit_button, self.copy_button, self.delete_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        # Going elsewhere and printing on a second line: one line of nine buttons made the
        # window wider than a 1366-pixel laptop screen.
        more = QHBoxLayout()
        # Closing a month (docs/benefit.md): the hours report sent, the month stays as it was.
        self.closing = MonthCloseButtons(ops, lambda: (self.month.year, self.month.month), self)
        more.addWidget(self.closing)
        more.addStretch(1)
        for button in (
            self.copy_week_button,
            self.copy_month_button,
            self.grid_button,
            self.print_list_button,
            self.print_journal_button,
            self.month_end_button,
        ):
            more.addWidget(button)
        layout.addLayout(more)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.model = ActivityListModel(self)
        self.table = make_table(self.model, state_key="journal_list", parent=left, sortable=False)
        left_layout.addWidget(self.table, 1)
        self.summary = note_label()
        left_layout.addWidget(self.summary)
        self.marks = MarksPanel(ops, splitter)
        splitter.addWidget(left)
        splitter.addWidget(self.marks)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([760, 340])
        splitter.setObjectName("journal_splitter")
        state.keep_splitter(splitter, "journal")
        layout.addWidget(splitter, 1)

        self.month.month_changed.connect(lambda _y, _m: self.refresh())
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit_selected)
        self.copy_button.clicked.connect(self.copy_selected)
        # Ctrl+D from anywhere on the page (the month, the filter, the list): the class chosen
        # in the list is copied.
        copy_keys = QShortcut(QKeySequence("Ctrl+D"), self)
        copy_keys.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy_keys.activated.connect(self.copy_selected)
        self.copy_week_button.clicked.connect(lambda: self.copy_period("week"))
        self.copy_month_button.clicked.connect(lambda: self.copy_period("month"))
        for keys, kind in (("Ctrl+Shift+W", "week"), ("Ctrl+Shift+M", "month")):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda kind=kind: self.copy_period(kind))
        self.delete_button.clicked.connect(self.delete_selected)
        self.grid_button.clicked.connect(self._open_grid)
        self.print_list_button.clicked.connect(
            lambda: print_attendance_list(self, self.ops, self.selected_id())
        )
        self.print_journal_button.clicked.connect(
            lambda: print_journal(
                self, self.ops, self.scope.currentData(), self.month.year, self.month.month
            )
        )
        self.month_end_button.clicked.connect(self.month_end)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selected())
        self.table.installEventFilter(self)
        self._groups_loaded = False

    def title(self) -> str:
        return self.tr("Dziennik zajęć")

    def month_end(self) -> None:
        """Koniec miesiąca… for the group shown (all groups when none is chosen)."""
        open_month_end(self, self.ops, self.scope.currentData())

    # -- data ---------------------------------------------------------------------------------
    def _load_groups(self) -> None:
        groups = self.ops.read(lambda s: list_groups(s))
        current = self.scope.currentData()
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(self.tr("Wszystkie zajęcia"), ALL)
        for g in groups:
            self.scope.addItem(g.name, g.id)
        self.scope.addItem(self.tr("Zajęcia indywidualne"), INDIVIDUAL)
        index = self.scope.findData(current) if current is not None else 0
        self.scope.setCurrentIndex(max(index, 0))
        self.scope.blockSignals(False)
        self._groups_loaded = True

    def refresh(self) -> None:
        self._load_groups()
        selected = self.selected_id()
        year, month, scope = self.month.year, self.month.month, self.scope.currentData()
        today = dt.date.today()
        entries, hour = self.ops.read(lambda s: load_entries(s, year, month, scope, today))
        self.closed = self.ops.read(lambda s: month_status(s, year, month).closed)
        self.closing.set_closed(self.closed)
        self.model.set_rows(entries)
        fit_columns(self.table, maximum=260)
        minutes = sum(e.row.minutes for e in entries)
        unrecorded = sum(1 for e in entries if e.unrecorded)
        text = self.tr("Zajęć w miesiącu: {n}, razem {h} godz. dydaktycznych").format(
            n=len(entries), h=fmt_hours(minutes, hour)
        )
        if unrecorded:
            text += self.tr(" · bez wpisanej obecności: {n}").format(n=unrecorded)
        if self.closed:
            text += self.tr(" · miesiąc zamknięty – dziennik tylko do odczytu")
        self.summary.setText(text)
        if selected is None or not self.select_activity(selected):
            self._select_default()
        self._selected()

    def _select_default(self) -> None:
        """The latest activity held so far (the one whose list is on the desk), else the first."""
        today = dt.date.today()
        held = [i for i, e in enumerate(self.model.rows()) if e.row.date <= today]
        if held:
            self.table.selectRow(held[-1])
            self.table.scrollTo(self.model.index(held[-1], 0))
        elif self.model.rows():
            self.table.selectRow(0)
        else:
            self.table.setCurrentIndex(self.model.index(-1, -1))

    def selected_entry(self) -> ActivityEntry | None:
        index = self.table.currentIndex()
        return self.model.row_at(index)

    def selected_id(self) -> int | None:
        entry = self.selected_entry()
        return entry.id if entry else None

    def select_activity(self, activity_id: int) -> bool:
        row = self.model.row_of(activity_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _selected(self) -> None:
        entry = self.selected_entry()
        self.marks.show_activity(entry.row if entry else None)
        has = entry is not None
        self.new_button.setEnabled(self.may_edit)
        self.copy_week_button.setEnabled(self.may_edit)
        self.copy_month_button.setEnabled(self.may_edit)
        for button in (self.edit_button, self.copy_button, self.delete_button):
            button.setEnabled(has and self.may_edit)
        if getattr(self, "closed", False):  # a closed month: its classes stay as they are
            self.edit_button.setEnabled(False)
            self.delete_button.setEnabled(False)
        self.grid_button.setEnabled(has and entry is not None and entry.row.group_id is not None)

    # -- actions ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_selected()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.delete_selected()
                return True
        return super().eventFilter(watched, event)

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._after_dialog(dialog))
        dialog.open()

    def _after_dialog(self, dialog: QDialog) -> None:
        new_id = getattr(dialog, "saved_id", None) or getattr(dialog, "new_id", None)
        if new_id is None:
            return
        activity = self.ops.read(lambda s: activities.get_activity(s, new_id))
        if (activity.date.year, activity.date.month) != (self.month.year, self.month.month):
            self.month.set_month(activity.date.year, activity.date.month, emit=False)
        scope = self.scope.currentData()
        fits = (
            scope == ALL
            or (scope == INDIVIDUAL and activity.kind == "individual")
            or scope == activity.group_id
        )
        if not fits:
            self.scope.setCurrentIndex(0)
        self.refresh()
        self.select_activity(new_id)

    def new_item(self) -> None:
        if not self.may_edit:
            return
        today = dt.date.today()
        year, month = self.month.year, self.month.month
        # another month shown: its first working day (a class is not planned on a Sunday or
        # a holiday, and a month's plan starts at its beginning)
        day = today if (today.year, today.month) == (year, month) else dt.date(year, month, 1)
        while (day.year, day.month) != (today.year, today.month) and not is_working_day(day):
            day += dt.timedelta(days=1)
        scope = self.scope.currentData()
        self._show(
            ActivityDialog(
                self.ops,
                None,
                self,
                default_date=day,
                default_group_id=scope if isinstance(scope, int) else None,
                individual=scope == INDIVIDUAL,
            )
        )

    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None and self.may_edit:
            activity = self.ops.read(lambda s: activities.get_activity(s, entry.id))
            self._show(ActivityDialog(self.ops, activity, self))

    def copy_selected(self) -> None:
        entry = self.selected_entry()
        if not self.may_edit:
            return
        if entry is None:  # Ctrl+D with nothing chosen says so instead of doing nothing
            self.summary.setText(
                self.tr(
                    "Nie zaznaczono zajęć: zaznacz na liście te, które chcesz skopiować, "
                    "i naciśnij Ctrl+D."
                )
            )
            return
        self._show(CopyActivityDialog(self.ops, entry.row, self))

    def copy_period(self, kind: str) -> None:
        """ "Kopiuj tydzień…" / "Kopiuj miesiąc…": the group shown, else the selected class's
        group, else the first (docs/domain.md#journal-series)."""
        if not self.may_edit:
            return
        scope = self.scope.currentData()
        entry = self.selected_entry()
        group_id = scope if isinstance(scope, int) else entry.row.group_id if entry else None
        self._show(CopyPeriodDialog(self.ops, kind, group_id, self))

    def confirm(self, question: str) -> bool:
        """Asks before deleting (tests replace this instead of clicking a box)."""
        answer = QMessageBox.question(
            self,
            self.tr("Usuwanie zajęć"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or not self.may_edit:
            return
        question = self.tr("Usunąć zajęcia „{topic}” z dnia {date}?").format(
            topic=entry.row.topic, date=fmt_date(entry.row.date)
        )
        if entry.row.recorded:
            question += " " + self.tr("Usunięte zostaną też wpisane obecności ({n}).").format(
                n=entry.row.recorded
            )
        if not self.confirm(question):
            return
        activity_id = entry.id
        self.ops.run(
            self,
            lambda s: activities.delete_activity(s, activity_id),
        )

    def _open_grid(self) -> None:
        entry = self.selected_entry()
        if entry is not None and entry.row.group_id is not None:
            self.navigate(
                "attendance",
                group_id=entry.row.group_id,
                month=(entry.row.date.year, entry.row.date.month),
                activity_id=entry.id,
            )

    def open(self, **kwargs: Any) -> None:
        activity_id = kwargs.get("activity_id")
        month = kwargs.get("month")
        group_id = kwargs.get("group_id")
        if not self._groups_loaded:
            self._load_groups()
        if activity_id is not None:
            activity = self.ops.read(lambda s: activities.get_activity(s, int(activity_id)))
            month = (activity.date.year, activity.date.month)
            if group_id is None:
                group_id = activity.group_id
        if month is not None:
            self.month.set_month(int(month[0]), int(month[1]), emit=False)
        index = self.scope.findData(group_id) if group_id is not None else 0
        self.scope.blockSignals(True)
        self.scope.setCurrentIndex(max(index, 0))
        self.scope.blockSignals(False)
        self._stale = False
        self.refresh()
        if activity_id is not None and not self.select_activity(int(activity_id)):
            self.scope.setCurrentIndex(0)  # e.g. an individual session: show everything
            self.select_activity(int(activity_id))

    def find(self) -> None:
        self.table.setFocus()
