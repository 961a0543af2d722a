"""A command that opens a database of an older version upgrades it after a verified backup,
and that backup is in the audit log like any other (issue: who may see what)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import select

from kisdesk.cli import main
from kisdesk.db.open import open_database
from kisdesk.models import AuditEntry
from kisdesk.services import audit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"


def test_the_backup_before_an_upgrade_is_in_the_audit_log(tmp_path: Path, capsys) -> None:
    path = tmp_path / "office.sqlite"
    shutil.copy(FIXTURES / "rev_0001.sqlite", path)
    assert main(["--db", str(path), "--json", "participant", "list"]) == 0
    capsys.readouterr()
    db = open_database(f"sqlite:///{path}")
    try:
        with db.read() as s:
            query = select(AuditEntry.details).where(AuditEntry.event == "backup")
            entries = [json.loads(text) for text in s.scalars(query)]  # canonical JSON
            assert audit.verify(s).ok
    finally:
        db.dispose()
    assert [details["kind"] for details in entries] == ["pre-upgrade"]
    assert entries[0]["file"].endswith(".kisbak")
