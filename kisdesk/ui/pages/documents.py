"""Dokumenty: certificates due, the register of issued documents, printouts and forms, and
Excel workbooks (docs/domain.md#documents). The administrative worker's page for the first working day of
the month (docs/domain.md#documents).

    navigate("documents", participation_id=12)     # that period selected in "Do wydania"
    navigate("documents", form="annual-report")    # "Druki" with the annual report chosen
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from kisdesk.ui import signals, state
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Navigate, Page
from kisdesk.ui.pages.documents_due import DueTab
from kisdesk.ui.widgets.forms import page_heading

if TYPE_CHECKING:
    from kisdesk.ui.pages.documents_forms import FormsTab
    from kisdesk.ui.pages.documents_register import RegisterTab
    from kisdesk.ui.pages.documents_sheets import SheetsTab

TAB_KEY = "documents/tab"
DUE, REGISTER, FORMS, SHEETS = range(4)


class DocumentsPage(Page):
    name = "documents"
    listens = frozenset(
        {
            signals.DOCUMENTS,
            signals.PARTICIPATIONS,
            signals.PARTICIPANTS,
            signals.ATTENDANCE,
            signals.ACTIVITIES,
            signals.GROUPS,
            signals.OFFICE,
            signals.SETTINGS,
        }
    )

    def __init__(self, ops: Ops, navigate: Navigate | None = None, parent: QWidget | None = None):
        super().__init__(ops, navigate, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.title()))
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.due = DueTab(ops, self)
        # The other tabs are built when first shown or asked for: their modules bring the
        # printouts (reportlab) and the workbooks, which the first tab does not need
        # (docs/architecture.md#reads).
        self._slots: list[QWidget] = [self.due]
        self._built: dict[int, Any] = {DUE: self.due}
        for _ in (REGISTER, FORMS, SHEETS):
            slot = QWidget(self)
            QVBoxLayout(slot).setContentsMargins(0, 0, 0, 0)
            self._slots.append(slot)
        self.tabs.addTab(self._slots[DUE], self.tr("Do wydania"))
        self.tabs.addTab(self._slots[REGISTER], self.tr("Rejestr"))
        self.tabs.addTab(self._slots[FORMS], self.tr("Druki"))
        self.tabs.addTab(self._slots[SHEETS], self.tr("Arkusze Excel"))
        self.tabs.setTabToolTip(DUE, self.tr("Zaświadczenia, które trzeba wystawić"))
        self.tabs.setTabToolTip(REGISTER, self.tr("Wszystkie wydane dokumenty z numerami"))
        self.tabs.setTabToolTip(
            FORMS, self.tr("Formularze dla wojewody, listy obecności, dziennik, karty")
        )
        self.tabs.setTabToolTip(SHEETS, self.tr("Zestawienia w Excelu i import uczestników"))
        layout.addWidget(self.tabs, 1)
        remembered = state.value(TAB_KEY)
        if isinstance(remembered, (int, str)) and str(remembered).isdigit():
            self.tabs.setCurrentIndex(min(int(remembered), SHEETS))
        self._loaded: set[int] = set()
        self.tabs.currentChanged.connect(self._tab_changed)

    def title(self) -> str:
        return self.tr("Dokumenty")

    # -- the tabs -----------------------------------------------------------------------------
    @property
    def register(self) -> RegisterTab:
        return cast("RegisterTab", self._tab(REGISTER))

    @property
    def forms(self) -> FormsTab:
        return cast("FormsTab", self._tab(FORMS))

    @property
    def sheets(self) -> SheetsTab:
        return cast("SheetsTab", self._tab(SHEETS))

    def _tab(self, index: int) -> Any:
        if index not in self._built:
            if index == REGISTER:
                from kisdesk.ui.pages.documents_register import RegisterTab

                tab: QWidget = RegisterTab(self.ops, self.navigate, self._slots[index])
            elif index == FORMS:
                from kisdesk.ui.pages.documents_forms import FormsTab

                tab = FormsTab(self.ops, self.navigate, self._slots[index])
            else:
                from kisdesk.ui.pages.documents_sheets import SheetsTab

                tab = SheetsTab(self.ops, self._slots[index])
            self._slots[index].layout().addWidget(tab)
            self._built[index] = tab
        return self._built[index]

    # -- refreshing: the visible tab now, the others when they are shown ----------------------

    def refresh(self) -> None:
        self._loaded = set()
        self._refresh_tab(self.tabs.currentIndex())

    def _refresh_tab(self, index: int) -> None:
        if index < 0:
            return
        self._tab(index).refresh()
        self._loaded.add(index)

    def _tab_changed(self, index: int) -> None:
        state.set_value(TAB_KEY, index)
        if index not in self._loaded:
            self._refresh_tab(index)

    # -- Page contract ------------------------------------------------------------------------
    def open(self, **kwargs: Any) -> None:
        participation_id = kwargs.get("participation_id")
        form = kwargs.get("form")
        if participation_id is not None:
            self.tabs.setCurrentIndex(DUE)
            self._refresh_tab(DUE)
            self.due.select(int(participation_id))
            self.due.table.setFocus()
        elif form is not None:
            self.tabs.setCurrentIndex(FORMS)
            self.forms.select(str(form))
            self._refresh_tab(FORMS)
        elif kwargs.get("tab") == "register":
            self.tabs.setCurrentIndex(REGISTER)
            self._refresh_tab(REGISTER)
            if kwargs.get("number") and kwargs.get("year"):
                self.register.select_number(str(kwargs["number"]), int(kwargs["year"]))
                self.register.table.setFocus()
        self._stale = False

    def find(self) -> None:
        if self.tabs.currentIndex() == REGISTER:
            self.register.search.focus()

    def new_item(self) -> None:
        """Ctrl+N: issue the selected certificate due."""
        if self.tabs.currentIndex() == DUE:
            self.due.issue_selected()
