"""Obecności: a group's month as a grid, typed in fast from the signed paper lists.

Keyboard only is enough: arrows move, O/U/N set a mark and move down, C asks for minutes,
Delete clears, Space toggles present, W marks the group's whole month present. With the
mouse, a brush chosen above the grid ("Kliknięcie wpisuje:") makes each click on a cell one
mark, so an exception from the signed list costs one action. Every change is saved at once
through the op runner.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
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
from kisdesk.messages.core import month_name
from kisdesk.rules.calendar import working_month
from kisdesk.rules.minimum import MonthStatus
from kisdesk.services.attendance import MonthGrid, month_grid
from kisdesk.services.groups import list_groups
from kisdesk.services.hours import month_report
from kisdesk.services.office import office_kind
from kisdesk.services.participant_history import combine_status
from kisdesk.services.settings import all_settings
from kisdesk.ui import signals
from kisdesk.ui.dialogs.absence_dialog import AbsenceDialog
from kisdesk.ui.dialogs.print import print_attendance_sheet
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Navigate, Page
from kisdesk.ui.table_models.attendance_grid import AttendanceGridModel, RowTotal
from kisdesk.ui.widgets import attendance_keys as keys
from kisdesk.ui.widgets.attendance_month_picker import MonthPicker
from kisdesk.ui.widgets.forms import page_heading
from kisdesk.ui.widgets.participant_fields import ERROR_STYLE, INFO_STYLE, IdCombo
from kisdesk.ui.widgets.participant_labels import plural, short_mark_names


def load_grid(session: Any, group_id: int, year: int, month: int, today: dt.date) -> Any:
    """The grid and the row totals: one month report for the whole group (SQL aggregates)."""
    grid = month_grid(session, group_id, year, month)
    report = month_report(session, year, month, as_of=today, group_id=group_id)
    per_person: dict[int, list[Any]] = {}
    for r in report.rows:
        per_person.setdefault(r.totals.participant_id, []).append(r.result)
    totals = {}
    for pid, results in per_person.items():
        attended = sum(r.attended_minutes for r in results)
        required = sum(r.required_minutes for r in results)
        status = combine_status([MonthStatus(r.status) for r in results], attended, required)
        remaining = sum(r.remaining_scheduled_minutes for r in results)
        scheduled = sum(r.scheduled_minutes for r in results)
        totals[pid] = RowTotal(attended, required, status.value, remaining, scheduled)
    return grid, totals, report.hour_minutes, report.monthly_minimum_hours, office_kind(session)


def _tr(text: str) -> str:
    return QCoreApplication.translate("AttendancePage", text)


def restricted_note_label(parent: QWidget) -> QLabel:
    """The note naming who is left out for restricted processing (hidden until there is)."""
    label = QLabel(parent)
    label.setObjectName("restrictedNote")
    label.setWordWrap(True)
    label.setStyleSheet(INFO_STYLE)
    label.hide()
    return label


def show_restricted_note(label: QLabel, names: tuple[str, ...]) -> None:
    """People whose processing is restricted (art. 18 RODO) take no new marks, so they are
    not rows to type into (the grid here, the journal's marks panel); the note says who
    they are and why, so nobody looks for them."""
    n = len(names)
    if n == 1:
        text = _tr(
            "{name}: ograniczenie przetwarzania danych (art. 18 RODO) – obecności tej "
            "osoby nie są zapisywane, dlatego nie ma jej w tabeli."
        ).format(name=names[0])
    else:
        text = _tr(
            "{n} {people} z ograniczeniem przetwarzania danych (art. 18 RODO) – ich "
            "obecności nie są zapisywane, dlatego nie ma ich w tabeli: {names}."
        ).format(
            n=n,
            people=plural(n, "", _tr("osoby"), _tr("osób")),
            names=", ".join(names),
        )
    label.setText(text if n else "")
    label.setToolTip(_tr("Ograniczenie zdejmuje kierownik na stronie „Ochrona danych (RODO)”."))
    label.setVisible(bool(n))


class AttendancePage(Page):
    name = "attendance"
    listens = frozenset(
        {
            signals.ATTENDANCE,
            signals.BENEFITS,
            signals.ACTIVITIES,
            signals.GROUPS,
            signals.PARTICIPATIONS,
            signals.PARTICIPANTS,
            signals.SETTINGS,
        }
    )

    def __init__(self, ops: Ops, navigate: Navigate | None = None, parent: QWidget | None = None):
        super().__init__(ops, navigate, parent)
        self.may_edit = ops.db.actor.can(Permission.EDIT_JOURNAL)
        self.ask_minutes: keys.AskMinutes = keys.ask_minutes
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.title()))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Grupa:"), self))
        self.group = IdCombo(self)
        self.group.setMinimumWidth(220)
        bar.addWidget(self.group)
        bar.addSpacing(12)
        self.month = MonthPicker(self)
        bar.addWidget(self.month)
        bar.addStretch(1)
        self.all_button = QPushButton(self.tr("Wszyscy obecni (W)"), self)
        self.all_button.setToolTip(
            self.tr(
                "Cały miesiąc grupy: na zajęciach, które się odbyły, obecni wszyscy bez wpisu "
                "(L4 i dni wolne – usprawiedliwione)"
            )
        )
        bar.addWidget(self.all_button)
        self.journal_button = QPushButton(self.tr("Otwórz w dzienniku"), self)
        bar.addWidget(self.journal_button)
        self.absence_button = QPushButton(self.tr("Nieobecność całodniowa…"), self)
        self.absence_button.setToolTip(
            self.tr("L4 z numerem zwolnienia, dzień wolny albo cały dzień nieobecności")
        )
        bar.addWidget(self.absence_button)
        self.print_button = QPushButton(self.tr("Drukuj arkusz…"), self)
        self.print_button.setToolTip(
            self.tr("Miesięczny arkusz obecności grupy z godzinami i minimum (PDF)")
        )
        bar.addWidget(self.print_button)
        self.print_button.clicked.connect(
            lambda: print_attendance_sheet(
                self, self.ops, self.group.current_id(), self.month.year, self.month.month
            )
        )
        layout.addLayout(bar)

        self.hint = QLabel(keys.hint_text(), self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(INFO_STYLE)
        layout.addWidget(self.hint)
        self.restricted_note = restricted_note_label(self)
        layout.addWidget(self.restricted_note)
        # Kept while the window is open: the page lives as long as the main window.
        self.brush_bar = keys.BrushBar(self)
        layout.addWidget(self.brush_bar)
        self.model = AttendanceGridModel(self)
        self.grid = keys.AttendanceView(self)
        self.grid.setModel(self.model)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setWordWrap(False)
        self.grid.setCornerButtonEnabled(False)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultSectionSize(self.fontMetrics().horizontalAdvance("czw. 30.11") + 12)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setMinimumHeight(44)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.verticalHeader().setDefaultSectionSize(26)
        layout.addWidget(self.grid, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet(INFO_STYLE)
        layout.addWidget(self.legend)

        self.group.currentIndexChanged.connect(lambda _i: self.refresh())
        self.month.month_changed.connect(lambda _y, _m: self.refresh())
        self.grid.key_action.connect(self._act)
        self.grid.brush_click.connect(self._brush)
        self.brush_bar.changed.connect(self._brush_chosen)
        self.all_button.clicked.connect(lambda: self._all_present(self.grid.currentIndex()))
        self.journal_button.clicked.connect(self._open_journal)
        self.absence_button.clicked.connect(self.open_absences)
        self.grid.selectionModel().currentChanged.connect(lambda *_a: self._current_changed())
        self._groups_loaded = False
        self._month_chosen = False  # set from previous_month_days on the first showing
        self._shown: tuple[int, int, int] | None = None  # the group and month on screen
        # the cell the brush wrote last (person, class) and the mark it replaced there
        self._brushed: tuple[tuple[int, int], tuple[str, int | None] | None] | None = None

    def title(self) -> str:
        return self.tr("Obecności")

    # -- data ---------------------------------------------------------------------------------
    def _load_groups(self) -> None:
        groups = self.ops.read(lambda s: list_groups(s))
        current = self.group.current_id()
        self.group.blockSignals(True)
        self.group.set_items([(g.id, g.name) for g in groups], keep=False)
        self.group.set_current_id(current)
        self.group.blockSignals(False)
        self._groups_loaded = True

    def refresh(self) -> None:
        self._load_groups()
        group_id = self.group.current_id()
        where = self._current_key()
        if group_id is None:
            self.show_restricted(())
            self.model.set_grid(_empty(self.month), {}, 45)
            self._say(self.tr("Nie ma jeszcze żadnej grupy. Dodaj grupę na stronie „Grupy”."))
            return
        if not self._month_chosen:
            # In the first days of a month the signed lists of the month before are typed.
            self._month_chosen = True
            days = int(self.ops.read(all_settings)["previous_month_days"])
            self.month.set_month(*working_month(dt.date.today(), days), emit=False)
        year, month, today = self.month.year, self.month.month, dt.date.today()
        shown = (group_id, year, month)
        grid, totals, hour, minimum, kind = self.ops.read(
            lambda s: load_grid(s, group_id, year, month, today)
        )
        self.model.set_grid(grid, totals, hour, today)
        # Another group or month: the brush goes back to "—", so a click that only meant to
        # look at the new list does not write the mark chosen for the old one.
        brush_dropped = (
            self._shown is not None and shown != self._shown and self.grid.brush is not None
        )
        if brush_dropped:
            self.brush_bar.set_brush(None)
        self.show_restricted(grid.restricted)
        self._size_columns()
        self._hours_first()

        self.legend.setText(
            self.tr(
                "O obecny · U usprawiedliwiona · N nieusprawiedliwiona · C częściowa (minuty) · "
                "całe dni (kursywą): L4 zwolnienie lekarskie (fioletowe) · DW dzień wolny "
                "(turkusowe) · U· / N· dzień usprawiedliwiony / nieusprawiedliwiony; "
                "szare pola: poza okresem uczestnictwa albo zajęcia jeszcze się nie odbyły. "
                "Wymagane minimum: {m} godz. dydaktycznych po {h} min w pełnym miesiącu "
                "(standard KIS, ustawienie), mniej przy niepełnym miesiącu."
            ).format(m=minimum, h=hour)
            + (
                " "
                + self.tr(
                    "W CIS ustawa wymaga ponadto 30–40 godzin zegarowych obecności "
                    "tygodniowo (art. 14 ust. 1) – sprawdza to raport tygodniowy."
                )
                if kind == "cis"
                else ""
            )
        )
        if not grid.activities:
            self._say(
                self.tr(
                    "W tym miesiącu grupa nie ma zajęć w dzienniku. Dodaj je w „Dzienniku zajęć”."
                )
            )
        elif not grid.people:
            self._say(self.tr("W tym miesiącu grupa nie ma uczestników."))
        elif grid.closed:
            self._say(
                self.tr(
                    "Miesiąc {y}-{m:02d} jest zamknięty – obecności są tylko do odczytu. "
                    "Otworzyć go może kierownik (Świadczenia → Otwórz ponownie…)."
                ).format(y=year, m=month)
            )
        elif brush_dropped:
            self._say(
                self.tr(
                    "Inna grupa lub miesiąc: kliknięcie w pole znów tylko je zaznacza "
                    "(Alt+N, Alt+U, Alt+O – wpisywanie kliknięciem)."
                )
            )
        elif self.status.styleSheet() != ERROR_STYLE:
            self._say("")
        self._shown = shown
        if where is not None:
            self._restore(*where)
        elif not self.grid.currentIndex().isValid():
            self._focus_default()
        self._current_changed()

    def _size_columns(self) -> None:
        """Every column by what it is, on every refresh: the columns move from month to month
        (the totals of a month without classes stand where the next month's dates are), so a
        date column is set back to the default width and the totals are fitted to their text."""
        header = self.grid.horizontalHeader()
        model = self.model
        samples = {
            model.hours_column: "100,00 / 40,00",
            model.status_column: self.tr("poniżej minimum (brak 40,00)"),
        }
        for column in range(model.columnCount()):
            if model.activity_at(column) is not None:
                header.resizeSection(column, header.defaultSectionSize())
                continue
            sample = self.fontMetrics().horizontalAdvance(samples.get(column, "")) + 16
            header.resizeSection(
                column,
                max(sample, self.grid.sizeHintForColumn(column), header.sectionSizeHint(column)),
            )

    def _hours_first(self) -> None:
        """The month's hours stand first, beside the names, so they are seen at any window
        width however many classes the month has (the columns after them scroll)."""
        header = self.grid.horizontalHeader()
        for logical in range(self.model.columnCount()):  # undo last month's move
            visual = header.visualIndex(logical)
            if visual != logical:
                header.moveSection(visual, logical)
        hours = self.model.hours_column
        if 0 <= hours < self.model.columnCount() and header.visualIndex(hours) != 0:
            header.moveSection(header.visualIndex(hours), 0)

    def show_restricted(self, names: tuple[str, ...]) -> None:
        """Members whose processing is restricted (art. 18 RODO) take no new marks, so they
        are not rows of the grid; the page says who they are, so nobody looks for them."""
        show_restricted_note(self.restricted_note, names)

    def _current_key(self) -> tuple[int, int] | None:
        index = self.grid.currentIndex()
        person = self.model.person_at(index.row()) if index.isValid() else None
        activity = self.model.activity_at(index.column()) if index.isValid() else None
        if person is None or activity is None:
            return None
        return person.participant_id, activity.id

    def _restore(self, participant_id: int, activity_id: int) -> None:
        row, column = self.model.row_of(participant_id), self.model.column_of(activity_id)
        if row >= 0 and column >= 0:
            self.grid.setCurrentIndex(self.model.index(row, column))
        else:
            self._focus_default()

    def _focus_default(self) -> None:
        """The latest activity already held: that is the paper list on the desk."""
        today = dt.date.today()
        held = [i for i, a in enumerate(self.model.activities) if a.date <= today]
        if self.model.people and self.model.activities:
            column = held[-1] if held else 0
            self.focus_column(column)

    def focus_column(self, column: int) -> None:
        """Put the cursor in the activity's column, on the first cell that can be typed in."""
        if not self.model.people:
            return
        row = next(
            (r for r in range(self.model.rowCount()) if not self.model.blocked_reason(r, column)),
            0,
        )
        index = self.model.index(row, column)
        self.grid.setCurrentIndex(index)
        self.grid.scrollTo(index)

    def _current_changed(self) -> None:
        activity = self.model.activity_at(self.grid.currentIndex().column())
        self.all_button.setEnabled(  # the whole month: any class already held
            self.may_edit
            and not self.model.closed
            and bool(self.model.people)
            and any(a.date <= dt.date.today() for a in self.model.activities)
        )
        self.journal_button.setEnabled(activity is not None)
        self.absence_button.setEnabled(
            self.may_edit and self.model.person_at(self.grid.currentIndex().row()) is not None
        )

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.status.setText(text)

    def show_error(self, error: KisdeskError) -> None:
        self._say(describe(error), error=True)
        if error.code == "record.changed_meanwhile":
            self.refresh()  # show what the other person recorded

    # -- typing -------------------------------------------------------------------------------
    def _after_change(self) -> None:
        if not self.isVisible():  # a visible page already refreshed on data_changed
            self.refresh()

    def _act(self, index: QModelIndex, action: str) -> None:
        """A key in the grid: the mark, then the cursor moves down to the next person."""
        self._brushed = None
        self._write(index, action, move=True)

    def _brush(self, index: QModelIndex, brush: str) -> None:
        """A click with a brush: the brush's mark in the clicked cell, or "obecny" again on a
        cell that already has that absence; the cursor stays where the mouse is.

        The second click on a cell the brush has just written gives back the mark it had
        (a doctor's note typed as U, a partial presence with its minutes), not "obecny":
        a mis-click undone must not silently turn an excused absence into a presence."""
        row, column = index.row(), index.column()
        mark = self.model.mark_at(row, column)
        activity, person = self.model.activity_at(column), self.model.person_at(row)
        cell = (person.participant_id, activity.id) if activity and person else None
        action = keys.brush_action(brush, mark[0] if mark else None)
        brushed, self._brushed = self._brushed, None
        before = brushed[1] if brushed is not None and brushed[0] == cell else None
        if action != brush and before is not None and before[0] not in (brush, keys.PRESENT):
            self._write(index, before[0], move=False, minutes=before[1])
            return
        if self._write(index, action, move=False) and action == brush and cell is not None:
            self._brushed = (cell, mark)

    def _brush_chosen(self, brush: str | None) -> None:
        self.grid.brush = brush
        if brush is None:
            self._say(self.tr("Kliknięcie w pole tylko je zaznacza."))
        else:
            self._say(
                self.tr("Kliknięcie w pole wpisuje: {mark}. Wpis zapisuje się od razu.").format(
                    mark=short_mark_names()[brush]
                )
                + (
                    " "
                    + self.tr(
                        "Drugie kliknięcie w to samo pole cofa wpis: przywraca „obecny” "
                        "albo to, co było w polu przed pierwszym."
                    )
                    if brush != keys.PRESENT
                    else ""
                )
            )
        self.grid.setFocus()

    def _write(
        self, index: QModelIndex, action: str, move: bool, minutes: int | None = None
    ) -> bool:
        """The mark saved (True when something was written); `minutes` of a partial presence
        given back by the brush, else asked for."""
        if not self.may_edit:
            self._say(self.tr("Twoja rola pozwala tylko przeglądać obecności."), error=True)
            return False
        if action == keys.ALL_PRESENT:
            self._all_present(index)
            return True
        row, column = index.row(), index.column()
        reason = self.model.blocked_reason(row, column)
        activity, person = self.model.activity_at(column), self.model.person_at(row)
        if reason or activity is None or person is None:
            self._say(reason, error=True)
            return False
        if action in (keys.SICK_DAY, keys.DAY_OFF):
            kind = "sick" if action == keys.SICK_DAY else "day_off"
            self._say("")
            toggled = keys.toggle_absence(
                self.ops,
                self,
                person.participant_id,
                activity.date,
                kind,
                self.model.absence_at(row, column),
                self.show_error,
            )
            if toggled:
                self._after_change()
                if move:
                    self.grid.move_down()
            return toggled
        mark = self.model.mark_at(row, column)
        self._say("")
        changed = keys.apply_action(
            self.ops,
            self,
            activity.id,
            person.participant_id,
            action,
            mark[0] if mark else None,
            mark[1] if mark else None,
            activity.minutes,
            self.ask_minutes if minutes is None else (lambda _p, _l, _c: minutes),
            self.show_error,
            version=self.model.version_at(row, column),
        )
        if changed:
            self._after_change()
            self._say_written(person.participant_id, activity.id)
            if move and action in (keys.PRESENT, keys.EXCUSED, keys.ABSENT, keys.PARTIAL):
                self.grid.move_down()
        return changed

    def _say_written(self, participant_id: int, activity_id: int) -> None:
        """The status line names what was saved ("Kowalska Anna, 3.11: nieusprawiedliwiona"),
        so a click on the wrong row is seen at once."""
        row, column = self.model.row_of(participant_id), self.model.column_of(activity_id)
        person, activity = self.model.person_at(row), self.model.activity_at(column)
        if person is None or activity is None:
            return
        mark = self.model.mark_at(row, column)
        if mark is None:
            what = self.tr("bez wpisu")
        elif mark[0] == keys.PARTIAL:
            what = self.tr("częściowo, {n} min").format(n=mark[1])
        else:
            what = short_mark_names()[mark[0]]
        day = activity.date
        self._say(f"{person.name}, {day.day}.{day.month:02d}: {what}")

    def _all_present(self, index: QModelIndex) -> None:
        """W: the whole month of the group in one step; the cursor then moves on to the next
        class, where the exceptions from the paper lists are typed."""
        group_id = self.group.current_id()
        if group_id is None or not self.may_edit or self.model.closed:
            return
        year, month = self.month.year, self.month.month
        written = keys.month_present(self.ops, self, group_id, year, month, self.show_error)
        self._after_change()
        column = index.column() if index.isValid() else -1
        following = next(
            (c for c in range(column + 1, self.model.columnCount()) if self.model.activity_at(c)),
            None,
        )
        if following is not None and self.model.people:
            target = self.model.index(max(index.row(), 0), following)
            self.grid.setCurrentIndex(target)
            self.grid.scrollTo(target)
        self._say(
            self.tr(
                "{month}: wpisano obecność na zajęciach, które się odbyły – {n} {marks}. "
                "Nieobecności całodniowe i wcześniejsze wpisy zostały bez zmian. Teraz popraw wyjątki."
            ).format(
                month=month_name(year, month),
                n=written,
                marks=plural(written, self.tr("wpis"), self.tr("wpisy"), self.tr("wpisów")),
            )
        )

    def open_absences(self) -> AbsenceDialog | None:
        index = self.grid.currentIndex()
        person = self.model.person_at(index.row()) if index.isValid() else None
        activity = self.model.activity_at(index.column()) if index.isValid() else None
        if person is None:
            return None
        day = activity.date if activity is not None else person.first_day
        dialog = AbsenceDialog(self.ops, person.participant_id, person.name, day, self)
        dialog.open()
        return dialog

    def _open_journal(self) -> None:
        activity = self.model.activity_at(self.grid.currentIndex().column())
        if activity is not None:
            self.navigate("journal", activity_id=activity.id)

    # -- page contract ------------------------------------------------------------------------
    def open(self, **kwargs: Any) -> None:
        if not self._groups_loaded:
            self._load_groups()
        group_id, month = kwargs.get("group_id"), kwargs.get("month")
        activity_id = kwargs.get("activity_id")
        self.group.blockSignals(True)
        if group_id is not None:
            self.group.set_current_id(int(group_id))
        self.group.blockSignals(False)
        if month is not None:
            self._month_chosen = True
            self.month.set_month(int(month[0]), int(month[1]), emit=False)
        self._stale = False
        self.grid.setCurrentIndex(QModelIndex())
        self.refresh()
        if activity_id is not None:
            column = self.model.column_of(int(activity_id))
            if column >= 0:
                self.focus_column(column)
                self._current_changed()
        self.grid.setFocus()

    def find(self) -> None:
        self.grid.setFocus()


def _empty(picker: MonthPicker) -> MonthGrid:
    return MonthGrid(picker.year, picker.month, [], [], {}, {})
