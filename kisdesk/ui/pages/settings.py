"""Ustawienia: the office's data, the rules with their sources, the dictionary of forms, and
this computer's documents folder."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from kisdesk.ui import signals, state
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Navigate, Page
from kisdesk.ui.pages.settings_documents import DocumentsTab
from kisdesk.ui.pages.settings_forms import FormsTab
from kisdesk.ui.pages.settings_office import OfficeTab
from kisdesk.ui.pages.settings_rules import RulesTab
from kisdesk.ui.widgets.forms import page_heading

TABS = ("office", "rules", "forms", "documents")


class SettingsPage(Page):
    name = "settings"
    listens = frozenset({signals.OFFICE, signals.SETTINGS})

    def __init__(self, ops: Ops, navigate: Navigate | None = None, parent: QWidget | None = None):
        super().__init__(ops, navigate, parent)
        self.office = OfficeTab(ops, self)
        self.rules = RulesTab(ops, self)
        self.forms = FormsTab(ops, self)
        self.documents = DocumentsTab(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.office, self.tr("Placówka"))
        self.tabs.addTab(self.rules, self.tr("Reguły"))
        self.tabs.addTab(self.forms, self.tr("Formy zajęć"))
        self.tabs.addTab(self.documents, self.tr("Dokumenty"))
        self.tabs.setCurrentIndex(int(state.value("settings/tab", 0) or 0))
        self.tabs.currentChanged.connect(lambda i: state.set_value("settings/tab", i))
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.title()))
        layout.addWidget(self.tabs, 1)

    def title(self) -> str:
        return self.tr("Ustawienia")

    def refresh(self) -> None:
        # A tab being edited keeps what the user typed; the others show what is stored.
        if not self.office.has_unsaved_changes():
            self.office.load()
        if not self.rules.has_unsaved_changes():
            self.rules.load()
        self.forms.load()
        self.documents.load()

    def open(self, **kwargs: Any) -> None:
        tab = kwargs.get("tab")
        if tab in TABS:
            self.tabs.setCurrentIndex(TABS.index(tab))

    def new_item(self) -> None:
        if self.tabs.currentWidget() is self.forms:
            self.forms.add()

    def find(self) -> None:
        if self.tabs.currentWidget() is self.forms:
            self.forms.search.focus()

    def save(self) -> bool:
        """Ctrl+S (and "Zapisz" on closing): every tab with changes; False if any failed."""
        pending = [t for t in (self.office, self.rules) if t.has_unsaved_changes()]
        for tab in pending:
            if not tab.save():
                self.tabs.setCurrentWidget(tab)
                return False
        return bool(pending)

    def has_unsaved_changes(self) -> bool:
        return self.office.has_unsaved_changes() or self.rules.has_unsaved_changes()
