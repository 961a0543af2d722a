"""Typing attendance from the signed paper lists with the keyboard only.

O = obecny, U = usprawiedliwiona, N = nieusprawiedliwiona, C = częściowa (asks for minutes),
Space = obecny / wyczyść, Delete or Backspace = wyczyść, W = wszyscy obecni (the activity's
still unmarked people). Arrows move as usual. Lower and upper case both work, and so does
the Polish keyboard (no AltGr letters are used).

With the mouse, a brush (BrushBar, as in school e-registers): the mark chosen once above the
grid, every click on a cell writes it, so an exception from the signed list is one click.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QTableView,
    QToolButton,
    QWidget,
)

from kisdesk.errors import KisdeskError
from kisdesk.i18n import tr
from kisdesk.services import attendance
from kisdesk.ui.ops import Ops

PRESENT, EXCUSED, ABSENT, PARTIAL = "present", "excused", "absent", "partial"
CLEAR, TOGGLE, ALL_PRESENT = "clear", "toggle", "all_present"
SICK_DAY, DAY_OFF = "sick_day", "day_off"  # whole-day absences typed from the grid

_KEYS = {
    Qt.Key.Key_O: PRESENT,
    Qt.Key.Key_U: EXCUSED,
    Qt.Key.Key_N: ABSENT,
    Qt.Key.Key_C: PARTIAL,
    Qt.Key.Key_Space: TOGGLE,
    Qt.Key.Key_Delete: CLEAR,
    Qt.Key.Key_Backspace: CLEAR,
    Qt.Key.Key_W: ALL_PRESENT,
    Qt.Key.Key_L: SICK_DAY,
    Qt.Key.Key_D: DAY_OFF,
}


def hint_text() -> str:
    return tr(
        "Klawisze: O obecny · U nieobecność usprawiedliwiona · N nieusprawiedliwiona · "
        "C częściowa (minuty) · Spacja obecny/wyczyść · Delete wyczyść · "
        "W wszyscy obecni w całym miesiącu · L zwolnienie lekarskie (L4) w tym dniu · "
        "D dzień wolny · strzałki: przejście. "
        "Myszą: wybierz nad tabelą, co wpisuje kliknięcie (Alt+N nieusprawiedliwiona, "
        "Alt+U usprawiedliwiona, Alt+O obecny, Alt+T tylko zaznacza) – wtedy jedno kliknięcie "
        "w pole to jeden wpis, a kliknięcie w pole, które już ma tę nieobecność, przywraca "
        "„obecny”."
    )


def short_hint_text() -> str:
    return tr(
        "O obecny · U usprawiedliwiona · N nieusprawiedliwiona · C częściowa · "
        "Spacja obecny/wyczyść · Delete wyczyść · W wszyscy obecni · L L4 · D dzień wolny"
    )


def brush_action(brush: str, current: str | None) -> str:
    """What a click with the brush writes: the brush's mark, or "present" again when the cell
    already has that very absence, so a mis-click is undone by one more click."""
    if brush in (ABSENT, EXCUSED) and current == brush:
        return PRESENT
    return brush


def action_for(event: QKeyEvent) -> str | None:
    """The attendance action of a key press, or None (arrows, Tab… keep their meaning)."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
        return None
    return _KEYS.get(Qt.Key(event.key()))


