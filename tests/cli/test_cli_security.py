"""The command line with accounts: who may run what, the audit chain, RODO commands and
encryption on and off (issue 6)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

import kisdesk.cli as cli
from tests.pesel import make_pesel

PESEL = make_pesel(dt.date(1977, 9, 3), 88, "K")
PASSWORDS = {
    "renata": "zielona herbata o poranku",
    "ewa": "psycholog lubi rowery",
    "marek": "marek lubi pomidory",
}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KISDESK_PASSWORD", "KISDESK_NEW_PASSWORD", "KISDESK_RECOVERY_KEY"):
        monkeypatch.delenv(name, raising=False)


def run(db: Path, *args: str, capsys, user: str | None = None, env=None, monkeypatch=None):
    if user is not None:
        args = ("--user", user, *args)
        monkeypatch.setenv("KISDESK_PASSWORD", PASSWORDS.get(user, "zupełnie złe hasło"))
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    code = cli.main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    if monkeypatch is not None:
        for key in ("KISDESK_PASSWORD", *(env or {})):
            monkeypatch.delenv(key, raising=False)
    return code, out, err


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The office with three accounts, built once through the CLI (Argon2id is slow on
    purpose), then copied for each test."""
    folder = tmp_path_factory.mktemp("cli-security")
    db = folder / "kis.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KISDESK_DATA_DIR", str(folder / "data"))

        def call(*args: str, password: str | None = None, new: str | None = None) -> None:
            for key, value in (("KISDESK_PASSWORD", password), ("KISDESK_NEW_PASSWORD", new)):
                if value is None:
                    mp.delenv(key, raising=False)
                else:
                    mp.setenv(key, value)
            assert cli.main(["--db", str(db), *args]) == 0

        call("init", "--type", "kis", "--name", "KIS w Zawoni")
        call("group", "add", "Grupa")
        call(
            "participant",
            "add",
            "--first-name",
            "Danuta",
            "--last-name",
            "Kruk",
            "--pesel",
            PESEL,
            "--start",
            "2026-01-05",
            "--group",
            "Grupa",
            "--category",
            "2",
        )
        call(
            "user",
            "add",
            "renata",
            "--role",
            "kierownik",
            "--name",
            "Renata",
            new=PASSWORDS["renata"],
        )
        for login, role in (("ewa", "kadra"), ("marek", "administracja")):
            call(
                "--user",
                "renata",
                "user",
                "add",
                login,
                "--role",
                role,
                "--name",
                login.title(),
                password=PASSWORDS["renata"],
                new=PASSWORDS[login],
            )
    return db


@pytest.fixture
def office(template: Path, tmp_path: Path, capsys) -> Path:
    capsys.readouterr()
    db = tmp_path / "kis.sqlite"
    shutil.copyfile(template, db)
    return db


def test_once_there_are_accounts_every_command_needs_a_user(office, capsys, monkeypatch):
    code, _out, err = run(office, "participant", "list", capsys=capsys)
    assert code == 2 and "--user" in err
    code, _out, err = run(
        office, "participant", "list", capsys=capsys, user="nikt", monkeypatch=monkeypatch
    )
    assert code == 2 and "Niepoprawna nazwa użytkownika lub hasło" in err
    code, out, _err = run(
        office, "participant", "list", capsys=capsys, user="marek", monkeypatch=monkeypatch
    )
    assert code == 0 and "Kruk" in out and PESEL in out  # administracja sees the PESEL


ALLOWED = {
    ("participant", "list"): {"renata", "ewa", "marek"},
    ("group", "add", "Nowa"): {"renata", "ewa"},
    ("settings", "set", "hour_minutes", "50"): {"renata"},
    ("user", "list"): {"renata"},
    ("audit", "verify"): {"renata"},
    ("audit", "list"): {"renata"},
    ("rodo", "retention"): {"renata"},
    ("rodo", "anonymise", "--participant", "1", "--preview"): {"renata"},
}


@pytest.mark.parametrize("login", sorted(PASSWORDS))
@pytest.mark.parametrize("command", list(ALLOWED), ids=[" ".join(c) for c in ALLOWED])
def test_cli_role_matrix(office, capsys, monkeypatch, login, command):
    code, _out, err = run(office, *command, capsys=capsys, user=login, monkeypatch=monkeypatch)
    if login in ALLOWED[command]:
        assert code == 0, err
    else:
        assert code == 2 and "nie pozwala" in err


def test_audit_verify_exits_2_naming_the_edited_row(office, capsys, monkeypatch):
    code, out, _ = run(
        office, "audit", "verify", capsys=capsys, user="renata", monkeypatch=monkeypatch
    )
    assert code == 0 and "nienaruszony" in out
    raw = sqlite3.connect(office)
    raw.execute("DROP TRIGGER audit_entry_no_update")
    raw.execute("UPDATE audit_entry SET user_name = 'ktoś' WHERE id = 3")
    raw.commit()
    raw.close()
    code, _out, err = run(
        office, "audit", "verify", capsys=capsys, user="renata", monkeypatch=monkeypatch
    )
    assert code == 2 and "wpis nr 3" in err


