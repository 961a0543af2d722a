"""Encryption at rest: unreadable without a key, opened by each user and by the recovery
key, surviving a password change; converted on and off safely (issue 6)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from kisdesk.db import encryption as enc
from kisdesk.db.encryption_convert import decrypt_database, encrypt_database
from kisdesk.db.open import open_database, open_encrypted_database
from kisdesk.errors import PermissionDenied, ValidationError
from kisdesk.services import groups, office, participants, users
from tests.pesel import make_pesel

PESEL = make_pesel(dt.date(1975, 8, 19), 612, "M")
LEADER_PW = "zielona herbata o poranku"
STAFF_PW = "psycholog lubi rowery"


@pytest.fixture
def office_file(db_url: str) -> Path:
    """A plain database file with an office, a participant and two accounts."""
    db = open_database(db_url)
    try:
        with db.session() as s:
            office.create_office(
                s,
                office.OfficeData(
                    kind="kis", name="KIS w Zawoni", operator=office.OperatorData(name="Gmina")
                ),
            )
            groups.add_group(s, "Grupa")
            participants.add_participant(
                s, participants.ParticipantData("Zbigniew", "Przybyłowicz", pesel=PESEL)
            )
            users.create_first_leader(s, "renata", "Renata Kowalczyk", LEADER_PW)
        leader = _login(db, "renata", LEADER_PW)
        with db.session(actor=leader) as s:
            users.add_user(s, "ewa", "Ewa Psycholog", "kadra", STAFF_PW)
    finally:
        db.dispose()
    return Path(db_url.removeprefix("sqlite:///"))


def _login(db, login, password):
    with db.read() as s:
        return users.login(s, login, password)


def _hashes(path: Path) -> dict[str, str]:
    db = open_database(f"sqlite:///{path}")
    try:
        with db.read() as s:
            return users.password_hashes(s)
    finally:
        db.dispose()


def _names(path: Path, key: bytes) -> list[str]:
    db = open_encrypted_database(path, key)
    try:
        with db.read() as s:
            return [p.full_name for p in participants.list_participants(s)]
    finally:
        db.dispose()


def test_encrypted_file_is_unreadable_without_a_key(office_file):
    recovery = encrypt_database(office_file, _hashes(office_file))
    raw = office_file.read_bytes()
    for needle in (PESEL, "Przybyłowicz", "Zbigniew", "KIS w Zawoni", "SQLite format 3"):
        assert needle.encode() not in raw
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(office_file).execute("SELECT count(*) FROM participant").fetchone()
    keyfile = enc.keyfile_path(office_file).read_text(encoding="utf-8")
    slots = json.loads(keyfile)["slots"]
    assert sorted(s.get("login", "-") for s in slots) == ["-", "ewa", "renata"]
    key = enc.unlock(office_file, "renata", LEADER_PW)
    assert key.hex() not in keyfile and LEADER_PW not in keyfile and recovery not in keyfile
    with pytest.raises(Exception):  # noqa: B017 - a wrong key fails however SQLCipher says it
        enc.connect(office_file, bytes(32))


def test_each_user_and_the_recovery_key_open_it(office_file):
    recovery = encrypt_database(office_file, _hashes(office_file))
    keys = {
        enc.unlock(office_file, "renata", LEADER_PW),
        enc.unlock(office_file, "EWA", STAFF_PW),
        enc.unlock_with_recovery(office_file, recovery.lower().replace("-", " ")),
    }
    assert len(keys) == 1
    assert _names(office_file, keys.pop()) == ["Zbigniew Przybyłowicz"]
    with pytest.raises(PermissionDenied):
        enc.unlock(office_file, "ewa", LEADER_PW)
    with pytest.raises(PermissionDenied):
        enc.unlock(office_file, "nikt", LEADER_PW)
    with pytest.raises(ValidationError):
        enc.unlock_with_recovery(office_file, "0000-0000-0000-0000-0000-0000-0000-0000-0000")


def test_a_password_change_keeps_the_data_reachable(office_file):
    recovery = encrypt_database(office_file, _hashes(office_file))
    key = enc.unlock(office_file, "ewa", STAFF_PW)
    db = open_encrypted_database(office_file, key)
    new = "nowe hasło ewy po urlopie"
    try:
        ewa = _login(db, "ewa", STAFF_PW)
        with db.session(actor=ewa) as s:
            phc = users.change_password(s, ewa.user_id, new, old_password=STAFF_PW)
            path, same_key = enc.key_of(db.engine)
            enc.set_user_slot(path, same_key, "ewa", phc)
    finally:
        db.dispose()
    with pytest.raises(PermissionDenied):
        enc.unlock(office_file, "ewa", STAFF_PW)
    reopened = enc.unlock(office_file, "ewa", new)
    assert reopened == key == enc.unlock_with_recovery(office_file, recovery)
    assert _names(office_file, reopened) == ["Zbigniew Przybyłowicz"]
    db = open_encrypted_database(office_file, reopened)
    try:
        assert _login(db, "ewa", new).name == "Ewa Psycholog"
    finally:
        db.dispose()


def test_a_deactivated_account_no_longer_opens_the_file(office_file):
    encrypt_database(office_file, _hashes(office_file))
    key = enc.unlock(office_file, "renata", LEADER_PW)
    enc.remove_user_slot(office_file, key, "ewa")
    with pytest.raises(PermissionDenied):
        enc.unlock(office_file, "ewa", STAFF_PW)
    assert enc.KeyFile.load(office_file).user_logins() == ["renata"]


def test_a_new_recovery_key_replaces_the_old_one(office_file):
    old = encrypt_database(office_file, _hashes(office_file))
    key = enc.unlock(office_file, "renata", LEADER_PW)
    new = enc.replace_recovery_key(office_file, key)
    assert enc.unlock_with_recovery(office_file, new) == key
    with pytest.raises(ValidationError):
        enc.unlock_with_recovery(office_file, old)


def test_turning_encryption_off_gives_the_same_records_back(office_file):
    plain_before = sqlite3.connect(office_file)
    counts = {
        t: plain_before.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        for (t,) in plain_before.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    plain_before.close()
    encrypt_database(office_file, _hashes(office_file))
    key = enc.unlock(office_file, "renata", LEADER_PW)
    backup = decrypt_database(office_file, key)
    assert not enc.is_encrypted(office_file) and not enc.keyfile_path(office_file).exists()
    conn = sqlite3.connect(office_file)
    try:
        after = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in counts}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert after == counts
    # The copy made before decrypting is still encrypted and opens with the same key.
    assert enc.is_encrypted(backup) and enc.unlock(backup, "renata", LEADER_PW) == key


def test_refused_without_accounts_or_twice(office_file):
    with pytest.raises(ValidationError) as err:
        encrypt_database(office_file, {})
    assert err.value.code == "encryption.needs_users" and not enc.is_encrypted(office_file)
    encrypt_database(office_file, _hashes(office_file))
    with pytest.raises(ValidationError) as err:
        encrypt_database(office_file, _hashes_encrypted(office_file))
    assert err.value.code == "encryption.already_on"


def _hashes_encrypted(path: Path) -> dict[str, str]:
    db = open_encrypted_database(path, enc.unlock(path, "renata", LEADER_PW))
    try:
        with db.read() as s:
            return users.password_hashes(s)
    finally:
        db.dispose()


def test_a_plain_copy_for_the_backup_has_every_record(office_file, tmp_path):
    from kisdesk.db.encryption_convert import export_plain_copy

    encrypt_database(office_file, _hashes(office_file))
    key = enc.unlock(office_file, "renata", LEADER_PW)
    counts = export_plain_copy(office_file, key, tmp_path / "copy.sqlite")
    conn = sqlite3.connect(tmp_path / "copy.sqlite")
    try:
        names = conn.execute("SELECT first_name, last_name FROM participant").fetchall()
    finally:
        conn.close()
    assert names == [("Zbigniew", "Przybyłowicz")] and counts["participant"] == 1
    assert enc.is_encrypted(office_file)  # the database itself stays encrypted
