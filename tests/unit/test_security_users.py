"""Accounts and signing in: the first leader, roles, password changes, the slowdown that
survives a restart, and the audit entries of sign-ins (issue 6)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select, update

from kisdesk.access import Actor, Role
from kisdesk.db.open import open_database
from kisdesk.errors import ConflictError, PermissionDenied, ValidationError
from kisdesk.models import AuditEntry, User
from kisdesk.services import audit, users

LEADER_PW = "zielona herbata o poranku"
ADMIN_PW = "marek lubi pomidory"


@pytest.fixture
def accounts(kis):
    with kis.session() as s:
        users.create_first_leader(s, "Renata", "Renata Kowalczyk", LEADER_PW)
    leader = _login(kis, "renata", LEADER_PW)
    with kis.session(actor=leader) as s:
        users.add_user(s, "marek", "Marek Nowak", "administracja", ADMIN_PW)
    return kis, leader


def _login(db, login, password, now=None):
    with db.read() as s:
        return users.login(s, login, password, now=now)


def test_first_leader_then_named_accounts(accounts):
    db, leader = accounts
    assert leader == Actor("Renata Kowalczyk", Role.LEADER, leader.user_id, None, True)
    with pytest.raises(ConflictError) as err, db.session() as s:
        users.create_first_leader(s, "ktos", "Ktoś", LEADER_PW)
    assert err.value.code == "user.already_set_up"
    admin = _login(db, "MAREK", ADMIN_PW)  # logins are case-insensitive
    assert admin.role is Role.ADMIN
    with pytest.raises(PermissionDenied), db.session(actor=admin) as s:
        users.add_user(s, "ewa", "Ewa", "kadra", "ewa ma kota i psa")
    with db.read(actor=leader) as s:
        assert [u.login for u in users.list_users(s)] == ["marek", "renata"]


def test_first_account_must_be_the_leaders(kis):
    with pytest.raises(ValidationError) as err, kis.session() as s:
        users.add_user(s, "marek", "Marek", "administracja", ADMIN_PW)
    assert err.value.code == "user.first_must_be_leader"
    with kis.read() as s:
        assert not users.has_users(s)


def test_weak_password_is_refused_and_nothing_is_written(kis):
    with pytest.raises(ValidationError) as err, kis.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", "haslo123")
    assert err.value.code == "password.too_short"
    with kis.read() as s:
        assert not users.has_users(s)


def test_wrong_password_unknown_user_and_inactive_user_say_the_same(accounts):
    db, leader = accounts
    for login, password in (("renata", "nie to hasło wcale"), ("nikt", LEADER_PW)):
        with pytest.raises(PermissionDenied) as err:
            _login(db, login, password)
        assert err.value.code == "auth.bad_credentials"
    with db.session(actor=leader) as s:
        users.set_active(s, users.user_id_by_login(s, "marek"), False)
    with pytest.raises(PermissionDenied) as err:
        _login(db, "marek", ADMIN_PW)
    assert err.value.code == "auth.bad_credentials"
    with db.read(actor=leader) as s:
        failed = [r.details["reason"] for r in audit.list_entries(s, event_name="login_failed")]
    assert failed == ["inactive", "unknown", "password"]


def test_repeated_failures_slow_down_and_the_slowdown_survives_a_restart(accounts):
    db, _leader = accounts
    t0 = dt.datetime(2026, 11, 22, 9, 0, 0)
    for i in range(5):
        with pytest.raises(PermissionDenied):
            _login(db, "marek", f"zle haslo numer {i}", now=t0)
    db.dispose()
    reopened = open_database(db.url)  # the program was closed and started again
    try:
        with pytest.raises(PermissionDenied) as err:
            _login(reopened, "marek", ADMIN_PW, now=t0 + dt.timedelta(seconds=5))
        assert err.value.code == "auth.wait" and err.value.params["seconds"] == 25
        # The right password is refused while waiting, then accepted; the counter resets.
        actor = _login(reopened, "marek", ADMIN_PW, now=t0 + dt.timedelta(seconds=31))
        assert actor.role is Role.ADMIN
        with reopened.read() as s:
            row = s.execute(
                select(User.failed_logins, User.last_login_at).where(User.login == "marek")
            ).one()
        assert row.failed_logins == 0 and row.last_login_at is not None
    finally:
        reopened.dispose()


def test_after_one_hundred_failures_only_the_leader_can_unlock(accounts):
    db, leader = accounts
    with db.session() as s:
        s.execute(update(User).where(User.login == "marek").values(failed_logins=99))
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=1)
    with pytest.raises(PermissionDenied) as err:
        _login(db, "marek", "jeszcze jedno złe hasło", now=later)
    assert err.value.code == "auth.locked"
    with pytest.raises(PermissionDenied) as err:
        _login(db, "marek", ADMIN_PW, now=later + dt.timedelta(hours=1))
    assert err.value.code == "auth.locked"
    with db.session(actor=leader) as s:
        users.unlock(s, users.user_id_by_login(s, "marek"))
    assert _login(db, "marek", ADMIN_PW).role is Role.ADMIN


def test_own_password_change_needs_the_current_one(accounts):
    db, _leader = accounts
    admin = _login(db, "marek", ADMIN_PW)
    new = "nowe hasło marka na zimę"
    with pytest.raises(PermissionDenied) as err, db.session(actor=admin) as s:
        users.change_password(s, admin.user_id, new, old_password="nie pamiętam go wcale")
    assert err.value.code == "user.wrong_current_password"
    with db.session(actor=admin) as s:
        users.change_password(s, admin.user_id, new, old_password=ADMIN_PW)
    assert _login(db, "marek", new).role is Role.ADMIN
    with pytest.raises(PermissionDenied):
        _login(db, "marek", ADMIN_PW)


def test_the_last_leader_cannot_be_demoted_or_deactivated(accounts):
    db, leader = accounts
    for change in (
        lambda s: users.update_user(s, leader.user_id, "Renata", "kadra"),
        lambda s: users.set_active(s, leader.user_id, False),
    ):
        with pytest.raises(ConflictError) as err, db.session(actor=leader) as s:
            change(s)
        assert err.value.code == "user.last_leader"


def test_role_change_is_logged_with_the_accounts_new_state(accounts):
    db, leader = accounts
    with db.session(actor=leader) as s:
        uid = users.user_id_by_login(s, "marek")
        users.update_user(s, uid, "Marek Nowak", "kadra", view_sensitive=False)
    with db.read() as s:
        entry = s.execute(
            select(AuditEntry.record_id, AuditEntry.user_name, AuditEntry.details).where(
                AuditEntry.event == "role_change"
            )
        ).one()
    assert entry.record_id == uid and entry.user_name == "Renata Kowalczyk"
    # The account's resulting state is in the chain (issue 12: the accounts table is compared
    # with it); the password hash is not, only a fingerprint of it.
    state = json.loads(entry.details)["account"]
    assert (state["login"], state["role"], state["view_sensitive"]) == ("marek", "kadra", False)
    with db.read() as s:
        phc = s.scalar(select(User.password_hash).where(User.id == uid))
    assert phc not in entry.details and phc.split("$")[-1] not in entry.details
    assert _login(db, "marek", ADMIN_PW) == Actor("Marek Nowak", Role.STAFF, uid, None, False)


def test_passwords_never_reach_the_audit_log(accounts):
    db, _leader = accounts
    with pytest.raises(PermissionDenied):
        _login(db, "renata", "sekretne-zle-haslo")
    with db.read() as s:
        text = " ".join(e.details for e in s.scalars(select(AuditEntry)))
    assert "sekretne" not in text and LEADER_PW not in text and ADMIN_PW not in text
    assert "argon2" not in text
