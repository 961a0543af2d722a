"""The participants page and the participant form, driven as a user would (pytest-qt)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from kisdesk.db import Database
from kisdesk.services import activities, attendance, groups, participants, participations
from kisdesk.services.participants import ParticipantData
from kisdesk.ui.dialogs.participant_form import TAB_PERIODS, ParticipantDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.participants import ParticipantsPage
from tests.pesel import make_pesel
from tests.ui.keyboard import type_text

TODAY = dt.date.today()
FIRST_OF_MONTH = TODAY.replace(day=1)


def group_id(db: Database) -> int:
    with db.read() as s:
        return groups.list_groups(s)[0].id


def add_person(
    db: Database, first: str, last: str, birth: dt.date, sex: str = "M", start: dt.date = None
) -> tuple[int, str]:
    pesel = make_pesel(birth, serial=birth.day * 7 % 1000, sex=sex)
    with db.session() as s:
        pid = participants.add_participant(
            s, ParticipantData(first_name=first, last_name=last, pesel=pesel)
        )
        participations.enroll(s, pid, start or FIRST_OF_MONTH, group_id=group_id(db))
    return pid, pesel


def count_people(db: Database) -> int:
    with db.read() as s:
        return len(participants.list_participants(s))


@pytest.fixture
def page(ops: Ops, qtbot) -> ParticipantsPage:  # type: ignore[no-untyped-def]
    widget = ParticipantsPage(ops)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    return widget


def new_form(page: ParticipantsPage) -> ParticipantDialog:
    page.new_item()
    assert page.dialog is not None and page.dialog.isVisible()
    return page.dialog


def test_list_masks_pesel_searches_as_you_type_and_shows_hours(kis, page, qtmodeltester, qtbot):
    pid, pesel = add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14))
    add_person(kis, "Anna", "Kowalska", dt.date(1975, 3, 2), sex="K")
    day = FIRST_OF_MONTH if FIRST_OF_MONTH <= TODAY else TODAY
    with kis.session() as s:
        act = activities.add_activity(
            s,
            activities.ActivityData(
                date=day,
                start_time=dt.time(9, 0),
                end_time=dt.time(12, 0),
                kind="group",
                topic="Trening asertywności",
                group_id=group_id(kis),
            ),
        )
        attendance.set_mark(s, act, pid, "present")
    page.refresh()
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    assert page.proxy.rowCount() == 2
    texts = {
        page.proxy.index(r, 0).data(): [page.proxy.index(r, c).data() for c in range(6)]
        for r in range(2)
    }
    nowak = texts["Nowak Tomasz"]
    assert nowak[1] == "•••••••" + pesel[-4:]
    assert nowak[2] == "Grupa poniedziałkowa"
    assert nowak[3] == FIRST_OF_MONTH.strftime("%d.%m.%Y")
    assert nowak[4].startswith("4,00 / ")  # 180 min = 4 didactic hours
    assert nowak[5] == "uczestniczy"
    qtbot.keyClicks(page.search, "kowal")
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, 0).data() == "Kowalska Anna"
    page.search.clear()
    qtbot.keyClicks(page.search, pesel[3:9])  # a PESEL fragment, though the list masks it
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, 0).data() == "Nowak Tomasz"
    assert page.count.text() == "1 z 2 osoby"


def test_enter_and_open_show_the_persons_form(kis, page, qtbot):
    pid, _ = add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14))
    page.refresh()
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.dialog is not None and page.dialog.participant_id == pid
    assert page.dialog.header.text() == "Tomasz Nowak"
    page.dialog.reject()
    page.open(participant_id=pid, tab=TAB_PERIODS)
    assert page.dialog.tabs.currentIndex() == TAB_PERIODS


def test_typed_pesel_fills_birth_date_and_sex(page, qtbot):
    form = new_form(page)
    pesel = make_pesel(dt.date(1984, 7, 9), serial=51, sex="K")
    qtbot.keyClicks(form.personal.pesel.line, pesel)
    assert form.personal.birth_date.date() == dt.date(1984, 7, 9)
    assert form.personal.sex.code() == "K"
    assert not form.personal.birth_date.isEnabled()  # it follows from the PESEL
    assert "09.07.1984" in form.personal.pesel.message.text()


def test_bad_pesel_is_flagged_at_once_and_nothing_is_saved(kis, page, qtbot):
    form = new_form(page)
    good = make_pesel(dt.date(1984, 7, 9), serial=51, sex="K")
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    qtbot.keyClicks(form.personal.editors["first_name"], "Ewa")
    type_text(qtbot, form.personal.editors["last_name"], "Zając")
    qtbot.keyClicks(form.personal.pesel.line, bad)
    message = form.personal.pesel.message
    assert message.isVisible() and "cyfrę kontrolną" in message.text()
    form.ok_button.click()
    assert count_people(kis) == 0
    assert form.isVisible()
    assert "cyfrę kontrolną" in message.text()


def test_pesel_that_lost_its_leading_zero_offers_the_correction(page, qtbot):
    form = new_form(page)
    pesel = make_pesel(dt.date(2003, 2, 11), serial=75, sex="M")  # starts with 0
    assert pesel.startswith("0")
    qtbot.keyClicks(form.personal.pesel.line, pesel[1:])
    form.personal.pesel.line.editingFinished.emit()
    assert "Excel" in form.personal.pesel.message.text()
    assert form.personal.pesel.fix.isVisibleTo(form)
    form.personal.pesel.fix.click()
    assert form.personal.pesel.text() == pesel
    assert form.personal.birth_date.date() == dt.date(2003, 2, 11)


def test_new_person_and_first_period_are_saved_in_one_go(kis, page, qtbot):
    form = new_form(page)
    qtbot.keyClicks(form.personal.editors["first_name"], "Tomasz")
    type_text(qtbot, form.personal.editors["last_name"], "Wiśniewski")
    qtbot.keyClicks(form.personal.pesel.line, make_pesel(dt.date(1979, 11, 3), 12, "M"))
    start = TODAY - dt.timedelta(days=3)
    form.personal.start_on.set_date(start)
    form.referral.editors["referral_source"].set_code("ops")
    # the art. 1 ust. 3 statement: a KIS accepts the renta z tytułu niezdolności (ust. 3a)
    form.referral.entitlement_boxes["disability_pension"].setChecked(True)
    form.categories.boxes[5].setChecked(True)
    form.ok_button.click()
    assert not form.isVisible()
    with kis.read() as s:
        rows = participants.list_participants(s)
        assert [r.full_name for r in rows] == ["Tomasz Wiśniewski"]
        data = participants.get_participant(s, rows[0].id)
        periods = participations.periods_of(s, rows[0].id)
    assert data.birth_date == dt.date(1979, 11, 3) and data.sex == "M"
    assert data.referral_source == "ops" and data.kind == "art1"
    # the period has no kontrakt socjalny yet: flagged (art. 18 ust. 4)
    assert periods[0].contract_missing and periods[0].contract_number is None
    assert data.categories == (5,)
    assert [(p.start_on, p.group) for p in periods] == [(start, "Grupa poniedziałkowa")]
    assert page.model.rowCount() == 1  # the list refreshed itself


def test_a_bad_first_period_saves_neither_person_nor_period(kis, page, qtbot):
    form = new_form(page)
    qtbot.keyClicks(form.personal.editors["first_name"], "Jan")
    qtbot.keyClicks(form.personal.editors["last_name"], "Mazur")
    qtbot.keyClicks(form.personal.pesel.line, make_pesel(dt.date(1970, 1, 5), 3, "M"))
    form.personal.planned_end.set_date(TODAY - dt.timedelta(days=30))  # before the start
    form.ok_button.click()
    assert count_people(kis) == 0
    assert "Planowana data zakończenia" in form.personal.messages["planned_end_on"].text()


def test_missing_last_name_is_shown_next_to_the_field(kis, page, qtbot):
    form = new_form(page)
    qtbot.keyClicks(form.personal.editors["first_name"], "Jan")
    form.personal.birth_date.set_date(dt.date(1990, 4, 4))
    form.personal.sex.set_code("M")
    form.ok_button.click()
    assert form.personal.messages["last_name"].text() == "Podaj nazwisko uczestnika."
    assert count_people(kis) == 0


def test_duplicate_pesel_offers_the_existing_record(kis, page, qtbot):
    pid, pesel = add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14))
    page.refresh()
    form = new_form(page)
    qtbot.keyClicks(form.personal.editors["first_name"], "Tomek")
    qtbot.keyClicks(form.personal.editors["last_name"], "Nowak")
    qtbot.keyClicks(form.personal.pesel.line, pesel)
    assert form.duplicate.isVisible()
    assert "Tomasz Nowak" in form.duplicate_text.text()
    form.ok_button.click()  # the service refuses a second record too
    assert count_people(kis) == 1
    assert "jest już w ewidencji" in form.personal.pesel.message.text()
    form.open_existing_button.click()
    assert not form.isVisible()
    assert page.dialog is not form and page.dialog.participant_id == pid
    assert page.dialog.tabs.currentIndex() == TAB_PERIODS


def test_person_without_pesel_needs_birth_date_and_sex(kis, page, qtbot):
    form = new_form(page)
    qtbot.keyClicks(form.personal.editors["first_name"], "Olena")
    qtbot.keyClicks(form.personal.editors["last_name"], "Shevchenko")
    assert form.personal.no_pesel_hint.isVisible()
    form.ok_button.click()
    assert "datę urodzenia" in form.personal.messages["birth_date"].text()
    form.personal.birth_date.set_date(dt.date(1991, 8, 30))
    form.personal.sex.set_code("K")
    form.ok_button.click()
    assert "dokument tożsamości" in form.personal.messages["id_document"].text()
    assert count_people(kis) == 0
    form.personal.editors["id_document"].setText("paszport FA1234567")
    form.ok_button.click()
    assert count_people(kis) == 1


def test_a_date_that_does_not_exist_is_refused_at_its_field(kis, page, qtbot):
    form = new_form(page)
    qtbot.keyClicks(form.personal.editors["first_name"], "Jan")
    qtbot.keyClicks(form.personal.editors["last_name"], "Mazur")
    qtbot.keyClicks(form.personal.pesel.line, make_pesel(dt.date(1970, 1, 5), 3, "M"))
    qtbot.keyClicks(form.personal.planned_end.edit.line, "31.02.2027")
    form.ok_button.click()
    assert "To nie jest poprawna data" in form.personal.messages["planned_end_on"].text()
    assert count_people(kis) == 0
    form.personal.planned_end.set_date(None)
    form.personal.start_on.set_date(None)  # the start is required
    form.ok_button.click()
    assert form.personal.messages["start_on"].text() == "Podaj datę, np. 15.03.2027."
    assert count_people(kis) == 0
