"""The walk-through's steps in the real main window (run by bench_walkthrough.py in a
headless process): prints one JSON object with the tallies per task and what was checked."""

from __future__ import annotations

import datetime as dt
import faulthandler
import json
import os
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kisdesk.app import load_core

load_core()
from kisdesk.services import listeners  # noqa: E402

listeners.install()  # as the program does at start: the audit log, the pages told of changes

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtPrintSupport import QPrintDialog  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from walk_hands import Hands, Stuck, closed  # noqa: E402
from walk_office import (  # noqa: E402
    GROUP_A,
    GROUP_B,
    TIMES,
    TOPICS,
    Month,
    Person,
    absences,
    expected_hours,
    in_period,
    months,
    people,
    retyped_topics,
)

from kisdesk.db.open import open_database  # noqa: E402
from kisdesk.rules.calendar import is_working_day  # noqa: E402
from kisdesk.services import (  # noqa: E402
    activities,
    documents,
    hours,
    participants,
    participations,
)
from kisdesk.services.settings import all_settings  # noqa: E402
from kisdesk.ui import printing  # noqa: E402
from kisdesk.ui.application import create_app  # noqa: E402
from kisdesk.ui.dialogs.activity_copy_period import CopyPeriodDialog  # noqa: E402
from kisdesk.ui.dialogs.activity_series import SeriesEntry  # noqa: E402
from kisdesk.ui.dialogs.month_end import MonthEndDialog, MonthEndDone  # noqa: E402
from kisdesk.ui.files import DocumentChoice  # noqa: E402
from kisdesk.ui.main_window import MainWindow  # noqa: E402
from kisdesk.ui.ops import Ops  # noqa: E402
from kisdesk.ui.widgets.attendance_month_picker import MonthPicker  # noqa: E402
from kisdesk.ui.widgets.participant_labels import end_reasons  # noqa: E402

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
COPIED = "16 classes a group copied from last month, 4 topics a group retyped"
ALL_NEW = "16 classes a group, every topic new"
IMPORTED = "30 people from the office's spreadsheet (Import uczestników…)"
TODAY = dt.date.today()


def date_text(day: dt.date, shown: dt.date | None) -> str:
    """What a person types for `day` in a date field showing `shown` (kisdesk.ui.widgets.dates:
    "3" is the 3rd of this month, "3.11" of November this year)."""
    if (day.year, day.month) == (TODAY.year, TODAY.month):
        return str(day.day)
    if day.year == TODAY.year:
        return f"{day.day}.{day.month}"
    return f"{day.day}.{day.month}.{day.year}"


def steps_down(rows: list[SeriesEntry], current: int, row: int) -> int:
    """The ↓ presses from list row `current` to `row`: a holiday's term is stepped over."""
    return sum(1 for e in rows[current + 1 : row + 1] if not e.planned.skipped)


