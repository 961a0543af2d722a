"""Nieobecności całodniowe follows the rule of every form (F1 help): Ctrl+S adds and stays,
Ctrl+Enter adds and closes, Esc closes without adding."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from kisdesk.db import Database
from kisdesk.services import absences
from kisdesk.ui.dialogs.absence_dialog import AbsenceDialog
from kisdesk.ui.ops import Ops
from tests.unit.test_services_benefits import _person, cis  # noqa: F401

D = dt.date


@pytest.fixture
def ops(db: Database, monkeypatch: pytest.MonkeyPatch) -> Ops:
    monkeypatch.setattr(Ops, "inline", True)
    return Ops(db)


def _dialog(ops: Ops, pid: int, qtbot) -> AbsenceDialog:  # type: ignore[no-untyped-def]
    dialog = AbsenceDialog(ops, pid, "Nowak Ewa", D(2026, 6, 2))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts reach the active window only
    return dialog


def _kept(cis: Database, pid: int) -> list[tuple[str, dt.date, dt.date, str]]:  # noqa: F811
    with cis.read() as s:
        return [(r.kind, r.from_on, r.to_on, r.document) for r in absences.list_absences(s, pid)]


def test_ctrl_s_adds_and_stays_ctrl_enter_adds_and_closes(cis: Database, ops: Ops, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    with cis.session() as s:
        pid = _person(s, 1, D(2026, 1, 5))
    dialog = _dialog(ops, pid, qtbot)
    assert "Ctrl+S" in dialog.add_button.toolTip()
    dialog.end.setFocus()
    qtbot.keyClicks(dialog.end.line, "3.06.2026")
    dialog.document.setFocus()
    qtbot.keyClicks(dialog.document, "ZLA 1234567")
    qtbot.keyClick(dialog.document, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _kept(cis, pid) == [("sick", D(2026, 6, 2), D(2026, 6, 3), "ZLA 1234567")]
    assert dialog.isVisible() and dialog.list.count() == 1  # stays for the next one
    # the next: a day off on 8 June, added and closed with Ctrl+Enter
    dialog.kind.setCurrentIndex(dialog.kind.findData("day_off"))
    for field, day in ((dialog.start, "8.06.2026"), (dialog.end, "8.06.2026")):
        field.setFocus()
        qtbot.keyClicks(field.line, day)  # the date is selected on focus: typing replaces it
    dialog.document.clear()
    qtbot.keyClick(dialog.end.line, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert _kept(cis, pid)[-1] == ("day_off", D(2026, 6, 8), D(2026, 6, 8), "")


def test_esc_closes_without_adding(cis: Database, ops: Ops, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    with cis.session() as s:
        pid = _person(s, 1, D(2026, 1, 5))
    dialog = _dialog(ops, pid, qtbot)
    qtbot.keyClicks(dialog.document, "ZLA 1")
    qtbot.keyClick(dialog.document, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and _kept(cis, pid) == []
