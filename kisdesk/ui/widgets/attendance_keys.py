"""Typing attendance from the signed paper lists with the keyboard only.

O = obecny, U = usprawiedliwiona, N = nieusprawiedliwiona, C = częściowa (asks for minutes),
Space = obecny / wyczyść, Delete or Backspace = wyczyść, W = wszyscy obecni (the activity's
still unmarked people). Arrows move as usual. Lower and upper case both work, and so does
the Polish keyboard (no AltGr letters are used).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QTableView, QWidget

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
        "D dzień wolny · strzałki: przejście"
    )


def short_hint_text() -> str:
    return tr(
        "O obecny · U usprawiedliwiona · N nieusprawiedliwiona · C częściowa · "
        "Spacja obecny/wyczyść · Delete wyczyść · W wszyscy obecni · L L4 · D dzień wolny"
    )


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
    """A table that turns the attendance keys into `key_action(index, action)`."""

    key_action = Signal(QModelIndex, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)

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
