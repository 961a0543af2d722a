"""`migrate-to` says in Polish which part of the target failed (no server, a refused login, no
such database, a file that cannot be made) and never echoes the driver's text, which names
the host and the user and, from psycopg, the password; the log gets the detail with the
password masked (docs/misuse-cases.md, "Moving to another database")."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pg_server
import pytest
from pg_server import DATABASE, USER
from sqlalchemy.engine import make_url

from kisdesk.cli import main
from kisdesk.db.transfer_errors import masked

SECRET = "tajne-haslo-serwera"


@pytest.fixture
def office(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "biuro.sqlite"
    assert main(["--db", str(path), "init", "--type", "kis", "--name", "KIS w Zawoni"]) == 0
    capsys.readouterr()
    return path


def _migrate(office: Path, url: str, capsys, caplog) -> tuple[int, str, str]:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="kisdesk"):
        code = main(["--db", str(office), "migrate-to", url])
    _out, err = capsys.readouterr()
    return code, err, "\n".join(r.getMessage() for r in caplog.records)


def _no_echo(err: str, *words: str) -> None:
    assert err.startswith("Błąd: ") and "Traceback" not in err
    for word in (SECRET, "FATAL", "failed", "refused", "Error", *words):
        assert word not in err, word


def test_no_server_at_the_address(office: Path, capsys, caplog) -> None:
    url = f"postgresql+psycopg://kisdesk:{SECRET}@127.0.0.1:1/kis"
    code, err, logged = _migrate(office, url, capsys, caplog)
    assert code == 2
    assert "nikt nie odpowiada" in err and "Nic nie zostało skopiowane" in err
    _no_echo(err, "127.0.0.1", "kisdesk")
    assert "Connection refused" in logged and SECRET not in logged


def test_a_target_file_that_cannot_be_made(office: Path, tmp_path: Path, capsys, caplog) -> None:
    target = tmp_path / "nie-ma-folderu" / "kopia.sqlite"
    code, err, logged = _migrate(office, f"sqlite:///{target}", capsys, caplog)
    assert code == 2 and "docelowego pliku bazy" in err
    _no_echo(err, "unable to open", str(target))
    assert "unable to open" in logged
    assert not target.parent.exists()


def test_a_driver_kisdesk_does_not_have(office: Path, capsys, caplog) -> None:
    code, err, logged = _migrate(
        office, f"mysql+nodriver://jan:{SECRET}@serwer/kis", capsys, caplog
    )
    assert code == 2 and "Nie można otworzyć docelowej bazy" in err
    _no_echo(err, "nodriver", "mysql", "jan")
    assert SECRET not in logged


def test_the_log_line_masks_the_password() -> None:
    url = make_url(f"postgresql+psycopg://jan:{SECRET}@serwer/kis")
    for text in (f"password={SECRET} host=serwer", f"conninfo 'password={SECRET}'", SECRET):
        assert SECRET not in masked(text, url)
    assert "***" in masked(f"password={SECRET} host=serwer", url)


# -- on a real server that asks for a password (KISDESK_TEST_PG=auto) -----------------------
@pytest.fixture(scope="module")
def password_server() -> Iterator[str]:
    server = pg_server.TestServer()
    if os.environ.get("KISDESK_TEST_PG", "") not in ("auto", "1") or not server.available:
        pytest.skip("PostgreSQL's server lane (KISDESK_TEST_PG=auto with the server installed)")
    url = server.start(password=SECRET)
    try:
        yield url.split("//", 1)[1].split("@", 1)[1].split("/", 1)[0]  # host:port
    finally:
        server.stop()


@pytest.mark.postgres
def test_a_wrong_password(office: Path, password_server: str, capsys, caplog) -> None:
    url = f"postgresql+psycopg://{USER}:zle-haslo-{SECRET}@{password_server}/{DATABASE}"
    code, err, logged = _migrate(office, url, capsys, caplog)
    assert code == 2 and "odrzucił logowanie" in err
    _no_echo(err, USER, "127.0.0.1", "password")
    assert "password authentication failed" in logged and SECRET not in logged


@pytest.mark.postgres
def test_a_database_missing_on_the_server(
    office: Path, password_server: str, capsys, caplog
) -> None:
    url = f"postgresql+psycopg://{USER}:{SECRET}@{password_server}/nie_ma_takiej"
    code, err, logged = _migrate(office, url, capsys, caplog)
    assert code == 2 and "nie ma docelowej bazy" in err
    _no_echo(err, USER, "nie_ma_takiej", "does not exist")
    assert "does not exist" in logged and SECRET not in logged


@pytest.mark.postgres
def test_the_right_password_copies(office: Path, password_server: str, capsys, caplog) -> None:
    url = f"postgresql+psycopg://{USER}:{SECRET}@{password_server}/{DATABASE}"
    code, err, _logged = _migrate(office, url, capsys, caplog)
    assert code == 0, err
