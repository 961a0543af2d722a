"""The contract every main-window page keeps.

A page gets the op runner and a `navigate(name, **kwargs)` callable to open another page at
the place where something is fixed (the dashboard's items use it). It refreshes itself when
`data_changed` names something it shows — at once when visible, else when next shown.

Page names: dashboard, participants, journal, attendance, groups, staff, settings, documents.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from kisdesk.ui.ops import Ops

Navigate = Callable[..., None]  # navigate("participants", participant_id=12)


class Page(QWidget):
    name: str = ""  # navigation key
    listens: frozenset[str] = frozenset()  # kisdesk.ui.signals names this page shows

    def __init__(self, ops: Ops, navigate: Navigate | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.navigate: Navigate = navigate or (lambda *a, **k: None)
        self._stale = True
        ops.signals.data_changed.connect(self._on_data_changed)

    def title(self) -> str:
        """The Polish name shown in the sidebar and the window title."""
        return self.name

    # -- refreshing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload what the page shows from the services (override)."""

    def _on_data_changed(self, names: frozenset[str]) -> None:
        if not (names & self.listens):
            return
        if self.isVisible():
            self.refresh()
            self._stale = False
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    # -- actions the main window forwards (menus and shortcuts) -------------------------------
    def open(self, **kwargs: Any) -> None:
        """Show a particular record or period, e.g. participant_id=…, month=(y, m)."""

    def new_item(self) -> None:
        """Ctrl+N on this page."""

    def find(self) -> None:
        """Ctrl+F: focus the page's search field."""

    def save(self) -> bool:
        """Ctrl+S: save what is being edited; False when nothing was saved."""
        return False

    def has_unsaved_changes(self) -> bool:
        return False
