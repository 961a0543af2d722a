"""The accounts table and the log's triggers against the audit chain, on every backend
(issue 12; docs/threat-model.md §3.3)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from kisdesk.errors import PermissionDenied
from kisdesk.services import audit, users

LEADER_PW = "zielona herbata o poranku"
STAFF_PW = "psycholog lubi rowery"


@pytest.fixture
def accounts(kis):
    with kis.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", LEADER_PW)
    with kis.read() as s:
        leader = users.login(s, "renata", LEADER_PW)
    with kis.session(actor=leader) as s:
        staff_id = users.add_user(s, "ewa", "Ewa", "kadra", STAFF_PW, view_sensitive=False)
    return kis, leader, staff_id


def _codes(db, leader) -> list[tuple[str, str]]:
    with db.read(actor=leader) as s:
        check = audit.verify(s)
    assert check.ok  # the chain itself is whole in every case here
    return [(f.code, str(f.params.get("login", f.params.get("names", "")))) for f in check.findings]


def test_changes_made_by_the_program_agree_with_the_chain(accounts):
    db, leader, staff_id = accounts
    with db.session(actor=leader) as s:
        users.update_user(s, staff_id, "Ewa", "kadra", view_sensitive=True)
        users.change_password(s, staff_id, "nowe hasło ewy do pracy")
        users.set_active(s, staff_id, False)
    assert _codes(db, leader) == []


def test_a_grant_given_in_the_file_is_found(accounts):
    db, leader, staff_id = accounts
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE user_account SET view_sensitive = :v WHERE id = :id"),
            {"v": True, "id": staff_id},
        )
    assert _codes(db, leader) == [("audit.account_outside_log", "ewa")]


def test_accounts_deleted_in_the_file_stop_everyone_working_unsigned(accounts):
    db, leader, _ = accounts
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM user_account"))
    with pytest.raises(PermissionDenied) as err, db.read() as s:
        users.sign_in_needed(s)
    assert err.value.code == "auth.accounts_missing"
    found = _codes(db, leader)
    assert sorted(found) == [("audit.account_deleted", "ewa"), ("audit.account_deleted", "renata")]


def test_an_office_that_never_had_accounts_needs_no_sign_in(kis):
    with kis.read() as s:
        assert users.sign_in_needed(s) is False


def test_a_dropped_or_disabled_append_only_trigger_is_found(accounts):
    db, leader, _ = accounts
    postgres = db.engine.dialect.name == "postgresql"
    name = "audit_entry_append_only" if postgres else "audit_entry_no_update"
    with db.engine.begin() as conn:
        if postgres:  # the server's database is shared by the tests: disabled, then enabled
            conn.execute(text(f"ALTER TABLE audit_entry DISABLE TRIGGER {name}"))
        else:
            conn.execute(text(f"DROP TRIGGER {name}"))
    try:
        assert _codes(db, leader) == [("audit.triggers_missing", name)]
    finally:
        if postgres:
            with db.engine.begin() as conn:
                conn.execute(text(f"ALTER TABLE audit_entry ENABLE TRIGGER {name}"))
