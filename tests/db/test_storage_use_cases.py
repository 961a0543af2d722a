"""Backup, restore, encryption and key slots as one set of use cases
(kisdesk.services.storage, kisdesk.services.encryption): each writes its audit entry,
failures included, whoever calls it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from storage_helpers import new_office

from kisdesk.cli import main
from kisdesk.db import Database, backup_keys, rawconn
from kisdesk.db import encryption as enc
from kisdesk.db.open import open_database
from kisdesk.errors import StorageError
from kisdesk.services import audit, encryption, storage, users
from kisdesk.services.storage import Holder, reopen_around

PASSWORD = "sosna przy starej drodze"


def entries(db: Database, event: str) -> list[dict[str, object]]:
    with db.read() as s:
        return [e.details for e in audit.list_entries(s, event_name=event)]


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Database]:
    db = new_office(tmp_path / "office.sqlite")
    try:
        yield db
    finally:
        db.dispose()
        for opener in [o for o in rawconn._openers if getattr(o, "path", None) == db.path]:
            rawconn.unregister(opener)
        backup_keys.forget_database_keys()


def test_open_database_says_which_file_it_opened(office: Database, tmp_path: Path) -> None:
    assert office.path == (tmp_path / "office.sqlite").resolve()
    assert storage.database_file(office) == office.path


def test_a_failed_backup_is_in_the_audit_log(
    office: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StorageError):
        storage.backup(office, out=blocker / "sub" / "copy.kisbak")
    assert entries(office, "backup")[0] == {
        "action": "failed",
        "kind": "manual",
        "reason": "file.not_writable",
    }
    # the command line is the same call: its failure is logged the same way
    office.dispose()
    code = main(["--db", str(office.path), "backup", "--out", str(blocker / "a" / "b.kisbak")])
    assert code == 2 and "Błąd" in capsys.readouterr().err
    assert [e.get("action") for e in entries(office, "backup")] == ["failed", "failed"]


def test_a_restore_is_logged_in_the_restored_database_and_a_failed_one_in_the_current(
    office: Database, tmp_path: Path
) -> None:
    made = storage.backup(office)
    assert entries(office, "backup")[0]["kind"] == "manual"
    office.dispose()
    assert office.path is not None
    url = office.url
    done = storage.restore(url, made.info.path, actor=None)
    assert done.unlogged is None
    cut = tmp_path / "cut.kisbak"
    cut.write_bytes(made.info.path.read_bytes()[:-100])
    with pytest.raises(StorageError):
        storage.restore(url, cut, actor=None)
    reopened = open_database(url)
    try:
        logged = entries(reopened, "restore")
        assert logged[0] == {"action": "failed", "file": "cut.kisbak", "reason": "backup.truncated"}
        assert logged[1]["file"] == made.info.path.name and logged[1]["audit_head_matches"]
    finally:
        reopened.dispose()


def _leader(db: Database) -> None:
    with db.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", PASSWORD)
    with db.read() as s:
        db.actor = users.login(s, "renata", PASSWORD)


def test_a_failed_conversion_is_logged_after_the_reopen(office: Database) -> None:
    _leader(office)
    holder = Holder(office)

    def refuse(change: object, key: object) -> object:
        def in_use(_path: Path) -> None:
            raise StorageError("encryption.db_in_use")

        return reopen_around(holder, in_use)

    with pytest.raises(StorageError):
        encryption.turn_on(holder, refuse)
    assert holder.db is not office  # reopened as it was
    try:
        assert [e.get("action") for e in entries(holder.db, "encryption")] == ["failed", None]
        assert entries(holder.db, "encryption")[0]["reason"] == "encryption.db_in_use"
        assert holder.db.actor.name == "Renata Kowalczyk"
    finally:
        holder.db.dispose()


def test_key_slots_follow_accounts_by_their_normalised_login(office: Database) -> None:
    _leader(office)
    holder = Holder(office)
    turned = encryption.turn_on(holder)
    db = holder.db
    try:
        assert db.path is not None and encryption.database_is_encrypted(db)
        assert enc.unlock_with_recovery(db.path, turned.recovery_key)
        with db.session() as s:
            uid = users.add_user(
                s, "Ewa", "Ewa Nowak", "kadra", "jodła nad rzeką Wartą", None, True
            )
            encryption.sync_key_slot(db, " EWA ", users.password_hashes(s)["ewa"])
            assert users.get_user(s, uid).login == "ewa"
        assert enc.unlock(db.path, "Ewa", "jodła nad rzeką Wartą")
        keys = json.loads(enc.keyfile_path(db.path).read_text(encoding="utf-8"))
        assert sorted(s.get("login", "") for s in keys["slots"] if s["type"] == "user") == [
            "ewa",
            "renata",
        ]
        assert [e["state"] for e in entries(db, "encryption")] == ["on"]
    finally:
        db.dispose()
