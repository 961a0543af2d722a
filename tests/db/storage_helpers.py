"""Shared by the storage tests: an office in an SQLite file (storage is about files, so these
tests never run on PostgreSQL, unlike the `kis` fixture)."""

from __future__ import annotations

from pathlib import Path

from kisdesk.db import Database
from kisdesk.db.open import open_database
from kisdesk.services import groups, office


def new_office(path: Path) -> Database:
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="kis",
                name="Klub Integracji Społecznej w Zawoni",
                operator=office.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
                city="Zawonia",
            ),
        )
        groups.add_group(s, "Grupa poniedziałkowa")
    return db
