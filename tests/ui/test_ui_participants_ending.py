"""Ending a participation straight from the participants list: Ctrl+F, a few letters, Ctrl+E,
the date and the reason, Ctrl+Enter, then Enter issues the certificate of ending."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.services import documents, groups, participants, participations, rodo
from kisdesk.services.participants import ParticipantData
from kisdesk.ui.dialogs.certificate import CertificateDialog
from kisdesk.ui.dialogs.period_dialog import EndPeriodDialog
from kisdesk.ui.main_window import MainWindow
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.participants import ParticipantsPage
from tests.pesel import make_pesel
from tests.ui.documents_seed import Desk, pdf_text
from tests.ui.keyboard import active, type_text

TODAY = dt.date.today()
YESTERDAY = TODAY - dt.timedelta(days=1)
START = (TODAY.replace(day=1) - dt.timedelta(days=1)).replace(day=1)  # last month's first
CTRL = Qt.KeyboardModifier.ControlModifier


def add_person(db: Database, first: str, last: str, birth: dt.date, sex: str = "M") -> int:
    with db.session() as s:
        gid = groups.list_groups(s)[0].id
        pid = participants.add_participant(
            s,
            ParticipantData(first_name=first, last_name=last, pesel=make_pesel(birth, 31, sex)),
        )
        participations.enroll(s, pid, START, group_id=gid)
    return pid


def periods(db: Database, pid: int) -> list[participations.PeriodRow]:
    with db.read() as s:
        return participations.periods_of(s, pid)


def register(db: Database) -> list[Any]:
    with db.read() as s:
        return documents.list_documents(s)


@pytest.fixture
def people(kis: Database) -> dict[str, int]:
    return {
        "Kowalska": add_person(kis, "Anna", "Kowalska", dt.date(1975, 3, 2), "K"),
        "Nowak": add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14)),
        "Nowakowski": add_person(kis, "Jan", "Nowakowski", dt.date(1969, 11, 23)),
    }


@pytest.fixture
def page(ops: Ops, people: dict[str, int], qtbot: Any) -> ParticipantsPage:
    widget = ParticipantsPage(ops)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    widget.refresh()
    active(qtbot, widget)
    return widget


def press_ctrl_e(page: ParticipantsPage, qtbot: Any) -> None:
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_E, CTRL)


def test_search_then_ctrl_e_ends_the_first_match_and_enter_issues_its_certificate(
    kis: Database, ops: Ops, people: dict[str, int], desk: Desk, qtbot: Any
) -> None:
    window = MainWindow(ops)
    qtbot.addWidget(window)
    window.resize(1400, 800)
    window.show()
    active(qtbot, window)
    window.navigate("participants")
    page = window.page("participants")
    assert isinstance(page, ParticipantsPage)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 3)

    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "nowak")  # Nowak Tomasz first, then Nowakowski Jan
    assert page.proxy.rowCount() == 2
    qtbot.keyClick(page.search, Qt.Key.Key_E, CTRL)  # no ↓ first: the first match

    ending = page.ending
    assert isinstance(ending, EndPeriodDialog) and ending.isVisible()
    active(qtbot, ending)
    assert ending.period.participant_id == people["Nowak"]
    assert ending.windowTitle() == "Zakończenie uczestnictwa – Tomasz Nowak"  # whose, said
    assert ending.end_on.date() == TODAY  # today is offered
    assert ending.certificate_next.isVisible() and ending.certificate_next.isChecked()
    # the reason list keeps its order: the prompt first, then the act's reasons
    assert [ending.reason.itemText(i) for i in range(ending.reason.count())] == [
        "— wybierz przyczynę —",
        "ukończenie",
        "podjęcie zatrudnienia",
        "założenie lub przystąpienie do spółdzielni socjalnej",
        "podjęcie działalności gospodarczej",
        "rezygnacja uczestnika",
        "skreślenie (decyzja kierownika)",
        "przejście do CIS",
        "inne",
    ]
    # the cursor waits in the date with the date selected: the day typed replaces it
    assert ending.end_on.edit.line.hasFocus() and ending.end_on.edit.line.hasSelectedText()
    qtbot.keyClicks(ending.end_on.edit.line, f"{YESTERDAY:%d.%m.%Y}")
    qtbot.keyClick(ending.end_on.edit.line, Qt.Key.Key_Tab)
    assert ending.reason.hasFocus()
    qtbot.keyClicks(ending.reason, "p")  # "podjęcie zatrudnienia"
    assert ending.reason.code() == "employment"
    qtbot.keyClick(ending.reason, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not ending.isVisible())

    (period,) = periods(kis, people["Nowak"])
    assert (period.end_on, period.end_reason) == (YESTERDAY, "employment")
    assert periods(kis, people["Nowakowski"])[0].end_on is None  # the second match untouched

    certificate = page.ending
    assert isinstance(certificate, CertificateDialog) and certificate.isVisible()
    assert certificate.info.participant_id == people["Nowak"]
    assert certificate.issue_button.text() == "Wystaw…"
    assert certificate.issue_button.isDefault()
    active(qtbot, certificate)
    assert certificate.issue_button.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter: Wystaw

    qtbot.waitUntil(lambda: not certificate.isVisible())
    (issued,) = register(kis)
    assert issued.kind == "ending_certificate" and issued.number == f"1/{TODAY.year}"
    assert "Tomasz Nowak" in pdf_text(desk.saved[-1])
    # the keyboard is back on the list, on the same person
    active(qtbot, window)
    qtbot.waitUntil(page.table.hasFocus)
    assert page.selected_id() == people["Nowak"]
    assert page.ending is None


def test_someone_without_a_running_period_is_told_so_and_nothing_opens(
    kis: Database, page: ParticipantsPage, people: dict[str, int], desk: Desk, qtbot: Any
) -> None:
    pid = people["Kowalska"]
    with kis.session() as s:
        participations.end_period(s, participations.open_period_id(s, pid), TODAY, "resigned")
    assert page.select_participant(pid)
    press_ctrl_e(page, qtbot)
    assert page.ending is None
    assert not any(isinstance(w, EndPeriodDialog) for w in QApplication.topLevelWidgets())
    assert desk.messages == [
        "Anna Kowalska nie ma trwającego okresu uczestnictwa – ostatni zakończył się "
        f"{TODAY:%d.%m.%Y}. Nie ma czego kończyć; nowy okres dodaje się na karcie "
        "uczestnika, w zakładce „Okresy uczestnictwa”."
    ]
    (period,) = periods(kis, pid)
    assert (period.end_on, period.end_reason) == (TODAY, "resigned")  # as it was
    assert register(kis) == []


def test_a_restricted_record_is_not_ended_from_the_list(
    kis: Database, page: ParticipantsPage, people: dict[str, int], desk: Desk, qtbot: Any
) -> None:
    pid = people["Nowak"]
    with kis.session() as s:
        rodo.restrict(s, pid, "Osoba kwestionuje prawidłowość danych")
    assert page.select_participant(pid)
    qtbot.mouseClick(page.end_button, Qt.MouseButton.LeftButton)
    assert page.ending is None
    assert len(desk.messages) == 1 and "ograniczone (art. 18 RODO)" in desk.messages[0]
    assert "Tomasz Nowak" in desk.messages[0]
    assert periods(kis, pid)[0].end_on is None


def test_the_administrative_worker_may_not_end_a_participation(
    kis: Database, ops: Ops, people: dict[str, int], desk: Desk, qtbot: Any
) -> None:
    kis.actor = Actor("Marek", Role.ADMIN)
    page = ParticipantsPage(ops)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    active(qtbot, page)
    assert not page.end_button.isEnabled()
    assert "nie pozwala kończyć uczestnictwa" in page.end_button.toolTip()
    assert page.select_participant(people["Nowak"])
    press_ctrl_e(page, qtbot)  # the key is answered, not dropped silently
    assert page.ending is None
    assert desk.messages == [
        "Twoja rola (administracja) nie pozwala kończyć uczestnictwa – robi to kierownik "
        "albo kadra."
    ]
    assert all(periods(kis, pid)[0].end_on is None for pid in people.values())


def test_kadra_ends_the_period_but_is_not_offered_the_certificate(
    kis: Database, ops: Ops, people: dict[str, int], desk: Desk, qtbot: Any
) -> None:
    """Kadra may change participants but not issue documents (docs/domain.md#office)."""
    kis.actor = Actor("Ewa", Role.STAFF)
    page = ParticipantsPage(ops)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    active(qtbot, page)
    assert page.select_participant(people["Kowalska"])
    press_ctrl_e(page, qtbot)
    ending = page.ending
    assert isinstance(ending, EndPeriodDialog)
    assert not ending.certificate_next.isVisible() and not ending.certificate_next.isChecked()
    active(qtbot, ending)
    ending.reason.set_code("resigned")
    qtbot.keyClick(ending.reason, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not ending.isVisible())
    assert periods(kis, people["Kowalska"])[0].end_reason == "resigned"
    assert not any(
        isinstance(w, CertificateDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
    )
    assert register(kis) == []
    assert page.ending is None


def test_escape_leaves_the_period_running(
    kis: Database, page: ParticipantsPage, people: dict[str, int], qtbot: Any
) -> None:
    assert page.select_participant(people["Nowakowski"])
    press_ctrl_e(page, qtbot)
    ending = page.ending
    assert isinstance(ending, EndPeriodDialog)
    active(qtbot, ending)
    qtbot.keyClick(ending.end_on.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not ending.isVisible())
    assert periods(kis, people["Nowakowski"])[0].end_on is None
    assert page.ending is None
    active(qtbot, page)
    qtbot.waitUntil(page.table.hasFocus)  # back on the list, on the same person
    assert page.selected_id() == people["Nowakowski"]


def test_the_lists_menu_offers_the_ending(
    page: ParticipantsPage, people: dict[str, int], qtbot: Any
) -> None:
    row = next(
        r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data() == "Nowak Tomasz"
    )
    menu = page.list_menu(row)  # what a right click on the row shows
    assert [a.text() for a in menu.actions()] == [
        "Otwórz kartę…\tEnter",
        "Zakończ uczestnictwo…\tCtrl+E",
    ]
    menu.actions()[1].trigger()
    assert isinstance(page.ending, EndPeriodDialog)
    assert page.ending.period.participant_id == people["Nowak"]
    page.ending.reject()


def test_a_cis_certificate_waits_in_the_skills_and_ctrl_enter_issues_it(
    db: Database, monkeypatch: pytest.MonkeyPatch, desk: Desk, qtbot: Any
) -> None:
    """Art. 13 ust. 5a: a CIS certificate names the skills, so the cursor starts there (Enter
    is a new line in it) and Ctrl+Enter issues it; "Wystaw…" stays the default button."""
    from tests.unit.test_documents_fixtures import seed

    cis = seed(db, "cis")
    monkeypatch.setattr(Ops, "inline", True)
    dialog = CertificateDialog(Ops(db), cis.grzegorz_period, issued_on=dt.date(2027, 8, 2))
    qtbot.addWidget(dialog)
    dialog.show()
    active(qtbot, dialog)
    assert dialog.skills is not None and dialog.skills.hasFocus()
    assert dialog.issue_button.isDefault()
    qtbot.keyClicks(dialog.skills, "praca w zespole")
    qtbot.keyClick(dialog.skills, Qt.Key.Key_Return)
    type_text(qtbot, dialog.skills, "obsługa kosiarki")
    assert register(db) == []  # Enter was a new line, nothing issued
    qtbot.keyClick(dialog.skills, Qt.Key.Key_Return, CTRL)
    (issued,) = register(db)
    assert issued.kind == "ending_certificate"
    assert "obsługa kosiarki" in pdf_text(desk.saved[-1])


def test_the_search_field_leaves_the_pages_keys_to_the_page(qtbot: Any) -> None:
    """On Linux desktops a line edit claims Ctrl+E (the end of the line), which would keep
    the page's Ctrl+E from the search field; Ctrl+A stands in here for such a key, since the
    offscreen platform's line edit claims Ctrl+A everywhere."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    from kisdesk.ui.widgets.search import SearchField

    def claimed(field: SearchField, key: Qt.Key) -> bool:
        event = QKeyEvent(QEvent.Type.ShortcutOverride, key, CTRL)
        event.ignore()
        field.event(event)
        return event.isAccepted()

    field = SearchField()
    qtbot.addWidget(field)
    field.setText("nowak")
    assert claimed(field, Qt.Key.Key_A)  # a line edit takes Select all for itself
    field.leave_to_page("Ctrl+A")
    assert not claimed(field, Qt.Key.Key_A)  # now the page's shortcut gets it
