"""`migrate-to` copies every table out of the office: the leader's only, audited with its
target and never with the target's password (issue 12, item 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from roles_office import build, copy, run

from kisdesk.services.transfer import target_for_log


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("migrate-roles"))


@pytest.fixture
def office(template: Path, tmp_path: Path, capsys) -> Path:
    capsys.readouterr()
    return copy(template, tmp_path)


def _audit(office: Path, capsys) -> list[dict]:
    code, out, err = run(
        office, "--json", "audit", "list", "--limit", "100", capsys=capsys, user="renata"
    )
    assert code == 0, err
    return json.loads(out)["rows"]


@pytest.mark.parametrize("login", ["ewa", "jan", "ola"])
def test_no_role_but_the_leader_copies_the_office(office, tmp_path, capsys, login):
    target = tmp_path / "stolen.sqlite"
    code, out, err = run(office, "migrate-to", f"sqlite:///{target}", capsys=capsys, user=login)
    assert code == 2 and out == ""
    assert "tylko kierownik" in err and "Nic nie zostało skopiowane" in err
    assert not target.exists()  # nothing written
    rows = _audit(office, capsys)
    assert not [r for r in rows if r["event"] == "migrate"]
    refused = [r for r in rows if r["event"] == "access_denied"]
    assert refused and refused[0]["details"]["permission"] == "migrate"


def test_the_leaders_copy_is_audited_with_its_target(office, tmp_path, capsys):
    target = tmp_path / "serwer.sqlite"
    code, out, err = run(
        office, "--json", "migrate-to", f"sqlite:///{target}", capsys=capsys, user="renata"
    )
    assert code == 0, err
    assert json.loads(out)["counts"]["participant"] == 1
    entry = next(r for r in _audit(office, capsys) if r["event"] == "migrate")
    assert entry["user"] == "Renata" and entry["details"]["target"] == f"sqlite:///{target}"
    code, out, _ = run(office, "audit", "list", "--event", "migrate", capsys=capsys, user="renata")
    assert "Przeniesienie danych do innej bazy" in out and "serwer.sqlite" in out


def test_the_target_password_never_reaches_the_log(office, capsys):
    # Nothing listens on port 1: the copy fails, and both entries name the server without
    # the password.
    url = "postgresql+psycopg://kisdesk:tajne-haslo-serwera@127.0.0.1:1/kis"
    code, _out, err = run(office, "migrate-to", url, capsys=capsys, user="renata")
    assert code == 2 and "Nie można połączyć się" in err
    entries = [r for r in _audit(office, capsys) if r["event"] == "migrate"]
    assert [e["details"].get("action") for e in entries] == ["failed", None]
    assert entries[0]["details"]["reason"] == "transfer.target_unreachable"
    for entry in entries:
        assert entry["details"]["target"] == "postgresql+psycopg://kisdesk@127.0.0.1:1/kis"
    assert "tajne-haslo-serwera" not in office.read_bytes().decode("latin-1")
    assert "tajne" not in target_for_log("postgresql://u:tajne@h/db")


def test_a_malformed_address_is_refused_without_echoing_its_password(office, capsys):
    code, _out, err = run(office, "migrate-to", "to nie:tajne@adres", capsys=capsys, user="renata")
    assert code == 2 and "niepoprawny" in err and "tajne" not in err
