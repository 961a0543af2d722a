"""Plik › Zmień hasło… and Plik › Zablokuj: a user's own password and leaving the desk."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kisdesk.access import Role
from kisdesk.db import Database
from kisdesk.services import users
from kisdesk.ui.dialogs import user_password
from kisdesk.ui.idle_lock import IdleLock
from kisdesk.ui.main_window import MainWindow
from kisdesk.ui.ops import Ops

LEADER_PW = "zielona herbata o poranku"
STAFF_PW = "rower nad jeziorem latem"
NEW_PW = "czerwone jabłka w koszyku"


@pytest.fixture
def ops(kis: Database, monkeypatch: pytest.MonkeyPatch) -> Ops:
    monkeypatch.setattr(Ops, "inline", True)
    with kis.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", LEADER_PW)
    with kis.read() as s:
        kis.actor = users.login(s, "renata", LEADER_PW)
    with kis.session() as s:
        users.add_user(s, "marek", "Marek Zając", Role.STAFF.value, STAFF_PW)
    with kis.read() as s:
        kis.actor = users.login(s, "marek", STAFF_PW)
    return Ops(kis)


def test_a_staff_member_changes_their_own_password_from_the_menu(ops, qtbot, monkeypatch):
    window = MainWindow(ops)
    qtbot.addWidget(window)
    shown = []

    def fill_and_save(dialog: user_password.PasswordDialog) -> int:
        shown.append(dialog.windowTitle())
        assert dialog.current.isVisibleTo(dialog)  # one's own: the current password first
        dialog.current.setText(STAFF_PW)
        dialog.password.setText(NEW_PW)
        dialog.repeat.setText(NEW_PW)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(user_password.PasswordDialog, "exec", fill_and_save)
    action = window.findChild(type(window.password_action), "change_password")
    assert action is window.password_action and action.isEnabled()
    action.trigger()
    assert shown == ["Zmiana hasła – marek"]
    with ops.db.read() as s:
        assert users.login(s, "marek", NEW_PW).role is Role.STAFF


def test_lock_from_the_menu_covers_the_window_until_the_password(ops, qtbot):
    window = MainWindow(ops)
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(ops, minutes=10)
    lock.install()
    try:
        assert not window.lock_action.isEnabled()  # nothing to lock with until wired
        window.set_lock(lambda: lock.lock(manual=True))
        assert window.lock_action.isEnabled()
        assert window.lock_action.shortcut().toString() == "Ctrl+L"
        window.lock_action.trigger()
        assert lock.locked and lock.dialog is not None
        notes = [label.text() for label in lock.dialog.findChildren(QLabel)]
        assert any("Program został zablokowany." in text for text in notes)
        assert window.windowTitle() == "kisdesk – zablokowano"
        lock.dialog.password.setText(STAFF_PW)
        lock.dialog.ok_button.click()
        assert not lock.locked
        assert window.windowTitle().endswith("kisdesk") and "zablokowano" not in (
            window.windowTitle()
        )
    finally:
        lock.uninstall()


def test_without_accounts_both_stay_greyed_out(kis, qtbot, monkeypatch):
    monkeypatch.setattr(Ops, "inline", True)
    window = MainWindow(Ops(kis))
    qtbot.addWidget(window)
    window.set_lock(lambda: pytest.fail("an office without accounts has nothing to lock"))
    assert not window.password_action.isEnabled()
    assert not window.lock_action.isEnabled()
    window.lock_action.trigger()


def test_backups_are_greyed_out_for_kadra_and_open_for_the_leader(ops, qtbot):
    shown = []
    window = MainWindow(ops)  # signed in as Marek, kadra
    qtbot.addWidget(window)
    assert not window.backup_action.isEnabled()  # not wired yet
    window.set_backup(lambda: shown.append("backup"))
    assert not window.backup_action.isEnabled()
    assert "kierownik" in window.backup_action.toolTip()
    window.backup_action.trigger()
    assert shown == []
    with ops.db.read() as s:
        ops.db.actor = users.login(s, "renata", LEADER_PW)
    leaders = MainWindow(ops)
    qtbot.addWidget(leaders)
    leaders.set_backup(lambda: shown.append("backup"))
    assert leaders.backup_action.isEnabled()
    leaders.backup_action.trigger()
    assert shown == ["backup"]
