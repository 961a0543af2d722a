"""The parameters of each printout on the "Druki" tab: one small panel per document.

Each panel has `produce()` (choose → draw off the GUI thread → keep in the documents folder →
Drukuj… / Zapisz jako… / Otwórz, through kisdesk.ui.dialogs.print) and `reload()` (groups, activities, people may have changed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kisdesk.services.activities import ActivityRow, list_activities
from kisdesk.services.office import first_year
from kisdesk.services.participants import list_participants
from kisdesk.ui.dialogs import print as printing
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Navigate
from kisdesk.ui.pages.documents_common import (
    GroupCombo,
    annual_report_refusal,
    issue_refusal,
    month_picker,
    previous_month,
    year_spin,
)
from kisdesk.ui.widgets.forms import note_label
from kisdesk.ui.widgets.participant_fields import FieldMessage, OptionalDateEdit
from kisdesk.ui.widgets.participant_labels import fmt_date, fmt_time, weekday

WARN = "color: #8a3a00;"
GOOD = "color: #1d5e24;"


class Panel(QWidget):
    """A document's parameters in a form, with a note on what the document is for."""

    def __init__(self, ops: Ops, title: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.title = title
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.note = note_label(note)
        self.layout_.addWidget(self.note)
        self.form = QFormLayout()
        # fields as wide as their content: a year is not 800 pixels wide
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.layout_.addLayout(self.form)
        self.extra = QVBoxLayout()
        self.layout_.addLayout(self.extra)
        self.layout_.addStretch(1)

    def reload(self) -> None:
        """Refresh the choices (groups, activities, people)."""

    def refusal(self) -> str:
        """Why the current user may not make this document, or "" (the lists and the
        journal are working papers anyone may print)."""
        return ""

    def produce(self) -> None:
        raise NotImplementedError

    def spare_rows(self) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(0, 30)
        spin.setValue(3)
        spin.setToolTip(self.tr("Puste wiersze na końcu listy, np. dla nowych osób"))
        return spin


class OfficeFormPanel(Panel):
    """A form filled from the office's data (register form, closing notice, CIS application)."""

    def __init__(
        self, ops: Ops, kind: str, title: str, note: str, navigate: Navigate, parent: QWidget
    ) -> None:
        super().__init__(ops, title, note, parent)
        self.kind = kind
        self.date = OptionalDateEdit(self, optional=False, today_button=True)
        self.form.addRow(self.tr("Data dokumentu"), self.date)
        settings = QPushButton(self.tr("Dane placówki w Ustawieniach…"), self)
        settings.setToolTip(
            self.tr("Formularz wypełnia się danymi placówki i podmiotu prowadzącego")
        )
        settings.clicked.connect(lambda: navigate("settings"))
        self.form.addRow("", settings)

    def refusal(self) -> str:
        return issue_refusal(self.ops.db.actor)

    def produce(self) -> None:
        day = self.date.date()
        if day is not None:
            printing.print_form(self, self.ops, self.kind, day)


class AnnualReportPanel(Panel):
    """The annual report to the voivode, due by 31 March (KIS art. 18a ust. 6; CIS
    Dz.U. 2017 poz. 97)."""

    def __init__(self, ops: Ops, kind: str, title: str, note: str, parent: QWidget) -> None:
        super().__init__(ops, title, note, parent)
        self.kind = kind
        today = dt.date.today()
        # The report covers a year of the office's activity: never one before it existed.
        self.first_year = ops.read(first_year)
        default = today.year - 1
        if self.first_year is not None:
            default = min(max(default, self.first_year), today.year)
        self.year = year_spin(self, default)
        if self.first_year is not None and self.first_year <= today.year:
            self.year.setMinimum(self.first_year)
        self.form.addRow(self.tr("Sprawozdanie za rok"), self.year)
        self.date = OptionalDateEdit(self, optional=False, today_button=True)
        self.form.addRow(self.tr("Data dokumentu"), self.date)
        self.deadline = QLabel(self)
        self.form.addRow(self.tr("Termin"), self.deadline)
        self.year.valueChanged.connect(lambda _v: self._show_deadline())
        self._show_deadline()

    def refusal(self) -> str:
        return annual_report_refusal(self.ops.db.actor)

    def _show_deadline(self) -> None:
        year = self.year.value()
        due = dt.date(year + 1, 3, 31)
        today = dt.date.today()
        text = self.tr("do 31 marca {year} r.").format(year=year + 1)
        if self.first_year is not None and year < self.first_year:
            text = self.tr("placówka nie działała jeszcze w {year} r.").format(year=year)
            style = WARN
        elif year >= today.year:
            text += " " + self.tr("– rok {year} jeszcze trwa; liczby są na dziś.").format(year=year)
            style = WARN
        elif today > due:
            text += " " + self.tr("– termin minął.")
            style = ""
        else:
            days = (due - today).days
            text += " " + self.tr("– zostało {n} dni.").format(n=days)
            style = WARN if days <= 30 else GOOD
        self.deadline.setText(text)
        self.deadline.setStyleSheet(style)

    def produce(self) -> None:
        day = self.date.date()
        if day is not None:
            printing.print_form(self, self.ops, self.kind, day, self.year.value())


def activity_label(a: ActivityRow) -> str:
    """ "15.03 pon. 09:00–12:00 · Grupa poniedziałkowa · Trening asertywności"."""
    who = a.group or a.participant or ""
    parts = [
        f"{fmt_date(a.date)[:5]} {weekday(a.date)} {fmt_time(a.start_time)}–{fmt_time(a.end_time)}",
        who,
        a.topic or a.form,
    ]
    return " · ".join(p for p in parts if p)


class ActivityListPanel(Panel):
    """The list for signatures of one activity (docs/domain.md#documents)."""

    def __init__(self, ops: Ops, title: str, note: str, parent: QWidget) -> None:
        super().__init__(ops, title, note, parent)
        today = dt.date.today()
        self.month = month_picker(self, today.year, today.month)
        self.form.addRow(self.tr("Miesiąc"), self.month)
        self.activity = QComboBox(self)
        self.activity.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.activity.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 30)
        self.form.addRow(self.tr("Zajęcia"), self.activity)
        self.spare = self.spare_rows()
        self.form.addRow(self.tr("Wolne wiersze"), self.spare)
        self.month.month_changed.connect(lambda _y, _m: self.reload())

    def reload(self) -> None:
        year, month = self.month.year, self.month.month
        current = self.activity.currentData()
        rows = self.ops.read(lambda s: list_activities(s, year, month))
        self.activity.clear()
        for a in rows:
            self.activity.addItem(activity_label(a), a.id)
        if not rows:
            self.activity.addItem(self.tr("— w tym miesiącu nie ma zajęć —"), None)
        index = self.activity.findData(current) if current is not None else -1
        if index < 0:
            # the next class to be held: its list goes on the desk before it starts
            today = dt.date.today()
            upcoming = [i for i, a in enumerate(rows) if a.date >= today]
            index = upcoming[0] if upcoming else max(len(rows) - 1, 0)
        self.activity.setCurrentIndex(index)

    def produce(self) -> None:
        activity_id = self.activity.currentData()
        printing.print_attendance_list(self, self.ops, activity_id, self.spare.value())