def ask_minutes(parent: QWidget, length: int, current: int | None) -> int | None:
    """A small input for the minutes of a partial presence (1 … the activity's length)."""
    value, ok = QInputDialog.getInt(
        parent,
        tr("Obecność częściowa"),
        tr("Ile minut uczestnik był obecny? (zajęcia trwały {n} min)").format(n=length),
        current or max(length // 2, 1),
        1,
        max(length, 1),
        5,
    )
    return value if ok else None


class AttendanceView(QTableView):
    """A table that turns the attendance keys into `key_action(index, action)` and, with a
    brush chosen, a plain left click on a cell into `brush_click(index, brush)`."""

    key_action = Signal(QModelIndex, str)
    brush_click = Signal(QModelIndex, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.brush: str | None = None  # None: a click only selects
        self._pressed: tuple[int, int] | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mousePressEvent(event)
        index = self.indexAt(event.position().toPoint())
        plain = (
            event.button() == Qt.MouseButton.LeftButton
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        )
        self._pressed = (index.row(), index.column()) if plain and index.isValid() else None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        # A click is a press and a release on the same cell; the second press of a double
        # click comes as mouseDoubleClickEvent, so a double click writes once, not twice.
        pressed, self._pressed = self._pressed, None
        super().mouseReleaseEvent(event)
        index = self.indexAt(event.position().toPoint())
        if (
            self.brush is not None
            and event.button() == Qt.MouseButton.LeftButton
            and pressed == (index.row(), index.column())
        ):
            self.brush_click.emit(index, self.brush)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        action = action_for(event)
        index = self.currentIndex()
        if action is not None and index.isValid():
            self.key_action.emit(index, action)
            event.accept()
            return
        super().keyPressEvent(event)

    def move_down(self) -> None:
        index = self.currentIndex()
        below = self.model().index(index.row() + 1, index.column())
        if below.isValid():
            self.setCurrentIndex(below)


def brush_choices() -> tuple[tuple[str | None, str, str], ...]:
    """The brushes: (mark or None, the button's text with its Alt mnemonic, its tooltip)."""
    return (
        (None, tr("— (&tylko zaznacza)"), tr("Kliknięcie tylko zaznacza pole (Alt+T)")),
        (PRESENT, tr("&obecny (O)"), tr("Kliknięcie w pole wpisuje „obecny” (Alt+O)")),
        (
            ABSENT,
            tr("&nieusprawiedliwiona (N)"),
            tr(
                "Kliknięcie w pole wpisuje nieobecność nieusprawiedliwioną; kliknięcie w pole, "
                "które już ją ma, przywraca „obecny” (Alt+N)"
            ),
        ),
        (
            EXCUSED,
            tr("&usprawiedliwiona (U)"),
            tr(
                "Kliknięcie w pole wpisuje nieobecność usprawiedliwioną; kliknięcie w pole, "
                "które już ją ma, przywraca „obecny” (Alt+U)"
            ),
        ),
    )


class BrushBar(QWidget):
    """The strip "Kliknięcie wpisuje:" with one segment per brush; `changed(brush)` when one
    is chosen (the mark, or None for a click that only selects). Alt+T/O/N/U from the keys."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        label = QLabel(tr("Kliknięcie wpisuje:"), self)
        layout.addWidget(label)
        layout.addSpacing(8)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str | None, QToolButton] = {}
        for brush, text, tip in brush_choices():
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setObjectName(f"brush_{brush or 'none'}")
            self.group.addButton(button)
            layout.addWidget(button)
            self.buttons[brush] = button
            button.toggled.connect(
                lambda on, b=brush: self.changed.emit(b) if on else None  # type: ignore[misc]
            )
        layout.addStretch(1)
        # One strip of joined segments; the chosen one filled, so the brush is seen at a glance.
        self.setStyleSheet(
            "QToolButton { border: 1px solid #9aa5b1; padding: 3px 10px;"
            " background: #f7f8fa; }"
            "QToolButton:hover:!checked { background: #e6edf5; }"
            "QToolButton:focus { border-color: #1f6fb2; }"
            "QToolButton:checked { background: #1f6fb2; color: white; border-color: #1f6fb2; }"
        )
        self.buttons[None].setChecked(True)

    def brush(self) -> str | None:
        return next((b for b, button in self.buttons.items() if button.isChecked()), None)

    def set_brush(self, brush: str | None) -> None:
        self.buttons[brush].setChecked(True)


AskMinutes = Callable[[QWidget, int, "int | None"], "int | None"]


def apply_action(
    ops: Ops,
    parent: QWidget,
    activity_id: int,
    participant_id: int,
    action: str,
    current: str | None,
    current_minutes: int | None,
    length: int,
    ask: AskMinutes = ask_minutes,
    on_error: Callable[[KisdeskError], None] | None = None,
    version: int | None = None,
) -> bool:
    """Save one mark (or clear it) through the op runner; True when something was written.

    Every change is saved at once, so a laptop whose battery dies keeps what was typed.
    `version` is the mark's version as shown (0: no mark): a mark someone else changed
    meanwhile is refused, not overwritten.
    """
    minutes: int | None = None
    if action == TOGGLE:
        action = CLEAR if current == PRESENT else PRESENT
    if action == PARTIAL:
        minutes = ask(parent, length, current_minutes)
        if minutes is None:
            return False
    if action == CLEAR:
        if current is None:
            return False
        fn = lambda s: (  # noqa: E731
            attendance.clear_mark(s, activity_id, participant_id, expected_version=version)
        )
    elif action in (PRESENT, EXCUSED, ABSENT, PARTIAL):
        if action == current and action != PARTIAL:
            return False
        mark = action
        fn = lambda s: (  # noqa: E731
            attendance.set_mark(
                s, activity_id, participant_id, mark, minutes, expected_version=version
            )
        )
    else:
        return False
    return bool(ops.run(parent, fn, on_error=on_error))


def toggle_absence(
    ops: Ops,
    parent: QWidget,
    participant_id: int,
    day: dt.date,
    kind: str,
    current: str | None,
    on_error: Callable[[KisdeskError], None] | None = None,
) -> bool:
    """L / D in the grid: the day becomes sick leave (joined to one ending the day before) or
    a day off; pressed again on a one-day absence of that kind, it is removed."""
    from kisdesk.services import absences

    def work(s):  # type: ignore[no-untyped-def]
        if current == kind:
            rows = [
                r for r in absences.list_absences(s, participant_id) if r.from_on <= day <= r.to_on
            ]
            if len(rows) == 1 and rows[0].from_on == rows[0].to_on:
                absences.delete_absence(s, rows[0].id)
                return True
            raise KisdeskError("absence.many_days", start=rows[0].from_on.isoformat(),
                               end=rows[0].to_on.isoformat(), id=rows[0].id)  # fmt: skip
        return absences.add_absence(s, participant_id, kind, day, extend=True)

    return bool(ops.run(parent, work,
                        on_error=on_error))  # fmt: skip


def all_present(
    ops: Ops,
    parent: QWidget,
    activity_id: int,
    on_error: Callable[[KisdeskError], None] | None = None,
) -> int:
    """Everyone expected and still unmarked becomes present; returns how many were marked."""
    written = ops.run(
        parent,
        lambda s: attendance.mark_all_present(s, activity_id),
        on_error=on_error,
    )
    return int(written.value or 0)


def month_present(
    ops: Ops,
    parent: QWidget,
    group_id: int,
    year: int,
    month: int,
    on_error: Callable[[KisdeskError], None] | None = None,
) -> int:
    """W in the grid: the group's whole month, every class already held (absences stay, marks
    typed stay); returns how many were marked."""
    written = ops.run(
        parent,
        lambda s: attendance.mark_month_present(s, group_id, year, month),
        on_error=on_error,
    )
    return int(written.value or 0)
