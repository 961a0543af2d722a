"""A CIS office: the certificate must name the skills acquired (art. 13 ust. 5a), the bulk
issue leaves those to be written one by one, and the forms are the CIS ones."""

from __future__ import annotations

import datetime as dt

import pytest

from kisdesk.db import Database
from kisdesk.services import documents
from kisdesk.services.documents_data import ENDING
from kisdesk.ui.dialogs.certificate import CertificateDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages import documents_due
from kisdesk.ui.pages.documents import DocumentsPage
from tests.ui.documents_seed import Desk
from tests.unit.test_documents_fixtures import NAME_LAST, Seed, seed

ISSUED_ON = dt.date(2027, 8, 2)  # after both periods of the fixture ended (2027)


@pytest.fixture
def cis(db: Database) -> Seed:
    return seed(db, "cis")


@pytest.fixture
def ops(db: Database, monkeypatch: pytest.MonkeyPatch) -> Ops:
    monkeypatch.setattr(Ops, "inline", True)
    return Ops(db)


def test_cis_certificate_needs_the_skills_and_prints_them(
    db: Database, ops: Ops, cis: Seed, desk: Desk, qtbot
) -> None:  # type: ignore[no-untyped-def]
    dialog = CertificateDialog(ops, cis.grzegorz_period, kind=ENDING, issued_on=ISSUED_ON)
    qtbot.addWidget(dialog)
    assert dialog.skills is not None
    dialog.issue()
    assert "art. 13 ust. 5a" in dialog.skills_message.text()
    with db.read() as s:
        assert documents.list_documents(s) == []
    dialog.skills.setPlainText("obsługa kosiarki spalinowej, praca w zespole")
    dialog.issue()
    text = desk.last_pdf_text()
    assert "obsługa kosiarki spalinowej" in text and NAME_LAST in text.replace("\n", "")
    assert desk.asked == ["Zaswiadczenie_1-2027_Żółkiewski-Brzęczyszczykiewicz_Grzegorz.pdf"]


def test_cis_bulk_issue_leaves_the_skills_certificates_to_be_written_one_by_one(
    db: Database, ops: Ops, cis: Seed, desk: Desk, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    monkeypatch.setattr(
        documents_due, "confirm", lambda _p, _t, text, _y: asked.append(text) or True
    )
    page = DocumentsPage(ops)
    qtbot.addWidget(page)
    page.due.issue_date.set_date(ISSUED_ON)
    page.refresh()
    assert page.due.model.rowCount() >= 2
    page.due.all_button.click()
    assert "umiejętności" in asked[0]
    assert "Pominięto: Anna Nowak" in page.due.message.text()
    assert "wystaw je pojedynczo" in page.due.message.text()


def test_cis_forms_are_the_application_and_the_cis_report(ops: Ops, cis: Seed, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = DocumentsPage(ops)
    qtbot.addWidget(page)
    keys = set(page.forms.panels)
    assert {"cis-application", "annual-report"} <= keys
    assert not {"register", "closing"} & keys
    page.open(form="cis-application")
    assert page.forms.current_key() == "cis-application"


def test_the_copy_for_the_pup_is_recorded_from_the_register_and_the_reminder_ends(
    db: Database, ops: Ops, cis: Seed, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """Category 5 (long-term unemployed): the CIS certificate goes to the PUP too (art. 13
    ust. 5a); the dashboard's reminder leads to the register, where the date sent is kept."""
    from PySide6.QtCore import Qt

    from kisdesk.services.dashboard_path import PUP_COPY, path_todo
    from kisdesk.ui.dialogs.pup_sent import PupSentDialog
    from kisdesk.ui.pages.dashboard import DashboardPage

    with db.session() as s:
        doc = documents.issue_certificate(
            s, cis.grzegorz_period, ENDING, ISSUED_ON, skills="obsługa kosiarki"
        )
    with db.read() as s:
        (reminder,) = [i for i in path_todo(s, ISSUED_ON) if i.what == PUP_COPY]
    opened: list[tuple[str, dict]] = []  # type: ignore[type-arg]
    dashboard = DashboardPage(ops, lambda name, **kw: opened.append((name, kw)))
    qtbot.addWidget(dashboard)
    dashboard._choose_path(reminder)
    assert opened == [("documents", {"tab": "register", "number": doc.number, "year": 2027})]

    page = DocumentsPage(ops)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.open(**opened[0][1])
    register = page.register
    assert register.selected() is not None and register.selected().number == doc.number
    notes = register.model.index(0, register.model.columnCount() - 1).data()
    assert notes == "do PUP: do przekazania"
    qtbot.waitUntil(register.pup_button.isVisible)  # the tab is built when first shown
    assert register.pup_button.isEnabled()
    qtbot.mouseClick(register.pup_button, Qt.MouseButton.LeftButton)
    dialog = register.dialog
    assert isinstance(dialog, PupSentDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.on.set_date(ISSUED_ON - dt.timedelta(days=3))  # before it was issued: refused
    qtbot.keyClick(dialog.office, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.errors.message("on")
    dialog.on.set_date(ISSUED_ON + dt.timedelta(days=2))
    qtbot.keyClicks(dialog.office, "PUP w Trzebnicy")
    qtbot.keyClick(dialog.office, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    notes = register.model.index(0, register.model.columnCount() - 1).data()
    assert notes == "do PUP: przekazano 04.08.2027"
    assert not register.pup_button.isEnabled()
    with db.read() as s:
        assert [i for i in path_todo(s, ISSUED_ON) if i.what == PUP_COPY] == []
