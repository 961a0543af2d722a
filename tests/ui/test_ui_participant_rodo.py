"""RODO on the participant form: the restriction banner makes the record read-only (art. 18),
and the information clause is printed and its hand-over date recorded (art. 13)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.services import audit, groups, participants, participations, rodo
from kisdesk.services.participants import ParticipantData
from kisdesk.ui import files
from kisdesk.ui.dialogs.participant_form import ParticipantDialog
from kisdesk.ui.ops import Ops
from tests.pesel import make_pesel

TODAY = dt.date.today()
REASON = "Osoba kwestionuje prawidłowość adresu"


@pytest.fixture
def person(kis: Database) -> int:
    with kis.session() as s:
        gid = groups.list_groups(s)[0].id
        pid = participants.add_participant(
            s,
            ParticipantData("Tomasz", "Wierzbicki", pesel=make_pesel(dt.date(1979, 4, 3), 41, "M")),
        )
        participations.enroll(s, pid, TODAY.replace(day=1), group_id=gid)
    return pid


@pytest.fixture
def saves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The save dialog answers with a file in tmp_path (or cancels); nothing is opened."""
    state: dict[str, Any] = {"cancel": False, "saved": [], "messages": []}

    def get_save(parent: Any, title: str, default: str, name_filter: str) -> tuple[str, str]:
        if state["cancel"]:
            return "", ""
        target = tmp_path / Path(default).name
        state["saved"].append(target)
        return str(target), name_filter

    monkeypatch.setattr(files.QFileDialog, "getSaveFileName", get_save)
    monkeypatch.setattr(files.QDesktopServices, "openUrl", lambda url: True)
    for name in ("information", "warning"):
        monkeypatch.setattr(
            QMessageBox, name, lambda *a, **k: state["messages"].append(str(a[2])) or 0
        )
    return state


def open_form(ops: Ops, pid: int, qtbot: Any) -> ParticipantDialog:
    form = ParticipantDialog(ops, pid)
    qtbot.addWidget(form)
    form.show()
    return form


def given_on(db: Database, pid: int) -> dt.date | None:
    with db.read() as s:
        return participants.get_participant(s, pid).rodo_clause_given_on


def test_a_restricted_record_opens_read_only_under_a_banner(
    shot, ops: Ops, person: int, qtbot: Any, tmp_path: Path
) -> None:
    since = TODAY - dt.timedelta(days=3)
    with ops.db.session() as s:
        rodo.restrict(s, person, REASON, on=since)
    form = open_form(ops, person, qtbot)
    shot(form, "participant-restricted")
    assert form.restricted_banner.isVisible()
    assert form.restricted_banner.text.text() == (
        f"<b>Przetwarzanie danych ograniczone od {since:%d.%m.%Y} – powód: {REASON}; zapis "
        "jest tylko do odczytu.</b> Ograniczenie może zdjąć kierownik na stronie "
        "„Ochrona danych (RODO)”."
    )
    assert not form.ok_button.isEnabled()
    assert not form.personal.isEnabled() and not form.referral.isEnabled()
    # greyed-out hints would read as stored values ("00-000" as the postal code)
    assert form.personal.editors["postal_code"].placeholderText() == ""
    assert form.periods is not None and not form.periods.end_button.isEnabled()
    form.personal.editors["phone"].setText("600100200")
    assert form.save(close=True) is False  # Ctrl+S does nothing either
    with ops.db.read() as s:
        assert participants.get_participant(s, person).phone == ""


def test_a_record_without_restriction_has_no_banner(ops: Ops, person: int, qtbot: Any) -> None:
    form = open_form(ops, person, qtbot)
    assert not form.restricted_banner.isVisible()
    assert form.ok_button.isEnabled() and form.personal.isEnabled()
    assert form.clause.status.text() == "Klauzula jeszcze nie przekazana"


