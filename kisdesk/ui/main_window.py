"""The main window: a sidebar of pages, the page stack, menus and shortcuts.

The pages are listed once, in kisdesk.ui.page_list.PAGES, and built on first use.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kisdesk.access import Permission
from kisdesk.errors import KisdeskError
from kisdesk.services.office import get_office, has_office
from kisdesk.ui import crash, state
from kisdesk.ui.ops import Ops
from kisdesk.ui.page_list import PAGES, PlaceholderPage, page_class, page_title
from kisdesk.ui.pages.base import Page
from kisdesk.ui.signals import OFFICE
from kisdesk.ui.widgets.icons import app_icon, icon

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main")
        self.ops = ops
        self.setWindowIcon(app_icon())
        self._pages: dict[str, Page] = {}
        self._entries = {entry.name: entry for entry in PAGES}
        self._page_actions: dict[str, QAction] = {}

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self.sidebar.setSpacing(1)
        self.sidebar.setAccessibleName(self.tr("Strony programu"))
        kind = self._office_kind()
        for entry in PAGES:
            item = QListWidgetItem(icon(entry.icon), page_title(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry.name)
            item.setSizeHint(QSize(0, self.fontMetrics().height() + 18))
            self.sidebar.addItem(item)
            item.setHidden(bool(entry.office) and entry.office != kind)
        width = max(self.sidebar.sizeHintForColumn(0), 150) + 24
        self.sidebar.setFixedWidth(width)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row)

        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setStyleSheet(
            "#sidebar { font-size: 11pt; padding-top: 6px; }#sidebar::item { padding-left: 8px; }"
        )
        self._build_menus()
        self._update_title()
        ops.signals.data_changed.connect(self._on_data_changed)
        if not state.restore_window_state(self, "main"):
            self.resize(1200, 780)
        self.navigate("dashboard")

    def _office_kind(self) -> str:
        from kisdesk.services.office import office_kind

        try:
            return self.ops.read(office_kind)
        except Exception:  # no office yet (first start): show every page
            return ""

    # -- pages ------------------------------------------------------------------------------------
    def page(self, name: str) -> Page:
        """The page called `name`, built on first use."""
        found = self._pages.get(name)
        if found is not None:
            return found
        entry = self._entries[name]
        page: Page
        try:
            cls = page_class(entry)
            page = (
                cls(self.ops, self.navigate)
                if cls is not None
                else PlaceholderPage(self.ops, entry)
            )
        except Exception:
            # A broken page must not take the whole program down: report it, keep going.
            crash.handle(*sys.exc_info())  # type: ignore[arg-type]
            page = PlaceholderPage(
                self.ops,
                entry,
                self.tr("Nie udało się otworzyć tej strony. Szczegóły błędu zapisano w dzienniku."),
            )
        page.setObjectName(f"page_{name}")
        self._pages[name] = page
        self.stack.addWidget(page)
        return page

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def current_name(self) -> str | None:
        page = self.current_page()
        return next((n for n, p in self._pages.items() if p is page), None)

    def navigate(self, name: str, **kwargs: Any) -> None:
        """Show page `name` and, with arguments, open the record or period they name."""
        if name not in self._entries:
            log.warning("navigate to an unknown page %r", name)
            return
        page = self.page(name)
        self.stack.setCurrentWidget(page)
        row = [e.name for e in PAGES].index(name)
        if self.sidebar.currentRow() != row:
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(row)
            self.sidebar.blockSignals(False)
        action = self._page_actions.get(name)
        if action is not None:
            action.setChecked(True)
        if kwargs:
            page.open(**kwargs)

    def _on_sidebar_row(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.navigate(PAGES[row].name)

    # -- menus ------------------------------------------------------------------------------------
    def _action(
        self, text: str, slot: Any, shortcut: QKeySequence | str | None = None, name: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&Plik"))
        self._backup: Callable[[], None] | None = None  # the storage part's, set_backup()
        self.backup_action = self._action(
            self.tr("&Kopia zapasowa…"), self._show_backup, name="backup"
        )
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        # The month's papers in one go (docs/domain.md#month-end): from any page.
        file_menu.addAction(
            self._action(
                self.tr("Koniec &miesiąca…"), self._month_end, QKeySequence("Ctrl+K"), "month_end"
            )
        )
        file_menu.addSeparator()
        # Named accounts (issue: who may see what): both need a signed-in user, so they stay
        # greyed out in an office without accounts (see _update_account_actions).
        self.password_action = self._action(
            self.tr("Zmień &hasło…"), self.change_password, name="change_password"
        )
        file_menu.addAction(self.password_action)
        self._lock: Callable[[], None] | None = None  # the idle lock, given by set_lock()
        self.lock_action = self._action(
            self.tr("Za&blokuj"), self._lock_now, QKeySequence("Ctrl+L"), "lock"
        )
        file_menu.addAction(self.lock_action)
        file_menu.aboutToShow.connect(self._update_account_actions)
        self._update_account_actions()
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("&Zakończ"), self.close, QKeySequence("Ctrl+Q"), "quit")
        )

        edit_menu = bar.addMenu(self.tr("&Edycja"))
        edit_menu.addAction(
            self._action(self.tr("&Nowy"), self._new_item, QKeySequence.StandardKey.New, "new")
        )
        edit_menu.addAction(
            self._action(self.tr("&Znajdź"), self._find, QKeySequence.StandardKey.Find, "find")
        )
        edit_menu.addAction(
            self._action(self.tr("&Zapisz"), self._save, QKeySequence.StandardKey.Save, "save")
        )

        view_menu = bar.addMenu(self.tr("&Widok"))
        group = QActionGroup(self)
        for number, entry in enumerate(PAGES, start=1):
            action = self._action(
                page_title(entry),
                lambda _checked=False, n=entry.name: self.navigate(n),
                QKeySequence(f"Ctrl+{number}") if number <= 9 else None,  # Ctrl+1 … Ctrl+9
                f"view_{entry.name}",
            )
            action.setCheckable(True)
            group.addAction(action)
            view_menu.addAction(action)
            self._page_actions[entry.name] = action
        view_menu.addSeparator()
        view_menu.addAction(
            self._action(
                self.tr("&Odśwież"), self._refresh, QKeySequence.StandardKey.Refresh, "refresh"
            )
        )

        help_menu = bar.addMenu(self.tr("Pomo&c"))
        help_menu.addAction(
            self._action(self.tr("&Pomoc"), self.show_help, QKeySequence("F1"), "help")
        )
        help_menu.addAction(self._action(self.tr("&O programie"), self.show_about, name="about"))

    def set_lock(self, lock: Callable[[], None]) -> None:
        """Plik › Zablokuj calls `lock` (the application's idle lock)."""
        self._lock = lock
        self._update_account_actions()

    def add_banner(self, banner: QWidget) -> None:
        """A notice above the pages (backups failing): in sight, not in a log or a dialog."""
        pages = self.takeCentralWidget()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(banner)
        column.addWidget(pages, 1)
        self.setCentralWidget(box)

    def set_backup(self, show: Callable[[], None]) -> None:
        """Plik › Kopia zapasowa… calls `show` (the storage part's backup dialog)."""
        self._backup = show
        self._update_account_actions()

    def _update_account_actions(self) -> None:
        actor = self.ops.db.actor
        signed_in = actor.user_id is not None
        self.password_action.setEnabled(signed_in)
        self.lock_action.setEnabled(signed_in and self._lock is not None)
        # Kadra neither backs up nor restores (docs/domain.md#office): greyed out rather than refused.
        may = actor.can(Permission.BACKUP) or actor.can(Permission.RESTORE)
        self.backup_action.setEnabled(self._backup is not None and may)
        self.backup_action.setToolTip(
            "" if may else self.tr("Kopie zapasowe robi kierownik albo administracja.")
        )

    def _month_end(self) -> None:
        """The page's own Koniec miesiąca… (the journal passes its group), else the office's."""
        page = self.current_page()
        own = getattr(page, "month_end", None)
        if callable(own):
            own()
        else:
            from kisdesk.ui.dialogs.month_end import open_month_end  # reportlab: only when used

            open_month_end(self, self.ops)

    def _show_backup(self) -> None:
        if self._backup is not None and self.backup_action.isEnabled():
            self._backup()

    def _lock_now(self) -> None:
        if self._lock is not None and self.ops.db.actor.user_id is not None:
            self._lock()

    def change_password(self) -> None:
        """The signed-in user's own password (the current one is asked first)."""
        from kisdesk.services import users
        from kisdesk.ui.dialogs.user_password import PasswordDialog

        user_id = self.ops.db.actor.user_id
        if user_id is None:
            return
        try:
            login = self.ops.read(lambda s: users.get_user(s, user_id).login)
        except KisdeskError as exc:
            from kisdesk.messages import describe

            QMessageBox.warning(self, self.tr("Zmiana hasła"), describe(exc))
            return
        PasswordDialog(self.ops, user_id, login, self).exec()

    def _new_item(self) -> None:
        page = self.current_page()
        if page is not None:
            page.new_item()

    def _find(self) -> None:
        page = self.current_page()
        if page is not None:
            page.find()

    def _save(self) -> None:
        page = self.current_page()
        if page is not None and not page.save():
            self.statusBar().showMessage(self.tr("Nie ma nic do zapisania."), 3000)

    def _refresh(self) -> None:
        page = self.current_page()
        if page is not None:
            page.refresh()

    def show_help(self) -> None:
        from kisdesk.ui.help import HelpDialog

        HelpDialog.show_for(self)

    def show_about(self) -> None:
        from kisdesk.ui.help import show_about

        show_about(self, self.ops.db.url)

    # -- title and changes -----------------------------------------------------------------------
    def _update_title(self) -> None:
        try:

            def name_of(session: Any) -> str:
                return get_office(session).name if has_office(session) else ""

            office = self.ops.read(name_of)
        except KisdeskError:
            office = ""
        self.setWindowTitle(f"{office} – kisdesk" if office else "kisdesk")

    def _on_data_changed(self, names: frozenset[str]) -> None:
        if OFFICE in names:
            self._update_title()

    # -- closing ----------------------------------------------------------------------------------
    def ask_unsaved(self, page: Page) -> QMessageBox.StandardButton:
        """Zapisz / Odrzuć / Anuluj for a page with unsaved changes."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Niezapisane zmiany"))
        box.setText(self.tr("Na stronie „{page}” są niezapisane zmiany.").format(page=page.title()))
        box.setInformativeText(self.tr("Czy zapisać je przed zamknięciem programu?"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("Zapisz"))
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Odrzuć"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Anuluj"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        for name, page in self._pages.items():
            if not page.has_unsaved_changes():
                continue
            self.navigate(name)
            answer = self.ask_unsaved(page)
            if answer == QMessageBox.StandardButton.Cancel or (
                answer == QMessageBox.StandardButton.Save and not page.save()
            ):
                event.ignore()
                return
        state.save_window_state(self, "main")
        state.flush()
        event.accept()
