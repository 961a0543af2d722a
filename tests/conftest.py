"""Shared fixtures: offscreen Qt, a fresh migrated database per test, isolated settings."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
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


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An empty database migrated to the newest revision (no office yet)."""
    database = open_database(db_url)
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


def make_pesel(birth: dt.date, serial: int = 123, sex: str = "M") -> str:
    """A valid PESEL for a birth date (month offset by century) and sex (10th digit)."""
    offsets = {1800: 80, 1900: 0, 2000: 20, 2100: 40, 2200: 60}
    month = birth.month + offsets[birth.year // 100 * 100]
    sex_digit = (1 if sex == "M" else 0) + 2 * (serial % 5)
    digits = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial % 1000:03d}{sex_digit}"
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10) % 10
    return digits + str(check)
