"""The main window: pages in the sidebar, navigation, menus, unsaved changes, crash dialog."""

from __future__ import annotations

import sys
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox

from kisdesk.db import Database
from kisdesk.ui import crash, main_window
from kisdesk.ui.main_window import MainWindow
from kisdesk.ui.ops import Ops
from kisdesk.ui.page_list import PAGES, PageEntry, PlaceholderPage, page_class
from kisdesk.ui.pages.base import Page


@pytest.fixture(autouse=True)
def _keep_exception_hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """crash.install() (also called by application.run) replaces the hooks: put them back."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


@pytest.fixture
def ops(kis: Database) -> Ops:
    Ops.inline = True
    return Ops(kis)


class _Recording(Page):
    """A stand-in page that records what the window asks of it."""

    name = "groups"

    def __init__(self, ops: Ops, navigate: Any = None) -> None:
        super().__init__(ops, navigate)
        self.opened: list[dict[str, Any]] = []
        self.calls: list[str] = []
        self.unsaved = False
        self.save_result = True

    def open(self, **kwargs: Any) -> None:
        self.opened.append(kwargs)

    def new_item(self) -> None:
        self.calls.append("new")

    def find(self) -> None:
        self.calls.append("find")

    def save(self) -> bool:
        self.calls.append("save")
        if self.save_result:
            self.unsaved = False
        return self.save_result

    def has_unsaved_changes(self) -> bool:
        return self.unsaved


@pytest.fixture
def window(qtbot: Any, ops: Ops, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    real = main_window.page_class

    def fake(entry: PageEntry) -> type[Page] | None:
        return _Recording if entry.name == "groups" else real(entry)

    monkeypatch.setattr(main_window, "page_class", fake)
    win = MainWindow(ops)
    qtbot.addWidget(win)
    win.show()
    return win


def test_sidebar_lists_every_page_in_polish(window: MainWindow) -> None:
    titles = [
        window.sidebar.item(i).text()
        for i in range(window.sidebar.count())
        if not window.sidebar.item(i).isHidden()
    ]
    # "Świadczenia" (art. 15) is a CIS page: a KIS does not see it.
    assert titles == [
        "Pulpit",
        "Uczestnicy",
        "Dziennik zajęć",
        "Obecności",
        "Grupy",
        "Kadra",
        "Dokumenty",
        "Ustawienia",
        "Użytkownicy",
        "Dziennik zdarzeń",
        "Ochrona danych",
    ]
    assert window.windowTitle() == "Klub Integracji Społecznej w Zawoni – kisdesk"
    assert window.current_name() == "dashboard"


def test_missing_page_module_shows_placeholder() -> None:
    entry = PageEntry("x", "X", "kisdesk.ui.pages.not_written_yet", "Nothing", "x")
    assert page_class(entry) is None
    broken = PageEntry("x", "X", "kisdesk.ui.pages.base", "Page", "x")
    assert page_class(broken) is Page


def test_placeholder_says_in_preparation(qtbot: Any, ops: Ops) -> None:
    page = PlaceholderPage(ops, PAGES[6])
    qtbot.addWidget(page)
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert "Ta część programu jest w przygotowaniu." in texts


def test_navigate_opens_page_with_arguments_and_syncs_sidebar(window: MainWindow) -> None:
    window.navigate("groups", group_id=7)
    page = window.page("groups")
    assert isinstance(page, _Recording)
    assert window.current_page() is page
    assert page.opened == [{"group_id": 7}]
    assert window.sidebar.currentRow() == 4


def test_keyboard_shortcuts_switch_pages_and_reach_the_page(qtbot: Any, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, _Recording)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.calls == ["new", "find", "save"]
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_name() == "dashboard"


def test_sidebar_click_switches_page(qtbot: Any, window: MainWindow) -> None:
    item = window.sidebar.item(4)
    rect = window.sidebar.visualItemRect(item)
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_name() == "groups"


def test_backup_action_is_there_but_disabled(window: MainWindow) -> None:
    from PySide6.QtGui import QAction

    action = window.findChild(QAction, "backup")
    assert action is not None and not action.isEnabled()


@pytest.mark.parametrize(
    ("answer", "save_ok", "closed"),
    [
        (QMessageBox.StandardButton.Cancel, True, False),
        (QMessageBox.StandardButton.Discard, True, True),
        (QMessageBox.StandardButton.Save, True, True),
        (QMessageBox.StandardButton.Save, False, False),
    ],
)
def test_closing_asks_about_unsaved_changes(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, answer: Any, save_ok: bool, closed: bool
) -> None:
    window.navigate("groups")
    page = window.page("groups")
    assert isinstance(page, _Recording)
    page.unsaved, page.save_result = True, save_ok
    asked: list[str] = []
    monkeypatch.setattr(window, "ask_unsaved", lambda p: asked.append(p.title()) or answer)
    window.navigate("dashboard")
    assert window.close() is closed
    assert asked == ["groups"]
    assert ("save" in page.calls) is (answer == QMessageBox.StandardButton.Save)


def test_window_geometry_is_remembered(qtbot: Any, ops: Ops) -> None:
    first = MainWindow(ops)
    qtbot.addWidget(first)
    first.resize(640, 470)
    first.show()
    first.close()
    second = MainWindow(ops)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (640, 470)


def test_crash_hook_logs_and_shows_dialog(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, _isolated_data_dir: Any
) -> None:
    shown: list[crash.CrashDialog] = []

    def fake_exec(dialog: crash.CrashDialog) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(crash.CrashDialog, "exec", fake_exec)
    crash.install()
    try:
        raise ZeroDivisionError("boom in a slot")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert len(shown) == 1
    dialog = shown[0]
    qtbot.addWidget(dialog)
    assert not dialog.text.isVisible()
    assert "ZeroDivisionError: boom in a slot" in dialog.details
    reports = list((_isolated_data_dir / "logs").glob("crash-*.txt"))
    assert len(reports) == 1
    assert "boom in a slot" in reports[0].read_text(encoding="utf-8")
    dialog.copy.click()
    from PySide6.QtWidgets import QApplication

    assert "ZeroDivisionError" in QApplication.clipboard().text()


def test_start_with_a_bad_database_shows_polish_message_and_exits_2(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kisdesk.errors import StorageError
    from kisdesk.ui import application

    shown: list[str] = []

    def refuse(url: str, restore: Any = None) -> Any:
        raise StorageError("db.not_kisdesk")

    monkeypatch.setattr(application, "_open", refuse)
    monkeypatch.setattr(application, "show_start_error", shown.append)
    assert application.run("sqlite:///nowhere.sqlite") == 2
    assert shown == [
        "Ten plik nie jest bazą danych kisdesk. Wskaż właściwy plik bazy albo pusty plik."
    ]


def test_start_without_office_opens_the_wizard(
    qtbot: Any, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kisdesk.ui import application, wizard

    opened: list[Any] = []
    monkeypatch.setattr(
        wizard.FirstStartWizard, "exec", lambda self: opened.append(self) or 0
    )  # the user closes the wizard
    assert application.run(db_url) == 0
    assert len(opened) == 1


def test_start_with_an_office_shows_the_main_window(
    qtbot: Any, kis: Database, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from kisdesk.ui import application

    windows: list[MainWindow] = []
    real_show = MainWindow.show

    def show(window: MainWindow) -> None:
        windows.append(window)
        qtbot.addWidget(window)
        real_show(window)

    monkeypatch.setattr(MainWindow, "show", show)
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    kis.dispose()  # the fixture wrote the office, so it holds the one-writer lock: let go
    assert application.run(db_url) == 0
    assert [w.windowTitle() for w in windows] == ["Klub Integracji Społecznej w Zawoni – kisdesk"]
    assert QLocale().language() == QLocale.Language.Polish


def test_f1_opens_polish_help_with_rules_and_shortcuts(qtbot: Any, window: MainWindow) -> None:
    from kisdesk.ui.help import HelpDialog

    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = HelpDialog._instance
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for expected in (
        "Dziennik zajęć",
        "art. 18 ust. 5a",
        "art. 18a ust. 6",
        "art. 14 ust. 1",
        "standard minimum KIS",
        "31 marca",
        "Ctrl+N",
    ):
        assert expected in text


def test_about_names_version_and_database_file(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, db_url: str
) -> None:
    from kisdesk import __version__

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "about", lambda parent, title, text: shown.append((title, text))
    )
    window.findChild(QAction, "about").trigger()
    assert shown[0][0] == "O programie kisdesk"
    assert f"kisdesk {__version__}" in shown[0][1]
    assert db_url.removeprefix("sqlite:///") in shown[0][1]


def test_tables_remember_what_the_user_arranged_not_the_fitting(qtbot: Any, ops: Ops) -> None:
    from PySide6.QtCore import QPoint

    from kisdesk.services.groups import list_groups
    from kisdesk.ui import state
    from kisdesk.ui.table_models.groups import GroupModel
    from kisdesk.ui.widgets.table import fit_columns, make_table

    model = GroupModel()
    model.set_rows(ops.read(list_groups))
    view = make_table(model, state_key="probe")
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    fit_columns(view)
    header = view.horizontalHeader()
    header.resizeSection(0, 90)  # the program (or the window) resizing: not remembered
    view.resize(900, 300)  # the last column stretches with the window: not remembered
    assert state.value("header/probe/5/2") is None
    # A drag of the first column's right edge by the user is remembered.
    edge = QPoint(header.sectionViewportPosition(0) + header.sectionSize(0) - 1, 5)
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(header.viewport(), edge + QPoint(120, 0))
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=edge + QPoint(120, 0))
    dragged = header.sectionSize(0)
    assert dragged > 150
    again = make_table(GroupModel(), state_key="probe")
    qtbot.addWidget(again)
    assert again.horizontalHeader().sectionSize(0) == dragged


def test_a_layout_from_an_empty_first_start_does_not_stick(qtbot: Any, ops: Ops) -> None:
    from kisdesk.services.groups import list_groups
    from kisdesk.ui.table_models.groups import GroupModel
    from kisdesk.ui.widgets.table import fit_columns, make_table

    empty = make_table(GroupModel(), state_key="fresh")  # the first start: no rows yet
    qtbot.addWidget(empty)
    empty.resize(600, 200)
    empty.show()
    fit_columns(empty)
    empty.resize(1000, 200)
    empty.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
    model = GroupModel()
    model.set_rows(ops.read(list_groups))
    later = make_table(model, state_key="fresh")  # the next start, with a group
    qtbot.addWidget(later)
    header = later.horizontalHeader()
    assert not header.property("kisdesk_restored")
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1,
        Qt.SortOrder.DescendingOrder,
    )  # the sort chosen is kept
    fit_columns(later)
    name = model.index(0, 0).data()
    assert header.sectionSize(0) >= later.fontMetrics().horizontalAdvance(name)


def test_start_holds_the_database_alone_and_backs_up_on_exit(
    qtbot: Any, kis: Database, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second copy is refused while the window is open; closing writes a verified backup."""
    import subprocess
    import sys

    from PySide6.QtWidgets import QApplication

    from kisdesk.db.open import open_database
    from kisdesk.paths import backup_dir
    from kisdesk.ui import application

    refused: list[str] = []

    real_show = MainWindow.show

    def show(window: MainWindow) -> None:
        qtbot.addWidget(window)
        real_show(window)

    def session_while_open() -> int:
        other = subprocess.run(  # another copy of kisdesk, as a second user would start it
            [sys.executable, "-m", "kisdesk", "--db", db_url, "group", "add", "Druga"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        refused.append(f"{other.returncode}: {other.stderr}")
        return 0

    monkeypatch.setattr(MainWindow, "show", show)
    monkeypatch.setattr(QApplication, "exec", staticmethod(session_while_open))
    kis.dispose()
    assert application.run(db_url) == 0
    assert len(refused) == 1 and refused[0].startswith("2: ")
    assert "jest już otwarta" in refused[0] and "Nic nie zostało zapisane" in refused[0]
    assert [p.name for p in backup_dir().glob("*-exit.kisbak")] != []
    open_database(db_url, exclusive=True).dispose()  # released at exit