def test_data_pack_json_and_pdf(office, capsys, monkeypatch, tmp_path):
    for name in ("pack.json", "pack.pdf"):
        code, _out, err = run(
            office,
            "rodo",
            "pack",
            "--participant",
            "1",
            "--out",
            str(tmp_path / name),
            capsys=capsys,
            user="renata",
            monkeypatch=monkeypatch,
        )
        assert code == 0, err
    pack = json.loads((tmp_path / "pack.json").read_text(encoding="utf-8"))
    assert pack["personal_data"]["pesel"] == PESEL
    assert (tmp_path / "pack.pdf").read_bytes().startswith(b"%PDF")
    code, _out, err = run(
        office,
        "rodo",
        "pack",
        "--participant",
        "1",
        "--out",
        str(tmp_path / "x.json"),
        capsys=capsys,
        user="ewa",
        monkeypatch=monkeypatch,
    )
    assert code == 2 and not (tmp_path / "x.json").exists()


def test_anonymise_preview_changes_nothing_then_anonymise_removes_the_person(
    office, capsys, monkeypatch
):
    code, out, _ = run(
        office,
        "rodo",
        "anonymise",
        "--participant",
        "1",
        "--preview",
        capsys=capsys,
        user="renata",
        monkeypatch=monkeypatch,
    )
    assert code == 0 and PESEL in out and "Zostanie usunięte" in out
    assert PESEL.encode() in office.read_bytes() + _wal(office)
    code, out, _ = run(
        office,
        "rodo",
        "anonymise",
        "--participant",
        "1",
        capsys=capsys,
        user="renata",
        monkeypatch=monkeypatch,
    )
    assert code == 0 and "nieodwracalnie" in out
    assert PESEL.encode() not in office.read_bytes() + _wal(office)
    assert b"Kruk" not in office.read_bytes() + _wal(office)


def _wal(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""


def test_encrypt_on_then_users_and_the_recovery_key_open_it_then_off(
    office, capsys, monkeypatch, tmp_path
):
    code, out, err = run(
        office, "--json", "encrypt", "on", capsys=capsys, user="renata", monkeypatch=monkeypatch
    )
    assert code == 0, err
    recovery = json.loads(out)["recovery_key"]
    assert PESEL.encode() not in office.read_bytes() and b"Kruk" not in office.read_bytes()
    code, out, _ = run(
        office, "participant", "list", capsys=capsys, user="marek", monkeypatch=monkeypatch
    )
    assert code == 0 and "Kruk" in out
    code, _out, err = run(
        office,
        "participant",
        "list",
        capsys=capsys,
        user="ewa",
        env={"KISDESK_PASSWORD": "nie to hasło wcale"},
        monkeypatch=monkeypatch,
    )
    assert code == 2
    # Ewa changes her password: the encrypted file opens with the new one, not the old.
    new = "ewa ma nowe hasło na wiosnę"
    monkeypatch.setenv("KISDESK_PASSWORD", PASSWORDS["ewa"])
    monkeypatch.setenv("KISDESK_NEW_PASSWORD", new)
    assert cli.main(["--db", str(office), "--user", "ewa", "user", "passwd", "ewa"]) == 0
    monkeypatch.setenv("KISDESK_PASSWORD", new)
    assert cli.main(["--db", str(office), "--user", "ewa", "participant", "list"]) == 0
    monkeypatch.setenv("KISDESK_PASSWORD", PASSWORDS["ewa"])
    assert cli.main(["--db", str(office), "--user", "ewa", "participant", "list"]) == 2
    capsys.readouterr()
    # Nobody remembers the leader's password: the printed recovery key opens the file and
    # resets it, and the audit log says the recovery key was used.
    monkeypatch.setenv("KISDESK_RECOVERY_KEY", recovery)
    monkeypatch.setenv("KISDESK_NEW_PASSWORD", "renata ma nowe hasło od dziś")
    assert cli.main(["--db", str(office), "user", "passwd", "renata"]) == 0
    monkeypatch.delenv("KISDESK_RECOVERY_KEY")
    monkeypatch.setenv("KISDESK_PASSWORD", "renata ma nowe hasło od dziś")
    assert cli.main(["--db", str(office), "--user", "renata", "audit", "list"]) == 0
    out = capsys.readouterr().out
    assert "klucz odzyskiwania" in out and "hasło" in out
    code, _out, err = run(
        office,
        "encrypt",
        "off",
        capsys=capsys,
        user="ewa",
        env={"KISDESK_PASSWORD": new},
        monkeypatch=monkeypatch,
    )
    assert code == 2 and "nie pozwala" in err
    code, _out, err = run(
        office,
        "encrypt",
        "off",
        capsys=capsys,
        user="renata",
        env={"KISDESK_PASSWORD": "renata ma nowe hasło od dziś"},
        monkeypatch=monkeypatch,
    )
    assert code == 0, err
    raw = sqlite3.connect(office)
    assert raw.execute("SELECT last_name FROM participant").fetchall() == [("Kruk",)]
    raw.close()
