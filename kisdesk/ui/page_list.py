"""The pages of the main window, listed once: name, Polish title, module, icon.

Each is a `kisdesk.ui.pages.base.Page` subclass built as `PageClass(ops, navigate)` the
first time it is shown (the window opens fast even with a big office). A page whose module
does not exist yet shows "Ta część programu jest w przygotowaniu." so the program stays
usable while parts are being written.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Page
from kisdesk.ui.widgets.forms import page_heading


@dataclass(frozen=True)
class PageEntry:
    name: str  # navigation key (Page.name)
    title: str  # Polish, translated in the "MainWindow" context
    module: str
    class_name: str
    icon: str  # resources/icons/<icon>.svg
    office: str = ""  # "cis": shown only to a CIS (empty: every office)


PAGES: tuple[PageEntry, ...] = (
    PageEntry(
        "dashboard",
        QT_TRANSLATE_NOOP("MainWindow", "Pulpit"),
        "kisdesk.ui.pages.dashboard",
        "DashboardPage",
        "dashboard",
    ),
    PageEntry(
        "participants",
        QT_TRANSLATE_NOOP("MainWindow", "Uczestnicy"),
        "kisdesk.ui.pages.participants",
        "ParticipantsPage",
        "participants",
    ),
    PageEntry(
        "journal",
        QT_TRANSLATE_NOOP("MainWindow", "Dziennik zajęć"),
        "kisdesk.ui.pages.journal",
        "JournalPage",
        "journal",
    ),
    PageEntry(
        "attendance",
        QT_TRANSLATE_NOOP("MainWindow", "Obecności"),
        "kisdesk.ui.pages.attendance",
        "AttendancePage",
        "attendance",
    ),
    PageEntry(
        "groups",
        QT_TRANSLATE_NOOP("MainWindow", "Grupy"),
        "kisdesk.ui.pages.groups",
        "GroupsPage",
        "groups",
    ),
    PageEntry(
        "staff",
        QT_TRANSLATE_NOOP("MainWindow", "Kadra"),
        "kisdesk.ui.pages.staff",
        "StaffPage",
        "staff",
    ),
    PageEntry(
        "documents",
        QT_TRANSLATE_NOOP("MainWindow", "Dokumenty"),
        "kisdesk.ui.pages.documents",
        "DocumentsPage",
        "documents",
    ),
    PageEntry(
        "settings",
        QT_TRANSLATE_NOOP("MainWindow", "Ustawienia"),
        "kisdesk.ui.pages.settings",
        "SettingsPage",
        "settings",
    ),
    # Who may see what (issue 6): each page itself shows only what the role allows.
    PageEntry(
        "users",
        QT_TRANSLATE_NOOP("MainWindow", "Użytkownicy"),
        "kisdesk.ui.pages.users",
        "UsersPage",
        "staff",
    ),
    PageEntry(
        "audit",
        QT_TRANSLATE_NOOP("MainWindow", "Dziennik zdarzeń"),
        "kisdesk.ui.pages.audit",
        "AuditPage",
        "journal",
    ),
    PageEntry(
        "rodo",
        QT_TRANSLATE_NOOP("MainWindow", "Ochrona danych"),
        "kisdesk.ui.pages.audit_rodo",
        "RodoPage",
        "documents",
    ),
    # CIS money (art. 15, 15a): last, so the Ctrl+number of every other page stays the same.
    PageEntry(
        "benefits",
        QT_TRANSLATE_NOOP("MainWindow", "Świadczenia"),
        "kisdesk.ui.pages.benefits",
        "BenefitsPage",
        "documents",
        office="cis",
    ),
)


def page_title(entry: PageEntry) -> str:
    return QCoreApplication.translate("MainWindow", entry.title)


def page_class(entry: PageEntry) -> type[Page] | None:
    """The page's class, or None while its module is not written yet.

    Only the absence of exactly that module counts; an import error inside an existing
    page is a fault and is raised.
    """
    try:
        module = importlib.import_module(entry.module)
    except ModuleNotFoundError as exc:
        if exc.name != entry.module:
            raise
        return None
    return getattr(module, entry.class_name)


class PlaceholderPage(Page):
    """Shown for a part of the program that is not there yet (or failed to open)."""

    def __init__(
        self, ops: Ops, entry: PageEntry, text: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ops, None, parent)
        self.name = entry.name
        self._title = page_title(entry)
        label = QLabel(text or self.tr("Ta część programu jest w przygotowaniu."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self._title))
        layout.addWidget(label, 1)

    def title(self) -> str:
        return self._title