def test_the_clause_is_printed_and_the_hand_over_recorded(
    ops: Ops, person: int, qtbot: Any, saves: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    form = open_form(ops, person, qtbot)
    handed = TODAY - dt.timedelta(days=1)
    asked: list[str] = []
    monkeypatch.setattr(form.clause, "ask_handed_over", lambda name: asked.append(name) or handed)
    form.clause.button.click()
    assert [p.name for p in saves["saved"]] == ["Klauzula_RODO_Wierzbicki_Tomasz.pdf"]
    text = PdfReader(str(saves["saved"][0])).pages[0].extract_text()
    assert "Klauzula informacyjna" in text and "Tomasz Wierzbicki" in text
    assert "Klub Integracji Społecznej w Zawoni" in text
    assert asked == ["Tomasz Wierzbicki"]
    assert given_on(ops.db, person) == handed
    assert form.clause.status.text() == f"Klauzula przekazana {handed:%d.%m.%Y}"
    assert form.referral.editors["rodo_clause_given_on"].date() == handed
    assert not form.dirty
    with ops.db.read() as s:
        printed = audit.list_entries(s, event_name="print", participant_id=person)
    assert [e.details.get("kind") for e in printed] == ["rodo_clause"]
    # the form goes on with the new version: a later edit saves, and keeps the date
    form.personal.editors["phone"].setText("600100200")
    form.dirty = True
    assert form.save(close=False)
    with ops.db.read() as s:
        data = participants.get_participant(s, person)
    assert (data.phone, data.rodo_clause_given_on) == ("600100200", handed)


def test_nothing_is_recorded_when_not_handed_over_or_not_saved(
    ops: Ops,
    person: int,
    qtbot: Any,
    saves: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    form = open_form(ops, person, qtbot)
    asked: list[str] = []
    monkeypatch.setattr(form.clause, "ask_handed_over", lambda name: asked.append(name) or None)
    form.clause.button.click()  # printed, "Nie teraz"
    assert asked == ["Tomasz Wierzbicki"] and given_on(ops.db, person) is None
    saves["cancel"] = True
    form.clause.button.click()  # save cancelled, but the clause is kept: it can be handed over
    assert asked == ["Tomasz Wierzbicki"] * 2 and given_on(ops.db, person) is None
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    files.set_documents_folder(blocker)
    form.clause.button.click()  # neither kept nor saved: nothing to hand over
    assert asked == ["Tomasz Wierzbicki"] * 2 and given_on(ops.db, person) is None


def test_a_change_made_meanwhile_is_not_overwritten(
    ops: Ops, person: int, qtbot: Any, saves: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    form = open_form(ops, person, qtbot)
    with ops.db.session() as s:  # another computer edits the person after the form opened
        data = participants.get_participant(s, person)
        participants.update_participant(s, person, dataclasses.replace(data, phone="700800900"))
    monkeypatch.setattr(form.clause, "ask_handed_over", lambda name: TODAY)
    form.clause.button.click()
    assert given_on(ops.db, person) is None
    assert saves["messages"] and "w międzyczasie" in saves["messages"][-1]
    assert form.clause.status.text() == "Klauzula jeszcze nie przekazana"


def test_a_restricted_record_prints_but_takes_no_date(
    ops: Ops, person: int, qtbot: Any, saves: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    with ops.db.session() as s:
        rodo.restrict(s, person, REASON)
    form = open_form(ops, person, qtbot)
    asked: list[str] = []
    monkeypatch.setattr(form.clause, "ask_handed_over", lambda name: asked.append(name) or TODAY)
    form.clause.button.click()
    assert len(saves["saved"]) == 1 and saves["saved"][0].exists()
    assert asked == [] and given_on(ops.db, person) is None


def test_the_administrative_worker_records_the_hand_over(
    kis: Database, person: int, qtbot: Any, saves: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Ops, "inline", True)
    ops = Ops(kis)
    ops.db.actor = Actor("Marek Sowa", Role.ADMIN)
    form = open_form(ops, person, qtbot)
    assert not form.ok_button.isEnabled()  # the register is read-only for this role
    monkeypatch.setattr(form.clause, "ask_handed_over", lambda name: TODAY)
    form.clause.button.click()
    assert given_on(kis, person) == TODAY


def test_a_new_person_gets_the_clause_after_saving(ops: Ops, qtbot: Any) -> None:
    form = ParticipantDialog(ops, None)
    qtbot.addWidget(form)
    assert not form.clause.button.isEnabled()
    assert "po zapisaniu" in form.clause.button.toolTip()


def test_the_hand_over_date_cannot_be_in_the_future(qtbot: Any) -> None:
    from kisdesk.ui.dialogs.participant_rodo import HandedOverDialog

    dialog = HandedOverDialog("Tomasz Wierzbicki")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.day.date() == TODAY
    dialog.day.setDate(TODAY + dt.timedelta(days=1))
    dialog._check()
    assert dialog.message.isVisible() and "wcześniejszą datę" in dialog.message.text()
    assert dialog.result() != 1
    dialog.day.setDate(TODAY)
    dialog._check()
    assert dialog.result() == 1
