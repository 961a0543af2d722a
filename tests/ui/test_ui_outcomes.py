"""What happened after the club, in the program: the dashboard's contacts due (with phones),
a contact recorded in a few keys, and the card's "Po zakończeniu" tab."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kisdesk.db import Database
from kisdesk.rules.calendar import add_months
from kisdesk.services import outcomes, participants, participations
from kisdesk.ui.dialogs.outcome_dialogs import FollowUpDialog, OutcomeDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.dashboard import DashboardPage
from kisdesk.ui.pages.participants import ParticipantsPage
from tests.pesel import make_pesel
from tests.ui.shots import shots_dir

TODAY = dt.date.today()
SHOTS = shots_dir("outcomes")


def _ended(db: Database, serial: int, first: str, end: dt.date, reason: str) -> tuple[int, int]:
    with db.session() as s:
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                first,
                "Wiśniewska",
                pesel=make_pesel(dt.date(1985, 3, serial), serial, "K"),
                phone=f"601 222 {serial:03d}",
            ),
        )
        period = participations.enroll(s, pid, add_months(end, -7), group_id=1)
        participations.end_period(s, period, end, reason)
    return pid, period


@pytest.fixture
def ops(kis: Database, monkeypatch: pytest.MonkeyPatch) -> Ops:
    monkeypatch.setattr(Ops, "inline", True)
    return Ops(kis)


def _shot(widget: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def test_dashboard_lists_contacts_due_and_a_working_contact_changes_the_outcome(
    kis: Database, ops: Ops, qtbot: Any, qtmodeltester: Any
) -> None:
    # ended 4 months ago: the 3-month contact is a month overdue; the 6-month one not yet due
    _pid, period = _ended(kis, 1, "Halina", add_months(TODAY, -4), "resigned")
    _ended(kis, 2, "Irena", TODAY - dt.timedelta(days=10), "completed")  # nothing due yet
    page = DashboardPage(ops, lambda name, **kw: None)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    page.refresh()
    section = page.followups
    qtmodeltester.check(section.model)
    assert section.title() == "Kontakty kontrolne po zakończeniu (1)"
    row = [section.model.index(0, c).data() for c in range(section.model.columnCount())]
    assert row[:3] == ["Halina Wiśniewska", "601 222 001", "3 mies."]
    assert row[3].endswith("dni po terminie")
    _shot(page, "dashboard_followups.png")

    rect = section.table.visualRect(section.proxy.index(0, 0))
    qtbot.mouseClick(section.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = page.followup_dialog
    assert isinstance(dialog, FollowUpDialog) and dialog.isVisible()
    assert any("tel. 601 222 001" in label.text() for label in dialog.findChildren(QLabel))
    dialog.buttons.accepted.emit()  # no result chosen: refused
    assert "Zaznacz wynik" in dialog.error.text()
    assert not dialog.kind.isEnabled()
    qtbot.mouseClick(dialog.result_buttons["working"], Qt.MouseButton.LeftButton)
    assert dialog.kind.isEnabled()
    dialog.kind.set_code("civil_contract")
    _shot(dialog, "followup_dialog.png")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    with kis.read() as s:
        shown = outcomes.period_outcome(s, period)
    assert (shown.kind, shown.on) == ("civil_contract", TODAY)
    assert shown.followups[0].result == "working"
    page.refresh()
    assert page.followups.title() == "Kontakty kontrolne po zakończeniu"
    assert page.followups.empty.isVisible()


def test_the_card_shows_each_periods_outcome_and_contact_history(
    kis: Database, ops: Ops, qtbot: Any, qtmodeltester: Any
) -> None:
    pid, first = _ended(kis, 3, "Janina", add_months(TODAY, -20), "employment")
    with kis.session() as s:
        contact = outcomes.period_outcome(s, first).followups[0]
        outcomes.record_followup(s, contact.id, contact.due, "not_working", note="szuka pracy")
        second = participations.enroll(s, pid, add_months(TODAY, -10), group_id=1)
        participations.end_period(s, second, add_months(TODAY, -2), "completed")
    page = ParticipantsPage(ops)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.open(participant_id=pid)
    form = page.dialog
    tab = form.outcomes
    assert tab is not None
    form.tabs.setCurrentWidget(tab)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.followups)
    model = tab.model
    assert model.rowCount() == 2
    assert [model.index(r, 2).data() for r in range(2)] == ["umowa o pracę", "nieznany"]
    # the newest period is selected: its 3-month contact is due, the 6-month one not yet
    history = tab.followups
    assert [history.index(r, 3).data() for r in range(2)] == ["do wykonania", "do wykonania"]
    tab.table.selectRow(0)
    assert history.index(0, 3).data() == "nie pracuje"
    assert history.index(0, 5).data() == "szuka pracy"
    _shot(form, "card_outcomes.png")

    tab.table.selectRow(1)
    tab.edit_outcome()
    dialog = tab.dialog
    assert isinstance(dialog, OutcomeDialog)
    dialog.kind.set_code("education")
    dialog.on.set_date(add_months(TODAY, -1))
    dialog.note.setText("kurs spawacza")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert tab.model.index(1, 2).data() == "dalsza nauka lub kurs"
    assert tab.model.index(1, 4).data() == "kurs spawacza"
