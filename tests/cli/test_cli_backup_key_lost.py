"""Backups protected only by Windows' DPAPI are not a dead end when DPAPI stops opening the
key (a password reset, a copied profile): the failure says what to do, and `backup --new-key`
keeps the old key file, makes a new key and backs up at once.

DPAPI fails here through the keyring's protection seam: a keyring whose machine protection
is "dpapi" is one this (non-Windows) computer cannot unprotect, exactly as Windows answers
after the user's DPAPI master key changed."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

from kisdesk.cli import main
from kisdesk.db import backup_keys as keys

PASSPHRASE = "zielony rower nad Wartą"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def lose_the_key_like_dpapi(data: Path) -> None:
    """The keyring as Windows left it: wrapped by DPAPI only, which no longer opens it."""
    ring = json.loads((data / keys.KEYRING_FILE).read_text(encoding="utf-8"))
    assert not ring["wraps"]  # no passphrase, no recovery key: the dead end of issue 18
    ring["machine"] = {"method": "dpapi", "data": base64.b64encode(os.urandom(178)).decode()}
    (data / keys.KEYRING_FILE).write_text(json.dumps(ring), encoding="utf-8")
    (data / keys.MACHINE_KEY_FILE).unlink(missing_ok=True)


@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "kis.sqlite"
    assert run(capsys, "--db", str(path), "init", "--type", "kis", "--name", "KIS w Zawoni")[0] == 0
    assert run(capsys, "--db", str(path), "backup")[0] == 0
    return path


def test_a_lost_dpapi_key_is_explained_and_a_new_key_backs_up_at_once(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "kisdesk-data"
    lose_the_key_like_dpapi(data)
    code, out, err = run(capsys, "--db", str(office), "backup")
    assert code == 2 and out == ""
    assert "nie może już otworzyć klucza kopii" in err and "backup --new-key" in err
    secret = tmp_path / "haslo.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    code, out, err = run(
        capsys, "--db", str(office), "backup", "--new-key", "--passphrase-file", str(secret)
    )
    assert code == 0, err
    assert "Utworzono nowy klucz kopii zapasowych" in out and "KLUCZ ODZYSKIWANIA" in out
    kept = list(data.glob("backup-keys-*-locked.json"))
    assert len(kept) == 1 and json.loads(kept[0].read_text())["machine"]["method"] == "dpapi"
    ring = keys.load_keyring()
    assert ring.data_key is not None and ring.has_passphrase
    code, out, err = run(capsys, "--db", str(office), "backup")
    assert code == 0 and "zapisana i sprawdzona" in out
    code, out, _ = run(capsys, "--db", str(office), "--json", "audit", "list", "--event", "backup")
    actions = [r["details"].get("action") for r in json.loads(out)["rows"]]
    assert "new_backup_key" in actions and "failed" in actions


def test_a_new_key_is_refused_while_the_old_one_opens(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = keys.load_keyring().key_id
    code, out, err = run(capsys, "--db", str(office), "backup", "--new-key")
    assert code == 2 and out == "" and "Nowy klucz nie jest potrzebny" in err
    assert keys.load_keyring().key_id == before
