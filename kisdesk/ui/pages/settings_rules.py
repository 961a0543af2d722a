"""Ustawienia → Reguły: every rule setting of docs/domain.md#law-or-setting with its value, its default, where it
comes from (the act, the KIS minimum standard, practice, the office's decision) and the log
of every change (kisdesk.services.settings keeps it)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.errors import KisdeskError
from kisdesk.services import settings
from kisdesk.services.settings import SPECS, SettingSpec
from kisdesk.ui import state
from kisdesk.ui.ops import Ops
from kisdesk.ui.table_models.settings import HistoryModel, value_text
from kisdesk.ui.widgets.forms import FormErrors, note_label
from kisdesk.ui.widgets.table import fit_columns, make_table


def source_names() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        settings.STATUTE: t("settings", "ustawa"),
        settings.STANDARD: t("settings", "standard minimum"),
        settings.PRACTICE: t("settings", "praktyka"),
        settings.OFFICE: t("settings", "decyzja placówki"),
    }


SOURCE_COLOURS = {
    settings.STATUTE: "#7a1f1f",
    settings.STANDARD: "#1f4f7a",
    settings.PRACTICE: "#4f5a1f",
    settings.OFFICE: "#5a3a7a",
}


def _editor(spec: SettingSpec) -> QWidget:
    if spec.type is bool:
        box = QCheckBox(QCoreApplication.translate("settings", "tak"))
        return box
    if spec.type is int:
        spin = QSpinBox()
        spin.setRange(spec.minimum if spec.minimum is not None else 0, spec.maximum or 10_000)
        spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("0000") + 40)
        return spin
    line = QLineEdit()
    line.setMinimumWidth(line.fontMetrics().horizontalAdvance("M") * 10)
    return line


def _get(editor: QWidget) -> Any:
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QSpinBox):
        return editor.value()
    assert isinstance(editor, QLineEdit)
    return editor.text()


def _set(editor: QWidget, value: Any) -> None:
    if isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    elif isinstance(editor, QSpinBox):
        editor.setValue(int(value))
    elif isinstance(editor, QLineEdit):
        editor.setText(str(value))


class RulesTab(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.errors = FormErrors()
        self.editors: dict[str, QWidget] = {}
        self._stored: dict[str, Any] = {}
        names = source_names()

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        for column, title in enumerate(
            (self.tr("Reguła"), self.tr("Wartość"), self.tr("Domyślnie"), self.tr("Skąd pochodzi"))
        ):
            header = QLabel(f"<b>{title}</b>")
            grid.addWidget(header, 0, column)
        for row, spec in enumerate(SPECS.values(), start=1):
            label = QLabel(spec.label)
            label.setWordWrap(True)
            editor = _editor(spec)
            editor.setObjectName(f"rule_{spec.key}")
            editor.setAccessibleName(spec.label)
            label.setBuddy(editor)
            self.editors[spec.key] = editor
            default = QLabel(value_text(spec.key, spec.default))
            source = QLabel(
                f"<span style='color:{SOURCE_COLOURS.get(spec.source, '#333')}'>"
                f"<b>{names.get(spec.source, spec.source)}</b></span><br>{spec.basis}"
            )
            source.setWordWrap(True)
            source.setTextFormat(Qt.TextFormat.RichText)
            holder = QWidget()
            line = QHBoxLayout(holder)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(editor)
            line.addStretch(1)
            grid.addWidget(label, row, 0)
            grid.addWidget(self.errors.add(spec.key, holder), row, 1)
            grid.addWidget(default, row, 2)
            grid.addWidget(source, row, 3)
            for signal in ("valueChanged", "toggled", "textEdited"):
                if hasattr(editor, signal):
                    getattr(editor, signal).connect(self._update_buttons)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(3, 4)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(
            note_label(
                self.tr(
                    "Zmiana reguły działa od razu na wszystkie wyliczenia (także za miesiące "
                    "minione). Każda zmiana jest zapisywana w historii poniżej."
                )
            )
        )
        inner_layout.addLayout(grid)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)

        self.save_button = QPushButton(self.tr("Zapisz reguły"))
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Cofnij zmiany"))
        self.revert_button.clicked.connect(self.load)
        self.defaults_button = QPushButton(self.tr("Wstaw wartości domyślne"))
        self.defaults_button.setToolTip(
            self.tr("Wpisuje wartości domyślne do pól; zapisuje je dopiero „Zapisz reguły”.")
        )
        self.defaults_button.clicked.connect(self.fill_defaults)
        buttons = QHBoxLayout()
        buttons.addWidget(self.defaults_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(scroll, 1)
        top_layout.addLayout(buttons)

        self.history = HistoryModel(self)
        self.history_table = make_table(self.history, state_key="settings_history", parent=self)
        self.history_table.setSortingEnabled(False)
        history_box = QGroupBox(self.tr("Historia zmian reguł"))
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history_table)

        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("settings_rules")
        split.addWidget(top)
        split.addWidget(history_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        state.keep_splitter(split, "settings_rules")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._update_buttons()

    # -- values ---------------------------------------------------------------------------------------
    def load(self) -> None:
        def read(session: Session) -> tuple[dict[str, Any], list[Any]]:
            return settings.all_settings(session), settings.setting_history(session)

        self._stored, history = self.ops.read(read)
        for key, editor in self.editors.items():
            editor.blockSignals(True)
            _set(editor, self._stored[key])
            editor.blockSignals(False)
        self.errors.clear()
        self.history.set_rows(list(reversed(history)))  # the newest first
        fit_columns(self.history_table)
        self._update_buttons()

    def changes(self) -> dict[str, Any]:
        return {
            key: _get(editor)
            for key, editor in self.editors.items()
            if _get(editor) != self._stored.get(key)
        }

    def has_unsaved_changes(self) -> bool:
        return bool(self._stored) and bool(self.changes())

    def _update_buttons(self, *_args: Any) -> None:
        changed = self.has_unsaved_changes()
        self.save_button.setEnabled(changed)
        self.revert_button.setEnabled(changed)

    def fill_defaults(self) -> None:
        for key, editor in self.editors.items():
            _set(editor, SPECS[key].default)
        self._update_buttons()

    def save(self) -> bool:
        self.errors.clear()
        changes = self.changes()
        if not changes:
            return False

        order = sorted(changes)
        if {"weekly_min_hours", "weekly_max_hours"} <= set(changes):
            # Both CIS limits moved: the one that keeps min ≤ max at every step goes first,
            # so 30–40 → 45–50 or → 10–20 is not refused half-way.
            raising = changes["weekly_min_hours"] > self._stored["weekly_max_hours"]
            first = "weekly_max_hours" if raising else "weekly_min_hours"
            order.remove(first)
            order.insert(0, first)

        def work(session: Session) -> None:
            for key in order:
                settings.set_setting(session, key, changes[key])

        def failed(error: KisdeskError) -> None:
            key = str(error.params.get("key") or "")
            if error.code == "settings.weekly_min_above_max":
                key = "weekly_min_hours"
            self.errors.report(self, error, {error.code: key} if key else {})

        done: list[Any] = []
        self.ops.run(self, work, on_success=done.append, on_error=failed)
        if not done:
            return False
        self.load()
        return True
