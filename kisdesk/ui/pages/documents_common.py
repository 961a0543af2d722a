"""Pieces shared by the tabs of the Dokumenty page: a yes/no question, a month range,
a group chooser and the page's small layout helpers."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from kisdesk.access import Actor, Permission
from kisdesk.services.groups import list_groups
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.attendance_month_picker import MonthPicker, shift_month


def _tr(text: str) -> str:
    return QCoreApplication.translate("documents", text)


def issue_refusal(actor: Actor) -> str:
    """Why this user may not issue documents (certificates, reprints, forms), or "" when
    they may: the services refuse it (Permission.ISSUE_DOCUMENTS), so the buttons are
    disabled with this reason instead of ending in an error (docs/domain.md#office)."""
    if actor.can(Permission.ISSUE_DOCUMENTS):
        return ""
    return _tr(
        "Twoja rola ({role}) nie pozwala wystawiać dokumentów – robi to kierownik albo "
        "administracja."
    ).format(role=actor.role.value)


def annual_report_refusal(actor: Actor) -> str:
    """The annual report needs what services.documents_stats.require_annual_report does:
    issuing documents and seeing the health categories it counts (RODO art. 9)."""
    if actor.can(Permission.ISSUE_DOCUMENTS) and actor.can(Permission.VIEW_SENSITIVE):
        return ""
    return _tr(
        "Sprawozdanie roczne liczy uczestników według wszystkich kategorii z art. 1, także "
        "zdrowotnych (RODO art. 9), dlatego przygotowuje je kierownik – Twoja rola ({role}) "
        "na to nie pozwala."
    ).format(role=actor.role.value)


def confirm(parent: QWidget | None, title: str, text: str, yes_text: str) -> bool:
    """A question with a button that says what it does ("Wystaw 12 zaświadczeń") and
    "Nie teraz"; Enter does not say yes by accident."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(_tr("Nie teraz"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes


def previous_month(today: dt.date | None = None) -> tuple[int, int]:
    """The month whose papers are printed on the first working days of the next one."""
    today = today or dt.date.today()
    return shift_month(today.year, today.month, -1)


def month_picker(parent: QWidget, year: int, month: int) -> MonthPicker:
    picker = MonthPicker(parent)
    picker.set_month(year, month, emit=False)
    return picker


def year_spin(parent: QWidget, value: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(2000, dt.date.today().year + 1)
    spin.setValue(value)
    spin.setGroupSeparatorShown(False)
    spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("00000") + 40)
    return spin


class GroupCombo(QComboBox):
    """The office's groups (current ones first); `current_id()` is the chosen group's id."""

    def __init__(self, ops: Ops, parent: QWidget | None = None, all_text: str = "") -> None:
        super().__init__(parent)
        self.ops = ops
        self.all_text = all_text
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 18)
        # Read when first shown or asked for: the Dokumenty page holds five of these on tabs
        # not yet opened, and five reads made its first showing wait (docs/architecture.md#reads).
        self._loaded = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if not self._loaded:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self._loaded = True
        value = self.currentData()
        current = value if isinstance(value, int) else None
        groups = self.ops.read(lambda s: list_groups(s))
        self.blockSignals(True)
        self.clear()
        if self.all_text:
            self.addItem(self.all_text, None)
        for g in sorted(groups, key=lambda g: (g.end_on is not None, g.name.lower())):
            label = g.name if g.end_on is None else _tr("{name} (zakończona)").format(name=g.name)
            self.addItem(label, g.id)
        index = self.findData(current) if current is not None else -1
        self.setCurrentIndex(index if index >= 0 else 0)
        self.blockSignals(False)

    def current_id(self) -> int | None:
        if not self._loaded:
            self.reload()
        value = self.currentData()
        return value if isinstance(value, int) else None

    def set_current_id(self, group_id: int | None) -> None:
        if not self._loaded:
            self.reload()
        index = self.findData(group_id)
        if index >= 0:
            self.setCurrentIndex(index)


def row(*widgets: QWidget | str, stretch: bool = True) -> QHBoxLayout:
    """Widgets (or label texts) side by side."""
    layout = QHBoxLayout()
    for widget in widgets:
        layout.addWidget(QLabel(widget) if isinstance(widget, str) else widget)
    if stretch:
        layout.addStretch(1)
    return layout


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label
