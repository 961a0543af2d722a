"""Szyfrowanie bazy danych on the data-protection page: the leader turns encryption on and off
and replaces the recovery key from the GUI; the program keeps working on the converted file
with the same person signed in; a failed conversion leaves the original database open."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QWidget

from kisdesk.access import Actor
from kisdesk.db import backup_keys, rawconn
from kisdesk.db import encryption as enc
from kisdesk.db import encryption_convert as convert
from kisdesk.db.open import open_database
from kisdesk.errors import StorageError, ValidationError
from kisdesk.messages.security import describe_entry
from kisdesk.services import audit, groups, office, participants, users
from kisdesk.ui import files
from kisdesk.ui import ops as ops_module
from kisdesk.ui.dialogs.recovery_key_dialog import DatabaseRecoveryKeyDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.audit_rodo import RodoPage
from kisdesk.ui.pages.encryption_section import EncryptionSection, run_waiting
from kisdesk.ui.storage_startup import open_for_gui
from tests.pesel import make_pesel

PASSWORD = "zielona herbata o poranku"
STAFF_PASSWORD = "niebieski rower w garażu"
OFFICE_PASSWORD = "papierowy samolot nad biurem"
PESEL = make_pesel(dt.date(1971, 5, 3), 41, "K")
PLAIN = b"SQLite format 3\x00"
SHOTS = Path(os.environ.get("KISDESK_SHOTS", "")) if os.environ.get("KISDESK_SHOTS") else None


def shot(widget: Any, name: str) -> None:
    if SHOTS is not None:
        QApplication.processEvents()  # the layout settled, as the user sees it
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


def _office(path: Path, with_users: bool = True) -> None:
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="kis",
                name="Klub Integracji Społecznej w Zawoni",
                operator=office.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
            ),
        )
        groups.add_group(s, "Grupa poniedziałkowa")
        participants.add_participant(
            s, participants.ParticipantData("Halina", "Wróbel", pesel=PESEL)
        )
        if with_users:
            users.create_first_leader(s, "renata", "Renata Kowalczyk", PASSWORD)
            users.add_user(s, "jan", "Jan Nowak", "kadra", STAFF_PASSWORD)
            users.add_user(s, "ola", "Aleksandra Lis", "administracja", OFFICE_PASSWORD)
    db.dispose()


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "office.sqlite"
    _office(path)
    yield path
    backup_keys.forget_database_keys()
    for opener in [o for o in rawconn._openers if getattr(o, "path", None) == path]:
        rawconn.unregister(opener)


@pytest.fixture
def ops(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ops]:
    monkeypatch.setattr(Ops, "inline", True)
    db = open_for_gui(f"sqlite:///{db_path}")
    assert db is not None
    ops = Ops(db)
    sign_in(ops, "renata", PASSWORD)
    yield ops
    ops.db.dispose()


def sign_in(ops: Ops, login: str, password: str) -> None:
    ops.db.actor = ops.read(lambda s: users.login(s, login, password))


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Every message box answered "yes", its text kept; the key dialog kept, not shown."""
    seen: dict[str, list[str]] = {"question": [], "warning": [], "info": [], "keys": []}
    yes = QMessageBox.StandardButton.Yes

    def exec_box(box: QMessageBox) -> QMessageBox.StandardButton:
        seen["question"].append(box.text() + "\n" + box.informativeText())
        return yes

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, *a: seen["question"].append(text) or yes
    )
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, _t, text, *a: seen["warning"].append(text) or yes
    )
    monkeypatch.setattr(
        QMessageBox, "information", lambda _p, _t, text, *a: seen["info"].append(text) or yes
    )
    monkeypatch.setattr(DatabaseRecoveryKeyDialog, "exec", lambda d: seen["keys"].append(d) or 1)
    return seen


def page_of(ops: Ops, qtbot: Any) -> RodoPage:
    page = RodoPage(ops)
    qtbot.addWidget(page)
    page.resize(900, 760)
    page.show()
    return page


def the_person(ops: Ops) -> participants.ParticipantData:
    found = ops.read(lambda s: participants.find_by_pesel(s, PESEL))
    assert found is not None
    return ops.read(lambda s: participants.get_participant(s, found))


def rename(ops: Ops, last_name: str) -> None:
    found = ops.read(lambda s: participants.find_by_pesel(s, PESEL))
    data = dataclasses.replace(the_person(ops), last_name=last_name)
    assert ops.run(None, lambda s: participants.update_participant(s, found, data) or True)


def encryption_log(ops: Ops) -> list[dict[str, Any]]:
    """The audit log's encryption entries, oldest first."""
    return [r.details for r in reversed(logged(ops, "encryption"))]


def logged(ops: Ops, event: str) -> list[audit.AuditRow]:
    """Newest first, read as the leader whoever is signed in."""
    with ops.db.read(Actor.system()) as s:
        return audit.list_entries(s, event_name=event)


