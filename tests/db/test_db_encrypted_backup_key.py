"""With the database encrypted, its backups are no easier to open than the database itself:
the backup key is wrapped by the database key, and no key file on the disk opens it. Whoever
can open the database (a password, or the printed recovery key) can still restore them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from storage_helpers import new_office

from kisdesk.cli import main
from kisdesk.db import backup as bk
from kisdesk.db import backup_keys as keys
from kisdesk.db import encryption as enc
from kisdesk.db import rawconn
from kisdesk.db.backup_crypto import new_recovery_key
from kisdesk.db.encryption_convert import decrypt_database, encrypt_database
from kisdesk.db.open import open_database
from kisdesk.errors import StorageError
from kisdesk.messages import describe
from kisdesk.paths import data_dir
from kisdesk.services import groups, users

PASSWORD = "zielona herbata o poranku"
REPO = Path(__file__).resolve().parents[2]


def _forget(path: Path) -> None:
    """What a new process knows: no database key in memory, only the files."""
    keys.forget_database_keys()
    for opener in [o for o in rawconn._openers if getattr(o, "path", None) == path]:
        rawconn.unregister(opener)


def _group_names(path: Path, key: bytes | None = None) -> list[str]:
    db = open_database(f"sqlite:///{path}", key=key)
    try:
        with db.read() as s:
            return sorted(g.name for g in groups.list_groups(s))
    finally:
        db.dispose()


@pytest.fixture
def office(tmp_path: Path) -> Iterator[dict]:
    """An office that made a backup while plain, then turned encryption on."""
    path = tmp_path / "office" / "office.sqlite"
    path.parent.mkdir()
    db = new_office(path)
    with db.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", PASSWORD)
    with db.read() as s:
        hashes = users.password_hashes(s)
    db.dispose()
    plain_era = bk.create_backup(path, kind="manual")
    if sys.platform != "win32":
        assert (data_dir() / keys.MACHINE_KEY_FILE).exists()  # today's plain behaviour
    recovery = encrypt_database(path, hashes)
    key = enc.unlock(path, "renata", PASSWORD)
    db = open_database(f"sqlite:///{path}", key=key)
    with db.session() as s:
        groups.add_group(s, "Grupa szyfrowana")
    db.dispose()
    encrypted_era = bk.create_backup(path, kind="auto")  # the key is open in this process
    yield {
        "path": path,
        "key": key,
        "recovery": recovery,
        "plain_era": plain_era.path,
        "encrypted_era": encrypted_era.path,
    }
    _forget(path)


def test_turning_encryption_on_removes_the_plain_backup_key(office: dict) -> None:
    assert not (data_dir() / keys.MACHINE_KEY_FILE).exists()
    stored = json.loads((data_dir() / keys.KEYRING_FILE).read_text(encoding="utf-8"))
    assert stored["machine"]["method"] == "database"
    assert [w["type"] for w in stored["wraps"]] == ["db-recovery"]
    # both backups open for the program that has the database open
    assert bk.verify_backup(office["plain_era"]).row_counts["group"] == 1
    assert bk.verify_backup(office["encrypted_era"]).row_counts["group"] == 2


_THIEF = """
import json, sys
from pathlib import Path
from kisdesk.db import backup as bk, backup_keys as keys
from kisdesk.db import backup_crypto as bc
from kisdesk.errors import KisdeskError
outcome = {}
ring = keys.load_keyring()
outcome["data_key"] = ring.data_key is not None
for name in sys.argv[1:]:
    try:
        bk.verify_backup(Path(name))
        outcome[name] = "opened"
    except KisdeskError as exc:
        outcome[name] = exc.code
# every 32-byte file on the disk tried as the key that once lay next to the backups, and as
# the database key itself
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
machine = ring.machine
opened_by_a_file = False
for candidate in Path(sys.argv[1]).parents[2].rglob("*"):
    if candidate.is_file() and candidate.stat().st_size == 32:
        raw = candidate.read_bytes()
        if keys._unprotect_with_database(machine, raw) is not None:
            opened_by_a_file = True
        try:
            AESGCM(raw).decrypt(
                bc.unb64(machine["nonce"]), bc.unb64(machine["data"]), b"kisdesk-machine"
            )
            opened_by_a_file = True
        except Exception:
            pass
