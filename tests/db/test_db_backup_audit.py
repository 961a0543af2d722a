"""Backups and restores from the command line are written to the audit log: the backup into
the database it copied, the restore into the restored database; the chain stays intact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kisdesk.cli import main
from kisdesk.db import backup as bk
from kisdesk.db import backup_keys as keys
from kisdesk.db import rawconn
from kisdesk.db.encryption_convert import encrypt_database
from kisdesk.db.open import open_database
from kisdesk.services import audit, users

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "zielona herbata o poranku"
HOLDER = """
import sys, time
from kisdesk.db.open import open_database
db = open_database(sys.argv[1], exclusive=True)
print("OPEN", flush=True)
time.sleep(120)
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else {}), err


@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "kis.sqlite"
    assert run(capsys, "--db", str(path), "init", "--type", "kis", "--name", "KIS w Zawoni")[0] == 0
    assert run(capsys, "--db", str(path), "group", "add", "Grupa poniedziałkowa")[0] == 0
    return path


def entries(path: Path, capsys: pytest.CaptureFixture[str], *login: str) -> list[dict]:
    code, out, err = run(capsys, "--db", str(path), *login, "audit", "list", "--limit", "500")
    assert code == 0, err
    return list(out["rows"])


def chain_is_intact(path: Path, capsys: pytest.CaptureFixture[str], *login: str) -> int:
    code, out, err = run(capsys, "--db", str(path), *login, "audit", "verify")
    assert code == 0, err
    return int(out["entries"])


def test_a_backup_is_in_the_log_and_in_its_own_header(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", str(office), "backup")
    assert code == 0 and out["audit_logged"] is True
    name = Path(out["backup"]["path"]).name
    backups = [e for e in entries(office, capsys) if e["event"] == "backup"]
    assert len(backups) == 1
    assert backups[0]["details"] == {
        "file": name,
        "kind": "manual",
        "automatic": False,
        "records": out["backup"]["records"],
    }
    assert str(office.parent) not in json.dumps(backups[0])  # the file's name, not its folder
    chain_is_intact(office, capsys)
    # the header keeps the log's head as it was in the copy (the entry came after it)
    info = bk.read_info(Path(out["backup"]["path"]))
    db = open_database(f"sqlite:///{office}")
    try:
        with db.read() as s:
            head_now = audit.head(s)
    finally:
        db.dispose()
    assert info.audit_head is not None and info.audit_head[0] == head_now[0] - 1


def test_a_restore_is_written_into_the_restored_log(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--db", str(office), "backup", "--out", str(tmp_path / "stick"))
    backup = Path(out["backup"]["path"])
    kept_head = bk.read_info(backup).audit_head
    assert run(capsys, "--db", str(office), "group", "add", "Grupa po kopii")[0] == 0
    code, out, err = run(capsys, "--db", str(office), "restore", str(backup))
    assert code == 0, err
    rows = entries(office, capsys)
    assert rows[0]["event"] == "restore"
    details = rows[0]["details"]
    assert details["file"] == backup.name and details["backup_kind"] == "manual"
    assert details["backup_audit_head_id"] == kept_head[0]
    assert details["audit_head_matches"] is True
    assert details["safety_backup"] == Path(out["safety_backup"]["path"]).name
    assert details["quarantined"] is False and details["was_encrypted"] is False
    # what happened after the backup left with the replaced database (kept in its copy)
    assert rows[1]["id"] == kept_head[0] and rows[0]["id"] == kept_head[0] + 1
    assert chain_is_intact(office, capsys) == rows[0]["id"]


def test_a_restore_over_a_lost_database_is_logged_too(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--db", str(office), "backup")
    office.unlink()
    code, _, err = run(capsys, "--db", str(office), "restore", out["backup"]["path"])
    assert code == 0, err
    restore = entries(office, capsys)[0]
    assert restore["event"] == "restore" and restore["details"]["signed_in"] is False
    chain_is_intact(office, capsys)


@pytest.fixture
def other_instance(office: Path) -> Iterator[subprocess.Popen[str]]:
    """The program open on the database (it holds the one-writer lock)."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, f"sqlite:///{office}"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "OPEN"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait(timeout=30)


def test_a_backup_beside_the_open_program_says_it_is_not_in_the_log(
    office: Path, other_instance: subprocess.Popen[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", str(office), "backup"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "Kopia zapasowa zapisana i sprawdzona" in out
    assert "nie odnotowano jej w dzienniku zdarzeń" in out


@pytest.fixture
def encrypted(office: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Path]:
    db = open_database(f"sqlite:///{office}")
    with db.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", PASSWORD)
    with db.read() as s:
        hashes = users.password_hashes(s)
    db.dispose()
    encrypt_database(office, hashes)
    yield office
    keys.forget_database_keys()
    for opener in [o for o in rawconn._openers if getattr(o, "path", None) == office]:
        rawconn.unregister(opener)


def test_an_encrypted_office_logs_who_backed_up_and_restored(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KISDESK_PASSWORD", PASSWORD)
    login = ("--user", "renata")
    code, out, err = run(capsys, "--db", str(encrypted), *login, "backup")
    assert code == 0, err
    backup = out["backup"]["path"]
    logged = next(r for r in entries(encrypted, capsys, *login) if r["event"] == "backup")
    assert logged["user"] == "Renata Kowalczyk" and logged["details"]["file"] == Path(backup).name
    code, out, err = run(capsys, "--db", str(encrypted), *login, "restore", backup)
    assert code == 0, err
    rows = entries(encrypted, capsys, *login)  # plain again after the restore
    restore = next(r for r in rows if r["event"] == "restore")
    assert restore["user"] == "Renata Kowalczyk" and restore["details"]["signed_in"] is True
    assert restore["details"]["was_encrypted"] is True
    assert restore["details"]["audit_head_matches"] is True
    # the backup's own entry came after its copy: it lives on in the pre-restore backup
    assert not any(r["event"] == "backup" for r in rows)
    chain_is_intact(encrypted, capsys, *login)


def test_check_of_an_encrypted_office_reads_it_with_the_password(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KISDESK_PASSWORD", PASSWORD)
    keys.forget_database_keys()  # a new process: nothing unlocked yet
    code, _, err = run(capsys, "--db", str(encrypted), "check")
    assert code == 2 and "--user" in err  # who is asking?
    code, report, _ = run(capsys, "--db", str(encrypted), "--user", "renata", "check")
    assert [p["code"] for p in report["problems"]] == []  # not "damaged"
    assert report["integrity"] == ["ok"] and report["newest_backup_verified"] is True
    assert code == 0
