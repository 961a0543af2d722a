"""The Dokumenty page and the participant form do not offer what the services refuse
(docs/domain.md#office): kadra issues no documents (certificates, reprints, forms to the voivode), the
annual report is the leader's (it counts health categories, RODO art. 9), and a record with
restricted processing (art. 18) gets no new certificate. Each disabled button says why."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.services import rodo
from kisdesk.ui.dialogs.participant_history_tabs import PeriodsTab
from kisdesk.ui.dialogs.participant_rodo import HandedOverDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.documents_due import DueTab
from kisdesk.ui.pages.documents_forms import FormsTab
from kisdesk.ui.pages.documents_register import RegisterTab
from tests.ui.documents_seed import Office

KADRA = Actor("Ewa Psycholog", Role.STAFF, user_id=2)
ADMIN = Actor("Marek Nowak", Role.ADMIN, user_id=3)
LEADER = Actor("Renata Kowalczyk", Role.LEADER, user_id=1)


def _forms(kis: Database, ops: Ops, qtbot, actor: Actor) -> FormsTab:  # type: ignore[no-untyped-def]
    kis.actor = actor
    tab = FormsTab(ops, lambda *a, **k: None)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def _offered(tab: FormsTab, key: str) -> bool:
    assert tab.select(key)
    return tab.create_button.isEnabled()


def test_kadra_prints_working_papers_but_no_forms_to_the_voivode(
    shot, kis: Database, ops: Ops, office: Office, qtbot
) -> None:
    tab = _forms(kis, ops, qtbot, KADRA)
    for key in ("register", "closing", "annual-report"):
        assert not _offered(tab, key), key
        assert "kadra" in tab.create_button.toolTip()
        assert tab.refused.isVisibleTo(tab) and tab.refused.text() == tab.create_button.toolTip()
    tab.select("register")
    shot(tab, "documents_forms_kadra")
    for key in ("attendance-list", "day-list", "attendance-sheet", "journal", "counselling-card"):
        assert _offered(tab, key), key
        assert not tab.refused.isVisibleTo(tab)


def test_the_annual_report_is_the_leaders(kis: Database, ops: Ops, office: Office, qtbot) -> None:
    tab = _forms(kis, ops, qtbot, ADMIN)
    assert _offered(tab, "register")  # administracja sends the forms
    assert not _offered(tab, "annual-report")
    assert "zdrowotnych" in tab.create_button.toolTip()
    tab = _forms(kis, ops, qtbot, LEADER)
    assert _offered(tab, "annual-report") and _offered(tab, "register")


def test_kadra_is_not_offered_certificates_or_reprints(
    kis: Database, ops: Ops, office: Office, qtbot
) -> None:
    kis.actor = KADRA
    due = DueTab(ops)
    qtbot.addWidget(due)
    due.refresh()
    assert due.model.rowCount() > 0  # certificates are due: the list is there to read
    assert not due.issue_button.isEnabled() and not due.all_button.isEnabled()
    assert "kadra" in due.issue_button.toolTip() and "kadra" in due.message.text()
    due.issue_selected()  # Enter or Ctrl+N: no dialog, the reason instead
    assert due.dialog is None
    register = RegisterTab(ops, lambda *a, **k: None)
    qtbot.addWidget(register)
    register.refresh()
    for button in (register.reprint_button, register.duplicate_button, register.cancel_button):
        assert not button.isEnabled() and "kadra" in button.toolTip()


def _periods(kis: Database, ops: Ops, qtbot, actor: Actor, person: int) -> PeriodsTab:  # type: ignore[no-untyped-def]
    kis.actor = actor
    tab = PeriodsTab(ops, person, cis=False, programme_months=3, may_edit=True)
    qtbot.addWidget(tab)
    return tab


def test_the_certificate_button_of_the_participant_form(
    kis: Database, ops: Ops, office: Office, qtbot
) -> None:
    assert _periods(kis, ops, qtbot, LEADER, office.jan).certificate_button.isEnabled()
    button = _periods(kis, ops, qtbot, KADRA, office.jan).certificate_button
    assert not button.isEnabled() and "kadra" in button.toolTip()
    with kis.session(actor=LEADER) as s:
        rodo.restrict(s, office.jan, "Osoba kwestionuje prawidłowość danych")
    button = _periods(kis, ops, qtbot, LEADER, office.jan).certificate_button
    assert not button.isEnabled() and "art. 18 RODO" in button.toolTip()


@pytest.mark.parametrize("ahead", [1, 400])
def test_the_hand_over_date_hint_gives_a_past_example(qtbot, ahead: int) -> None:  # type: ignore[no-untyped-def]
    dialog = HandedOverDialog("Tomasz Wierzbicki")
    qtbot.addWidget(dialog)
    dialog.day.setDate(dt.date.today() + dt.timedelta(days=ahead))
    dialog._check()
    found = re.search(r"np\. (\d\d)\.(\d\d)\.(\d{4})", dialog.message.text())
    assert found is not None
    day, month, year = (int(x) for x in found.groups())
    assert dt.date(year, month, day) <= dt.date.today()
