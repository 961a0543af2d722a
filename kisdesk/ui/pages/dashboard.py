"""Pulpit: the month at a glance and what needs doing, each line opening where it is fixed.

Data comes from kisdesk.services.dashboard (aggregated by SQL) and is read once for the whole
page. On the left this month's hours and the office's chart (dashboard_hours), on the right
the lists of what needs doing (dashboard_todo); where each line leads is dashboard_links.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from kisdesk.services.dashboard import Dashboard, dashboard
from kisdesk.ui import signals, state
from kisdesk.ui.dialogs.month_end import open_month_end
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Navigate
from kisdesk.ui.pages.dashboard_hours import ChartPanel, HoursPanel
from kisdesk.ui.pages.dashboard_links import DashboardLinks
from kisdesk.ui.pages.dashboard_todo import TodoColumn
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
        self.todo = TodoColumn(self)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("dashboard_main")
        split.addWidget(left_split)
        split.addWidget(self.todo)
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
        self.deadlines = self.todo.deadlines
        self.missing = self.todo.missing
        self.certificates = self.todo.certificates
        self.missed = self.todo.missed
        self.benefit_warnings = self.todo.benefit_warnings
        self.duties = self.todo.duties
        self.graduates = self.todo.graduates
        self.path = self.todo.path
        self.followups = self.todo.followups
        self.call_list_button = self.todo.call_list_button

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
        self.todo.set_data(data)
        self.chart_box.set_data(data, locale)

    # -- page actions ---------------------------------------------------------------------------------
    def new_item(self) -> None:
        """Ctrl+N on the page the program opens on: a new participant, the most frequent new
        record (it did nothing here, with no word why)."""
        self.navigate("participants", new=True)

    def month_end(self) -> None:
        """Koniec miesiąca… for every group of the office (docs/domain.md#month-end)."""
        open_month_end(self, self.ops, None, self.today())

    def open(self, **kwargs: Any) -> None:
        if self.data is None:
            self.refresh()
