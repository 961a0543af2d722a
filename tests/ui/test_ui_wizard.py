"""First start: the wizard creates the office, shows a bad NIP at its field, opens a demo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QWizard

from kisdesk.db import Database
from kisdesk.services import activities, office
from kisdesk.ui.ops import Ops
from kisdesk.ui.wizard import ACCOUNT, DATES, OFFICE, OPERATOR, WELCOME, FirstStartWizard


@pytest.fixture
def wizard(qtbot: Any, db: Database) -> FirstStartWizard:
    Ops.inline = True
    widget = FirstStartWizard(Ops(db))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _next(qtbot: Any, wizard: FirstStartWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _fill(qtbot: Any, wizard: FirstStartWizard, nip: str) -> None:
    f = wizard.fields
    # on the radio's circle: the blank space right of its text is not part of the button
    qtbot.mouseClick(f.cis, Qt.MouseButton.LeftButton, pos=QPoint(8, f.cis.height() // 2))
    _next(qtbot, wizard)
    assert wizard.currentId() == OFFICE
    f.name.setText("Centrum Integracji Społecznej w Zawoni")  # QTest cannot type "ł"
    qtbot.keyClicks(f.postal_code, "55-106")
    qtbot.keyClicks(f.city, "Zawonia")
    _next(qtbot, wizard)
    assert wizard.currentId() == OPERATOR
    qtbot.keyClicks(f.op_name, "Stowarzyszenie Razem")
    f.op_legal_form.setCurrentIndex(f.op_legal_form.findData("association"))
    qtbot.keyClicks(f.op_nip, nip)
    qtbot.keyClicks(f.op_krs, "123456")
    _next(qtbot, wizard)
    assert wizard.currentId() == DATES
    qtbot.keyClicks(f.created_on.line, "01.02.2025")
    qtbot.keyClicks(f.activity_started_on.line, "1.3.2025")
    qtbot.keyClicks(f.head_name, "Renata Kowalczyk")
    qtbot.keyClicks(f.status_granted_on.line, "15.04.2025")


def _account(qtbot: Any, wizard: FirstStartWizard) -> None:
    """The last step: the leader's login (suggested) and password, typed twice."""
    _next(qtbot, wizard)
    assert wizard.currentId() == ACCOUNT
    for edit in (wizard.account.password, wizard.account.repeat):
        qtbot.keyClicks(edit, "kawa z mlekiem przy oknie")


def _finish(qtbot: Any, wizard: FirstStartWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)


def test_wizard_creates_the_office(qtbot: Any, wizard: FirstStartWizard, db: Database) -> None:
    _fill(qtbot, wizard, "526-104-08-28")
    _account(qtbot, wizard)
    _finish(qtbot, wizard)
    assert wizard.result() == QDialog.DialogCode.Accepted
    with db.read() as s:
        data = office.get_office(s)
        forms = activities.list_forms(s)
    assert (data.kind, data.name, data.city, data.head_name) == (
        "cis",
        "Centrum Integracji Społecznej w Zawoni",
        "Zawonia",
        "Renata Kowalczyk",
    )
    assert (data.operator.name, data.operator.legal_form) == ("Stowarzyszenie Razem", "association")
    assert (data.operator.nip, data.operator.krs) == ("5261040828", "0000123456")
    assert (data.created_on, data.activity_started_on, data.status_granted_on) == (
        dt.date(2025, 2, 1),
        dt.date(2025, 3, 1),
        dt.date(2025, 4, 15),
    )
    assert forms  # the default dictionary of activity forms came with the office


def test_bad_nip_goes_back_to_its_field_and_writes_nothing(
    qtbot: Any, wizard: FirstStartWizard, db: Database
) -> None:
    _fill(qtbot, wizard, "1234567890")
    _account(qtbot, wizard)
    _finish(qtbot, wizard)
    assert wizard.currentId() == OPERATOR
    assert wizard.fields.errors.message("op_nip") == (
        "NIP „1234567890” jest niepoprawny (błędna suma kontrolna lub długość)."
    )
    assert wizard.fields.op_nip.hasFocus() or not wizard.isActiveWindow()
    assert wizard.result() != QDialog.DialogCode.Accepted
    with db.read() as s:
        assert not office.has_office(s)


def test_missing_name_is_shown_on_the_office_step(
    qtbot: Any, wizard: FirstStartWizard, db: Database
) -> None:
    for _ in range(3):
        _next(qtbot, wizard)
    qtbot.keyClicks(wizard.fields.head_name, "Renata Kowalczyk")
    _account(qtbot, wizard)
    _finish(qtbot, wizard)
    assert wizard.currentId() == OFFICE
    assert wizard.fields.errors.message("name") == "Podaj pełną nazwę placówki."
    with db.read() as s:
        assert not office.has_office(s)


def test_started_before_created_is_shown_at_the_date(
    qtbot: Any, wizard: FirstStartWizard, db: Database
) -> None:
    f = wizard.fields
    f.name.setText("Klub")
    f.op_name.setText("Gmina")
    f.created_on.setDate(dt.date(2025, 5, 1))
    f.activity_started_on.setDate(dt.date(2025, 4, 1))
    wizard.accept()
    assert wizard.currentId() == DATES
    assert "nie może być wcześniejsza" in f.errors.message("activity_started_on")


def test_demo_office_fills_the_database(
    qtbot: Any, wizard: FirstStartWizard, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kisdesk.demo import generator as demo

    calls: list[dict[str, Any]] = []
    real = demo.generate

    def small(session: Any, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(session, **{**kwargs, "participants": 6, "years": 1})

    monkeypatch.setattr(demo, "generate", small)
    assert wizard.currentId() == WELCOME
    qtbot.mouseClick(wizard.demo_button, Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert calls[0]["participants"] == 60 and calls[0]["seed"] == 1
    assert calls[0]["today"] == dt.date.today()
    with db.read() as s:
        assert office.has_office(s)
