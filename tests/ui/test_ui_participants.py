"""The participants page and the participant form, driven as a user would (pytest-qt)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import make_pesel
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QGroupBox, QToolButton

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.models import IssuedDocument
from kisdesk.services import activities, attendance, groups, participants, participations
from kisdesk.services.participants import ParticipantData
from kisdesk.ui.dialogs.participant_form import TAB_PERIODS, ParticipantDialog
from kisdesk.ui.dialogs.period_dialog import EndPeriodDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.participants import ParticipantsPage

TODAY = dt.date.today()
FIRST_OF_MONTH = TODAY.replace(day=1)


@pytest.fixture
def ops(kis: Database, monkeypatch: pytest.MonkeyPatch) -> Ops:
    monkeypatch.setattr(Ops, "inline", True)
    return Ops(kis)


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


def type_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Types like a keyboard, Polish letters included (QTest.keyClicks only knows ASCII)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget,
                    QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char),
                )


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
    form.referral.editors["contract_number"].setText("KS/12/2026")
    form.categories.boxes[5].setChecked(True)
    form.ok_button.click()
    assert not form.isVisible()
    with kis.read() as s:
        rows = participants.list_participants(s)
        assert [r.full_name for r in rows] == ["Tomasz Wiśniewski"]
        data = participants.get_participant(s, rows[0].id)
        periods = participations.periods_of(s, rows[0].id)
    assert data.birth_date == dt.date(1979, 11, 3) and data.sex == "M"
    assert data.referral_source == "ops" and data.contract_number == "KS/12/2026"
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


def test_ending_a_period_with_a_reason(kis, page, qtbot):
    pid, _ = add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14), start=TODAY.replace(day=1))
    page.refresh()
    page.open(participant_id=pid)
    periods_tab = page.dialog.periods
    periods_tab.end_selected()
    dialog = periods_tab.dialog
    assert isinstance(dialog, EndPeriodDialog)
    dialog.buttons.accepted.emit()  # no reason chosen yet: refused
    assert "Wybierz przyczynę" in dialog.error.text()
    dialog.end_on.set_date(TODAY)
    dialog.reason.set_code("employment")
    dialog.note.setText("Zakład Stolarski Las")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    with kis.read() as s:
        (period,) = participations.periods_of(s, pid)
    assert (period.end_on, period.end_reason, period.end_note) == (
        TODAY,
        "employment",
        "Zakład Stolarski Las",
    )
    assert periods_tab.model.index(0, 3).data() == "podjęcie zatrudnienia"
    assert not periods_tab.end_button.isEnabled()


def test_new_period_for_a_returning_person(kis, page, qtbot):
    start = TODAY - dt.timedelta(days=400)
    pid, _ = add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14), start=start)
    with kis.session() as s:
        period_id = participations.open_period_id(s, pid)
        participations.end_period(s, period_id, start + dt.timedelta(days=200), "resigned")
    page.open(participant_id=pid)
    tab = page.dialog.periods
    tab.new_period()
    tab.dialog.start_on.set_date(TODAY)
    tab.dialog.buttons.accepted.emit()
    with kis.read() as s:
        periods = participations.periods_of(s, pid)
    assert [p.start_on for p in periods] == [start, TODAY]
    assert tab.model.rowCount() == 2


def test_edit_made_meanwhile_is_refused_in_polish(kis, page, qtbot):
    pid, _ = add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14))
    page.open(participant_id=pid)
    form = page.dialog
    with kis.session() as s:  # someone else saves first
        data = participants.get_participant(s, pid)
        participants.update_participant(
            s,
            pid,
            data.__class__(
                **{**{f: getattr(data, f) for f in data.__dataclass_fields__}, "phone": "600100200"}
            ),
        )
    form.personal.editors["phone"].setText("500000000")
    form.ok_button.click()
    assert "zmienił ten zapis w międzyczasie" in form.error.text()
    with kis.read() as s:
        assert participants.get_participant(s, pid).phone == "600100200"


def test_edit_saves_and_ctrl_s_keeps_the_form_open(kis, page, qtbot):
    pid, _ = add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14))
    page.open(participant_id=pid)
    form = page.dialog
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    phone = form.personal.editors["phone"]
    phone.setFocus()
    qtbot.keyClicks(phone, "600700800")
    assert form.dirty
    rodo = form.referral.editors["rodo_clause_given_on"]
    [today_button] = [b for b in rodo.findChildren(QToolButton) if b.text() == "dziś"]
    today_button.click()
    qtbot.keyClick(phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible() and not form.dirty
    with kis.read() as s:
        data = participants.get_participant(s, pid)
    assert data.phone == "600700800" and data.rodo_clause_given_on == TODAY


def test_escape_with_unsaved_changes_asks_first(kis, page, qtbot, monkeypatch):
    pid, _ = add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14))
    page.open(participant_id=pid)
    form = page.dialog
    qtbot.keyClicks(form.personal.editors["city"], "Zawonia")
    asked = []
    monkeypatch.setattr(form, "ask_unsaved", lambda: asked.append(1) or "cancel")
    qtbot.keyClick(form.personal.editors["city"], Qt.Key.Key_Escape)
    assert asked and form.isVisible()
    monkeypatch.setattr(form, "ask_unsaved", lambda: "discard")
    qtbot.keyClick(form.personal.editors["city"], Qt.Key.Key_Escape)
    assert not form.isVisible()
    with kis.read() as s:
        assert participants.get_participant(s, pid).city == ""


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


def test_hours_and_documents_tabs(kis, page, qtmodeltester):
    pid, _ = add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14), start=FIRST_OF_MONTH)
    with kis.session() as s:
        s.add(
            IssuedDocument(
                kind="ending_certificate",
                series="ZAK",
                year=TODAY.year,
                seq=1,
                number=f"1/{TODAY.year}",
                participant_id=pid,
                issued_on=TODAY,
                issued_by="Renata Kowalczyk",
            )
        )
        group = groups.list_groups(s)[0].id
        for start, mark, minutes in ((9, "present", None), (13, "partial", 90)):
            act = activities.add_activity(
                s,
                activities.ActivityData(
                    date=FIRST_OF_MONTH,
                    start_time=dt.time(start, 0),
                    end_time=dt.time(start + 3, 0),
                    kind="group",
                    topic="Zajęcia",
                    group_id=group,
                ),
            )
            attendance.set_mark(s, act, pid, mark, minutes)
    page.open(participant_id=pid)
    form = page.dialog
    for model in (form.periods.model, form.hours.model, form.documents.model):
        qtmodeltester.check(model)
    hours = form.hours.model
    assert hours.rowCount() == 1
    assert hours.index(0, 0).data().endswith(str(TODAY.year))
    assert hours.index(0, 1).data() == "O 1 · C 1"
    assert hours.index(0, 2).data() == "6,00"  # 180 + 90 min in 45-minute hours
    docs = form.documents.model
    assert docs.index(0, 0).data() == f"1/{TODAY.year}"
    assert docs.index(0, 1).data() == "zaświadczenie o zakończeniu uczestnictwa"
    assert docs.index(0, 4).data() == "nie"


def test_health_categories_are_hidden_from_the_administrative_worker(kis, ops, qtbot):
    pid, _ = add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14))
    with kis.session() as s:
        data = participants.get_participant(s, pid)
        fields = {f: getattr(data, f) for f in data.__dataclass_fields__}
        participants.update_participant(s, pid, ParticipantData(**{**fields, "categories": (2, 5)}))
    kis.actor = Actor("Marek", Role.ADMIN)
    form = ParticipantDialog(ops, pid)
    qtbot.addWidget(form)
    form.show()
    boxes = form.categories.boxes
    assert not boxes[2].isVisibleTo(form.categories)
    assert boxes[5].isVisibleTo(form.categories) and boxes[5].isChecked()
    assert not form.ok_button.isEnabled()  # the role cannot edit participants
    QApplication.processEvents()


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


def test_cis_form_shows_ipzs_and_the_trial_period(db, qtbot, monkeypatch):
    from kisdesk.services import office

    monkeypatch.setattr(Ops, "inline", True)
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="cis",
                name="Centrum Integracji Społecznej w Zawoni",
                operator=office.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
                city="Zawonia",
                head_name="Renata Kowalczyk",
            ),
        )
        groups.add_group(s, "Warsztat gospodarczy")
    pid, _ = add_person(db, "Tomasz", "Nowak", dt.date(1980, 5, 14), start=dt.date(2026, 3, 2))
    form = ParticipantDialog(Ops(db), pid)
    qtbot.addWidget(form)
    titles = [b.title() for b in form.referral.findChildren(QGroupBox)]
    assert "Indywidualny program zatrudnienia socjalnego (IPZS)" in titles
    model = form.periods.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Koniec okresu próbnego" in headers and "Najpóźniejszy koniec" in headers
    trial = headers.index("Koniec okresu próbnego")
    assert model.index(0, trial).data() == "01.04.2026"  # one month of trial (SPEC §4.5)
