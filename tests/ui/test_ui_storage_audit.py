"""The program's backups (automatic, on exit, now, to a stick) and restores appear in the
audit log under the person who signed in; only the leader restores; an encrypted office
damaged at start opens again after its backup is restored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from kisdesk.db import backup as bk
from kisdesk.db import backup_keys as keys
from kisdesk.db import encryption as enc
from kisdesk.db import rawconn
from kisdesk.db.encryption_convert import encrypt_database
from kisdesk.db.open import open_database
from kisdesk.errors import PermissionDenied, StorageError
from kisdesk.services import audit, groups, office, users
from kisdesk.ui import storage_startup
from kisdesk.ui.dialogs import restore_dialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.storage_startup import StorageController, open_for_gui, restore_file

PASSWORD = "zielona herbata o poranku"
STAFF_PASSWORD = "niebieski rower w garażu"


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "office.sqlite"
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
        users.create_first_leader(s, "renata", "Renata Kowalczyk", PASSWORD)
        users.add_user(s, "jan", "Jan Nowak", "kadra", STAFF_PASSWORD)
    db.dispose()
    yield path
    keys.forget_database_keys()
    for opener in [o for o in rawconn._openers if getattr(o, "path", None) == path]:
        rawconn.unregister(opener)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box.informativeText()) or 0)
    return seen


def sign_in(ops: Ops, login: str, password: str) -> None:
    ops.db.actor = ops.read(lambda s: users.login(s, login, password))


@pytest.fixture
def ops(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ops]:
    monkeypatch.setattr(Ops, "inline", True)
    db = open_for_gui(f"sqlite:///{db_path}")
    assert db is not None
    ops = Ops(db)
    sign_in(ops, "renata", PASSWORD)
    yield ops
    ops.db.dispose()


def logged(ops: Ops, event: str) -> list[audit.AuditRow]:
    return ops.read(lambda s: audit.list_entries(s, event_name=event))


def intact(ops: Ops) -> bool:
    return ops.read(audit.verify).ok


def test_every_kind_of_backup_is_logged(qtbot: Any, ops: Ops, tmp_path: Path) -> None:
    controller = StorageController(ops)
    controller.tick()  # never backed up: an automatic backup at the first tick
    now = controller.backup_now()
    stick = controller.backup_to(tmp_path / "PENDRIVE")
    controller.scheduler.note_change()
    controller.on_exit()
    rows = logged(ops, "backup")
    assert [(r.details["kind"], r.details["automatic"]) for r in rows] == [
        ("exit", True),
        ("manual", False),
        ("manual", False),
        ("auto", True),
    ]
    assert {r.user_name for r in rows} == {"Renata Kowalczyk"}
    assert now is not None and rows[2].details["file"] == now.path.name
    assert rows[1].details["file"] == stick.path.name
    assert intact(ops)


def test_a_restore_is_logged_in_the_restored_database(qtbot: Any, ops: Ops) -> None:
    controller = StorageController(ops)
    info = controller.backup_now()
    assert info is not None
    ops.run(None, lambda s: groups.add_group(s, "Grupa po kopii"))
    result = controller.restore(info.path)
    assert [g.name for g in ops.read(groups.list_groups)] == ["Grupa poniedziałkowa"]
    restore = logged(ops, "restore")
    assert len(restore) == 1 and restore[0].user_name == "Renata Kowalczyk"
    assert restore[0].details["file"] == info.path.name
    assert restore[0].details["audit_head_matches"] is True
    assert restore[0].details["safety_backup"] == result.safety_backup.path.name
    assert ops.db.actor.name == "Renata Kowalczyk"  # still the person who signed in
    assert intact(ops)


def test_kadra_can_neither_back_up_by_hand_nor_restore(qtbot: Any, ops: Ops) -> None:
    controller = StorageController(ops)
    info = controller.backup_now()
    assert info is not None
    sign_in(ops, "jan", STAFF_PASSWORD)
    ops.run(None, lambda s: groups.add_group(s, "Grupa Jana"))
    with pytest.raises(PermissionDenied):
        controller.restore(info.path)
    with pytest.raises(PermissionDenied):
        controller.backup_now()
    assert "Grupa Jana" in [g.name for g in ops.read(groups.list_groups)]
    sign_in(ops, "renata", PASSWORD)
    denied = logged(ops, "access_denied")
    assert [r.details["permission"] for r in denied[:2]] == ["backup", "restore"]
    assert not logged(ops, "restore")


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0:16] = b"not a database!!"
    data[4096 : 4096 * 3] = b"\xff" * 8192
    path.write_bytes(bytes(data))


def test_a_restore_at_start_is_logged(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    backup = bk.create_backup(db_path, kind="manual")
    _damage(db_path)
    monkeypatch.setattr(
        storage_startup,
        "_recover",
        lambda url, error, parent: restore_file(db_path, backup.path, None) and "restored",
    )
    db = open_for_gui(f"sqlite:///{db_path}")
    assert db is not None and messages == []
    try:
        with db.read() as s:
            rows = audit.list_entries(s, event_name="restore")
            assert audit.verify(s).ok
    finally:
        db.dispose()
    assert len(rows) == 1 and rows[0].details["signed_in"] is False
    assert rows[0].details["safety_backup"] is None  # the damaged file was moved aside first


RECOVERY: dict[Path, str] = {}


@pytest.fixture
def encrypted(db_path: Path) -> tuple[Path, bytes]:
    db = open_database(f"sqlite:///{db_path}")
    with db.read() as s:
        hashes = users.password_hashes(s)
    db.dispose()
    RECOVERY[db_path] = encrypt_database(db_path, hashes)
    return db_path, enc.unlock(db_path, "renata", PASSWORD)


def _open_encrypted(path: Path, key: bytes) -> Any:
    return open_for_gui(
        f"sqlite:///{path}", open_fn=lambda u: open_database(u, exclusive=True, key=key)
    )


def test_an_encrypted_office_damaged_at_start_opens_after_the_restore(
    encrypted: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    path, key = encrypted
    db = _open_encrypted(path, key)
    assert db is not None
    db.dispose()
    backup = bk.create_backup(path, kind="manual")
    _damage(path)
    monkeypatch.setattr(
        storage_startup,
        "_recover",
        lambda url, error, parent: restore_file(path, backup.path, None) and "restored",
    )
    db = _open_encrypted(path, key)
    assert messages == []  # not "the key does not fit": the restored file is plain
    assert db is not None
    try:
        with db.read() as s:
            assert [g.name for g in groups.list_groups(s)] == ["Grupa poniedziałkowa"]
    finally:
        db.dispose()


def test_a_failed_restore_leaves_the_encrypted_database_open(
    qtbot: Any, encrypted: tuple[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Ops, "inline", True)
    path, key = encrypted
    db = _open_encrypted(path, key)
    assert db is not None
    ops = Ops(db)
    try:
        sign_in(ops, "renata", PASSWORD)
        controller = StorageController(ops)
        info = controller.backup_now()
        assert info is not None
        cut = tmp_path / "urwana.kisbak"
        cut.write_bytes(info.path.read_bytes()[:-100])  # the stick was pulled out
        with pytest.raises(StorageError) as caught:
            controller.restore(cut)
        assert caught.value.code == "backup.truncated"
        assert [g.name for g in ops.read(groups.list_groups)] == ["Grupa poniedziałkowa"]
        assert enc.is_encrypted(path) and ops.db.actor.name == "Renata Kowalczyk"
    finally:
        ops.db.dispose()


def test_a_lost_encrypted_database_is_restored_with_its_recovery_key(
    qtbot: Any, encrypted: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, key = encrypted
    db = _open_encrypted(path, key)
    assert db is not None
    db.dispose()
    backup = bk.create_backup(path, kind="manual")
    keys.forget_database_keys()  # the next start: nobody has opened the database
    for opener in [o for o in rawconn._openers if getattr(o, "path", None) == path]:
        rawconn.unregister(opener)
    path.unlink()  # lost; the key file beside it is still there
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _p, _t, text, *a: shown.append(text) or 0
    )
    dialog = restore_dialog.RestoreDialog(
        backup.path, lambda file, secret: restore_file(path, file, secret)
    )
    qtbot.addWidget(dialog)
    assert dialog.needs_key  # the field for the key is shown at once, and which key
    assert "klucz odzyskiwania bazy danych" in dialog.key_note.text()
    dialog.secret.setText(RECOVERY[path])
    dialog.run()
    assert dialog.result() == restore_dialog.QDialog.DialogCode.Accepted
    assert "Przywrócono dane" in shown[-1]
    db = open_database(f"sqlite:///{path}")
    try:
        with db.read() as s:
            assert [r.event for r in audit.list_entries(s, limit=1)] == ["restore"]
    finally:
        db.dispose()
