"""The Dokumenty page: certificates due, issuing one or all, the register, cancelling."""

from __future__ import annotations

import datetime as dt
import gc

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QLabel, QWidget

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.services import documents
from kisdesk.services.documents_data import ENDING, GRADUATE
from kisdesk.ui import files
from kisdesk.ui.dialogs.certificate import CertificateDialog, issue_certificate_for
from kisdesk.ui.dialogs.certificate_cancel import CancelDocumentDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages import documents_due
from kisdesk.ui.pages.documents import DUE, FORMS, REGISTER, DocumentsPage
from kisdesk.ui.table_models.base import ROW_ROLE
from tests.ui.documents_seed import JAN, TODAY, ZOFIA, Desk, Office, pdf_text
from tests.ui.shots import keep

# the shared fixtures (a module of fixtures is not a conftest: they are named here)

YEAR = TODAY.year


@pytest.fixture
def page(ops: Ops, office: Office, qtbot) -> DocumentsPage:  # type: ignore[no-untyped-def]
    widget = DocumentsPage(ops)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.tabs.setCurrentIndex(DUE)
    widget.show()
    widget.refresh()
    return widget


def _register(db: Database) -> list[documents.IssuedRow]:
    with db.read() as s:
        return documents.list_documents(s)


def _due_rows(page: DocumentsPage) -> list[tuple[str, str]]:
    return [(r.name, r.kind) for r in page.due.model.rows()]