def turn_on(page: RodoPage, qtbot: Any, boxes: dict[str, list[str]]) -> str:
    qtbot.mouseClick(page.encryption.on_button, Qt.MouseButton.LeftButton)
    assert boxes["keys"], boxes
    return str(boxes["keys"][-1].recovery_key)


def test_the_leader_turns_encryption_on_and_the_program_keeps_working(
    qtbot: Any, ops: Ops, db_path: Path, boxes: dict[str, list[str]]
) -> None:
    page = page_of(ops, qtbot)
    section = page.encryption
    assert section.state.text() == "Baza danych: niezaszyfrowana"
    assert section.on_button.isVisible() and not section.off_button.isVisible()
    shot(page, "encryption-section-off")

    recovery = turn_on(page, qtbot, boxes)
    explained = boxes["question"][0]
    assert "kopię zapasową" in explained and "własnym hasłem" in explained
    assert "JEDEN RAZ klucz odzyskiwania" in explained and "kont: 3" in explained
    assert not db_path.read_bytes().startswith(PLAIN)  # not readable as plain SQLite
    assert b"Wr\xc3\xb3bel" not in db_path.read_bytes()
    # the program goes on, on the encrypted file, as the same person
    assert ops.db.actor.name == "Renata Kowalczyk"
    assert the_person(ops).last_name == "Wróbel"
    rename(ops, "Wróblewska")
    assert the_person(ops).last_name == "Wróblewska"
    found = enc.key_of(ops.db.engine)
    assert found is not None
    assert enc.unlock_with_recovery(db_path, recovery) == found[1]  # the key shown opens it
    assert enc.unlock(db_path, "jan", STAFF_PASSWORD) == found[1]  # and each person's password
    assert encryption_log(ops) == [{"state": "on"}]
    assert ops.read(audit.verify).ok
    assert section.state.text() == "Baza danych: zaszyfrowana"
    assert not section.on_button.isVisible() and section.off_button.isVisible()
    assert section.recovery_button.isVisible()
    shot(page, "encryption-section-on")


def test_the_recovery_key_is_shown_once_printed_and_must_be_confirmed(
    qtbot: Any, ops: Ops, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = "7K2M-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789"
    card = tmp_path / "karta.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(card), ""))
    monkeypatch.setattr(files.QDesktopServices, "openUrl", lambda url: True)
    dialog = DatabaseRecoveryKeyDialog(ops, key)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.print_button.text() == "Drukuj kartę…"
    assert dialog.confirm.text() == "Wydrukowałem/am i schowałem/am klucz"
    assert not dialog.ok.isEnabled()
    dialog.reject()  # Esc before the box is ticked: the only copy of the key stays on screen
    assert dialog.isVisible()
    dialog.print_button.click()
    assert dialog.saved_page == card
    text = PdfReader(str(card)).pages[0].extract_text()
    assert "Klucz odzyskiwania bazy danych" in text and "Zawoni" in text
    assert "7K2M-ABCD-EFGH-JKMN-PQRS-" in text
    dialog.confirm.setChecked(True)
    assert dialog.ok.isEnabled()
    shot(dialog, "encryption-recovery-key")
    dialog.ok.click()
    assert not dialog.isVisible()


def test_turning_encryption_off_gives_a_plain_file_with_the_data_intact(
    qtbot: Any, ops: Ops, db_path: Path, boxes: dict[str, list[str]]
) -> None:
    page = page_of(ops, qtbot)
    turn_on(page, qtbot, boxes)
    rename(ops, "Wróblewska")
    page.encryption.off_button.click()
    assert db_path.read_bytes().startswith(PLAIN)
    assert not enc.keyfile_path(db_path).exists()
    assert enc.key_of(ops.db.engine) is None
    assert the_person(ops).last_name == "Wróblewska"  # the change made while encrypted
    ops.run(None, lambda s: groups.add_group(s, "Grupa po odszyfrowaniu"))
    assert "Grupa po odszyfrowaniu" in [g.name for g in ops.read(groups.list_groups)]
    assert "BitLocker" in boxes["warning"][0]  # asked first, with the risk said
    done = boxes["info"][-1]
    assert "nie jest już szyfrowana" in done
    backup = next(p for p in (db_path.parent / "kisdesk-data").rglob("*-before-decryption.sqlite"))
    assert backup.name in done
    assert [d["state"] for d in encryption_log(ops)] == ["on", "off"]
    assert ops.db.actor.name == "Renata Kowalczyk"
    assert page.encryption.state.text() == "Baza danych: niezaszyfrowana"


@pytest.mark.parametrize(
    "failure",
    [OSError(28, "No space left on device"), StorageError("encryption.verify_failed", reason="x")],
    ids=["disk-full", "check-failed"],
)
def test_a_failed_encryption_leaves_the_original_database_open(
    qtbot: Any,
    ops: Ops,
    db_path: Path,
    boxes: dict[str, list[str]],
    monkeypatch: pytest.MonkeyPatch,
    failure: Exception,
) -> None:
    def broken(staged: Path, target: Path) -> None:
        raise failure

    monkeypatch.setattr(convert, "_swap", broken)  # after the backup and the encrypted copy
    page = page_of(ops, qtbot)
    page.encryption.on_button.click()
    assert boxes["keys"] == []  # no key shown for a database that is not encrypted
    message = boxes["warning"][-1]
    assert "nie powiodło się" in message and "otwarta tak jak przedtem" in message
    assert db_path.read_bytes().startswith(PLAIN)
    assert not enc.keyfile_path(db_path).exists()
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith(".")] == []
    assert ops.db.actor.name == "Renata Kowalczyk"
    assert the_person(ops).last_name == "Wróbel"
    rename(ops, "Wróblewska")  # usable: writes go through
    assert the_person(ops).last_name == "Wróblewska"
    log = encryption_log(ops)
    assert log[0] == {"state": "on"}
    assert log[1]["state"] == "on" and log[1]["action"] == "failed"
    row = logged(ops, "encryption")[0]
    line = describe_entry(row.event, row.record_type, row.record_id, row.details)
    assert line.startswith("Szyfrowanie bazy · nie powiodło się") and "stan: włączone" in line
    assert page.encryption.on_button.isVisible()


