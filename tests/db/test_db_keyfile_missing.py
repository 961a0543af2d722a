"""An encrypted database whose key file is missing or another database's is locked, never
damaged: nothing is quarantined, the message says what is missing and how to fix it, the
printed recovery key opens it, and SQLCipher's own lines never reach stderr. Wrong passwords
at the key file wait as a sign-in does."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from storage_helpers import new_office

from kisdesk.cli import main
from kisdesk.db import backup_keys, rawconn
from kisdesk.db.encryption_files import key_copies_dir, keyfile_path
from kisdesk.services import encryption, users
from kisdesk.services.storage import Holder

PASSWORD = "sosna przy starej drodze"


def encrypted_office(path: Path) -> str:
    """An encrypted office with the leader renata; returns its recovery key."""
    db = new_office(path)
    with db.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", PASSWORD)
    with db.read() as s:
        db.actor = users.login(s, "renata", PASSWORD)
    holder = Holder(db)
    turned = encryption.turn_on(holder)
    holder.db.dispose()
    forget(path)
    return turned.recovery_key


def forget(path: Path) -> None:
    """As a new process: no key of the file remembered."""
    for opener in [o for o in rawconn._openers if getattr(o, "path", None) == path]:
        rawconn.unregister(opener)
    backup_keys.forget_database_keys()


@pytest.fixture
def office(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    path = (tmp_path / "office.sqlite").resolve()
    recovery = encrypted_office(path)
    yield path, recovery
    forget(path)


def run(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, path: Path, **env: str
) -> tuple[int, str, str]:
    for name in ("KISDESK_PASSWORD", "KISDESK_RECOVERY_KEY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    args = ["--db", str(path)]
    if "KISDESK_PASSWORD" in env:
        args += ["--user", "renata"]
    code = main([*args, "group", "list"])
    forget(path)
    out, err = capfd.readouterr()
    return code, out, err


def nothing_quarantined(tmp_path: Path, path: Path) -> bool:
    return path.exists() and not list(tmp_path.rglob("quarantine*"))


def test_a_missing_key_file_is_named_not_called_damage(
    office: tuple[Path, str],
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, _ = office
    keyfile_path(path).rename(tmp_path / "away.keys")
    shutil.rmtree(key_copies_dir())  # another computer: no copy of the key file either
    for env in ({"KISDESK_PASSWORD": PASSWORD}, {}):
        code, out, err = run(capfd, monkeypatch, path, **env)
        assert code == 2 and out == ""
        assert "brakuje pliku z kluczami" in err and str(keyfile_path(path)) in err
        assert "uszkodzon" not in err.replace("nie jest uszkodzona", "")
        assert "ERROR CORE" not in err and "Traceback" not in err
        assert nothing_quarantined(tmp_path, path)
    (tmp_path / "away.keys").rename(keyfile_path(path))  # the fix the message names
    code, out, err = run(capfd, monkeypatch, path, KISDESK_PASSWORD=PASSWORD)
    assert code == 0 and "Grupa poniedziałkowa" in out


def test_the_printed_recovery_key_opens_it_and_puts_the_key_file_back(
    office: tuple[Path, str], capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, recovery = office
    keyfile_path(path).unlink()
    code, out, err = run(capfd, monkeypatch, path, KISDESK_RECOVERY_KEY=recovery)
    assert code == 0, err
    assert "Grupa poniedziałkowa" in out and keyfile_path(path).exists()
    code, out, _ = run(capfd, monkeypatch, path, KISDESK_PASSWORD=PASSWORD)
    assert code == 0 and "Grupa poniedziałkowa" in out


def test_another_databases_key_file_is_named_and_nothing_moved(
    office: tuple[Path, str],
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, recovery = office
    other = (tmp_path / "inne" / "biuro.sqlite").resolve()
    other.parent.mkdir()
    ours = tmp_path / "kisdesk-data"
    monkeypatch.setenv("KISDESK_DATA_DIR", str(tmp_path / "inne-dane"))  # another computer
    encrypted_office(other)  # the same leader and password in the other office
    monkeypatch.setenv("KISDESK_DATA_DIR", str(ours))
    shutil.copyfile(keyfile_path(other), keyfile_path(path))
    code, out, err = run(capfd, monkeypatch, path, KISDESK_PASSWORD=PASSWORD)
    assert code == 0 and "Grupa poniedziałkowa" in out  # this computer's copy fitted
    shutil.copyfile(keyfile_path(other), keyfile_path(path))
    shutil.rmtree(key_copies_dir())
    code, out, err = run(capfd, monkeypatch, path, KISDESK_PASSWORD=PASSWORD)
    assert code == 2 and "nie pasuje do bazy danych" in err
    assert "ERROR CORE" not in err and "hmac" not in err
    assert nothing_quarantined(tmp_path, path)


def test_wrong_passwords_at_the_key_file_wait_like_a_sign_in(
    office: tuple[Path, str], capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = office
    for n in range(1, 6):
        code, _, err = run(capfd, monkeypatch, path, KISDESK_PASSWORD=f"zle-haslo-{n}-xx")
        assert code == 2 and "Niepoprawna nazwa użytkownika lub hasło." in err
    assert "możliwa dopiero za 30 s" in err  # the fifth failure
    code, out, err = run(capfd, monkeypatch, path, KISDESK_PASSWORD=PASSWORD)
    assert code == 2 and out == "" and "Spróbuj ponownie za" in err  # even the right one
