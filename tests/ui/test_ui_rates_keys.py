"""Stawki świadczenia integracyjnego follows the rule of every form (F1 help): Ctrl+S adds and
stays, Ctrl+Enter adds and closes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from kisdesk.db import Database
from kisdesk.services import benefits
from kisdesk.ui.dialogs.rates_dialog import RatesDialog
from kisdesk.ui.ops import Ops
from tests.unit.test_services_benefits import cis  # noqa: F401


@pytest.fixture
def ops(db: Database, monkeypatch: pytest.MonkeyPatch) -> Ops:
    monkeypatch.setattr(Ops, "inline", True)
    return Ops(db)


def _rates(cis: Database) -> dict[dt.date, Decimal]:  # noqa: F811
    with cis.read() as s:
        return dict(benefits.rates(s))


def test_ctrl_s_adds_a_rate_and_ctrl_enter_adds_and_closes(cis: Database, ops: Ops, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    dialog = RatesDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts reach the active window only
    assert "Ctrl+S" in dialog.add_button.toolTip()
    dialog.start.setFocus()
    qtbot.keyClicks(dialog.start.line, "1.06.2027")  # selected on focus: typing replaces it
    dialog.amount.setFocus()
    qtbot.keyClicks(dialog.amount, "2 200,00")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _rates(cis)[dt.date(2027, 6, 1)] == Decimal("2200.00")
    assert dialog.isVisible()
    dialog.start.setFocus()
    qtbot.keyClicks(dialog.start.line, "1.06.2028")
    dialog.amount.setFocus()
    dialog.amount.selectAll()
    qtbot.keyClicks(dialog.amount, "2 300,00")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _rates(cis)[dt.date(2028, 6, 1)] == Decimal("2300.00")
    assert not dialog.isVisible()