def test_a_failed_decryption_leaves_the_encrypted_database_open(
    qtbot: Any,
    ops: Ops,
    db_path: Path,
    boxes: dict[str, list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = page_of(ops, qtbot)
    recovery = turn_on(page, qtbot, boxes)

    def broken(staged: Path, target: Path) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(convert, "_swap", broken)
    page.encryption.off_button.click()
    assert "otwarta tak jak przedtem" in boxes["warning"][-1]
    assert not db_path.read_bytes().startswith(PLAIN)
    found = enc.key_of(ops.db.engine)
    assert found is not None and enc.unlock_with_recovery(db_path, recovery) == found[1]
    rename(ops, "Wróblewska")
    assert the_person(ops).last_name == "Wróblewska"
    assert page.encryption.off_button.isVisible()


def test_a_new_recovery_key_replaces_the_old_one(
    qtbot: Any, ops: Ops, db_path: Path, boxes: dict[str, list[str]]
) -> None:
    page = page_of(ops, qtbot)
    old = turn_on(page, qtbot, boxes)
    page.encryption.recovery_button.click()
    assert "przestanie otwierać" in boxes["question"][-1]
    dialog = boxes["keys"][-1]
    new = dialog.recovery_key
    assert new != old and dialog.replaced
    intro = dialog.findChild(QLabel, "recoveryIntro")
    assert intro is not None and "Poprzedni klucz odzyskiwania już nie otwiera" in intro.text()
    with pytest.raises(ValidationError):
        enc.unlock_with_recovery(db_path, old)
    found = enc.key_of(ops.db.engine)
    assert found is not None and enc.unlock_with_recovery(db_path, new) == found[1]
    assert [d["state"] for d in encryption_log(ops)] == ["on", "recovery-key"]


@pytest.mark.parametrize(("login", "password"), [("jan", STAFF_PASSWORD), ("ola", OFFICE_PASSWORD)])
def test_kadra_and_administracja_see_the_state_without_buttons(
    qtbot: Any,
    ops: Ops,
    db_path: Path,
    boxes: dict[str, list[str]],
    login: str,
    password: str,
) -> None:
    sign_in(ops, login, password)
    page = page_of(ops, qtbot)
    section = page.encryption
    assert section.isVisible() and section.state.text() == "Baza danych: niezaszyfrowana"
    assert "włącza i wyłącza kierownik" in section.note.text()
    # the first leader's account sealed the health data (docs/threat-model.md §3.4)
    assert "zaszyfrowane osobnym kluczem" in section.note.text()
    buttons = (section.on_button, section.off_button, section.recovery_button)
    assert not any(b.isVisible() for b in buttons)
    section.turn_on()  # even if reached some other way: refused, logged, nothing converted
    assert boxes["question"] == [] and db_path.read_bytes().startswith(PLAIN)
    denied = logged(ops, "access_denied")
    assert denied[0].details["permission"] == "manage_encryption"
    shot(page, f"encryption-section-{login}")


def test_without_accounts_the_leader_is_told_to_create_one_first(
    qtbot: Any, tmp_path: Path, boxes: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Ops, "inline", True)
    path = tmp_path / "bez-kont.sqlite"
    _office(path, with_users=False)
    db = open_for_gui(f"sqlite:///{path}")
    assert db is not None
    ops = Ops(db)  # no accounts: the single user acts as the leader
    try:
        page = page_of(ops, qtbot)
        assert "zapisane bez szyfrowania" in page.encryption.note.text()  # no accounts
        page.encryption.on_button.click()
        assert "Najpierw załóż konto kierownika" in boxes["warning"][-1]
        assert "Użytkownicy" in boxes["warning"][-1]
        assert boxes["question"] == [] and path.read_bytes().startswith(PLAIN)
        assert encryption_log(ops) == []
    finally:
        ops.db.dispose()


def test_a_database_on_a_server_is_said_to_be_the_servers_business(qtbot: Any) -> None:
    stub: Any = SimpleNamespace(
        db=SimpleNamespace(
            url="postgresql+psycopg://kis@serwer/kisdesk", path=None, actor=Actor.system()
        ),
        read=lambda _fn: False,  # an office without accounts on the server
    )
    section = EncryptionSection(stub)
    qtbot.addWidget(section)
    section.show()
    assert section.state.text() == "Baza na serwerze – szyfrowanie zapewnia serwer."
    buttons = (section.on_button, section.off_button, section.recovery_button)
    assert not any(b.isVisible() for b in buttons)


def test_the_conversion_runs_off_the_gui_thread_while_the_program_waits(
    qtbot: Any,
    ops: Ops,
    db_path: Path,
    boxes: dict[str, list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Ops, "inline", False)  # as in the running program
    threads: list[bool] = []
    real = convert.encrypt_database_with_key

    def watched(path: Path, hashes: dict[str, str]) -> tuple[str, bytes]:
        threads.append(QApplication.instance().thread().isCurrentThread())
        return real(path, hashes)

    monkeypatch.setattr(convert, "encrypt_database_with_key", watched)
    page = page_of(ops, qtbot)
    recovery = turn_on(page, qtbot, boxes)
    assert threads == [False]  # converted on a worker thread
    assert not db_path.read_bytes().startswith(PLAIN)
    found = enc.key_of(ops.db.engine)
    assert found is not None and enc.unlock_with_recovery(db_path, recovery) == found[1]
    assert the_person(ops).last_name == "Wróbel"


def test_waiting_hands_back_the_result_or_the_error(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Ops, "inline", False)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert run_waiting(parent, "Proszę czekać…", lambda: 42) == 42

    def fails() -> None:
        raise StorageError("encryption.db_in_use")

    with pytest.raises(StorageError) as caught:
        run_waiting(parent, "Proszę czekać…", fails)
    assert caught.value.code == "encryption.db_in_use"
    assert QApplication.overrideCursor() is None  # the wait cursor is gone
    assert not any(
        isinstance(w, ops_module._Busy) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_the_leader_without_the_health_key_recovers_it_with_the_printed_card(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: dict[str, list[str]]
) -> None:
    """Every entitled password forgotten and reset leaves the leader without the seal of the
    art. 9 data (docs/threat-model.md §3.4): the page says so and the printed recovery key,
    typed into the window, gives the key back; a wrong key changes nothing."""
    import sqlite3

    from PySide6.QtWidgets import QInputDialog

    from kisdesk.services import sensitive

    path = tmp_path / "lost.sqlite"
    _office(path, with_users=False)
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", PASSWORD)
        card = sensitive.take_new_recovery_key(s)
    db.dispose()
    assert card is not None
    with sqlite3.connect(path) as conn:
        conn.execute("delete from data_key_seal where holder != 'recovery'")
    monkeypatch.setattr(Ops, "inline", True)
    gui_db = open_for_gui(f"sqlite:///{path}")
    assert gui_db is not None
    ops = Ops(gui_db)
    try:
        sign_in(ops, "renata", PASSWORD)
        assert not ops.read(sensitive.may_see_health)
        page = page_of(ops, qtbot)
        section = page.encryption
        assert section.health_button.isVisible()
        assert "nie ma do nich klucza" in section.note.text()
        shot(page, "encryption-section-health-lost")
        typed = iter([("0000-0000-0000-0000-0000-0000-0000-0000-0000", True), (card, True)])
        monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: next(typed))
        qtbot.mouseClick(section.health_button, Qt.MouseButton.LeftButton)
        assert not ops.read(sensitive.may_see_health) and boxes["info"] == []
        assert section.health_button.isVisible()
        qtbot.mouseClick(section.health_button, Qt.MouseButton.LeftButton)
        assert boxes["info"] and "odzyskany" in boxes["info"][-1]
        assert ops.read(sensitive.may_see_health)
        assert not section.health_button.isVisible()
        assert "zaszyfrowane osobnym kluczem" in section.note.text()
        assert "recovered" in [e.details.get("action") for e in logged(ops, "sensitive_key")]
    finally:
        ops.db.dispose()
