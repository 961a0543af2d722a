"""The left column of the dashboard: this period's hours of each participant against the
minimum, and the office's hours of the last twelve months as a chart.

A KIS counts a month's didactic hours (docs/domain.md#hours-minimum), a CIS an ISO week's
clock hours (art. 14 ust. 1, docs/domain.md#cis-weekly); the service says which.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QMenu, QVBoxLayout, QWidget

from kisdesk.messages.core import month_name
from kisdesk.services.dashboard import Dashboard
from kisdesk.ui.pages.dashboard_links import DashboardLinks
from kisdesk.ui.table_models.base import ROW_ROLE
from kisdesk.ui.table_models.dashboard import HoursModel
from kisdesk.ui.widgets.chart import HoursChart
from kisdesk.ui.widgets.table import SortProxy, fit_columns, make_table


def week_range(year: int, week: int) -> dict[str, str]:
    """{"first": "15.03", "last": "21.03.2027"}: an ISO week's Monday and Sunday."""
    monday = dt.date.fromisocalendar(year, week, 1)
    sunday = monday + dt.timedelta(days=6)
    return {"first": monday.strftime("%d.%m"), "last": sunday.strftime("%d.%m.%Y")}


class HoursPanel(QGroupBox):
    """Who has how many hours this period, those at risk first; a row opens the group's
    attendance, the right button offers the participant and the journal as well."""

    def __init__(self, links: DashboardLinks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.links = links
        self.model = HoursModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, state_key="dashboard_hours", parent=self)
        self.table.setSortingEnabled(False)  # the service's order: at risk first
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setCursor(Qt.CursorShape.PointingHandCursor)
        self.table.setToolTip(
            self.tr("Kliknij wiersz, aby otworzyć obecności grupy; prawy przycisk – więcej.")
        )
        self.table.clicked.connect(lambda index: links._choose_hours(index.data(ROW_ROLE)))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.only_at_risk = QCheckBox(self.tr("Tylko wymagający uwagi (zagrożeni, poza normą)"))
        self.only_at_risk.toggled.connect(self._filter)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.only_at_risk)
        layout.addWidget(self.table, 1)

    def set_data(self, data: Dashboard) -> None:
        self.model.hour_minutes = data.unit_minutes
        self.model.set_rows(data.current)
        self._filter(self.only_at_risk.isChecked())
        self.setTitle(self._title(data))
        at_risk = len(data.at_risk)
        beyond = sum(1 for i in data.at_risk if i.out_of_reach)
        met = sum(1 for i in data.current if i.status == "met")
        # at risk: falling behind at the pace so far; of them, those whom even every class
        # attended would not bring to the minimum (kisdesk.rules.minimum)
        risk = self.tr("Zagrożonych: {risk} (w dotychczasowym tempie nie zdążą)").format(
            risk=at_risk
        )
        if beyond:
            risk += self.tr(
                ", w tym {n} – nie wystarczą nawet wszystkie zaplanowane zajęcia"
            ).format(n=beyond)
        summary = (
            self.tr("Uczestników: {n}. Minimum osiągnęło: {met}. {risk}.").format(
                n=len(data.current), met=met, risk=risk
            )
            if data.current
            else self.tr(
                "Teraz nikt nie uczestniczy w zajęciach. Pierwsze kroki: dodaj grupę (Grupy), "
                "osoby prowadzące zajęcia (Kadra) i uczestników (Uczestnicy, Ctrl+N); potem "
                "wpisuj zajęcia w Dzienniku zajęć, a obecności – w Obecnościach."
            )
        )
        self.summary.setText(f"{self._rule_text(data)} {summary}")
        fit_columns(self.table)

    def _title(self, data: Dashboard) -> str:
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

    def _filter(self, only: bool) -> None:
        for row, item in enumerate(self.model.rows()):
            hidden = only and not (item.at_risk or item.status in ("short", "over"))
            self.table.setRowHidden(row, hidden)

    def _menu(self, pos: QPoint) -> None:
        item = self.table.indexAt(pos).data(ROW_ROLE)
        if item is None:
            return
        links = self.links
        menu = QMenu(self)
        menu.addAction(
            self.tr("Karta uczestnika"),
            lambda: links.navigate("participants", participant_id=item.participant_id),
        )
        if item.group_id is not None:
            menu.addAction(
                self.tr("Obecności grupy w tym miesiącu"),
                lambda: links.navigate(
                    "attendance", group_id=item.group_id, month=(item.year, item.month)
                ),
            )
            menu.addAction(
                self.tr("Dziennik zajęć grupy (dodaj zajęcia)"),
                lambda: links.navigate(
                    "journal", group_id=item.group_id, month=(item.year, item.month)
                ),
            )
        menu.exec(self.table.viewport().mapToGlobal(pos))


class ChartPanel(QGroupBox):
    """The office's attendance hours month by month; the running month is drawn lighter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Godziny obecności uczestników – ostatnie 12 miesięcy"))
        self.chart = HoursChart()
        layout = QVBoxLayout(self)
        layout.addWidget(self.chart)
        self.note = QLabel()
        self.note.setObjectName("note")
        layout.addWidget(self.note)

    def set_data(self, data: Dashboard, locale: QLocale) -> None:
        bars = [
            (
                locale.standaloneMonthName(m.month, QLocale.FormatType.ShortFormat),
                m.minutes / data.unit_minutes,
            )
            for m in data.hours_by_month
        ]
        self.chart.set_bars(bars, self.tr("godz."))
        first, last = data.hours_by_month[0], data.hours_by_month[-1]
        self.note.setText(
            self.tr("{first} – {last}; bieżący miesiąc jaśniej, bo jeszcze trwa.").format(
                first=month_name(first.year, first.month), last=month_name(last.year, last.month)
            )
        )
