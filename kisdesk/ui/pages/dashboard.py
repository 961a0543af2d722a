"""Pulpit: the month at a glance and what needs doing, each line opening where it is fixed.

Data comes from kisdesk.services.dashboard (aggregated by SQL). The sections, top to bottom
on the right: legal deadlines, activities without attendance, certificates due, last
month's misses, upcoming graduates; on the left this month's hours and the office's chart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QLocale, QPoint, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kisdesk.messages.core import month_name
from kisdesk.services.dashboard import Dashboard, dashboard
from kisdesk.ui import signals, state
from kisdesk.ui.dialogs.month_end import open_month_end
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Navigate
from kisdesk.ui.pages.dashboard_links import DashboardLinks
from kisdesk.ui.pages.dashboard_sections import Section
from kisdesk.ui.table_models.base import ROW_ROLE
from kisdesk.ui.table_models.dashboard import (
    BenefitWarningsModel,
    CertificatesModel,
    DeadlinesModel,
    DutiesModel,
    GraduatesModel,
    HoursModel,
    MissedModel,
    MissingAttendanceModel,
    PathTodoModel,
)
from kisdesk.ui.table_models.outcomes import FollowUpDueModel
from kisdesk.ui.widgets.chart import HoursChart
from kisdesk.ui.widgets.forms import page_heading
from kisdesk.ui.widgets.table import SortProxy, fit_columns, make_table


def week_range(year: int, week: int) -> dict[str, str]:
    """{"first": "15.03", "last": "21.03.2027"}: an ISO week's Monday and Sunday."""
    monday = dt.date.fromisocalendar(year, week, 1)
    sunday = monday + dt.timedelta(days=6)
    return {"first": monday.strftime("%d.%m"), "last": sunday.strftime("%d.%m.%Y")}


