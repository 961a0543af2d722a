"""The users page and the audit-log page, driven as the leader would (issue 6)."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.errors import PermissionDenied
from kisdesk.services import users
from kisdesk.ui.dialogs.user_dialog import UserDialog
from kisdesk.ui.dialogs.user_password import PasswordDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.audit import AuditPage
from kisdesk.ui.pages.users import UsersPage
from tests.ui.shots import keep

LEADER_PW = "zielona herbata o poranku"


@pytest.fixture
def ops(kis: Database, monkeypatch: pytest.MonkeyPatch) -> Ops:
    monkeypatch.setattr(Ops, "inline", True)
    with kis.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", LEADER_PW)
    with kis.read() as s:
        kis.actor = users.login(s, "renata", LEADER_PW)
    return Ops(kis)


def _rows(page) -> list[str]:
    model = page.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_the_leader_adds_an_account_and_mistakes_are_shown_at_the_field(ops, qtbot, qtmodeltester):
    page = UsersPage(ops)
    qtbot.addWidget(page)
    page.show()
    assert _rows(page) == ["renata"]
    qtmodeltester.check(page.model)
    dialog = UserDialog(ops, None, page)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.login, "marek")
    qtbot.keyClicks(dialog.full_name, "Marek Nowak")
    dialog.role.setCurrentIndex(dialog.role.findData("administracja"))
    assert not dialog.sensitive.isChecked() and not dialog.sensitive.isEnabled()
    qtbot.keyClicks(dialog.password, "haslo123")
    qtbot.keyClicks(dialog.repeat, "haslo123")
    dialog.save()
    assert "co najmniej 12 znaków" in dialog.errors.message("password")
    assert dialog.result() == 0
    dialog.password.clear()
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.password, "marek lubi pomidory")
    qtbot.keyClicks(dialog.repeat, "marek lubi pomidory!")
    dialog.save()
    assert dialog.errors.message("repeat") == "Hasła się różnią."
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "marek lubi pomidory")
    dialog.save()
    assert dialog.result() == 1
    page.refresh()
    assert _rows(page) == ["marek", "renata"]
    with ops.db.read() as s:
        assert users.login(s, "marek", "marek lubi pomidory").role is Role.ADMIN


def test_deactivate_and_password_reset_from_the_page(ops, qtbot):
    with ops.db.session() as s:
        uid = users.add_user(s, "ewa", "Ewa", "kadra", "psycholog lubi rowery")
    page = UsersPage(ops)
    qtbot.addWidget(page)
    page.show()
    page.select(uid)
    assert page.active_button.text() == "Wyłącz konto"
    page.toggle_active()
    assert {r.login: r.active for r in page.model.rows()} == {"renata": True, "ewa": False}
    page.select(uid)
    page.toggle_active()
    dialog = PasswordDialog(ops, uid, "ewa", page)
    qtbot.addWidget(dialog)
    assert not dialog.current.isVisible()  # the leader resets without the old password
    qtbot.keyClicks(dialog.password, "ewa wraca po urlopie")
    qtbot.keyClicks(dialog.repeat, "ewa wraca po urlopie")
    dialog.save()
    assert dialog.result() == 1
    with ops.db.read() as s:
        assert users.login(s, "ewa", "ewa wraca po urlopie").user_id == uid


def test_the_administrative_worker_sees_no_accounts(ops, qtbot):
    ops.db.actor = Actor("Marek", Role.ADMIN, user_id=99)
    page = UsersPage(ops)
    qtbot.addWidget(page)
    page.show()
    assert _rows(page) == [] and not page.new_button.isEnabled()
    audit_page = AuditPage(ops)
    qtbot.addWidget(audit_page)
    audit_page.show()
    assert audit_page.model.rowCount() == 0 and "tylko dla kierownika" in audit_page.status.text()


def test_the_users_page_says_whether_the_file_is_encrypted_and_leads_to_it(ops, qtbot):
    went = []
    page = UsersPage(ops, lambda name, **kw: went.append(name))
    qtbot.addWidget(page)
    page.show()
    assert page.encryption.text().startswith("Baza danych nie jest szyfrowana.")
    assert "Ochrona danych" in page.encryption.text()
    page.encryption.linkActivated.emit("rodo")
    assert went == ["rodo"]


def test_audit_page_lists_filters_and_finds_an_altered_entry(ops, qtbot, qtmodeltester, tmp_path):
    with ops.db.read() as s, contextlib.suppress(PermissionDenied):
        users.login(s, "renata", "zle haslo zle haslo")
    page = AuditPage(ops)
    qtbot.addWidget(page)
    page.resize(1100, 500)
    page.show()
    qtmodeltester.check(page.model)
    events = [page.model.index(r, 3).data() for r in range(page.model.rowCount())]
    assert events[:2] == ["Nieudane logowanie", "Zalogowanie"]
    page.event.setCurrentIndex(page.event.findData("login_failed"))
    assert page.model.rowCount() == 1
    page.verify()
    assert page.status.text().startswith("Dziennik jest nienaruszony")
    page.grab().save(str(tmp_path / "audit.png"))
    with ops.db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_entry_no_update")
        conn.execute(text("UPDATE audit_entry SET user_name = 'ktoś' WHERE id = 2"))
    page.verify()
    assert "wpis nr 2" in page.status.text()


def test_audit_page_reports_a_role_raised_in_the_file(ops, qtbot):
    """Issue 12: the chain is whole, but the accounts table was edited around it."""
    with ops.db.session() as s:
        uid = users.add_user(s, "ola", "Ola", "administracja", "ola liczy faktury w piątki")
    page = AuditPage(ops)
    qtbot.addWidget(page)
    page.resize(1100, 500)
    page.show()
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    assert page.status.text().startswith("Dziennik jest nienaruszony")
    with ops.db.engine.begin() as conn:
        conn.execute(text(f"UPDATE user_account SET role = 'kierownik' WHERE id = {uid}"))
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    shown = page.status.text()
    assert "nie zgadza" in shown and "Konto „ola”" in shown and "poza programem" in shown
    qtbot.wait(50)  # the layout makes room for the longer status
    keep(page, "trust-roles", "audit-account-outside-log")


def test_no_sign_in_is_skipped_when_every_account_was_deleted(ops, qtbot, monkeypatch):
    from kisdesk.ui.dialogs import login

    with ops.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM user_account"))
    shown = []
    monkeypatch.setattr(login, "show_error", lambda parent, exc: shown.append(exc.code))
    assert login.sign_in(ops) is None  # the program closes instead of opening unsigned
    assert shown == ["auth.accounts_missing"]


def test_accounts_without_an_authorisation_are_named_until_one_is_recorded(ops, qtbot):
    import datetime as dt

    from kisdesk.services import authorisations

    page = UsersPage(ops)
    qtbot.addWidget(page)
    page.show()
    warning = page.authorisations.warning
    assert "Bez ważnego upoważnienia" in warning.text()  # art. 8b ust. 4
    assert "renata" in warning.text().lower()
    day = dt.date.today()
    with ops.db.session() as s:
        authorisations.add_authorisation(s, day, user_login="renata", undertaking_on=day)
    page.refresh()
    assert warning.text() == "Każde konto i każda osoba z kadry mają ważne upoważnienie."
