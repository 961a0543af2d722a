"""A backup carries its office's identity: another office's backup is not restored over this
one without `--other-office` (exit 2 naming both offices, nothing changed)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kisdesk.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def offices(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT kind, name FROM office").fetchall()
    finally:
        conn.close()


@pytest.fixture
def two_offices(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    ours = tmp_path / "kis.sqlite"
    theirs = tmp_path / "inne.sqlite"
    assert run(capsys, "--db", str(ours), "init", "--type", "kis", "--name", "KIS w Zawoni")[0] == 0
    assert run(capsys, "--db", str(ours), "group", "add", "Grupa poniedziałkowa")[0] == 0
    name = "Centrum Integracji Społecznej w Innym Mieście"
    assert run(capsys, "--db", str(theirs), "init", "--type", "cis", "--name", name)[0] == 0
    return ours, theirs


def test_another_offices_backup_is_refused_naming_both_offices(
    two_offices: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours, theirs = two_offices
    backup = tmp_path / "inne.kisbak"
    assert run(capsys, "--db", str(theirs), "backup", "--out", str(backup))[0] == 0
    code, out, err = run(capsys, "--db", str(ours), "restore", str(backup))
    assert code == 2 and out == ""
    assert "„KIS w Zawoni”" in err and "„Centrum Integracji Społecznej w Innym Mieście”" in err
    assert "--other-office" in err and "Traceback" not in err
    assert offices(ours) == [("kis", "KIS w Zawoni")]
    assert not list(tmp_path.rglob("*pre-restore*"))  # nothing done, not even its backup
    code, out, _ = run(capsys, "--db", str(ours), "--json", "group", "list")
    assert [g["name"] for g in json.loads(out)["rows"]] == ["Grupa poniedziałkowa"]
    code, out, _ = run(capsys, "--db", str(ours), "--json", "audit", "list", "--event", "restore")
    assert code == 0
    refused = json.loads(out)["rows"][0]["details"]
    assert refused == {"action": "failed", "file": "inne.kisbak", "reason": "restore.other_office"}


def test_with_other_office_the_backup_replaces_the_office(
    two_offices: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours, theirs = two_offices
    backup = tmp_path / "inne.kisbak"
    assert run(capsys, "--db", str(theirs), "backup", "--out", str(backup))[0] == 0
    code, out, err = run(capsys, "--db", str(ours), "restore", str(backup), "--other-office")
    assert code == 0, err
    assert "Poprzedni stan bazy zachowano w kopii" in out
    assert offices(ours) == [("cis", "Centrum Integracji Społecznej w Innym Mieście")]
    code, out, _ = run(capsys, "--db", str(ours), "--json", "audit", "list", "--event", "restore")
    assert json.loads(out)["rows"][0]["details"]["other_office"] is True


def test_the_same_offices_backup_needs_no_confirmation(
    two_offices: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours, _ = two_offices
    backup = tmp_path / "nasza.kisbak"
    assert run(capsys, "--db", str(ours), "backup", "--out", str(backup))[0] == 0
    assert run(capsys, "--db", str(ours), "group", "add", "Grupa wtorkowa")[0] == 0
    code, _, err = run(capsys, "--db", str(ours), "restore", str(backup))
    assert code == 0, err
    assert offices(ours) == [("kis", "KIS w Zawoni")]
