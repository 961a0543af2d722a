"""The RODO page: clause, data pack, restriction, anonymisation and retention, as the leader."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from kisdesk.access import Actor, Role
from kisdesk.services import participants, participations, rodo, settings
from kisdesk.ui import files
from kisdesk.ui.pages.audit_rodo import RodoPage
from tests.pesel import make_pesel

PESEL = make_pesel(dt.date(1968, 2, 14), 19, "M")


@pytest.fixture
def person(kis) -> int:
    with kis.session() as s:
        pid = participants.add_participant(
            s, participants.ParticipantData("Kazimierz", "Sowa", pesel=PESEL, categories=(5,))
        )
        period = participations.enroll(s, pid, dt.date(2018, 2, 1), group_id=1)
        participations.end_period(s, period, dt.date(2018, 12, 31), "employment")
    return pid


def test_the_leader_prints_the_clause_saves_the_pack_and_restricts(
    ops, person, qtbot, tmp_path, monkeypatch
):
    page = RodoPage(ops)
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.search, "Sowa")
    assert page.person_id == person and "Kazimierz Sowa" in page.person.text()
    target = {"path": str(tmp_path / "klauzula.pdf")}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target["path"], ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(files.QDesktopServices, "openUrl", lambda url: True)
    page.print_clause()
    assert "Kazimierz Sowa" in PdfReader(target["path"]).pages[0].extract_text()
    target["path"] = str(tmp_path / "dane.pdf")
    page.save_pack()
    pack = json.loads((tmp_path / "dane.json").read_text(encoding="utf-8"))
    assert pack["personal_data"]["pesel"] == PESEL and (tmp_path / "dane.pdf").exists()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Osoba kwestionuje dane", True))
    page.toggle_restriction()
    assert "OGRANICZONE" in page.person.text()
    with ops.db.read() as s:
        assert rodo.is_restricted(s, person)
    page.toggle_restriction()
    assert "OGRANICZONE" not in page.person.text()


def test_anonymise_after_the_preview_and_the_retention_list(ops, person, qtbot, monkeypatch):
    with ops.db.session() as s:
        settings.set_setting(s, "retention_participant_years", 5)
    page = RodoPage(ops)
    qtbot.addWidget(page)
    page.show()
    assert [r.participant_id for r in page.model.rows()] == [person]  # 2018 + 1 + 5 < today
    page.table.selectRow(0)
    assert page.approve_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.approve()
    assert page.model.rows() == []
    with ops.db.read() as s:
        assert participants.find_by_pesel(s, PESEL) is None


def test_staff_roles_only_print_the_clause(ops, person, qtbot):
    ops.db.actor = Actor("Ewa", Role.STAFF, user_id=7)
    page = RodoPage(ops)
    qtbot.addWidget(page)
    page.show()
    page.open(participant_id=person)
    assert page.clause_button.isEnabled()
    assert not page.pack_button.isEnabled() and not page.anonymise_button.isEnabled()
    assert page.model.rowCount() == 0


def test_anonymise_shows_what_goes_and_what_stays_before_doing_it(ops, person, qtbot, monkeypatch):
    shown = {}

    def answer(box):
        shown["text"], shown["details"] = box.text(), box.detailedText()
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer)
    page = RodoPage(ops)
    qtbot.addWidget(page)
    page.show()
    page.open(participant_id=person)
    page.anonymise()
    assert "Kazimierz Sowa" in shown["text"] and PESEL in shown["details"]
    assert "rok urodzenia: 1968" in shown["details"]
    assert "Osoba zanonimizowana" in page.person.text()