class DashboardPage(DashboardLinks):
    name = "dashboard"
    listens = frozenset(
        {
            signals.OFFICE,
            signals.SETTINGS,
            signals.PARTICIPANTS,
            signals.PARTICIPATIONS,
            signals.GROUPS,
            signals.ACTIVITIES,
            signals.ATTENDANCE,
            signals.DOCUMENTS,
            signals.BENEFITS,
            signals.USERS,  # accounts without an authorisation (art. 8b ust. 4, art. 18f)
            signals.STAFF,
        }
    )

    def __init__(self, ops: Ops, navigate: Navigate | None = None, parent: QWidget | None = None):
        super().__init__(ops, navigate, parent)
        self.data: Dashboard | None = None

        self.heading = page_heading(self.title())
        self.date_label = QLabel()
        self.month_end_button = QPushButton(self.tr("Koniec miesiąca…"))
        self.month_end_button.setToolTip(
            self.tr(
                "Ctrl+K – lista miesięczna, dziennik, zestawienie godzin i listy obecności "
                "na następny miesiąc za jednym razem"
            )
        )
        self.month_end_button.clicked.connect(self.month_end)
        refresh = QPushButton(self.tr("Odśwież"))
        refresh.setToolTip(self.tr("Odśwież dane pulpitu (F5)"))
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.date_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(self.month_end_button)
        top.addWidget(refresh)

        # -- left: this month's hours and the chart ------------------------------------------------
        self.hours_model = HoursModel(self)
        self.hours_proxy = SortProxy(self)
        self.hours_proxy.setSourceModel(self.hours_model)
        self.hours_table = make_table(self.hours_proxy, state_key="dashboard_hours", parent=self)
        self.hours_table.setSortingEnabled(False)  # the service's order: at risk first
        self.hours_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hours_table.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hours_table.setToolTip(
            self.tr("Kliknij wiersz, aby otworzyć obecności grupy; prawy przycisk – więcej.")
        )
        self.hours_table.clicked.connect(lambda index: self._choose_hours(index.data(ROW_ROLE)))
        self.hours_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.hours_table.customContextMenuRequested.connect(self._hours_menu)
        self.only_at_risk = QCheckBox(self.tr("Tylko wymagający uwagi (zagrożeni, poza normą)"))
        self.only_at_risk.toggled.connect(self._filter_hours)
        self.hours_summary = QLabel()
        self.hours_summary.setWordWrap(True)
        self.hours_box = QGroupBox()
        hours_layout = QVBoxLayout(self.hours_box)
        hours_layout.addWidget(self.hours_summary)
        hours_layout.addWidget(self.only_at_risk)
        hours_layout.addWidget(self.hours_table, 1)

        self.chart = HoursChart()
        chart_box = QGroupBox(self.tr("Godziny obecności uczestników – ostatnie 12 miesięcy"))
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.addWidget(self.chart)
        self.chart_note = QLabel()
        self.chart_note.setObjectName("note")
        chart_layout.addWidget(self.chart_note)

        left_split = QSplitter(Qt.Orientation.Vertical)
        left_split.setObjectName("dashboard_left")
        left_split.addWidget(self.hours_box)
        left_split.addWidget(chart_box)
        left_split.setStretchFactor(0, 3)
        left_split.setStretchFactor(1, 1)
        left_split.setChildrenCollapsible(False)

        # -- right: what needs doing ----------------------------------------------------------------
        self.deadlines = Section(
            self.tr("Terminy"),
            DeadlinesModel(self),
            self.tr("Brak zbliżających się terminów."),
            self._choose_deadline,
            self.tr("Kliknij, aby przygotować dokument."),
            stretch_column=1,
        )
        self.missing = Section(
            self.tr("Zajęcia bez wpisanej obecności"),
            MissingAttendanceModel(self),
            self.tr("Obecność wpisana na wszystkich zajęciach z ostatnich 60 dni."),
            self._choose_missing,
            self.tr("Kliknij, aby wpisać obecność."),
            stretch_column=1,
        )
        self.certificates = Section(
            self.tr("Zaświadczenia o zakończeniu do wydania"),
            CertificatesModel(self),
            self.tr("Każde zakończone uczestnictwo ma zaświadczenie."),
            self._choose_certificate,
            self.tr("Kliknij, aby wydać zaświadczenie (art. 18 ust. 5a: niezwłocznie)."),
        )
        self.missed = Section(
            self.tr("Poniżej minimum w poprzednim miesiącu"),
            MissedModel(self),
            self.tr("W poprzednim miesiącu wszyscy osiągnęli minimum."),
            self._choose_missed,
            self.tr("Kliknij, aby otworzyć obecności grupy z tego miesiąca."),
        )
        self.benefit_warnings = Section(
            self.tr("Świadczenia integracyjne w tym miesiącu – uwaga"),
            BenefitWarningsModel(self),
            self.tr("Nikt nie jest blisko utraty świadczenia ani limitu dni L4 i dni wolnych."),
            self._choose_benefit,
            self.tr("Kliknij, aby otworzyć świadczenia miesiąca."),
            stretch_column=1,
        )
        self.duties = Section(
            self.tr("Obowiązki CIS: przygotowanie do zajęć i liczba prowadzących"),
            DutiesModel(self),
            self.tr("Wszyscy mają szkolenie BHP, badanie i odzież; obsada zajęć w normie."),
            self._choose_duty,
            self.tr("Kliknij, aby wpisać daty albo otworzyć zajęcia."),
            stretch_column=1,
        )
        self.graduates = Section(
            self.tr("Zbliżający się absolwenci"),
            GraduatesModel(self),
            self.tr("Nikt nie kończy pełnego okresu w najbliższych dniach."),
            self._choose_graduate,
            self.tr("Kliknij, aby otworzyć kartę uczestnika."),
        )
        self.path = Section(
            self.tr("Ścieżka uczestnika: kontrakty, przeglądy, decyzje"),
            PathTodoModel(self),
            self.tr("Kontrakty i przeglądy są aktualne."),
            self._choose_path,
            self.tr(
                "Kliknij, aby otworzyć kontrakt / IPZS (przeglądy, decyzje), rejestr "
                "upoważnień albo zaświadczenie do przekazania do PUP."
            ),
            stretch_column=1,
        )
        self.followups = Section(
            self.tr("Kontakty kontrolne po zakończeniu"),
            FollowUpDueModel(self, today=lambda: self.today()),
            self.tr("Nie ma zaległych kontaktów z osobami po zakończeniu uczestnictwa."),
            self._choose_followup,
            self.tr("Kliknij, aby zapisać wynik rozmowy (pracuje / nie pracuje / brak kontaktu)."),
            stretch_column=0,
        )
        self.call_list_button = QPushButton(self.tr("Lista telefonów na ten miesiąc (PDF)…"))
        self.call_list_button.setToolTip(
            self.tr("Kontakty z terminem w bieżącym miesiącu i zaległe, z numerami telefonów")
        )
        self.call_list_button.clicked.connect(self._print_calls)
        calls_row = QHBoxLayout()
        calls_row.addStretch(1)
        calls_row.addWidget(self.call_list_button)
        self.followups.layout().addLayout(calls_row)  # type: ignore[union-attr]
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 4, 0)
        for section in (
            self.deadlines,
            self.benefit_warnings,
            self.duties,
            self.missing,
            self.certificates,
            self.path,
            self.followups,
            self.missed,
            self.graduates,
        ):
            right_layout.addWidget(section)
        right_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(right)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("dashboard_main")
        split.addWidget(left_split)
        split.addWidget(scroll)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([680, 420])
        state.keep_splitter(split, "dashboard_main")
        state.keep_splitter(left_split, "dashboard_left")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def title(self) -> str:
        return self.tr("Pulpit")

    # -- data -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        today = self.today()
        self.data = self.ops.read(lambda s: dashboard(s, today))
        self._show(self.data)

    def _show(self, data: Dashboard) -> None:
        locale = QLocale(QLocale.Language.Polish, QLocale.Country.Poland)
        today = data.today
        self.date_label.setText(
            locale.toString(QDate(today.year, today.month, today.day), "dddd, d MMMM yyyy")
        )
        self.hours_model.hour_minutes = data.unit_minutes
        self.hours_model.set_rows(data.current)
        self._filter_hours(self.only_at_risk.isChecked())
        self.hours_box.setTitle(self._hours_title(data))
        at_risk = len(data.at_risk)
        met = sum(1 for i in data.current if i.status == "met")
        summary = (
            self.tr(
                "Uczestników: {n}. Minimum osiągnęło: {met}. Zagrożonych: {risk} "
                "(nawet wszystkie zaplanowane jeszcze zajęcia nie wystarczą)."
            ).format(n=len(data.current), met=met, risk=at_risk)
            if data.current
            else self.tr(
                "Teraz nikt nie uczestniczy w zajęciach. Pierwsze kroki: dodaj grupę (Grupy), "
                "osoby prowadzące zajęcia (Kadra) i uczestników (Uczestnicy, Ctrl+N); potem "
                "wpisuj zajęcia w Dzienniku zajęć, a obecności – w Obecnościach."
            )
        )
        self.hours_summary.setText(f"{self._rule_text(data)} {summary}")
        fit_columns(self.hours_table)
        self.missed.model.hour_minutes = data.unit_minutes  # type: ignore[attr-defined]
        self.missed._title = self._missed_title(data)
        self.missed.empty.setText(self._missed_empty(data))
        self.graduates._title = self.tr(
            "Zbliżający się absolwenci (pełny okres w ciągu {n} dni)"
        ).format(n=data.upcoming_days)
        self.deadlines.set_rows(data.deadlines)
        self.missing.set_rows(data.missing_attendance)
        self.certificates.set_rows(data.certificates_due)
        self.path.set_rows(data.path_todo)
        self.missed.set_rows(data.missed_last_month)
        self.graduates.set_rows(data.upcoming_graduates)
        self.followups.set_rows(data.followups_due)
        self.deadlines.setVisible(bool(data.deadlines))
        self.benefit_warnings.set_rows(data.benefit_warnings)
        self.benefit_warnings.setVisible(data.kind == "cis")
        self.duties.set_rows(data.duties)
        self.duties.setVisible(data.kind == "cis")
        bars = [
            (
                locale.standaloneMonthName(m.month, QLocale.FormatType.ShortFormat),
                m.minutes / data.unit_minutes,
            )
            for m in data.hours_by_month
        ]
        self.chart.set_bars(bars, self.tr("godz."))
        first, last = data.hours_by_month[0], data.hours_by_month[-1]
        self.chart_note.setText(
            self.tr("{first} – {last}; bieżący miesiąc jaśniej, bo jeszcze trwa.").format(
                first=month_name(first.year, first.month), last=month_name(last.year, last.month)
            )
        )

    def _hours_title(self, data: Dashboard) -> str:
        today = data.today
        if data.period == "week":
            year, week, _day = today.isocalendar()
            return self.tr("Godziny w tygodniu {week} ({first}–{last})").format(
                week=week, **week_range(year, week)
            )
        year, month = data.hours_month or (today.year, today.month)
        return self.tr("Godziny w miesiącu: {month}").format(month=month_name(year, month))

    def _rule_text(self, data: Dashboard) -> str:
        if data.period == "week":
            return self.tr(
                "Wymagane od {low} do {high} godz. zegarowych w tygodniu (art. 14 ust. 1)."
            ).format(low=data.weekly_min_hours, high=data.weekly_max_hours)
        return self.tr(
            "Minimum {n} godz. dydaktycznych po {m} min w pełnym miesiącu (standard minimum KIS)."
        ).format(n=data.monthly_minimum_hours, m=data.hour_minutes)

    def _missed_title(self, data: Dashboard) -> str:
        today = data.today
        if data.period == "week":
            year, week, _day = (today - dt.timedelta(days=7)).isocalendar()
            return self.tr("Poniżej minimum w poprzednim tygodniu ({first}–{last})").format(
                **week_range(year, week)
            )
        return self.tr("Poniżej minimum w miesiącu: {month}").format(
            month=month_name(*self._missed_month(data))
        )

    @staticmethod
    def _missed_month(data: Dashboard) -> tuple[int, int]:
        """The month before the one whose hours are shown: in the first days of a month the
        hours shown are the month before's (previous_month_days), and the list of those below
        the minimum is of the month before that, as the service counts it."""
        year, month = data.hours_month or (data.today.year, data.today.month)
        return (year - 1, 12) if month == 1 else (year, month - 1)

    def _missed_empty(self, data: Dashboard) -> str:
        """Nobody below the minimum: because all reached it, or because nobody had classes
        (a new office) — said differently, so an empty month does not read as a success."""
        if data.period == "month":
            previous = self._missed_month(data)
            minutes = sum(m.minutes for m in data.hours_by_month if (m.year, m.month) == previous)
            if minutes == 0:
                return self.tr("W poprzednim miesiącu nie wpisano żadnych obecności.")
            return self.tr("W poprzednim miesiącu wszyscy osiągnęli minimum.")
        return self.tr("W poprzednim tygodniu wszyscy mieli wymagane godziny.")

    def _filter_hours(self, only: bool) -> None:
        for row, item in enumerate(self.hours_model.rows()):
            hidden = only and not (item.at_risk or item.status in ("short", "over"))
            self.hours_table.setRowHidden(row, hidden)

    def _hours_menu(self, pos: QPoint) -> None:
        item = self.hours_table.indexAt(pos).data(ROW_ROLE)
        if item is None:
            return
        menu = QMenu(self)
        menu.addAction(
            self.tr("Karta uczestnika"),
            lambda: self.navigate("participants", participant_id=item.participant_id),
        )
        if item.group_id is not None:
            menu.addAction(
                self.tr("Obecności grupy w tym miesiącu"),
                lambda: self.navigate(
                    "attendance", group_id=item.group_id, month=(item.year, item.month)
                ),
            )
            menu.addAction(
                self.tr("Dziennik zajęć grupy (dodaj zajęcia)"),
                lambda: self.navigate(
                    "journal", group_id=item.group_id, month=(item.year, item.month)
                ),
            )
        menu.exec(self.hours_table.viewport().mapToGlobal(pos))

    # -- page actions ---------------------------------------------------------------------------------
    def month_end(self) -> None:
        """Koniec miesiąca… for every group of the office (docs/domain.md#month-end)."""
        open_month_end(self, self.ops, None, self.today())

    def open(self, **kwargs: Any) -> None:
        if self.data is None:
            self.refresh()
