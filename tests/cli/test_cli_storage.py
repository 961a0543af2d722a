"""`kisdesk backup`, `kisdesk restore FILE`, `kisdesk check`: what an office's IT helper runs."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kisdesk.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict | str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    if "--json" in args and out.strip():
        return code, json.loads(out), err
    return code, out, err


@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "kis.sqlite"
    assert run(capsys, "--db", str(path), "init", "--type", "kis", "--name", "KIS w Zawoni")[0] == 0
    assert run(capsys, "--db", str(path), "group", "add", "Grupa poniedziałkowa")[0] == 0
    return path


def groups_in(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, _ = run(capsys, "--db", str(path), "group", "list", "--json")
    assert code == 0
    return sorted(json.dumps(out, ensure_ascii=False).split('"name": "')[1:])


def test_check_fails_without_a_backup_and_passes_after_one(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report, _ = run(capsys, "--db", str(office), "check", "--json")
    assert code == 2 and report["healthy"] is False
    assert [p["code"] for p in report["problems"]] == ["check.no_backup"]
    assert report["integrity"] == ["ok"] and report["foreign_key_problems"] == 0
    secret = tmp_path / "haslo.txt"
    secret.write_text("zielony rower nad Wartą\n", encoding="utf-8")
    page = tmp_path / "klucz.pdf"
    code, out, _ = run(
        capsys,
        "--db",
        str(office),
        "backup",
        "--passphrase-file",
        str(secret),
        "--recovery-page",
        str(page),
        "--json",
    )
    assert code == 0 and out["verified"] is True
    assert len(out["recovery_key"]) == 44 and page.read_bytes().startswith(b"%PDF")
    code, report, _ = run(capsys, "--db", str(office), "check", "--json")
    assert code == 0 and report["healthy"] is True and report["warnings"] == []
    assert report["newest_backup"]["path"] == out["backup"]["path"]
    assert report["newest_backup_verified"] is True
    assert report["newest_backup_age_hours"] < 1
    code, text, _ = run(capsys, "--db", str(office), "check")
    assert code == 0 and "Wynik: wszystko w porządku." in text and "sprawdzona" in text


def test_check_reports_broken_links(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--db", str(office), "backup")
    conn = sqlite3.connect(office)
    conn.execute(
        "INSERT INTO participation (participant_id, start_on, end_note, created_at, "
        "updated_at, version) VALUES (999, '2026-01-01', '', '2026-01-01', '2026-01-01', 1)"
    )
    conn.commit()
    conn.close()
    code, text, _ = run(capsys, "--db", str(office), "check")
    assert code == 2 and "nieistniejące dane (1)" in text and "Wynik: są problemy." in text


def test_restore_brings_back_the_backup_and_keeps_the_current_state(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--db", str(office), "backup", "--json")
    backup = out["backup"]["path"]
    run(capsys, "--db", str(office), "group", "add", "Grupa dodana po kopii")
    assert any("dodana" in g for g in groups_in(office, capsys))
    code, out, _ = run(capsys, "--db", str(office), "restore", backup, "--json")
    assert code == 0
    assert out["restored"]["path"] == backup and out["safety_backup"]["kind"] == "pre-restore"
    assert not any("dodana" in g for g in groups_in(office, capsys))
    code, text, _ = run(capsys, "--db", str(office), "restore", out["safety_backup"]["path"])
    assert code == 0 and "Przywrócono dane z kopii z" in text
    assert any("dodana" in g for g in groups_in(office, capsys))


def test_a_damaged_database_tells_the_restore_command(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--db", str(office), "backup", "--json")
    office.write_bytes(b"\0" * 8192)
    code, _, err = run(capsys, "--db", str(office), "group", "list")
    assert code == 2 and "uszkodzony" in err and f'kisdesk restore "{out["backup"]["path"]}"' in err
    code, report, _ = run(capsys, "--db", str(office), "check", "--json")
    assert code == 2 and report["problems"][0]["code"] == "db.missing"  # it is in quarantine
    code, text, _ = run(capsys, "--db", str(office), "restore", out["backup"]["path"])
    assert code == 0 and "Przywrócono" in text
    assert run(capsys, "--db", str(office), "check")[0] == 0


def test_on_a_new_computer_the_recovery_key_restores(
    office: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    secret = tmp_path / "haslo.txt"
    secret.write_text("zielony rower nad Wartą", encoding="utf-8")
    stick = tmp_path / "PENDRIVE"
    stick.mkdir()
    _, out, _ = run(
        capsys,
        "--db",
        str(office),
        "backup",
        "--out",
        str(stick),
        "--passphrase-file",
        str(secret),
        "--json",
    )
    monkeypatch.setenv("KISDESK_DATA_DIR", str(tmp_path / "new-laptop"))
    target = tmp_path / "new-laptop-db" / "kis.sqlite"
    code, _, err = run(capsys, "--db", str(target), "restore", out["backup"]["path"])
    assert code == 2 and "innym komputerze" in err
    key = tmp_path / "klucz.txt"
    key.write_text(out["recovery_key"].lower(), encoding="utf-8")
    code, _, _ = run(
        capsys, "--db", str(target), "restore", out["backup"]["path"], "--key-file", str(key)
    )
    assert code == 0 and groups_in(target, capsys)


def test_a_wrong_passphrase_is_refused_once_one_is_set(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("zielony rower nad Wartą", encoding="utf-8")
    bad.write_text("niebieski rower nad Odrą", encoding="utf-8")
    assert run(capsys, "--db", str(office), "backup", "--passphrase-file", str(good))[0] == 0
    code, _, err = run(capsys, "--db", str(office), "backup", "--passphrase-file", str(bad))
    assert code == 2 and "obowiązujące hasło" in err


def test_with_accounts_only_the_leader_may_restore(
    office: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kisdesk.db.open import open_database
    from kisdesk.services import users

    _, out, _ = run(capsys, "--db", str(office), "backup", "--json")
    db = open_database(f"sqlite:///{office}")
    with db.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", "hasło kierowniczki 1")
        users.add_user(s, "marek", "Marek Nowak", "administracja", "hasło administracji 1")
    db.dispose()
    monkeypatch.setenv("KISDESK_PASSWORD", "hasło administracji 1")
    code, _, err = run(
        capsys, "--db", str(office), "--user", "marek", "restore", out["backup"]["path"]
    )
    assert code == 2 and "nie pozwala" in err
    monkeypatch.setenv("KISDESK_PASSWORD", "hasło kierowniczki 1")
    code, _, _ = run(
        capsys, "--db", str(office), "--user", "renata", "restore", out["backup"]["path"]
    )
    assert code == 0


def test_a_backup_to_a_folder_that_is_not_there_is_refused_not_written_beside_it(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "--out /media/pendrive/" with the pendrive not plugged in: the copy was written as
    # pendrive.kisbak beside the missing folder (or the folder made on the local disk)
    out = str(tmp_path / "pendrive") + "/"
    code, _out, err = run(capsys, "--db", str(office), "backup", "--out", out)
    assert code == 2 and "Nie ma folderu" in err and "pendrive lub dysk" in err
    assert not (tmp_path / "pendrive").exists()
    assert not list(tmp_path.glob("*.kisbak"))
    (tmp_path / "pendrive").mkdir()  # plugged in
    code, payload, err = run(
        capsys, "--db", str(office), "backup", "--out", str(tmp_path / "pendrive") + "/", "--json"
    )
    assert code == 0, err
    assert Path(payload["backup"]["path"]).parent == tmp_path / "pendrive"
