"""Upgrades: every frozen revision reaches the head with nothing lost, a backup comes first,
each revision is all-or-nothing, and a database from a newer kisdesk is left untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from kisdesk.db import backup as bk
from kisdesk.db.migrate import MIGRATIONS_DIR, current_revision, head_revision, revisions
from kisdesk.db.open import open_database
from kisdesk.errors import StorageError
from kisdesk.messages import describe
from kisdesk.models import Base

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"
ROOT = Path(__file__).resolve().parents[2]


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return bk.row_counts(conn)
    finally:
        conn.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_revision_has_a_frozen_database() -> None:
    """Adding a revision? First run tests/fixtures/db/freeze.py while the old one is head."""
    missing = [r for r in revisions() if not (FIXTURES / f"rev_{r}.sqlite").exists()]
    assert missing == [], f"no frozen database for revisions {missing}"


@pytest.mark.parametrize("revision", revisions())
def test_a_frozen_database_upgrades_to_the_models(revision: str, tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    shutil.copy(FIXTURES / f"rev_{revision}.sqlite", path)
    before = counts(path)
    db = open_database(f"sqlite:///{path}")
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        assert diff == []
        backup = db.pre_upgrade_backup
    finally:
        db.dispose()
    after = counts(path)
    assert {t: after[t] for t in before if t != "alembic_version"} == {
        t: n for t, n in before.items() if t != "alembic_version"
    }
    assert after["attendance"] > 0 and after["participant"] > 0
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    if revision == head_revision():
        assert backup is None  # nothing to upgrade, nothing to back up
    else:
        assert backup is not None and backup.kind == "pre-upgrade"
        assert backup.schema_revision == revision
        assert bk.verify_backup(backup.path).row_counts == before


def test_a_database_from_a_newer_program_is_refused_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    shutil.copy(FIXTURES / f"rev_{head_revision()}.sqlite", path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    digest, mtime = sha(path), path.stat().st_mtime_ns
    with pytest.raises(StorageError) as caught:
        open_database(f"sqlite:///{path}")
    assert caught.value.code == "db.newer_than_program"
    assert "nowszej wersji programu" in describe(caught.value)
    assert sha(path) == digest and path.stat().st_mtime_ns == mtime
    assert not (tmp_path / "kisdesk-data" / "backups").exists()  # refused before any backup


REVISION = '''
"""injected by the test"""
import time
import sqlalchemy as sa
from alembic import op

revision = "{rev}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{body}


def downgrade() -> None:
    pass
'''


def migrations_with(tmp_path: Path, *injected: tuple[str, str]) -> Path:
    target = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    down = head_revision()
    for rev, body in injected:
        text = REVISION.format(
            rev=rev, down=down, body=textwrap.indent(textwrap.dedent(body), "    ")
        )
        (target / "versions" / f"{rev}_injected.py").write_text(text)
        down = rev
    return target


GOOD = """
op.create_table("extra_one", sa.Column("id", sa.Integer, primary_key=True))
"""
BROKEN = """
op.create_table("extra_two", sa.Column("id", sa.Integer, primary_key=True))
with op.batch_alter_table("participant") as batch:
    batch.add_column(sa.Column("nickname", sa.String(50), nullable=False, server_default=""))
op.execute("INSERT INTO extra_two (id) VALUES (1)")
raise RuntimeError("the migration has a bug")
"""


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def _columns(path: Path, table: str) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
    finally:
        conn.close()


def test_a_failing_revision_is_rolled_back_whole_and_earlier_ones_stay(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    shutil.copy(FIXTURES / f"rev_{head_revision()}.sqlite", path)
    before = counts(path)
    migrations = migrations_with(tmp_path, ("9001", GOOD), ("9002", BROKEN))
    with pytest.raises(StorageError) as caught:
        open_database(f"sqlite:///{path}", migrations_dir=migrations)
    assert caught.value.code == "db.upgrade_failed"
    assert "spójnej wersji" in describe(caught.value)
    tables = _tables(path)
    assert "extra_one" in tables  # revision 9001 committed whole
    assert "extra_two" not in tables  # revision 9002: the table, the batch copy, the row: gone
    assert "nickname" not in _columns(path, "participant")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("9001",)]
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    after = counts(path)
    assert {t: after[t] for t in before if t != "alembic_version"} == {
        t: n for t, n in before.items() if t != "alembic_version"
    }
    backup = Path(caught.value.params["backup"])
    assert backup.exists() and bk.verify_backup(backup).row_counts == before


SLOW = """
op.create_table("extra_slow", sa.Column("id", sa.Integer, primary_key=True))
op.execute("INSERT INTO extra_slow (id) VALUES (1)")
with op.batch_alter_table("participant") as batch:
    batch.add_column(sa.Column("nickname", sa.String(50), nullable=False, server_default=""))
print("MIGRATING", flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX; Windows uses TerminateProcess")
def test_an_upgrade_killed_half_way_leaves_the_old_database(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    shutil.copy(FIXTURES / f"rev_{head_revision()}.sqlite", path)
    before = counts(path)
    migrations = migrations_with(tmp_path, ("9003", SLOW))
    script = (
        "import sys; from pathlib import Path; from kisdesk.db.open import open_database; "
        "open_database(sys.argv[1], migrations_dir=Path(sys.argv[2]))"
    )
    env = {**os.environ, "KISDESK_DATA_DIR": str(tmp_path / "kisdesk-data")}
    child = subprocess.Popen(
        [sys.executable, "-c", script, f"sqlite:///{path}", str(migrations)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "MIGRATING"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    db = open_database(f"sqlite:///{path}")  # the real program starts again
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.dispose()
    assert "extra_slow" not in _tables(path)
    assert "nickname" not in _columns(path, "participant")
    after = counts(path)
    assert {t: after[t] for t in before if t != "alembic_version"} == {
        t: n for t, n in before.items() if t != "alembic_version"
    }
    backups = bk.list_backups(tmp_path / "kisdesk-data" / "backups")
    assert [b.kind for b in backups] == ["pre-upgrade"]  # taken before the killed upgrade