outcome["opened_by_a_file"] = opened_by_a_file
print(json.dumps(outcome))
"""


def test_a_thief_with_only_the_files_cannot_open_the_backups(office: dict, tmp_path: Path) -> None:
    stolen = tmp_path / "stolen"
    shutil.copytree(data_dir(), stolen / "data")
    shutil.copytree(office["path"].parent, stolen / "office")
    backups = [
        stolen / "data" / "backups" / p.name for p in (office["plain_era"], office["encrypted_era"])
    ]
    env = dict(os.environ, KISDESK_DATA_DIR=str(stolen / "data"), PYTHONPATH=str(REPO))
    run = subprocess.run(
        [sys.executable, "-c", _THIEF, *map(str, backups)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    assert outcome["data_key"] is False
    assert [outcome[str(b)] for b in backups] == ["backup.needs_database_key"] * 2
    assert outcome["opened_by_a_file"] is False


def test_a_restore_works_for_a_user_who_opens_the_database_with_a_password(
    office: dict, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = office["path"]
    _forget(path)  # a new `kisdesk` process
    monkeypatch.setenv("KISDESK_PASSWORD", PASSWORD)
    code = main(["--db", str(path), "--user", "renata", "restore", str(office["plain_era"])])
    assert code == 0, capsys.readouterr().err
    assert _group_names(path) == ["Grupa poniedziałkowa"]  # plain until encrypted again
    # the restored database is plain: its backups must still work after a restart
    _forget(path)
    assert keys.load_keyring().data_key is not None
    assert bk.create_backup(path).records > 0


def test_a_restore_works_with_the_recovery_key_when_the_database_is_gone(
    office: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = office["path"]
    _forget(path)
    path.unlink()  # the database is lost; its key file is still there
    card = tmp_path / "klucz.txt"
    card.write_text(office["recovery"] + "\n", encoding="utf-8")
    # a backup made before encryption: opened through the key file beside the database
    code = main(["--db", str(path), "restore", str(office["plain_era"]), "--key-file", str(card)])
    assert code == 0, capsys.readouterr().err
    assert _group_names(path) == ["Grupa poniedziałkowa"]


def test_the_recovery_key_opens_the_backups_on_another_computer(
    office: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _forget(office["path"])
    monkeypatch.setenv("KISDESK_DATA_DIR", str(tmp_path / "new-laptop"))
    target = tmp_path / "new-laptop-db" / "office.sqlite"
    target.parent.mkdir()
    with pytest.raises(StorageError) as caught:
        bk.verify_backup(office["encrypted_era"])
    assert caught.value.code == "backup.needs_key"
    with pytest.raises(StorageError) as caught:
        bk.verify_backup(office["encrypted_era"], secret=new_recovery_key())
    assert caught.value.code == "backup.wrong_key"
    info = bk.verify_backup(office["encrypted_era"], secret=office["recovery"])
    assert info.row_counts["group"] == 2


def test_a_new_recovery_key_opens_the_backups_made_after_it(
    office: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, key = office["path"], office["key"]
    fresh = enc.replace_recovery_key(path, key)
    db = open_database(f"sqlite:///{path}", key=key)
    db.dispose()
    after = bk.create_backup(path, kind="manual")
    _forget(path)
    monkeypatch.setenv("KISDESK_DATA_DIR", str(tmp_path / "new-laptop"))
    assert bk.verify_backup(after.path, secret=fresh).row_counts["group"] == 2
    assert bk.verify_backup(office["encrypted_era"], secret=office["recovery"]).records > 0


def test_an_office_encrypted_earlier_loses_its_plain_key_at_the_next_backup(
    office: dict,
) -> None:
    """Offices that turned encryption on before the backup key followed the database."""
    ring = keys.load_keyring()
    keys.protect_with_machine(ring)  # the state such an office is in
    if sys.platform != "win32":
        assert (data_dir() / keys.MACHINE_KEY_FILE).exists()
    path, key = office["path"], office["key"]
    db = open_database(f"sqlite:///{path}", key=key)
    db.dispose()
    bk.create_backup(path)
    assert not (data_dir() / keys.MACHINE_KEY_FILE).exists()
    assert keys.load_keyring().protected_by_database
    _forget(path)
    assert keys.load_keyring().data_key is None  # the files alone open nothing now
    with pytest.raises(StorageError) as caught:
        bk.verify_backup(office["plain_era"])
    assert "zaszyfrowanej bazy danych" in describe(caught.value)


def test_turning_encryption_off_gives_the_backups_back_to_this_computer(office: dict) -> None:
    path, key = office["path"], office["key"]
    decrypt_database(path, key)
    _forget(path)
    ring = keys.load_keyring()
    assert ring.data_key is not None and not ring.protected_by_database
    assert bk.verify_backup(office["encrypted_era"]).row_counts["group"] == 2
    assert bk.create_backup(path).row_counts["group"] == 2
