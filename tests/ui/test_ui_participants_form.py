"""The participant form of a person on file: periods, edits, hours, documents, roles."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QToolButton

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.models import IssuedDocument
from kisdesk.services import activities, attendance, groups, participants, participations
from kisdesk.services.participants import ParticipantData
from kisdesk.ui.dialogs.participant_form import ParticipantDialog
from kisdesk.ui.dialogs.period_dialog import EndPeriodDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.participants import ParticipantsPage
from tests.pesel import make_pesel
from tests.ui.shots import keep

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
    # the IPZS belongs to the period (docs/domain.md#kontrakt-ipzs), opened from the periods tab
    assert form.periods.contract_button.text() == "IPZS…"
    model = form.periods.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert model.index(0, headers.index("IPZS")).data() == "brak – wymagany"
    assert "Koniec okresu próbnego" in headers and "Najpóźniejszy koniec" in headers
    trial = headers.index("Koniec okresu próbnego")
    assert (
        model.index(0, trial).data() == "01.04.2026"
    )  # one month of trial (docs/domain.md#cis-periods)


def test_after_ending_the_card_only_closes_and_says_zakonczyla(kis, page, qtbot):
    start = TODAY - dt.timedelta(days=60)
    pid, _ = add_person(kis, "Anna", "Lis", dt.date(1982, 3, 11), sex="K", start=start)
    page.refresh()
    page.open(participant_id=pid)
    card = page.dialog
    assert card.ok_button.isVisible() and card.cancel_button.text() == "Anuluj"
    card.periods.end_selected()
    dialog = card.periods.dialog
    dialog.end_on.set_date(TODAY - dt.timedelta(days=1))
    dialog.reason.set_code("resigned")
    dialog.buttons.accepted.emit()
    # The ending is saved: nothing left to save or cancel.
    assert not card.ok_button.isVisible()
    assert card.cancel_button.text() == "Zamknij"
    assert card.subheader.text().startswith("zakończyła ")
    keep(card, "keys", "card_after_ending")
    # Editing a field brings saving back.
    qtbot.keyClicks(card.personal.editors["phone"], "600100200")
    assert card.ok_button.isVisible() and card.cancel_button.text() == "Anuluj"
    card.dirty = False
    qtbot.mouseClick(card.cancel_button, Qt.MouseButton.LeftButton)
    assert not card.isVisible()


def _end_by_keys(page, pid, qtbot, untick: bool = False):  # type: ignore[no-untyped-def]
    """The card's periods tab, "Zakończ uczestnictwo…" clicked, the reason chosen with ↓,
    (Space on the certificate box to untick it), Ctrl+Enter."""
    from kisdesk.ui.dialogs.certificate import CertificateDialog

    page.open(participant_id=pid)
    tab = page.dialog.periods
    page.dialog.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
    ending = tab.dialog
    assert isinstance(ending, EndPeriodDialog)
    ending.activateWindow()
    qtbot.waitUntil(ending.isActiveWindow)  # shortcuts reach the active window only
    assert ending.certificate_next.isVisible() and ending.certificate_next.isChecked()
    ending.reason.setFocus()
    qtbot.keyClick(ending.reason, Qt.Key.Key_Down)
    assert ending.reason.code() != ""
    if untick:
        ending.certificate_next.setFocus()
        qtbot.keyClick(ending.certificate_next, Qt.Key.Key_Space)
        assert not ending.certificate_next.isChecked()
    qtbot.keyClick(ending.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not ending.isVisible())
    with page.ops.db.read() as s:
        (period,) = participations.periods_of(s, pid)
    assert period.end_on == TODAY and period.end_reason == ending.reason.code()
    return tab, CertificateDialog


def test_ending_opens_its_certificate_as_the_next_step(kis, page, qtbot):
    pid, _ = add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14), start=TODAY.replace(day=1))
    tab, certificate_dialog = _end_by_keys(page, pid, qtbot)
    certificate = tab.dialog
    assert isinstance(certificate, certificate_dialog) and certificate.isVisible()
    assert certificate.kind.currentText() == "o zakończeniu uczestnictwa"
    assert certificate.issue_button.isEnabled()


def test_ending_without_the_certificate_when_unticked(kis, page, qtbot):
    pid, _ = add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14), start=TODAY.replace(day=1))
    tab, certificate_dialog = _end_by_keys(page, pid, qtbot, untick=True)
    assert not any(
        isinstance(w, certificate_dialog) and w.isVisible() for w in QApplication.topLevelWidgets()
    )
    assert tab.certificate_button.isEnabled()  # still there for later


def test_kadra_waiting_for_the_key_sees_the_health_categories_as_reserved(kis, ops, qtbot):
    """docs/threat-model.md §3.4: in an office with accounts the health categories are sealed;
    kadra with the grant but no key yet sees them as "zastrzeżone", not as absent."""
    from kisdesk.services import users

    pid, _ = add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14))
    with kis.session() as s:
        data = participants.get_participant(s, pid)
        fields = {f: getattr(data, f) for f in data.__dataclass_fields__}
        participants.update_participant(s, pid, ParticipantData(**{**fields, "categories": (2, 5)}))
        users.create_first_leader(s, "renata", "Renata Kowalczyk", "zielona herbata o poranku")
    kis.actor = Actor("Ewa", Role.STAFF, user_id=99)  # granted, but no key unwrapped
    form = ParticipantDialog(ops, pid)
    qtbot.addWidget(form)
    form.show()
    boxes = form.categories.boxes
    assert not boxes[2].isVisibleTo(form.categories)
    assert boxes[5].isVisibleTo(form.categories) and boxes[5].isChecked()
    note = form.categories.findChild(QLabel, "sensitiveNote")
    assert note is not None and "zastrzeżone" in note.text()
    form.tabs.setCurrentWidget(form.categories)
    keep(form, "crypt", "participant-categories-reserved")
    QApplication.processEvents()
