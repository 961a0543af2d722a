"""Art. 9 data against someone with the file and his own password (issue 12; misuse case F2;
docs/threat-model.md §3.4): the health categories and counselling notes are sealed under a
key only the leader and kadra with the grant unwrap, on a plain file and on an encrypted one
opened with the SQLCipher key of an account without the grant."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from roles_office import PASSWORDS, ROLES, copy, run

import kisdesk.cli as cli
from kisdesk.db.open import open_database
from kisdesk.services import activities

NOTE = "Pani Danuta mówi o nawrocie picia i leczeniu w poradni"
WORD = b"nawrocie"


def _cli(db: Path, *args: str, capsys) -> tuple[int, dict]:
    capsys.readouterr()
    code = cli.main(["--db", str(db), "--json", *args])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


def _with_note(db: Path) -> None:
    """A counselling session with a note, written while the office has no accounts."""
    database = open_database(f"sqlite:///{db}")
    try:
        with database.session() as s:
            activities.add_activity(
                s,
                activities.ActivityData(
                    date=dt.date(2026, 1, 9),
                    start_time=dt.time(10),
                    end_time=dt.time(11),
                    kind="individual",
                    topic="Poradnictwo",
                    participant_id=1,
                    note=NOTE,
                ),
            )
    finally:
        database.dispose()


def _bytes(db: Path) -> bytes:
    """Everything on disk of the database: the file and a write-ahead log if one is left."""
    wal = Path(f"{db}-wal")
    return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _rows(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return (
            conn.execute("select c.category from participant_category c order by 1").fetchall()
            + conn.execute("select note from activity").fetchall()
        )
    finally:
        conn.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    """An office used without accounts (Danuta: categories 2 and 5, a note), then given its
    accounts: what `check` said before, and what the first leader's `user add` printed."""
    folder = tmp_path_factory.mktemp("sealed")
    db = folder / "kis.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KISDESK_DATA_DIR", str(folder / "data"))

        def call(*args: str, password: str | None = None, new: str | None = None) -> str:
            for key, value in (("KISDESK_PASSWORD", password), ("KISDESK_NEW_PASSWORD", new)):
                if value is None:
                    mp.delenv(key, raising=False)
                else:
                    mp.setenv(key, value)
            import contextlib
            import io

            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                code = cli.main(["--db", str(db), "--json", *args])
            assert code in (0, 2), args
            return out.getvalue()

        call("init", "--type", "kis", "--name", "KIS w Zawoni")
        call("group", "add", "Grupa")
        call(
            *("participant", "add", "--first-name", "Danuta", "--last-name", "Kruk"),
            *("--birth-date", "1977-09-03", "--sex", "K", "--document", "dowód ABC123"),
            *("--start", "2026-01-05", "--group", "Grupa", "--category", "2"),
            *("--category", "5"),
        )
        _with_note(db)
        before = json.loads(call("check"))
        first = json.loads(
            call("user", "add", "renata", "--role", "kierownik", new=PASSWORDS["renata"])
        )
        for login in ("ewa", "jan", "ola"):
            extra = ("--no-sensitive",) if login == "jan" else ()
            call(
                *("--user", "renata", "user", "add", login, "--role", ROLES[login], *extra),
                password=PASSWORDS["renata"],
                new=PASSWORDS[login],
            )
    return db, before, first


@pytest.fixture
def office(template, tmp_path: Path, capsys) -> Path:
    capsys.readouterr()
    return copy(template[0], tmp_path)


def test_an_office_without_accounts_keeps_them_plain_and_check_says_so(template) -> None:
    _db, before, _first = template
    assert before["sensitive_data"] == "plain"


def test_the_first_leader_seals_them_and_prints_the_recovery_key(template, office, capsys) -> None:
    _db, _before, first = template
    assert len(first["sensitive_recovery_key"].replace("-", "")) == 36
    assert _rows(office) == [(5,), ("",)]  # category 2 and the note are no longer plain
    assert WORD not in _bytes(office) and "nawrocie".encode("utf-16-le") not in _bytes(office)
    code, report = _cli(office, "check", capsys=capsys)
    assert report["sensitive_data"] == "sealed"


def _pack(office: Path, user: str, capsys, tmp_path: Path) -> tuple[int, dict | str]:
    out = tmp_path / f"pack-{user}.json"
    code, _out, err = run(
        office, "rodo", "pack", "--participant", "1", "--out", str(out), capsys=capsys, user=user
    )
    return code, json.loads(out.read_text(encoding="utf-8")) if code == 0 else err


