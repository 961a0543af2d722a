"""Shared fixtures: offscreen Qt, a fresh migrated database per test, isolated settings."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
import shutil  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from kisdesk.db import Database  # noqa: E402
from kisdesk.db.open import open_database  # noqa: E402
from kisdesk.services import groups, office  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Nothing a test does touches the real user's data folder or database."""
    folder = tmp_path / "kisdesk-data"
    monkeypatch.setenv("KISDESK_DATA_DIR", str(folder))
    monkeypatch.delenv("KISDESK_DB", raising=False)
    return folder


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'office.sqlite'}"


_PG = {"server": None, "url": os.environ.get("KISDESK_TEST_PG_URL"), "fresh": True}


def pytest_configure(config: pytest.Config) -> None:
    """Install the services' session listeners (the audit log, the RODO guard) as the program
    does at start; start a throw-away PostgreSQL server when asked (KISDESK_TEST_PG=auto, as
    dev.py test and CI do) so that every database test also runs against PostgreSQL."""
    from kisdesk.services import listeners

    listeners.install()
    _simulate_windows()
    if _PG["url"] or os.environ.get("KISDESK_TEST_PG", "") not in ("auto", "1"):
        return
    if "not slow" in (config.option.markexpr or ""):
        return  # the fast lane: its server tests are deselected, so no server is started
    from pg_server import TestServer

    server = TestServer()
    if not server.available:
        return
    _PG["url"], _PG["server"] = server.start(), server


def _simulate_windows() -> None:
    """The Windows lane of .ci/run (KISDESK_SIMULATE_WINDOWS=1): Windows' behaviours for the
    whole run, here and in every Python subprocess the tests start (tests/windows_sim.py)."""
    import windows_sim

    if not windows_sim.active():
        return
    windows_sim.install()
    path = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (windows_sim.site_dir(), path) if p)


def pytest_unconfigure(config: pytest.Config) -> None:
    server = _PG["server"]
    if server is not None:
        server.stop()


def pytest_report_header(config: pytest.Config) -> str:
    return f"kisdesk database backends: sqlite{', postgresql' if _PG['url'] else ''}"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Database tests run on SQLite and, when a server is up, on PostgreSQL (GUI tests on
    SQLite only: they exercise widgets, the services below them are tested on both)."""
    if "backend" not in metafunc.fixturenames:
        return
    backends: list[object] = ["sqlite"]
    if _PG["url"] and "tests/ui/" not in metafunc.definition.path.as_posix():
        # the server lane is slow (a server started, every table emptied per test): the fast
        # lane (-m "not slow") runs SQLite only, CI runs both
        backends.append(pytest.param("postgresql", marks=[pytest.mark.postgres, pytest.mark.slow]))
    metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


def _empty_postgres(url: str) -> None:
    """The shared test database emptied: dropped once per run, then truncated per test."""
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    with engine.begin() as conn:
        if _PG["fresh"]:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
            _PG["fresh"] = False
        else:
            tables = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
            if tables:
                names = ", ".join(f'"{t}"' for t in tables)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def empty_target_url(backend: str, tmp_path: Path) -> str:
    """A database with nothing in it, not even tables, of the current backend."""
    if backend == "postgresql":
        from sqlalchemy import create_engine, text

        engine = create_engine(str(_PG["url"]))
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        _PG["fresh"] = True  # the next `db` must migrate again
        return str(_PG["url"])
    return f"sqlite:///{tmp_path / 'target.sqlite'}"


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One empty database migrated to the newest revision, built once per run; each test
    gets a copy of the closed file (migrating anew for every test took most of their time)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    database = open_database(f"sqlite:///{path}", create=True)
    database.dispose()  # the last connection closing checkpoints and removes the WAL
    return path


@pytest.fixture
def db(backend: str, db_url: str, _migrated_template: Path) -> Iterator[Database]:
    """An empty database migrated to the newest revision (no office yet)."""
    url = db_url
    if backend == "sqlite":
        shutil.copyfile(_migrated_template, str(db_url).removeprefix("sqlite:///"))
    if backend == "postgresql":
        url = str(_PG["url"])
        _empty_postgres(url)
    database = open_database(url)
    yield database
    database.dispose()


@pytest.fixture
def kis(db: Database) -> Database:
    """A database with a KIS office and one group, "Grupa poniedziałkowa"."""
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="kis",
                name="Klub Integracji Społecznej w Zawoni",
                operator=office.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
                city="Zawonia",
                head_name="Renata Kowalczyk",
            ),
        )
        groups.add_group(s, "Grupa poniedziałkowa")
    return db


@pytest.fixture
def today() -> dt.date:
    return dt.date.today()