class Walk:
    def __init__(self, db_path: str, variant: str = "copy") -> None:
        self.variant = variant  # "copy" (the steady month copied) or "new" (every topic new)
        self.app = create_app([])
        Ops.inline = True  # the printouts are drawn at once instead of on a worker thread
        self.db = open_database(f"sqlite:///{db_path}", exclusive=True)
        self.hands = Hands(self.app)
        self.main = MainWindow(Ops(self.db))
        self.main.resize(1600, 900)
        self.main.show()
        self.hands.active(self.main)
        self.first, self.steady = months(TODAY, os.environ.get("KISDESK_WALK_MONTHS", ""))
        self.people = people(self.first, self.steady)
        self.ids: dict[int, int] = {}
        # The office's printer: the system's side of printing (CUPS lp, Windows' printto)
        # is not the user's work; what the print dialog hands to it is kept here.
        self.printed: list[Path] = []

        def send(path: Path, printer: str, copies: int = 1) -> None:
            if not Path(path).exists() or Path(path).stat().st_size == 0:
                raise Stuck(f"{path}: nothing to print")
            self.printed.append(Path(path))

        printing.printer_names = lambda: ["Biuro"]  # type: ignore[assignment]
        printing.send_to_printer = send  # type: ignore[assignment]
        self.notes: list[str] = []
        # the topic each class is to have, by month and group: what the walk typed or kept
        self.intended: dict[tuple[str, str], dict[dt.date, str]] = {}
        self.retyped: dict[str, dict[dt.date, str]] = {}
        # a steady class (group, day): the id of last month's class it was copied from
        self.copied_from: dict[tuple[str, dt.date], int] = {}
        self.results: list[dict[str, Any]] = []

    # -- small moves --------------------------------------------------------------------------
    def go(self, page: str) -> QWidget:
        """A page from the sidebar, by its title."""
        from kisdesk.ui.page_list import PAGES, page_title

        entry = next(e for e in PAGES if e.name == page)
        if self.main.current_name() != page:
            self.hands.click_item(self.main.sidebar, page_title(entry))
        return self.main.page(page)

    def month_to(self, picker: MonthPicker, month: Month) -> None:
        while (picker.year, picker.month) > (month.year, month.month):
            self.hands.click(picker.prev)
        while (picker.year, picker.month) < (month.year, month.month):
            self.hands.click(picker.next)

    def print_next(self) -> None:
        """The document just made is offered for printing (Enter) and Qt's print dialog
        takes the walk's printer (Enter)."""

        def enter(_dialog: QWidget) -> None:
            self.hands.key(Qt.Key.Key_Return)

        self.hands.answer(DocumentChoice, enter)
        self.hands.answer(QPrintDialog, enter)

    def printed_file(self, before: int) -> None:
        self.hands.expect_answered()
        self.hands.wait_for(lambda: len(self.printed) > before, "nothing was printed")

    def task(self, month: Month, name: str) -> Any:
        print(f"{month.key}: {name}", file=sys.stderr, flush=True)
        tally = self.hands.task(f"{month.key}: {name}")
        self.results.append({"name": name, "month": month.key, "key": f"{month.key}: {name}"})
        return tally

    # -- people -------------------------------------------------------------------------------
    def enter_people(self, month: Month, who: list[Person]) -> None:
        page = self.go("participants")
        h = self.hands
        h.key(Qt.Key.Key_N, CTRL)
        for n, person in enumerate(who):
            form = page.dialog
            assert form is not None
            h.active(form)
            if h.focus() is not form.personal.pesel.line:
                raise Stuck("the new person's form does not start at the PESEL")
            h.type(person.pesel, data=True)
            first_name = form.personal.editors["first_name"]
            if h.focus() is not first_name:
                raise Stuck(f"{person.pesel}: a valid PESEL did not move on to the first name")
            # typed only as far as the field shows the whole name (completed as typed)
            for char in person.first:
                h.type(char, data=True)
                if first_name.text() == person.first:  # type: ignore[attr-defined]
                    break
            h.key(Qt.Key.Key_Tab)  # accepts the completed name
            h.type(person.last, data=True)
            if form.personal.start_on.date() != person.start:
                h.click(form.personal.start_on.edit.line)
                h.type(date_text(person.start, form.personal.start_on.date()))
            if form.personal.group.currentText() != person.group:
                h.choose(form.personal.group, person.group)
            last = n == len(who) - 1
            if last:
                h.key(Qt.Key.Key_Return)
                h.wait_for(lambda f=form: not f.isVisible(), "the last form did not close")
            else:
                h.key(Qt.Key.Key_N, ALT)  # "Zapisz i dodaj &następnego"
                h.wait_for(lambda f=form: page.dialog is not f, "no next form")
            pid = self.db_read(lambda s, p=person: participants.find_by_pesel(s, p.pesel))
            if pid is None:
                raise Stuck(f"{person.name} was not saved")
            stored = self.db_read(lambda s, i=pid: participants.get_participant(s, i).first_name)
            if stored != person.first:
                raise Stuck(f"{person.name} was saved as {stored!r}: a wrong completion")
            self.ids[person.index] = pid

    def import_people(self, month: Month, who: list[Person]) -> None:
        """The office's own sheet of participants (kept in Excel before the program) read by
        Dokumenty › Arkusze Excel › "Import uczestników…": the file chosen by its name in the
        documents folder, the columns as proposed, the rows imported, Zakończ."""
        from openpyxl import Workbook
        from PySide6.QtWidgets import QFileDialog

        from kisdesk.ui import files

        sheet_path = files.default_folder() / "uczestnicy.xlsx"
        book = Workbook()
        rows = book.active
        rows.append(["Nazwisko", "Imię", "PESEL", "Grupa", "Data rozpoczęcia"])
        for person in who:
            rows.append([person.last, person.first, person.pesel, person.group, person.start])
        book.save(sheet_path)  # the office's sheet exists before the walk: not counted
        h = self.hands
        page = self.go("documents")
        if page.tabs.currentIndex() != page.tabs.count() - 1:
            h.click_tab(page.tabs, "Arkusze Excel")
        sheets = page.sheets
        h.click(sheets.import_button)
        wizard = sheets.wizard
        h.wait_for(lambda: wizard.isVisible(), "the import did not open")
        h.active(wizard)

        def choose_file(_dialog: QWidget) -> None:
            h.type(sheet_path.name)
            h.key(Qt.Key.Key_Return)

        h.answer(QFileDialog, choose_file)
        h.click(wizard.file_page.browse_button)
        h.expect_answered()
        h.wait_for(lambda: wizard.file is not None, "the sheet was not read")
        h.key(Qt.Key.Key_Return)  # Dalej: the columns as proposed
        h.wait_for(lambda: wizard.currentId() == wizard.MAPPING, "no columns page")
        for column, field in wizard.mapping.items():
            if field not in ("last_name", "first_name", "pesel", "group", "start_on"):
                raise Stuck(f"column {column} proposed as {field}")
        h.key(Qt.Key.Key_Return)  # Dalej: the preview of every row
        h.wait_for(lambda: wizard.preview is not None, "no preview")
        h.key(Qt.Key.Key_Return)  # Importuj 30 poprawnych wierszy
        h.wait_for(lambda: wizard.import_result is not None, "nothing imported")
        h.key(Qt.Key.Key_Return)  # Zakończ
        h.wait_for(lambda: not wizard.isVisible(), "the import did not close")
        for person in who:
            pid = self.db_read(lambda s, p=person: participants.find_by_pesel(s, p.pesel))
            if pid is None:
                raise Stuck(f"{person.name} was not imported")
            self.ids[person.index] = pid

    # -- classes ------------------------------------------------------------------------------
    def enter_classes(self, month: Month, group: str) -> None:
        """The month's classes of a group in one new-class dialog: the first class, then
        "Powtarzaj co tydzień do…" (Alt+P) on its weekdays up to the last class, each term's
        own topic typed over in the list of terms."""
        h = self.hands
        page = self.go("journal")
        self.month_to(page.month, month)
        h.choose(page.scope, group)
        days = sorted(month.class_days())
        topics = dict(zip(days, TOPICS[(month.key, group)], strict=True))
        self.intended[(month.key, group)] = topics
        first = days[0]
        h.key(Qt.Key.Key_N, CTRL)
        dialog = page.dialog
        assert dialog is not None and dialog.repeat is not None
        h.active(dialog)
        if dialog.date.date() != first:  # it offers the month's first working day
            h.click(dialog.date.edit.line)
            h.type(date_text(first, dialog.date.date()))
        start, end = TIMES[group]
        if dialog.start.time().toString("HH:mm") != start:
            h.click(dialog.start)
            h.type(start.replace(":", ""))
        if dialog.end.time().toString("HH:mm") != end:
            h.click(dialog.end)
            h.type(end.replace(":", ""))
        h.click(dialog.topic)
        h.type_completing(topics[first])
        repeat = dialog.repeat
        h.key(Qt.Key.Key_P, ALT)  # "&Powtarzaj co tydzień do"
        h.wait_for(repeat.active, "Alt+P did not tick the weekly repeat")  # an animated click
        wanted = {d.isoweekday() for d in days}
        for number, box in enumerate(repeat.days, start=1):
            if box.isChecked() != (number in wanted):
                h.click(box)
        if repeat.until.date() != days[-1]:
            # terms after the last class: the end date typed, or (cheaper when only one or
            # two) each left out with a click and Space below, as a user would
            after = [
                e
                for e in repeat.series.model.rows()
                if e.planned.data.date > days[-1] and not e.planned.skipped
            ]
            typed = date_text(days[-1], repeat.until.date())
            if 2 * len(after) > 1 + len(typed):
                h.click(repeat.until.edit.line)
                h.type(typed)
        series = repeat.series
        table, model = series.table, series.model
        rows = model.rows()
        # a month that needs a Friday (holidays took Monday–Thursday days): the Fridays not
        # wanted are left out with Space on their date, as the list's hint says
        for row, entry in enumerate(rows):
            if not entry.planned.skipped and entry.planned.data.date not in days:
                h.click_index(table, model.index(row, 0))
                h.key(Qt.Key.Key_Space)
        chosen = [e.planned.data.date for e in series.chosen()]
        if chosen != days:
            raise Stuck(f"the repeat plans {chosen}, the lists say {days}")
        rows = model.rows()
        topic_column = 2  # Termin, Godziny, Temat, Uwagi
        current: int | None = None
        for row, entry in enumerate(rows):
            day = entry.planned.data.date
            if not entry.include or entry.planned.skipped or day == first:
                continue
            if current is None:
                h.click_index(table, model.index(row, topic_column))
            else:
                for _ in range(steps_down(rows, current, row)):
                    h.key(Qt.Key.Key_Down)
            current = row
            h.type_completing(topics[day])
        h.key(Qt.Key.Key_Return, CTRL)
        h.wait_for(lambda: closed(dialog), "the month's classes were not saved")

    def copy_classes(self, month: Month, group: str) -> None:
        """The steady month as last month's plan: "Kopiuj miesiąc…" (Ctrl+Shift+M) on the
        group shown copies its newest month onto the next one, holidays skipped; the terms
        the lists do not have are left out (Space on the date) and 4 topics typed over in
        the list (↓ to the next), Ctrl+Enter."""
        h = self.hands
        page = self.go("journal")
        h.choose(page.scope, group)
        h.key(Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)
        dialog = page.dialog
        if not isinstance(dialog, CopyPeriodDialog) or not dialog.isVisible():
            raise Stuck("Ctrl+Shift+M did not open Kopiuj miesiąc")
        h.active(dialog)
        target = dialog.targets[dialog.target.currentIndex()]
        if (target.first.year, target.first.month) != (month.year, month.month):
            raise Stuck(f"Kopiuj miesiąc offers {target.first:%Y-%m}, not {month.key}'s month")
        days = sorted(month.class_days())
        series = dialog.series
        table, model = series.table, series.model
        for row, entry in enumerate(model.rows()):
            if not entry.planned.skipped and entry.planned.date not in days:
                h.click_index(table, model.index(row, 0))
                h.key(Qt.Key.Key_Space)
        chosen = [e.planned.date for e in series.chosen()]
        if chosen != days:
            raise Stuck(f"the copy plans {chosen}, the lists say {days}")
        rows = model.rows()
        copied = [(e.planned.date, e.topic) for e in rows if e.include and not e.planned.skipped]
        new = retyped_topics(copied, group)
        self.retyped[group] = new
        self.intended[(month.key, group)] = {**dict(copied), **new}
        for e in rows:
            if e.include and not e.planned.skipped and e.planned.source_id is not None:
                self.copied_from[(group, e.planned.date)] = e.planned.source_id
        topic_column = model.TOPIC
        current: int | None = None
        for row, entry in enumerate(rows):
            day = entry.planned.date
            if day not in new or not entry.include or entry.planned.skipped:
                continue
            # the next topic to change one row down: ↓; further: a click on it
            if current is not None and steps_down(rows, current, row) == 1:
                h.key(Qt.Key.Key_Down)
            else:
                h.click_index(table, model.index(row, topic_column))
            current = row
            h.type_completing(new[day])
        h.key(Qt.Key.Key_Return, CTRL)
        h.wait_for(lambda: closed(dialog), "the copied month was not saved")

    # -- attendance ---------------------------------------------------------------------------
    def enter_attendance(self, month: Month, group: str) -> None:
        """Everyone present ("Wszyscy obecni (W)") in the whole month, then the brush
        "nieusprawiedliwiona" (Alt+N: another group or month sets it back to a click that only
        selects) and one click per exception from the lists."""
        h = self.hands
        page = self.go("attendance")
        h.choose(page.group, group)
        self.month_to(page.month, month)
        model, grid = page.model, page.grid
        missing = absences(month, group, self.people)
        ids = {a.date: a.id for a in model.activities}
        h.click(page.all_button)
        if page.brush_bar.brush() != "absent":
            h.key(Qt.Key.Key_N, ALT)
            h.wait_for(lambda: grid.brush == "absent", "Alt+N did not choose the brush")
        for person, day in missing:
            target = model.index(model.row_of(self.ids[person.index]), model.column_of(ids[day]))
            h.click_index(grid, target)
            mark = model.mark_at(target.row(), target.column())
            if mark is None or mark[0] != "absent":
                raise Stuck(
                    f"{person.name} on {day}: the absence was not recorded: {mark} {page.status.text()} {grid.currentIndex().row()},{grid.currentIndex().column()} {target.row()},{target.column()}"
                )

    # -- documents ----------------------------------------------------------------------------
    def print_lists(self, month: Month, group: str) -> None:
        """The month's lists for signatures, one per class, in one PDF (Dokumenty › Druki)."""
        h = self.hands
        page = self.go("documents")
        if page.tabs.currentWidget() is not page.forms:
            h.click_tab(page.tabs, "Druki")
        forms = page.forms
        if (
            forms.list.currentItem() is None
            or "cały miesiąc" not in forms.list.currentItem().text()
        ):
            h.click_item(forms.list, "Listy obecności na cały miesiąc")
        panel = forms.panels["month-lists"]
        h.choose(panel.group, group)
        self.month_to(panel.month, month)
        before = len(self.printed)
        self.print_next()
        h.click(forms.create_button)
        self.printed_file(before)

    def print_month_end(self, month: Month, with_lists: bool) -> None:
        """Koniec miesiąca… (Ctrl+K) for the office: the monthly sheet and the journal of each
        group, the hours report and (`with_lists`: the next month is planned) the next
        month's lists for signatures of each group, printed in one go. The steady month's
        next month is not part of the walk, so its lists are not made then."""
        h = self.hands
        before = len(self.printed)
        h.key(Qt.Key.Key_K, CTRL)
        dialog = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, MonthEndDialog) and w.isVisible()
            ),
            None,
        )
        if dialog is None:
            raise Stuck("Ctrl+K did not open Koniec miesiąca")
        h.active(dialog)
        while (dialog.month.year, dialog.month.month) > (month.year, month.month):
            h.key(Qt.Key.Key_PageUp)
        if dialog.group.currentData() != "all":
            h.choose(dialog.group, "wszystkie grupy")

        def enter(_dialog: QWidget) -> None:
            self.hands.key(Qt.Key.Key_Return)

        h.answer(QPrintDialog, enter)
        h.key(Qt.Key.Key_Return)  # Utwórz dokumenty
        h.wait_for(
            lambda: any(
                isinstance(w, MonthEndDone) and w.isVisible()
                for w in QApplication.topLevelWidgets()
            ),
            "the month's documents were not made",
        )
        done = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MonthEndDone) and w.isVisible()
        )
        h.active(done)
        h.key(Qt.Key.Key_Return)  # Drukuj wszystko
        self.printed_file(before)
        made = len(self.printed) - before
        if made < (7 if with_lists else 5):
            raise Stuck(f"Koniec miesiąca printed {made} documents: {done.summary.text()}")

    # -- joining and leaving ------------------------------------------------------------------
    def end_participation(self, month: Month, person: Person, reason: str) -> None:
        """Find the person, Ctrl+E from the search (the first match), end the period on the
        day, Enter issues the ending certificate, Enter prints it: the card is not opened."""
        h = self.hands
        page = self.go("participants")
        h.key(Qt.Key.Key_F, CTRL)
        h.type(person.last[:5], data=True)
        h.key(Qt.Key.Key_E, CTRL)
        ending = page.ending
        if ending is None:
            raise Stuck(f"Ctrl+E did not open the ending for {person.name}")
        if ending.period.participant_id != self.ids[person.index]:
            raise Stuck(f"Ctrl+E opened the ending of someone else than {person.name}")
        h.active(ending)
        assert person.end is not None
        if ending.end_on.date() != person.end:
            # the cursor starts in the date, its text selected: typing replaces it
            h.type(date_text(person.end, ending.end_on.date()))
        h.choose(ending.reason, end_reasons()[reason])
        h.key(Qt.Key.Key_Return, CTRL)
        h.wait_for(lambda: not ending.isVisible(), "the ending was not saved")
        # the ending's certificate opens by itself ("Po zapisaniu wystaw zaświadczenie o
        # zakończeniu", ticked), its "Wystaw…" the default button with the keyboard
        certificate = page.ending
        if certificate is None or certificate is ending:
            raise Stuck("the certificate of ending did not open after the ending")
        h.active(certificate)
        before = len(self.printed)
        self.print_next()
        h.key(Qt.Key.Key_Return)
        self.printed_file(before)
        h.wait_for(lambda: closed(certificate), "the certificate dialog stayed open")
        h.active(self.main)
        h.wait_for(page.table.hasFocus, "the keyboard did not come back to the list")

    # -- the walk -----------------------------------------------------------------------------
    def run(self) -> None:
        first, steady = self.first, self.steady
        if self.variant == "import":
            # the first month's people from the office's own sheet instead of typed: the
            # other tasks are the primary walk's
            with self.task(first, IMPORTED):
                self.import_people(first, self.people[:30])
            return
        if self.variant == "new":
            # the steady month's classes with every topic new, typed as in the first month:
            # the other tasks are the same as the primary walk's
            with self.task(steady, ALL_NEW):
                for group in (GROUP_A, GROUP_B):
                    self.enter_classes(steady, group)
            return
        with self.task(first, "30 people entered"):
            self.enter_people(first, self.people[:30])
        with self.task(first, "16 classes a group, each with its topic"):
            for group in (GROUP_A, GROUP_B):
                self.enter_classes(first, group)
        with self.task(first, "lists for signatures printed"):
            for group in (GROUP_A, GROUP_B):
                self.print_lists(first, group)
        with self.task(first, "attendance with 10 % exceptions"):
            for group in (GROUP_A, GROUP_B):
                self.enter_attendance(first, group)
        # The next month is planned before this one ends, so that Koniec miesiąca prints its
        # lists for signatures with the rest (docs/domain.md#month-end).
        with self.task(steady, COPIED):
            for group in (GROUP_A, GROUP_B):
                self.copy_classes(steady, group)
        with self.task(first, "month-end documents and next month's lists"):
            self.print_month_end(first, with_lists=True)
        with self.task(steady, "3 people joining"):
            for person in self.people[30:]:
                self.enter_people(steady, [person])
        with self.task(steady, "3 people leaving, each with its certificate"):
            for person in self.people:
                if person.end is not None:
                    from walk_office import LEAVING

                    self.end_participation(steady, person, LEAVING[person.index])
        with self.task(steady, "attendance with 10 % exceptions"):
            for group in (GROUP_A, GROUP_B):
                self.enter_attendance(steady, group)
        with self.task(steady, "month-end documents"):
            self.print_month_end(steady, with_lists=False)

    def db_read(self, fn: Callable[[Any], Any]) -> Any:
        return self.main.ops.read(fn)

    # -- proof --------------------------------------------------------------------------------
    def check(self) -> list[str]:
        hour = self.db_read(all_settings)["hour_minutes"]
        minimum = self.db_read(all_settings)["monthly_minimum_hours"]
        said: list[str] = []
        if self.variant == "new":
            said.append(self.check_topics(self.steady, "every topic as typed"))
            return said
        if self.variant == "import":
            said.append(self.check_imported())
            return said
        for month in (self.first, self.steady):
            absent = {
                (p.index, d) for g in (GROUP_A, GROUP_B) for p, d in absences(month, g, self.people)
            }
            report = self.db_read(
                lambda s, m=month: hours.month_report(s, m.year, m.month, as_of=TODAY)
            )
            got = {row.totals.participant_id: row.totals.attended / hour for row in report.rows}
            wrong, reached, expected_reached = [], set(), set()
            for person in self.people:
                if not any(in_period(person, d) for d in month.class_days()):
                    continue
                pid = self.ids[person.index]
                want = expected_hours(month, person, absent, hour)
                if abs(got.get(pid, 0.0) - want) > 1e-6:
                    wrong.append(f"{person.name}: {got.get(pid, 0.0)} h, expected {want} h")
                if got.get(pid, 0.0) >= minimum:
                    reached.add(person.name)
                if want >= minimum:
                    expected_reached.add(person.name)
            if wrong:
                raise Stuck(f"{month.key} month hours wrong: " + "; ".join(wrong))
            if reached != expected_reached:
                raise Stuck(
                    f"{month.key}: reached {sorted(reached)}, expected {sorted(expected_reached)}"
                )
            sample = [p for p in self.people if p.index in (0, 7, 16, 32)]
            shown = ", ".join(
                f"{p.name} {got.get(self.ids[p.index], 0.0):g} h"
                for p in sample
                if self.ids.get(p.index) in got
            )
            short = sorted(
                p.name
                for p in self.people
                if self.ids.get(p.index) in got and got[self.ids[p.index]] < minimum
            )
            said.append(
                f"{month.key} month {month.year}-{month.month:02d}: the hours of all "
                f"{len(got)} people as the signed lists say (e.g. {shown}); "
                f"{len(reached)} reached {minimum} h, below: {', '.join(short) or 'nobody'}"
            )
            if month.key == "first":
                said.append(self.check_topics(month, "every topic as typed"))
            else:
                said.append(self.check_copied(month))
        issued = self.db_read(lambda s: documents.list_documents(s))
        endings = [r for r in issued if r.kind == "ending_certificate"]
        if len(endings) != 3:
            raise Stuck(f"{len(endings)} ending certificates instead of 3")
        said.append(
            f"3 ending certificates in the register ({', '.join(r.number for r in endings)}); "
            f"{len(self.printed)} documents printed, none empty"
        )
        return said

    def check_imported(self) -> str:
        """Each person of the sheet in the register with the name, group and start of the sheet."""
        for person in self.people[:30]:
            row = self.db_read(
                lambda s, p=person: participants.get_participant(s, self.ids[p.index])
            )
            if (row.first_name, row.last_name) != (person.first, person.last):
                raise Stuck(f"{person.name} imported as {row.first_name} {row.last_name}")
        wrong = []
        for person in self.people[:30]:
            periods = self.db_read(
                lambda s, p=person: participations.periods_of(s, self.ids[p.index])
            )
            if [(r.group, r.start_on) for r in periods] != [(person.group, person.start)]:
                wrong.append(f"{person.name}: {[(r.group, r.start_on) for r in periods]}")
        if wrong:
            raise Stuck(f"imported into the wrong group: {wrong}")
        return (
            "people from the office's sheet: all 30 in the register with their names, PESEL "
            "numbers, groups and start dates"
        )

    def check_topics(self, month: Month, how: str) -> str:
        """Every class of the month on its day with the topic intended, none on a holiday."""
        rows = self.db_read(lambda s: activities.list_activities(s, month.year, month.month))
        for group in (GROUP_A, GROUP_B):
            wanted = self.intended[(month.key, group)]
            stored = {r.date: r.topic for r in rows if r.group == group}
            if stored != wanted:
                raise Stuck(f"{month.key} {group}: topics {stored} instead of {wanted}")
            if len(set(stored.values())) != len(stored):
                raise Stuck(f"{month.key} {group}: two classes with one topic: {stored}")
        on_holidays = sorted({r.date for r in rows if not is_working_day(r.date)})
        if on_holidays:
            raise Stuck(f"{month.key}: classes on days off {on_holidays}")
        return (
            f"{month.key} month: {len(rows)} classes in the journal, {how}, each class its "
            "own topic, none on a holiday or a weekend"
        )

    def check_copied(self, month: Month) -> str:
        """The copied month: the classes not retyped carry the topic of the class they were
        copied from (last month's, on the same weekday), the retyped ones the new text."""
        said = self.check_topics(month, "as intended")
        rows = self.db_read(lambda s: activities.list_activities(s, month.year, month.month))
        kept = retyped = 0
        for row in rows:
            new = self.retyped[row.group].get(row.date)
            if new is not None:
                if row.topic != new:
                    raise Stuck(f"{row.date}: {row.topic!r}, retyped as {new!r}")
                retyped += 1
                continue
            source_id = self.copied_from[(row.group, row.date)]
            source = self.db_read(lambda s, i=source_id: activities.get_activity(s, i))
            if source.group != row.group or (source.date.year, source.date.month) != (
                self.first.year,
                self.first.month,
            ):
                raise Stuck(f"{row.date}: copied from {source.date}, not last month")
            if source.date.isoweekday() != row.date.isoweekday():
                raise Stuck(f"{row.date} {row.topic!r}: copied from {source.date}, another weekday")
            if row.topic != self.intended[("first", row.group)][source.date]:
                raise Stuck(f"{row.date}: {row.topic!r} is not last month's")
            kept += 1
        return (
            f"{said}; {kept} topics as last month's class on the same weekday, "
            f"{retyped} retyped ({', '.join(sorted(self.retyped[GROUP_A].values()))} in "
            f"{GROUP_A})"
        )