def test_due_list_shows_ended_periods_and_graduates(page, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    rows = _due_rows(page)
    zofia, jan = " ".join(ZOFIA), " ".join(JAN)
    assert sorted(rows) == sorted([(zofia, ENDING), (zofia, GRADUATE), (jan, ENDING)])
    assert "Do wydania: 3 zaświadczenia" in page.due.count.text()
    assert page.due.all_button.text() == "Wystaw wszystkie (3)…"
    qtmodeltester.check(page.due.model)


def test_issuing_from_the_due_list_numbers_saves_and_opens_the_pdf(
    kis: Database, page: DocumentsPage, office: Office, desk: Desk, qtbot
) -> None:  # type: ignore[no-untyped-def]
    page.due.table.setFocus()
    assert page.due.select(office.jan_period, ENDING)
    qtbot.keyClick(page.due.table, Qt.Key.Key_Return)
    dialog = page.due.dialog
    assert isinstance(dialog, CertificateDialog)
    assert dialog.current_kind() == ENDING
    assert dialog.issue_button.isEnabled()
    dialog.issue()

    register = _register(kis)
    assert [(r.number, r.person_name) for r in register] == [(f"1/{YEAR}", " ".join(JAN))]
    assert desk.asked == [f"Zaswiadczenie_1-{YEAR}_Kowalski_Jan.pdf"]
    assert desk.opened == desk.saved  # saved where chosen, then opened in the viewer
    text = desk.last_pdf_text()
    assert "Jan Kowalski" in text and f"1/{YEAR}" in text
    assert "rezygnacja" in text  # the end reason is printed
    # the list and the message follow at once
    assert (" ".join(JAN), ENDING) not in _due_rows(page)
    assert f"nr 1/{YEAR}" in page.due.message.text()


def test_cancelling_the_save_dialog_keeps_the_certificate_in_the_register(
    kis: Database, ops: Ops, office: Office, desk: Desk, qtbot
) -> None:  # type: ignore[no-untyped-def]
    desk.cancel_next = True
    dialog = CertificateDialog(ops, office.jan_period)
    qtbot.addWidget(dialog)
    dialog.issue()
    assert [r.number for r in _register(kis)] == [f"1/{YEAR}"]
    assert desk.opened == []
    assert not any(desk.folder.iterdir())
    # the PDF is still kept in the office's documents folder, and the dialog says where
    (kept,) = desk.kept
    assert dialog.saved_path == kept and kept.name == f"Zaswiadczenie_1-{YEAR}_Kowalski_Jan.pdf"
    assert f"1/{YEAR}" in pdf_text(kept)


def test_certificate_not_kept_nor_saved_says_where_to_print_it_later(
    kis: Database, ops: Ops, office: Office, desk: Desk, qtbot
) -> None:  # type: ignore[no-untyped-def]
    blocker = desk.folder.parent / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    files.set_documents_folder(blocker)  # the documents folder cannot be made
    desk.choice = "close"
    dialog = CertificateDialog(ops, office.jan_period)
    qtbot.addWidget(dialog)
    dialog.issue()
    assert [r.number for r in _register(kis)] == [f"1/{YEAR}"]
    assert desk.kept == [] and dialog.saved_path is None
    assert "folderze dokumentów" in desk.messages[0]
    assert "nie zapisano" in desk.messages[-1] and "Rejestr" in desk.messages[-1]


def test_graduate_refusal_is_explained_and_only_the_leader_may_override(
    kis: Database, ops: Ops, office: Office, desk: Desk, qtbot
) -> None:  # type: ignore[no-untyped-def]
    kis.actor = Actor("Marek Administracyjny", Role.ADMIN)
    admin = CertificateDialog(ops, office.jan_period, kind=GRADUATE)
    qtbot.addWidget(admin)
    admin.show()
    assert not admin.override_visible()
    assert not admin.issue_button.isEnabled()
    refusal = admin.status.text()
    assert "Nie można wydać zaświadczenia o uzyskaniu statusu absolwenta" in refusal
    assert "6 mies." in refusal and "tylko kierownik" in refusal

    kis.actor = Actor("Renata Kowalczyk", Role.LEADER)
    leader = CertificateDialog(ops, office.jan_period, kind=GRADUATE)
    qtbot.addWidget(leader)
    leader.show()
    assert leader.override_visible()
    assert "Brak statusu absolwenta" in leader.status.text()
    leader.issue()  # no justification yet: refused at the field, nothing written
    assert "uzasadnienie" in leader.override_message.text().lower()
    assert _register(kis) == []
    leader.override.setPlainText("Podjął pracę przed końcem programu; zgoda rady.")
    leader.issue()
    register = _register(kis)
    assert len(register) == 1 and register[0].kind == GRADUATE
    assert register[0].override_reason == "Podjął pracę przed końcem programu; zgoda rady."
    assert "Jan Kowalski" in desk.last_pdf_text()
    # Zofia: 8 months and her kontrakt carried out, but no certificate of ending yet
    # (art. 2 pkt 1b): the missing condition is named, with what to do
    other = CertificateDialog(ops, office.zofia_period, kind=GRADUATE)
    qtbot.addWidget(other)
    other.show()
    assert other.override_visible()
    assert "art. 2 pkt 1b" in other.status.text()
    assert "zaświadczenie o zakończeniu uczestnictwa – wystaw je najpierw" in other.status.text()
    assert "6 mies." not in other.status.text()  # the months are met: not listed as missing
    other.reject()
    with kis.session() as s:
        documents.issue_certificate(s, office.zofia_period, ENDING, dt.date.today())
    ready = CertificateDialog(ops, office.zofia_period, kind=GRADUATE)
    qtbot.addWidget(ready)
    ready.show()
    assert not ready.override_visible() and ready.issue_button.isEnabled()
    assert ready.status.text().startswith("Warunki statusu absolwenta (art. 2 pkt 1b) spełnione")
    assert "zrealizowany kontrakt socjalny" in ready.status.text()


def test_ending_certificate_of_a_running_period_is_refused_in_the_dialog(
    ops: Ops, office: Office, qtbot
) -> None:  # type: ignore[no-untyped-def]
    dialog = CertificateDialog(ops, office.ewa_period, kind=ENDING)
    qtbot.addWidget(dialog)
    assert not dialog.issue_button.isEnabled()
    assert "nie jest zakończone" in dialog.status.text()


def test_issue_certificate_for_opens_the_dialog_for_the_period(
    ops: Ops, office: Office, qtbot
) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    dialog = issue_certificate_for(host, ops, office.zofia_period)
    assert dialog.isVisible() and dialog.info.name == " ".join(ZOFIA)
    assert dialog.current_kind() == ENDING  # the period ended: the ending certificate first
    dialog.reject()


def test_bulk_issue_numbers_every_certificate_into_one_pdf(
    kis: Database, page: DocumentsPage, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[tuple[int, int, str]] = []
    asked: list[str] = []

    def confirm(_parent, _title, text, _yes):  # type: ignore[no-untyped-def]
        asked.append(text)
        return True

    monkeypatch.setattr(documents_due, "confirm", confirm)
    original = page.ops.run_background

    def recording(parent, fn, **kw):  # type: ignore[no-untyped-def]
        def with_steps(session, progress):  # type: ignore[no-untyped-def]
            return fn(session, lambda d, t, text: steps.append((d, t, text)))

        return original(parent, with_steps, **kw)

    monkeypatch.setattr(page.ops, "run_background", recording)
    page.due.all_button.click()

    assert "Wystawić 3 zaświadczenia" in asked[0]
    numbers = sorted(r.number for r in _register(kis))
    assert numbers == sorted(f"{n}/{YEAR}" for n in (1, 2, 3))
    assert desk.asked == [f"Zaswiadczenia_{TODAY.isoformat()}.pdf"]
    text = desk.last_pdf_text()
    assert text.count("ZAŚWIADCZENIE") == 3 and "Zofia Żółtowska-Nowak" in text
    # progress went forward to the end, naming people and then the PDF
    assert steps[-1][0] == steps[-1][1] == 100
    assert any("Jan Kowalski" in t for _d, _t, t in steps)
    assert [d for d, _t, _x in steps] == sorted(d for d, _t, _x in steps)
    assert page.due.model.rowCount() == 0 and page.due.empty.isVisible()
    assert f"1/{YEAR} – 3/{YEAR}" in page.due.message.text()


def test_bulk_issue_asks_first_and_writes_nothing_when_declined(
    kis: Database, page: DocumentsPage, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents_due, "confirm", lambda *a: False)
    page.due.all_button.click()
    assert _register(kis) == [] and desk.asked == []


def test_register_reprints_identically_and_as_duplicate_then_cancel_keeps_the_number(
    kis: Database, page: DocumentsPage, office: Office, desk: Desk, qtbot, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    dialog = CertificateDialog(page.ops, office.jan_period)
    qtbot.addWidget(dialog)
    dialog.issue()
    first_pdf = desk.last_pdf_text()
    page.tabs.setCurrentIndex(REGISTER)
    register = page.register
    assert [r.number for r in register.model.rows()] == [f"1/{YEAR}"]
    qtmodeltester.check(register.model)
    assert register.select_document(register.model.rows()[0].id)

    register.reprint_button.click()
    assert desk.last_pdf_text() == first_pdf  # the same document, from its snapshot
    register.duplicate_button.click()
    assert desk.asked[-1] == f"Zaswiadczenie_1-{YEAR}_Kowalski_Jan_DUPLIKAT.pdf"
    assert "DUPLIKAT" in desk.last_pdf_text()

    register.cancel_button.click()
    cancel = register.dialog
    assert isinstance(cancel, CancelDocumentDialog)
    labels = " ".join(label.text() for label in cancel.findChildren(QLabel))
    assert f"Numer 1/{YEAR} nie zostanie użyty ponownie" in labels
    cancel.confirm()  # no reason: refused
    assert "Podaj powód" in cancel.message.text()
    cancel.reason.setPlainText("Błędna data zakończenia")
    cancel.confirm()
    row = register.model.rows()[0]
    assert row.cancelled_at is not None and row.number == f"1/{YEAR}"
    assert "ANULOWANE: Błędna data zakończenia" in register.model.index(0, 5).data()
    assert not register.reprint_button.isEnabled()

    # a new certificate for the same period takes the next number, never the cancelled one
    again = CertificateDialog(page.ops, office.jan_period)
    qtbot.addWidget(again)
    again.issue()
    assert sorted(r.number for r in _register(kis)) == [f"1/{YEAR}", f"2/{YEAR}"]


def test_open_with_a_participation_selects_it_and_a_form_opens_druki(
    page: DocumentsPage, office: Office
) -> None:
    page.tabs.setCurrentIndex(REGISTER)
    page.open(participation_id=office.jan_period)
    assert page.tabs.currentIndex() == DUE
    chosen = page.due.table.currentIndex().data(ROW_ROLE)
    assert chosen.participation_id == office.jan_period
    page.open(form="annual-report")
    assert page.tabs.currentIndex() == FORMS
    assert page.forms.current_key() == "annual-report"
    assert "31 marca" in page.forms.current_panel().deadline.text()  # type: ignore[union-attr]


def test_since_date_leaves_out_older_periods_and_is_remembered(
    ops: Ops, page: DocumentsPage, qtbot
) -> None:  # type: ignore[no-untyped-def]
    page.due.since.set_date(TODAY - dt.timedelta(days=6))
    assert _due_rows(page) == [(" ".join(JAN), ENDING)]
    again = DocumentsPage(ops)
    qtbot.addWidget(again)
    again.refresh()
    assert again.due.since.date() == TODAY - dt.timedelta(days=6)


def test_issuing_runs_off_the_gui_thread_in_the_real_program(
    kis: Database, office: Office, desk: Desk, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(Ops, "inline", False)  # the worker thread and its progress dialog
    threaded = Ops(kis)
    dialog = CertificateDialog(threaded, office.zofia_period, kind=ENDING)
    qtbot.addWidget(dialog)
    dialog.issue()
    # the worker finishes and Python collects garbage before the GUI thread takes the result
    # (on a busy laptop this happens often; here it is made certain)
    QThreadPool.globalInstance().waitForDone(10_000)
    gc.collect()
    qtbot.waitUntil(lambda: bool(desk.opened), timeout=2_000)
    assert "Zofia Żółtowska-Nowak" in desk.last_pdf_text()
    assert [r.number for r in _register(kis)] == [f"1/{YEAR}"]


def test_a_period_that_has_not_started_yet_is_explained(
    kis: Database, ops: Ops, office: Office, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from kisdesk.services import participants, participations
    from tests.pesel import make_pesel

    with kis.session() as s:
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                "Adam", "Nowy", pesel=make_pesel(dt.date(1990, 2, 3), serial=7)
            ),
        )
        period = participations.enroll(s, pid, TODAY + dt.timedelta(days=10))
    dialog = CertificateDialog(ops, period, kind=GRADUATE)
    qtbot.addWidget(dialog)
    assert dialog.info.name == "Adam Nowy"
    assert not dialog.issue_button.isEnabled()
    assert "wcześniejsza niż początek uczestnictwa" in dialog.status.text()


def test_the_card_says_who_is_a_graduate_and_what_it_opens(  # type: ignore[no-untyped-def]
    kis: Database, ops: Ops, office: Office, qtbot
) -> None:
    # "Absolwent: tak" stood only in a column of the periods' list, past the scroll
    from kisdesk.ui.dialogs.participant_form import ParticipantDialog

    with kis.session() as s:
        documents.issue_certificate(s, office.zofia_period, ENDING, TODAY)
    for pid, graduate in ((office.zofia, True), (office.jan, False)):
        card = ParticipantDialog(ops, pid)
        qtbot.addWidget(card)
        text, tip = card.subheader.text(), card.subheader.toolTip()
        assert ("absolwent KIS (art. 2 pkt 1b)" in text) is graduate, text
        assert ("art. 147–148" in tip) is graduate
        if graduate:
            card.resize(920, 660)
            card.show()
            keep(card, "participants", "graduate-card")
