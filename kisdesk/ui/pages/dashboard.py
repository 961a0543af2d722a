"""Pulpit: the month at a glance and what needs doing, each line opening where it is fixed.

Data comes from kisdesk.services.dashboard (aggregated by SQL). The sections, top to bottom
on the right: legal deadlines, activities without attendance, certificates due, last
month's misses, upcoming graduates; on the left this month's hours and the office's chart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
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
from kisdesk.ui.pages.dashboard_hours import ChartPanel, HoursPanel, week_range
from kisdesk.ui.pages.dashboard_links import DashboardLinks
from kisdesk.ui.pages.dashboard_sections import Section
from kisdesk.ui.table_models.dashboard import (
    BenefitWarningsModel,
    CertificatesModel,
    DeadlinesModel,
    DutiesModel,
    GraduatesModel,
    MissedModel,
    MissingAttendanceModel,
    PathTodoModel,
)
from kisdesk.ui.table_models.outcomes import FollowUpDueModel
from kisdesk.ui.widgets.forms import page_heading


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
        self.hours_box = HoursPanel(self)
        self.chart_box = ChartPanel()
        left_split = QSplitter(Qt.Orientation.Vertical)
        left_split.setObjectName("dashboard_left")
        left_split.addWidget(self.hours_box)
        left_split.addWidget(self.chart_box)
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

        # The page's own names for the widgets of its columns (tests reach them this way).
        self.hours_model = self.hours_box.model
        self.hours_proxy = self.hours_box.proxy
        self.hours_table = self.hours_box.table
        self.hours_summary = self.hours_box.summary
        self.only_at_risk = self.hours_box.only_at_risk
        self.chart = self.chart_box.chart
        self.chart_note = self.chart_box.note

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
        self.hours_box.set_data(data)
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
        self.chart_box.set_data(data, locale)

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

    # -- page actions ---------------------------------------------------------------------------------
    def month_end(self) -> None:
        """Koniec miesiąca… for every group of the office (docs/domain.md#month-end)."""
        open_month_end(self, self.ops, None, self.today())

    def open(self, **kwargs: Any) -> None:
        if self.data is None:
            self.refresh()
