"""The right column of the dashboard: the lists of what needs doing, each line a link.

Top to bottom: legal deadlines, a CIS's benefit and readiness warnings, activities without
attendance, certificates due, the participant's path, follow-up calls, last period's misses,
upcoming graduates. Where each line leads is kisdesk.ui.pages.dashboard_links.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kisdesk.messages.core import month_name
from kisdesk.services.dashboard import Dashboard
from kisdesk.ui.pages.dashboard_hours import week_range
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


class TodoColumn(QScrollArea):
    def __init__(self, links: DashboardLinks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deadlines = Section(
            self.tr("Terminy"),
            DeadlinesModel(self),
            self.tr("Brak zbliżających się terminów."),
            links._choose_deadline,
            self.tr("Kliknij, aby przygotować dokument."),
            stretch_column=1,
        )
        self.missing = Section(
            self.tr("Zajęcia bez wpisanej obecności"),
            MissingAttendanceModel(self),
            self.tr("Obecność wpisana na wszystkich zajęciach z ostatnich 60 dni."),
            links._choose_missing,
            self.tr("Kliknij, aby wpisać obecność."),
            stretch_column=1,
        )
        self.certificates = Section(
            self.tr("Zaświadczenia o zakończeniu do wydania"),
            CertificatesModel(self),
            self.tr("Każde zakończone uczestnictwo ma zaświadczenie."),
            links._choose_certificate,
            self.tr("Kliknij, aby wydać zaświadczenie (art. 18 ust. 5a: niezwłocznie)."),
        )
        self.missed = Section(
            self.tr("Poniżej minimum w poprzednim miesiącu"),
            MissedModel(self),
            self.tr("W poprzednim miesiącu wszyscy osiągnęli minimum."),
            links._choose_missed,
            self.tr("Kliknij, aby otworzyć obecności grupy z tego miesiąca."),
        )
        self.benefit_warnings = Section(
            self.tr("Świadczenia integracyjne w tym miesiącu – uwaga"),
            BenefitWarningsModel(self),
            self.tr("Nikt nie jest blisko utraty świadczenia ani limitu dni L4 i dni wolnych."),
            links._choose_benefit,
            self.tr("Kliknij, aby otworzyć świadczenia miesiąca."),
            stretch_column=1,
        )
        self.duties = Section(
            self.tr("Obowiązki CIS: przygotowanie do zajęć i liczba prowadzących"),
            DutiesModel(self),
            self.tr("Wszyscy mają szkolenie BHP, badanie i odzież; obsada zajęć w normie."),
            links._choose_duty,
            self.tr("Kliknij, aby wpisać daty albo otworzyć zajęcia."),
            stretch_column=1,
        )
        self.graduates = Section(
            self.tr("Zbliżający się absolwenci"),
            GraduatesModel(self),
            self.tr("Nikt nie kończy pełnego okresu w najbliższych dniach."),
            links._choose_graduate,
            self.tr("Kliknij, aby otworzyć kartę uczestnika."),
        )
        self.path = Section(
            self.tr("Ścieżka uczestnika: kontrakty, przeglądy, decyzje"),
            PathTodoModel(self),
            self.tr("Kontrakty i przeglądy są aktualne."),
            links._choose_path,
            self.tr(
                "Kliknij, aby otworzyć kontrakt / IPZS (przeglądy, decyzje), rejestr "
                "upoważnień albo zaświadczenie do przekazania do PUP."
            ),
            stretch_column=1,
        )
        self.followups = Section(
            self.tr("Kontakty kontrolne po zakończeniu"),
            FollowUpDueModel(self, today=lambda: links.today()),
            self.tr("Nie ma zaległych kontaktów z osobami po zakończeniu uczestnictwa."),
            links._choose_followup,
            self.tr("Kliknij, aby zapisać wynik rozmowy (pracuje / nie pracuje / brak kontaktu)."),
            stretch_column=0,
        )
        self.call_list_button = QPushButton(self.tr("Lista telefonów na ten miesiąc (PDF)…"))
        self.call_list_button.setToolTip(
            self.tr("Kontakty z terminem w bieżącym miesiącu i zaległe, z numerami telefonów")
        )
        self.call_list_button.clicked.connect(links._print_calls)
        calls_row = QHBoxLayout()
        calls_row.addStretch(1)
        calls_row.addWidget(self.call_list_button)
        self.followups.layout().addLayout(calls_row)  # type: ignore[union-attr]
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 4, 0)
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
            layout.addWidget(section)
        layout.addStretch(1)
        self.setWidget(column)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def set_data(self, data: Dashboard) -> None:
        self.missed.model.hour_minutes = data.unit_minutes  # type: ignore[attr-defined]
        self.missed.set_heading(self._missed_title(data))
        self.missed.empty.setText(self._missed_empty(data))
        self.graduates.set_heading(
            self.tr("Zbliżający się absolwenci (pełny okres w ciągu {n} dni)").format(
                n=data.upcoming_days
            )
        )
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
            # the month named: in the first days of a month "the previous month" could be read
            # as either of the two months the page shows (month names: "za" + accusative,
            # which for every month's name is its nominative)
            month = month_name(*previous)
            if minutes == 0:
                return self.tr("Za {month} nie wpisano żadnych obecności.").format(month=month)
            return self.tr("Za {month} wszyscy osiągnęli minimum.").format(month=month)
        return self.tr("W poprzednim tygodniu wszyscy mieli wymagane godziny.")
