"""A forgotten password on an encrypted database: the recovery key, then a new password."""

from __future__ import annotations

from pathlib import Path

import pytest

from kisdesk.access import Role
from kisdesk.db import encryption as enc
from kisdesk.db.encryption_convert import encrypt_database
from kisdesk.db.open import open_database, open_encrypted_database
from kisdesk.errors import PermissionDenied
from kisdesk.services import audit, office, users
from kisdesk.ui.dialogs.login import RecoveryDialog, sign_in
from kisdesk.ui.ops import Ops

OLD = "zielona herbata o poranku"
NEW = "nowe hasło z sejfu"


@pytest.fixture
def encrypted(db_url: str) -> tuple[Path, str]:
    db = open_database(db_url)
    with db.session() as s:
        office.create_office(
            s, office.OfficeData(kind="kis", name="KIS", operator=office.OperatorData(name="G"))
        )
        users.create_first_leader(s, "renata", "Renata Kowalczyk", OLD)
    with db.read() as s:
        hashes = users.password_hashes(s)
    db.dispose()
    path = Path(db_url.removeprefix("sqlite:///"))
    return path, encrypt_database(path, hashes)


def test_recovery_key_then_a_new_leader_password(encrypted, qtbot, monkeypatch):
    monkeypatch.setattr(Ops, "inline", True)
    path, recovery = encrypted
    db = open_encrypted_database(path, enc.unlock_with_recovery(path, recovery))
    try:
        ops = Ops(db)
        dialog = RecoveryDialog(ops)
        qtbot.addWidget(dialog)
        assert dialog.account.currentData()[1] == "renata"
        qtbot.keyClicks(dialog.password, "nowe haslo z sejfu")
        qtbot.keyClicks(dialog.repeat, "nowe haslo z sejfu!")
        dialog.save()
        assert dialog.result() == 0 and dialog.errors.message("repeat")
        dialog.password.setText(NEW)
        dialog.repeat.setText(NEW)
        dialog.save()
        assert dialog.result() == 1
        actor = sign_in(ops, login=dialog.login, password=dialog.new_password)
        assert actor is not None and actor.role is Role.LEADER and db.actor == actor
        with db.read() as s:
            logins = audit.list_entries(s, event_name="login", limit=5)
        assert [e.details.get("method") for e in logins][-1] == "recovery_key"
    finally:
        db.dispose()
    assert enc.unlock(path, "renata", NEW) == enc.unlock_with_recovery(path, recovery)
    with pytest.raises(PermissionDenied):
        enc.unlock(path, "renata", OLD)