def test_the_leader_reads_them_through_the_program(office, capsys, tmp_path) -> None:
    code, pack = _pack(office, "renata", capsys, tmp_path)
    assert code == 0, pack
    assert [c["number"] for c in pack["categories"]] == [2, 5]
    assert [a["note"] for a in pack["counselling_sessions"]] == [NOTE]


def test_grant_and_revoke_from_the_command_line(office, capsys) -> None:
    code, out, err = run(
        office, "--json", "user", "grant-health", "jan", capsys=capsys, user="renata"
    )
    assert code == 0, err
    assert json.loads(out)["key"] == "waiting"  # jan has no key pair until he signs in
    code, _out, err = run(office, "user", "grant-health", "ola", capsys=capsys, user="renata")
    assert code == 2 and "kadry" in err
    code, out, err = run(
        office, "--json", "user", "revoke-health", "ewa", capsys=capsys, user="renata"
    )
    assert code == 0, err
    assert json.loads(out) == {"login": "ewa", "view_sensitive": False, "key": "none"}
    code, _out, err = run(office, "user", "revoke-health", "jan", capsys=capsys, user="ewa")
    assert code == 2  # the leader's decision only


def test_an_encrypted_file_opened_with_the_key_of_kadra_without_the_grant(
    office, capsys, tmp_path
) -> None:
    """Misuse case F2: jan (kadra without health categories) opens the encrypted file with
    sqlcipher3 and the database key his own password unwraps: no category 2, no note."""
    import sqlcipher3

    from kisdesk.db import encryption as enc

    code, _out, err = run(office, "encrypt", "on", capsys=capsys, user="renata")
    assert code == 0, err
    key = enc.unlock(office, "jan", PASSWORDS["jan"])
    conn = sqlcipher3.connect(str(office))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        categories = conn.execute("select category from participant_category").fetchall()
        notes = conn.execute("select note from activity").fetchall()
        plain = tmp_path / "decrypted.sqlite"
        conn.execute(f"ATTACH DATABASE '{plain}' AS plaintext KEY ''")
        conn.execute("SELECT sqlcipher_export('plaintext')")
        conn.execute("DETACH DATABASE plaintext")
    finally:
        conn.close()
    assert categories == [(5,)] and notes == [("",)]
    assert WORD not in plain.read_bytes()
    code, pack = _pack(office, "renata", capsys, tmp_path)  # the leader still reads them
    assert code == 0 and [a["note"] for a in pack["counselling_sessions"]] == [NOTE]


def test_the_recovery_key_gives_the_leader_the_key_again(
    template, office, capsys, monkeypatch, tmp_path
) -> None:
    """The leader's seal lost (every entitled password forgotten and reset leaves a new key
    pair without it): the program refuses the data pack, the printed recovery key seals the
    key to the leader again."""
    _db, _before, first = template
    conn = sqlite3.connect(office)
    conn.execute(
        "delete from data_key_seal where user_id = "
        "(select id from user_account where login = 'renata')"
    )
    conn.commit()
    conn.close()
    code, err = _pack(office, "renata", capsys, tmp_path)
    assert code == 2 and "hasłem kierownika" in err
    code, _out, err = run(office, "user", "recover-health", capsys=capsys, user="ewa")
    assert code == 2 and "nie pozwala" in err
    code, _out, err = run(office, "user", "recover-health", capsys=capsys, user="renata")
    assert code == 2 and "KISDESK_HEALTH_RECOVERY_KEY" in err
    other = "0000-0000-0000-0000-0000-0000-0000-0000-0000"
    monkeypatch.setenv("KISDESK_HEALTH_RECOVERY_KEY", other)
    code, _out, err = run(office, "user", "recover-health", capsys=capsys, user="renata")
    assert code == 2, err
    monkeypatch.setenv("KISDESK_HEALTH_RECOVERY_KEY", first["sensitive_recovery_key"])
    code, _out, err = run(office, "user", "recover-health", capsys=capsys, user="renata")
    assert code == 0, err
    code, pack = _pack(office, "renata", capsys, tmp_path)
    assert code == 0 and [a["note"] for a in pack["counselling_sessions"]] == [NOTE]
