"""Accounts and the audit log against someone editing the file (issue 12, item 2; the
misuse cases of December 2026, F2 and F9, on a plain SQLite file).

`audit verify` and `check` compare the accounts table with the states the audit chain holds,
check that the append-only triggers exist, and compare the chain with the head recorded in
the newest backup. Deleting every account does not open the office to anyone.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from roles_office import PASSWORDS, build, copy, run

import kisdesk.cli as cli


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("accounts-file"))


@pytest.fixture
def office(template: Path, tmp_path: Path, capsys) -> Path:
    capsys.readouterr()
    return copy(template, tmp_path)


def _sql(db: Path, *statements: str) -> None:
    conn = sqlite3.connect(db)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _verify(office: Path, capsys) -> tuple[int, dict, str]:
    code, out, err = run(office, "--json", "audit", "verify", capsys=capsys, user="renata")
    return code, json.loads(out) if out else {}, err


def _run_as(office: Path, login: str, env: dict[str, str], capsys) -> tuple[int, str, str]:
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        code = cli.main(["--db", str(office), "--user", login, "participant", "list"])
    out, err = capsys.readouterr()
    return code, out, err


def _check(office: Path, capsys) -> list[str]:
    code, out, err = run(office, "--json", "check", capsys=capsys, user="renata")
    return [p["code"] for p in json.loads(out)["problems"]]


def test_an_untouched_office_agrees_with_its_chain(office, capsys):
    code, report, _ = _verify(office, capsys)
    assert code == 0 and report["ok"] is True and report["problems"] == []
    assert "audit.account_outside_log" not in _check(office, capsys)


def test_role_changes_made_in_the_program_are_not_reported(office, capsys):
    code, _out, err = run(office, "user", "role", "ola", "kadra", capsys=capsys, user="renata")
    assert code == 0, err
    code, _out, err = run(office, "user", "deactivate", "jan", capsys=capsys, user="renata")
    assert code == 0, err
    code, report, _ = _verify(office, capsys)
    assert code == 0 and report["problems"] == []


def test_a_role_raised_in_the_file_is_reported(office, capsys):
    _sql(office, "UPDATE user_account SET role = 'kierownik' WHERE login = 'ola'")
    # the raised role grants nothing: the account no longer signs in, and says why
    code, out, err = run(office, "user", "list", capsys=capsys, user="ola")
    assert code == 2 and out == "" and "zmieniono w pliku bazy poza programem" in err
    code, report, _ = _verify(office, capsys)
    assert code == 2 and report["ok"] is False
    (problem,) = report["problems"]
    assert problem["code"] == "audit.account_outside_log" and problem["login"] == "ola"
    assert "role" in problem["fields"] and "poza programem" in problem["message"]
    assert "audit.account_outside_log" in _check(office, capsys)
    code, out, _ = run(office, "audit", "verify", capsys=capsys, user="renata")
    assert code == 2 and "Konto „ola”" in out and "PROBLEM" in out
    code, out, _ = run(
        office, "audit", "list", "--event", "login_failed", capsys=capsys, user="renata"
    )
    assert "login: ola" in out and "konto zmienione poza programem" in out
    # the leader sets the role again in the program: the account works and agrees
    code, _out, err = run(
        office, "user", "role", "ola", "administracja", capsys=capsys, user="renata"
    )
    assert code == 0, err
    code, _out, err = run(office, "participant", "list", capsys=capsys, user="ola")
    assert code == 0, err
    code, report, _ = _verify(office, capsys)
    assert code == 0 and report["problems"] == []


def test_a_health_grant_or_a_password_hash_swapped_in_the_file_is_reported(office, capsys):
    _sql(
        office,
        "UPDATE user_account SET view_sensitive = 1 WHERE login = 'jan'",
        "UPDATE user_account SET password_hash = "
        "(SELECT password_hash FROM user_account WHERE login = 'jan') WHERE login = 'ola'",
    )
    code, report, _ = _verify(office, capsys)
    assert code == 2, report
    code, _out, err = _run_as(office, "ola", {"KISDESK_PASSWORD": PASSWORDS["jan"]}, capsys)
    assert code == 2 and "poza programem" in err  # jan's password does not open ola's account
    found = {p["login"]: p["fields"] for p in report["problems"]}
    assert "view_sensitive" in found["jan"] and "password" in found["ola"]


def test_an_account_added_or_deleted_in_the_file_is_reported(office, capsys):
    _sql(
        office,
        "INSERT INTO user_account (login, full_name, role, password_hash, active, "
        "view_sensitive, failed_logins, version, created_at, updated_at) SELECT 'obcy', '', "
        "'kierownik', password_hash, 1, 1, 0, 1, created_at, updated_at FROM user_account "
        "WHERE login = 'ola'",
        "DELETE FROM user_account WHERE login = 'ewa'",
    )
    code, report, _ = _verify(office, capsys)
    assert code == 2
    codes = {(p["code"], p["login"]) for p in report["problems"]}
    assert codes == {("audit.account_not_in_log", "obcy"), ("audit.account_deleted", "ewa")}
    # ola's password opens the account copied from hers only in the file, not in the program
    os_env = {"KISDESK_PASSWORD": PASSWORDS["ola"]}
    code, _out, err = _run_as(office, "obcy", os_env, capsys)
    assert code == 2 and "poza programem" in err


def test_with_every_account_deleted_no_command_runs_unsigned(office, tmp_path, capsys):
    _sql(office, "DELETE FROM user_account")
    for command in (("participant", "list"), ("user", "list"), ("audit", "list")):
        code, out, err = run(office, *command, capsys=capsys)
        assert code == 2 and out == "", command
        assert "nie ma żadnego konta" in err and "kisdesk restore" in err
    code, _out, err = run(office, "migrate-to", f"sqlite:///{tmp_path / 'x.sqlite'}", capsys=capsys)
    assert code == 2 and not (tmp_path / "x.sqlite").exists()
    assert "audit.account_deleted" in _check(office, capsys)


def test_restoring_a_backup_is_the_way_back_after_accounts_were_deleted(office, capsys):
    code, _out, err = run(office, "backup", capsys=capsys, user="renata")
    assert code == 0, err
    backups = sorted((office.parent / "kisdesk-data" / "backups").glob("*.kisbak"))
    _sql(office, "DELETE FROM user_account")
    code, _out, err = run(office, "restore", str(backups[-1]), capsys=capsys)
    assert code == 0, err
    code, out, err = run(office, "user", "list", capsys=capsys, user="renata")
    assert code == 0 and "ola" in out


def test_dropped_triggers_and_a_cut_tail_are_reported(office, capsys):
    code, _out, err = run(
        office,
        *("participant", "add", "--first-name", "Ukryty", "--last-name", "Wpis"),
        *("--birth-date", "1980-05-14", "--sex", "M", "--document", "dowód ABC1"),
        "--start",
        "2026-11-02",
        capsys=capsys,
        user="renata",
    )
    assert code == 0, err
    code, _out, err = run(office, "backup", capsys=capsys, user="renata")
    assert code == 0, err
    conn = sqlite3.connect(office)
    (last,) = conn.execute("SELECT max(id) FROM audit_entry").fetchone()
    conn.close()
    _sql(
        office,
        "DROP TRIGGER audit_entry_no_delete",
        f"DELETE FROM audit_entry WHERE id >= {last - 4}",
        "DELETE FROM participation WHERE participant_id = 2",
        "DELETE FROM participant WHERE id = 2",
    )
    code, report, _ = _verify(office, capsys)
    assert code == 2
    problems = {p["code"]: p for p in report["problems"]}
    assert problems["audit.triggers_missing"]["names"] == "audit_entry_no_delete"
    cut = problems["audit.shorter_than_backup"]
    assert cut["id"] < cut["backup_id"]  # a few sign-ins were logged after the cut
    checked = _check(office, capsys)
    assert {"audit.triggers_missing", "audit.shorter_than_backup"} <= set(checked)


def test_on_an_encrypted_file_a_role_raised_with_ones_own_key_is_reported(office, capsys):
    """F2: kadra opens the encrypted file with its own password and makes itself leader."""
    import sqlcipher3

    from kisdesk.db import encryption as enc

    code, _out, err = run(office, "encrypt", "on", capsys=capsys, user="renata")
    assert code == 0, err
    key = enc.unlock(office, "jan", PASSWORDS["jan"])
    conn = sqlcipher3.connect(str(office))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("UPDATE user_account SET role = 'kierownik' WHERE login = 'jan'")
    conn.commit()
    conn.close()
    code, report, _ = _verify(office, capsys)
    assert code == 2
    assert [(p["code"], p["login"]) for p in report["problems"]] == [
        ("audit.account_outside_log", "jan")
    ]
    assert "audit.account_outside_log" in _check(office, capsys)


def test_going_back_to_an_older_backup_is_not_reported_as_a_cut_log(office, capsys):
    """A restore shortens the log on purpose: the restore entry explains it."""
    code, _out, err = run(office, "backup", capsys=capsys, user="renata")
    assert code == 0, err
    (first,) = (office.parent / "kisdesk-data" / "backups").glob("*.kisbak")
    code, _out, err = run(office, "group", "add", "Nowa grupa", capsys=capsys, user="renata")
    assert code == 0, err
    code, _out, err = run(office, "backup", capsys=capsys, user="renata")
    assert code == 0, err
    code, _out, err = run(office, "restore", str(first), capsys=capsys, user="renata")
    assert code == 0, err
    code, report, _ = _verify(office, capsys)
    assert code == 0 and report["problems"] == []
    assert not {"audit.shorter_than_backup", "audit.differs_from_backup"} & set(
        _check(office, capsys)
    )
