"""First start makes the leader's account: live password checks, one transaction with the
office, and the program goes on signed in as that leader."""

from __future__ import annotations

import sys
import threading
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QWizard

from kisdesk.access import Role
from kisdesk.db import Database
from kisdesk.errors import ValidationError
from kisdesk.services import audit, office, users
from kisdesk.ui.ops import Ops
from kisdesk.ui.wizard import ACCOUNT, DATES, OFFICE, OPERATOR, FirstStartWizard
from tests.ui.shots import keep

PASSWORD = "zielona herbata o poranku"


@pytest.fixture(autouse=True)
def _keep_exception_hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """crash.install() (called by application.run) replaces the hooks: put them back."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


@pytest.fixture
def wizard(qtbot: Any, db: Database, monkeypatch: pytest.MonkeyPatch) -> FirstStartWizard:
    monkeypatch.setattr(Ops, "inline", True)
    widget = FirstStartWizard(Ops(db))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _next(qtbot: Any, wizard: FirstStartWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _finish_button(wizard: FirstStartWizard) -> Any:
    return wizard.button(QWizard.WizardButton.FinishButton)


def _to_account(qtbot: Any, wizard: FirstStartWizard, nip: str = "") -> None:
    """The office steps filled as a user would, ending on the account step."""
    f = wizard.fields
    qtbot.mouseClick(f.kis, Qt.MouseButton.LeftButton, pos=QPoint(8, f.kis.height() // 2))
    _next(qtbot, wizard)
    assert wizard.currentId() == OFFICE
    f.name.setText("Klub Integracji Społecznej w Zawoni")  # QTest cannot type "ł"
    qtbot.keyClicks(f.city, "Zawonia")
    _next(qtbot, wizard)
    assert wizard.currentId() == OPERATOR
    qtbot.keyClicks(f.op_name, "Gmina Zawonia")
    qtbot.keyClicks(f.op_nip, nip)
    _next(qtbot, wizard)
    assert wizard.currentId() == DATES
    qtbot.keyClicks(f.head_name, "Renata Kowalczyk")
    _next(qtbot, wizard)
    assert wizard.currentId() == ACCOUNT


def _type_account(qtbot: Any, wizard: FirstStartWizard, password: str, repeat: str) -> None:
    page = wizard.account
    page.password.clear()
    page.repeat.clear()
    qtbot.keyClicks(page.password, password)
    qtbot.keyClicks(page.repeat, repeat)


def _no_office(db: Database) -> bool:
    with db.read() as s:
        return not office.has_office(s) and not users.has_users(s)


def test_a_short_password_is_explained_as_typed_and_finish_stays_off(
    qtbot: Any, wizard: FirstStartWizard, db: Database
) -> None:
    _to_account(qtbot, wizard)
    page = wizard.account
    assert page.login.text() == "renata.kowalczyk"  # suggested from the leader's name
    assert "Renata Kowalczyk" in page.person.text()
    _type_account(qtbot, wizard, "herbata", "herbata")
    assert page.password_hint.isVisible()
    assert page.password_hint.text() == "Hasło jest za krótkie: 7 z co najmniej 12 znaków."
    assert not _finish_button(wizard).isEnabled()
    qtbot.mouseClick(_finish_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.result() != QDialog.DialogCode.Accepted
    # pressed from the keyboard or by code, the service refuses it at the field all the same
    wizard.accept()
    assert wizard.currentId() == ACCOUNT
    assert "co najmniej 12 znaków" in page.errors.message("password")
    assert wizard.result() != QDialog.DialogCode.Accepted
    assert _no_office(db)


def test_the_repeat_must_agree_before_finishing(
    qtbot: Any, wizard: FirstStartWizard, db: Database
) -> None:
    _to_account(qtbot, wizard)
    page = wizard.account
    _type_account(qtbot, wizard, PASSWORD, "zielona herbata o poranku!")
    assert page.password_hint.text() == "✓ Hasło spełnia wymagania."
    assert page.repeat_hint.text() == "Hasła się różnią."
    assert not _finish_button(wizard).isEnabled()
    page.repeat.clear()
    qtbot.keyClicks(page.repeat, "zielona")  # still typing, agrees so far: no alarm yet
    assert page.repeat_hint.text() == ""
    wizard.accept()
    assert page.errors.message("repeat") == "Hasła się różnią."
    assert _no_office(db)
    page.repeat.clear()
    qtbot.keyClicks(page.repeat, PASSWORD)
    assert page.repeat_hint.text() == "✓ Hasła są takie same."
    assert _finish_button(wizard).isEnabled()


def test_a_common_password_is_refused_on_the_page(
    qtbot: Any, wizard: FirstStartWizard, db: Database
) -> None:
    _to_account(qtbot, wizard)
    _type_account(qtbot, wizard, "qwerty123456", "qwerty123456")
    assert "zbyt popularne" in wizard.account.password_hint.text()
    assert not _finish_button(wizard).isEnabled()


def test_finishing_makes_the_office_and_one_leader_signed_in(
    qtbot: Any, wizard: FirstStartWizard, db: Database
) -> None:
    _to_account(qtbot, wizard, nip="526-104-08-28")
    wizard.account.login.clear()
    qtbot.keyClicks(wizard.account.login, "Renata")
    _type_account(qtbot, wizard, PASSWORD, PASSWORD)
    assert _finish_button(wizard).isEnabled()
    qtbot.mouseClick(_finish_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Accepted
    with db.read() as s:
        assert office.get_office(s).head_name == "Renata Kowalczyk"
        accounts = users.list_users(s)
        phc = users.password_hashes(s)
        logins = audit.list_entries(s, event_name="login")
    assert [(u.login, u.full_name, u.role, u.active) for u in accounts] == [
        ("renata", "Renata Kowalczyk", Role.LEADER.value, True)
    ]
    assert users.check_password(phc["renata"], PASSWORD)
    assert not users.check_password(phc["renata"], "inne hasło do sprawdzenia")
    assert wizard.actor is not None and wizard.actor.user_id == accounts[0].id
    assert wizard.actor.role is Role.LEADER
    assert db.actor == wizard.actor  # the program goes on as the leader
    assert wizard.account.password.text() == ""  # not kept in the widget
    assert [(e.user_id, e.user_name) for e in logins] == [(accounts[0].id, "Renata Kowalczyk")]


def test_a_refused_account_leaves_no_office(
    qtbot: Any, wizard: FirstStartWizard, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _to_account(qtbot, wizard)
    _type_account(qtbot, wizard, PASSWORD, PASSWORD)

    def refuse(*_args: Any, **_kwargs: Any) -> int:
        raise ValidationError("user.bad_login", field="login", value="renata kowalczyk")

    monkeypatch.setattr(users, "create_first_leader", refuse)
    qtbot.mouseClick(_finish_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.result() != QDialog.DialogCode.Accepted
    assert wizard.currentId() == ACCOUNT
    assert "jest niepoprawna" in wizard.account.errors.message("login")
    assert wizard.actor is None
    assert _no_office(db)  # the office made a moment earlier was rolled back with it


def test_a_bad_nip_found_at_the_end_goes_back_to_its_step(
    qtbot: Any, wizard: FirstStartWizard, db: Database
) -> None:
    _to_account(qtbot, wizard, nip="1234567890")
    _type_account(qtbot, wizard, PASSWORD, PASSWORD)
    qtbot.mouseClick(_finish_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == OPERATOR
    assert "NIP „1234567890” jest niepoprawny" in wizard.fields.errors.message("op_nip")
    assert _no_office(db)


def test_the_account_page_screenshot(qtbot: Any, wizard: FirstStartWizard, tmp_path: Any) -> None:
    _to_account(qtbot, wizard)
    _type_account(qtbot, wizard, "herbata z", "herbata z")
    wizard.grab().save(str(tmp_path / "wizard-account.png"))
    assert (tmp_path / "wizard-account.png").stat().st_size > 0


def test_the_program_starts_signed_in_as_the_new_leader(
    qtbot: Any, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication

    from kisdesk.ui import application
    from kisdesk.ui.dialogs import login
    from kisdesk.ui.main_window import MainWindow

    monkeypatch.setattr(Ops, "inline", True)
    windows: list[MainWindow] = []
    asked: list[Any] = []

    def run_wizard(self: FirstStartWizard) -> int:
        qtbot.addWidget(self)
        self.show()
        _to_account(qtbot, self)
        _type_account(qtbot, self, PASSWORD, PASSWORD)
        qtbot.mouseClick(_finish_button(self), Qt.MouseButton.LeftButton)
        return self.result()

    def show(window: MainWindow) -> None:
        windows.append(window)
        qtbot.addWidget(window)

    monkeypatch.setattr(FirstStartWizard, "exec", run_wizard)
    monkeypatch.setattr(login.LoginDialog, "exec", lambda dialog: asked.append(dialog) or 0)
    monkeypatch.setattr(MainWindow, "show", show)
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    assert application.run(db_url) == 0
    assert asked == []  # no second sign-in right after choosing the password
    assert len(windows) == 1
    actor = windows[0].ops.db.actor
    assert (actor.name, actor.role, actor.user_id) == ("Renata Kowalczyk", Role.LEADER, 1)


def test_the_account_is_hashed_off_the_gui_thread(
    qtbot: Any, wizard: FirstStartWizard, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _to_account(qtbot, wizard)
    _type_account(qtbot, wizard, PASSWORD, PASSWORD)
    monkeypatch.setattr(Ops, "inline", False)  # the worker thread and its progress dialog
    qtbot.mouseClick(_finish_button(wizard), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_finish_button(wizard), Qt.MouseButton.LeftButton)  # pressed twice
    qtbot.waitUntil(lambda: wizard.result() == QDialog.DialogCode.Accepted, timeout=20000)
    with db.read() as s:
        assert [u.login for u in users.list_users(s)] == ["renata.kowalczyk"]
    assert wizard.actor is not None and wizard.actor.name == "Renata Kowalczyk"


def test_the_first_account_seals_the_health_data_and_shows_its_recovery_key(
    qtbot: Any, wizard: FirstStartWizard, db: Database
) -> None:
    """docs/threat-model.md §3.4: the leader's account makes the key of the health
    categories and notes; its recovery key is shown once, to be printed, and the dialog
    does not close before the user says it is put away."""
    from kisdesk.services import sealing, sensitive
    from kisdesk.ui.dialogs import recovery_key_dialog

    recovery_key_dialog._OPEN.clear()  # left open by the other tests' wizards
    _to_account(qtbot, wizard)
    _type_account(qtbot, wizard, PASSWORD, PASSWORD)
    qtbot.mouseClick(_finish_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Accepted
    (dialog,) = recovery_key_dialog._OPEN
    qtbot.addWidget(dialog)
    key = dialog.key_label.text()
    assert sealing.parse_recovery_key(key)  # a well-formed key, with its checksum
    assert "zaszyfrowane" in dialog.findChild(type(dialog.key_label), "recoveryIntro").text()
    keep(dialog, "crypt", "sensitive-recovery-key")
    dialog.reject()  # Esc before ticking the box: still open
    assert dialog.isVisible()
    dialog.confirm.setChecked(True)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and recovery_key_dialog._OPEN == []
    assert wizard.actor is not None and wizard.actor.data_key is not None
    with db.read(actor=wizard.actor) as s:
        assert sensitive.office_sealed(s)
