"""The hands of the walk-through (bench_walkthrough.py): every key and click goes through here
and is counted against the task being done.

- A typed string counts one key per character, a shortcut (Ctrl+D, Alt+N) or any other key
  once, a mouse click once.
- Keys go to the widget that has the keyboard focus, as a keyboard's do: a key the program
  would drop or send elsewhere does the same here, and the walk then fails on what it checks.
- A dialog that blocks (the save dialog, a question) is answered by keys or clicks planned
  before the action that opens it (`answer`), counted like any other.
- Opening a saved PDF in the system's viewer is not done (there is none headless): the
  viewer's opening is no work of the user's. Neither is the printing itself: the walk's
  printer (bench_walkthrough's) takes the PDFs the print dialog hands to the system.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QTabWidget,
    QWidget,
)


def closed(window: QWidget) -> bool:
    """The window is closed (hidden, or deleted on closing)."""
    return not shiboken6.isValid(window) or not window.isVisible()


class Stuck(RuntimeError):
    """The walk cannot go on as a user would (a key went nowhere, a dialog did not open)."""


@dataclass
class Tally:
    keys: int = 0
    clicks: int = 0
    data: int = 0  # of the keys: characters of names, PESEL numbers and topics
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.keys + self.clicks


class Hands:
    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.tallies: dict[str, Tally] = {}
        self.current = Tally()
        self._plan: list[tuple[type, Callable[[QWidget], None]]] = []
        self.opened: list[Path] = []
        self.unexpected: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._answer_modal)
        self._timer.start()
        QDesktopServices.openUrl = self._viewer  # type: ignore[method-assign,assignment]

    def _viewer(self, url: object) -> bool:
        self.opened.append(Path(url.toLocalFile()))  # type: ignore[attr-defined]
        return True

    # -- tasks --------------------------------------------------------------------------------
    @contextmanager
    def task(self, name: str) -> Iterator[Tally]:
        before = self.current
        self.current = self.tallies.setdefault(name, Tally())
        start = time.perf_counter()
        try:
            yield self.current
        finally:
            self.current.seconds += time.perf_counter() - start
            self.current = before

    # -- the event loop -----------------------------------------------------------------------
    def settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()
            self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.app.processEvents()
        if self.unexpected:
            raise Stuck("unexpected message: " + self.unexpected[-1])

    def wait_for(self, what: Callable[[], object], message: str, seconds: float = 10) -> None:
        end = time.monotonic() + seconds
        while not what():
            if time.monotonic() > end:
                raise Stuck(message)
            self.settle()
            time.sleep(0.005)

    def active(self, window: QWidget) -> QWidget:
        """A window just opened gets the keyboard, as the window manager gives it."""
        self.wait_for(window.isVisible, f"{window.windowTitle()!r} did not open")
        if not window.isActiveWindow():
            window.activateWindow()
            QApplication.setActiveWindow(window)
            self.wait_for(window.isActiveWindow, f"{window.windowTitle()!r} is not active")
        return window

    # -- keys ---------------------------------------------------------------------------------
    def focus(self) -> QWidget:
        self.settle()
        widget = QApplication.focusWidget()
        if widget is None:
            # A closed dialog: the window manager gives the keyboard back to the window below
            # (headless, nobody does).
            below = QApplication.activeModalWidget() or next(
                (w for w in QApplication.topLevelWidgets() if w.objectName() == "main"), None
            )
            if below is not None:
                self.active(below)
            widget = QApplication.focusWidget()
        if widget is None:
            raise Stuck("no widget has the keyboard focus")
        return widget

    def key(
        self,
        key: Qt.Key,
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        """One key or one shortcut (a key with Ctrl/Alt/Shift) pressed and released."""
        target = self.focus()
        self.current.keys += 1
        QTest.keyClick(target, key, modifiers)
        self.settle()

    def type(self, text: str, data: bool = False) -> None:
        """Typed character by character into whatever has the focus; `data`: the text is
        the office's data (a name, a topic) that any program needs typed."""
        if data:
            self.current.data += len(text)
        for char in text:
            target = self.focus()
            self.current.keys += 1
            if char.isascii():
                QTest.keyClicks(target, char)
            else:  # QTest knows ASCII only; a Polish keyboard sends the letter itself
                code = ord(char.upper())
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    event = QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, char)
                    QApplication.sendEvent(target, event)
        self.settle()

    def type_completing(self, text: str, data: bool = True) -> None:
        """Typed letter by letter into a field that completes from what is known (a topic):
        it stops once the field shows the whole text; a longer suggestion still shown after
        the last letter is taken away with Delete (a key of its own)."""
        for char in text:
            self.type(char, data=data)
            field = self.focus()
            if isinstance(field, QLineEdit) and field.text() == text:
                return
        field = self.focus()
        if isinstance(field, QLineEdit) and field.text() != text:
            self.key(Qt.Key.Key_Delete)
            if field.text() != text:
                raise Stuck(f"typed {text!r}, the field shows {field.text()!r}")

    # -- the mouse ----------------------------------------------------------------------------
    def click(self, widget: QWidget, pos: QPoint | None = None) -> None:
        self.settle()
        if not widget.isVisible() or not widget.isEnabled():
            raise Stuck(f"cannot click {widget!r}: hidden or greyed out")
        self.current.clicks += 1
        QTest.mouseClick(
            widget,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            pos if pos is not None else widget.rect().center(),
        )
        self.settle()

    def click_index(self, view: QAbstractItemView, index: QModelIndex) -> None:
        view.scrollTo(index)
        self.settle()
        rect = view.visualRect(index)
        if not rect.isValid() or not view.viewport().rect().contains(rect.center()):
            raise Stuck(f"row {index.row()} column {index.column()} is not in sight")
        self.click(view.viewport(), rect.center())

    def click_item(self, view: QListWidget, text: str) -> None:
        found = [view.item(i) for i in range(view.count()) if view.item(i).text().strip() == text]
        if not found:
            raise Stuck(f"no item {text!r}")
        self.click_index(view, view.indexFromItem(found[0]))

    def click_tab(self, tabs: QTabWidget, text: str) -> None:
        bar = tabs.tabBar()
        for i in range(bar.count()):
            if bar.tabText(i).replace("&", "") == text:
                self.click(bar, bar.tabRect(i).center())
                return
        raise Stuck(f"no tab {text!r}")

    def choose(self, combo: QComboBox, text: str) -> None:
        """Open the drop-down with a click, click the entry."""
        index = combo.findText(text)
        if index < 0:
            raise Stuck(f"no entry {text!r} in the list")
        if combo.currentIndex() == index:
            return
        self.click(combo)
        view = combo.view()
        self.wait_for(view.isVisible, "the drop-down did not open")
        # a drop-down ignores a release within a double-click's time of opening
        end = time.monotonic() + QApplication.doubleClickInterval() / 1000 + 0.05
        while time.monotonic() < end:
            self.settle()
            time.sleep(0.01)
        self.click_index(view, view.model().index(index, combo.modelColumn()))
        self.wait_for(lambda: not view.isVisible(), "the drop-down did not close")
        # headless, the closed drop-down keeps the activation a desktop gives back at once
        self.active(combo.window())
        if combo.currentIndex() != index:
            raise Stuck(f"{text!r} was not chosen")

    # -- dialogs that block -------------------------------------------------------------------
    def answer(self, kind: type, handler: Callable[[QWidget], None]) -> None:
        """When a modal `kind` next opens, `handler` answers it (with counted keys)."""
        self._plan.append((kind, handler))

    def expect_answered(self) -> None:
        self.wait_for(lambda: not self._plan, "a dialog the walk waited for did not open")

    def _answer_modal(self) -> None:
        modal = QApplication.activeModalWidget()
        if not self._plan:
            if isinstance(modal, QMessageBox) and modal.isVisible():
                # a question or a warning the walk did not expect: said, and the walk stops
                self.unexpected.append(f"{modal.windowTitle()}: {modal.text()}")
                modal.reject()
            return
        kind, handler = self._plan[0]
        if modal is None or not isinstance(modal, kind) or not modal.isVisible():
            return
        self._plan.pop(0)  # before answering: the answer may open the next planned dialog
        if not modal.isActiveWindow():
            modal.activateWindow()
        # From a timer of its own: Qt does not run this timer again while its slot runs, and
        # the answer may open a further dialog to answer (the print dialog after "Drukuj…").
        QTimer.singleShot(0, lambda: handler(modal))