def main() -> int:
    # a dialog nobody answers would wait for ever: say where the walk stopped instead
    faulthandler.register(signal.SIGUSR1)  # kill -USR1: where is the walk now
    faulthandler.dump_traceback_later(
        float(os.environ.get("KISDESK_WALK_TIMEOUT", "900")), exit=True
    )
    walk = Walk(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "copy")
    try:
        walk.run()
        checks = walk.check()
        ok = True
    except Exception:
        traceback.print_exc()
        checks = []
        ok = False
    tasks = []
    for result in walk.results:
        tally = walk.hands.tallies.get(result["key"])
        if tally is None:
            continue
        tasks.append(
            {
                "name": result["name"],
                "month": result["month"],
                "keys": tally.keys,
                "clicks": tally.clicks,
                "data": tally.data,
                "seconds": round(tally.seconds, 1),
            }
        )
    print(
        json.dumps(
            {
                "ok": ok,
                "months": {
                    "first": f"{walk.first.year}-{walk.first.month:02d}",
                    "steady": f"{walk.steady.year}-{walk.steady.month:02d}",
                },
                "tasks": tasks,
                "checks": checks,
                "notes": walk.notes,
            },
            ensure_ascii=False,
        )
    )
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0 if ok else 1)  # no closing questions: the walk's work is saved


if __name__ == "__main__":
    sys.exit(main())