class GroupPanel(Panel):
    """A group and a month (or a day): lists, the monthly sheet, the journal."""

    def __init__(
        self,
        ops: Ops,
        title: str,
        note: str,
        parent: QWidget,
        action: Callable[[QWidget, Ops, int | None, int, int], None],
        spare: bool = False,
    ) -> None:
        super().__init__(ops, title, note, parent)
        self.action = action
        self.group = GroupCombo(ops, self)
        self.form.addRow(self.tr("Grupa"), self.group)
        self.month = month_picker(self, *previous_month())
        self.form.addRow(self.tr("Miesiąc"), self.month)
        self.spare: QSpinBox | None = None
        if spare:
            self.spare = self.spare_rows()
            self.form.addRow(self.tr("Wolne wiersze"), self.spare)

    def reload(self) -> None:
        self.group.reload()

    def produce(self) -> None:
        self.action(self, self.ops, self.group.current_id(), self.month.year, self.month.month)


class DayListPanel(Panel):
    """One list for all classes of a group's day, a signature column for each."""

    def __init__(self, ops: Ops, title: str, note: str, parent: QWidget) -> None:
        super().__init__(ops, title, note, parent)
        self.group = GroupCombo(ops, self)
        self.form.addRow(self.tr("Grupa"), self.group)
        self.day = OptionalDateEdit(self, optional=False, today_button=True)
        self.form.addRow(self.tr("Dzień"), self.day)
        self.spare = self.spare_rows()
        self.form.addRow(self.tr("Wolne wiersze"), self.spare)

    def reload(self) -> None:
        self.group.reload()

    def produce(self) -> None:
        day = self.day.date()
        if day is not None:
            printing.print_day_lists(
                self, self.ops, self.group.current_id(), day, self.spare.value()
            )


class CardPanel(Panel):
    """The individual counselling card of a participant (docs/domain.md#documents)."""

    def __init__(self, ops: Ops, title: str, note: str, parent: QWidget) -> None:
        super().__init__(ops, title, note, parent)
        self.person = QComboBox(self)
        self.person.setEditable(True)  # type a few letters of the name to find the person
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 24)
        self.form.addRow(self.tr("Uczestnik"), self.person)
        self.year = QComboBox(self)
        self.year.addItem(self.tr("cały okres uczestnictwa"), None)
        this = dt.date.today().year
        for y in range(this, this - 10, -1):
            self.year.addItem(str(y), y)
        self.form.addRow(self.tr("Rok"), self.year)
        self.message = FieldMessage(self)
        self.extra.addWidget(self.message)

    def reload(self) -> None:
        current = self.person.currentData()
        people = self.ops.read(lambda s: list_participants(s))
        self.person.clear()
        for p in people:
            self.person.addItem(
                f"{p.last_name} {p.first_name} (ur. {p.birth_date.year})",
                p.id,
            )
        index = self.person.findData(current) if current is not None else -1
        self.person.setCurrentIndex(max(index, 0) if people else -1)

    def select_person(self, participant_id: int) -> None:
        index = self.person.findData(participant_id)
        if index >= 0:
            self.person.setCurrentIndex(index)

    def produce(self) -> None:
        index = self.person.findText(self.person.currentText())
        participant_id = self.person.itemData(index) if index >= 0 else None
        if participant_id is None:
            self.message.show_error(self.tr("Wybierz uczestnika z listy."))
            self.person.setFocus()
            return
        self.message.clear_message()
        printing.print_counselling_card(self, self.ops, participant_id, self.year.currentData())
